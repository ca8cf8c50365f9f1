//! `placeholder`: no template text left behind — bracketed prompts such as `[Issue 1]` or
//! `[from dashboard]`, and TODO markers — in the body or in front-matter values.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::doc::yaml::{Node, Value};

static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([A-Za-z][^\[\]\n]{0,200})\]").expect("valid regex"));
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(TODO|TBD|FIXME|XXX)\b").expect("valid regex"));

pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let body = doc.body();
    let base = doc.body_start;
    for m in BRACKETED.find_iter(body) {
        let (start, end) = (base + m.start(), base + m.end());
        let inner = &m.as_str()[1..m.as_str().len() - 1];
        let next = doc.text[end..].chars().next();
        // Links, reference links, definitions and task boxes are Markdown, not placeholders.
        if matches!(next, Some('(' | '[' | ':'))
            || inner.eq_ignore_ascii_case("x")
            || doc.outline.in_code(start)
            || doc.outline.links.iter().any(|l| l.span.contains(&start))
        {
            continue;
        }
        out.push(found(doc, start..end, m.as_str()));
    }
    for m in MARKER.find_iter(body) {
        let start = base + m.start();
        if !doc.outline.in_code(start) {
            out.push(found(doc, start..base + m.end(), m.as_str()));
        }
    }
    if let Some(root) = doc.root() {
        scan_values(doc, root, out);
    }
}

fn scan_values(doc: &Doc, node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Str(s) => {
            // Most values are neither bracketed nor hold a marker: plain byte tests first,
            // the regexes (which say the same, more strictly) only for what passes them.
            let whole = s.starts_with('[')
                && s.ends_with(']')
                && BRACKETED
                    .find(s)
                    .is_some_and(|m| m.start() == 0 && m.end() == s.len());
            let marker = ["TODO", "TBD", "FIXME", "XXX"]
                .iter()
                .any(|w| s.contains(w))
                && MARKER.is_match(s);
            if whole || marker {
                out.push(found(doc, node.span.clone(), s));
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| scan_values(doc, n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| scan_values(doc, &e.value, out)),
        _ => {}
    }
}

fn found(doc: &Doc, span: std::ops::Range<usize>, text: &str) -> Diagnostic {
    Diagnostic::error(
        &doc.path,
        "placeholder",
        format!("placeholder `{text}` left from the template"),
    )
    .at(doc.locate(span))
    .hint("replace it with the real content, or delete the line")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<String> {
        let doc = Doc::parse("reports/x.md", text.to_string());
        let mut out = Vec::new();
        check(&doc, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn template_text_is_found() {
        let f = findings(
            "---\nowner: \"[Developer name]\"\n---\n## Top Issues\n1. [Issue 1]\n- [ ] [Action 1]\n- Current: [from dashboard]\nTODO: fill\n",
        );
        assert_eq!(f.len(), 5, "{f:?}");
    }

    #[test]
    fn links_tasks_and_code_are_not_placeholders() {
        let f = findings(
            "---\ntitle: x\n---\n- [x] done\n- [ ] open item\n[a link](b.md) and [ref][r] and `[Issue 1]`\n\n[r]: https://example.com\n\n```\nTODO\n```\n",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
