//! Markdown → HTML for the site: heading anchors, highlighted code, links between documents
//! rewritten to the built pages, files the documents link to collected for copying, and the
//! result sanitized so no script runs from a document (unless `allow-html` says the team
//! trusts its authors).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, html};

use super::highlight::{escape, highlight};
use super::urls::{Urls, resolve};
use crate::doc::markdown::options;

/// What rendering a document produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The text without markup, for the search index and excerpts.
    pub text: String,
    /// Files of the practice (not documents) the text links to, to copy into the site.
    pub assets: BTreeSet<String>,
}

/// Everything rendering needs to know about the rest of the site.
pub struct Env<'a> {
    pub urls: &'a Urls,
    /// Whether a practice-relative path is a file that can be copied into the site.
    pub is_file: &'a (dyn Fn(&str) -> bool + Sync),
    pub allow_html: bool,
}

/// Where copied files live in the site.
pub const ASSET_DIR: &str = "files/";

pub fn render(env: &Env, doc_path: &str, markdown: &str) -> Rendered {
    let mut out = Rendered::default();
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut emitted: Vec<Event> = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    let mut i = 0;
    while i < events.len() {
        let event = events[i].clone();
        i += 1;
        if let Some((lang, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let class = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"language-{lang}\"")
                    };
                    out.text.push_str(text);
                    out.text.push(' ');
                    emitted.push(Event::Html(CowStr::from(format!(
                        "<pre><code{class}>{}</code></pre>\n",
                        highlight(lang, text)
                    ))));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .unwrap_or("")
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_'))
                        .collect(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let text = heading_text(&events[i..]);
                let wanted = id.map_or_else(|| slug(&text), |s| slug(&s));
                let n = ids.entry(wanted.clone()).or_insert(0);
                let id = if *n == 0 {
                    wanted
                } else {
                    format!("{wanted}-{n}")
                };
                *n += 1;
                // `{key=value}` attributes are dropped here, not only by ammonia: with
                // `allow-html` nothing else would stop `{onfocus=… autofocus}`.
                emitted.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(env, doc_path, &dest_url, &mut out.assets);
                emitted.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(env, doc_path, &dest_url, &mut out.assets);
                emitted.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                out.text.push_str(t);
                emitted.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                emitted.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                out.text.push(' ');
                emitted.push(event);
            }
            e => emitted.push(e),
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, emitted.into_iter());
    // The whole body goes through ammonia, not only documents with raw HTML: heading
    // attributes, autolinks, reference definitions and footnotes all write markup too, and
    // one sanitizer over everything is simpler to trust than vetting each extension.
    out.html = if env.allow_html { raw } else { sanitize(&raw) };
    out.text = collapse_spaces(&out.text);
    out
}

/// The text of the heading whose events start at `rest`, up to its end.
fn heading_text(rest: &[Event]) -> String {
    let mut text = String::new();
    for e in rest {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// A heading's anchor: lowercase words joined by `-` (`Root Cause` → `root-cause`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// A link's destination in the site: documents become their pages, other files of the
/// practice are copied under `files/`, scripts are dropped, the web is left alone.
fn rewrite(env: &Env, doc_path: &str, dest: &str, assets: &mut BTreeSet<String>) -> String {
    let trimmed: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = trimmed.to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return "#".to_string();
    }
    let has_scheme = dest
        .find(':')
        .is_some_and(|i| !dest[..i].contains('/') && !dest[..i].contains('#'));
    if has_scheme || dest.starts_with('#') || dest.starts_with('/') || dest.is_empty() {
        return dest.to_string();
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let Some(target) = resolve(doc_path, &crate::paths::percent_decode(path)) else {
        return dest.to_string();
    };
    if let Some(page) = env.urls.page(&target) {
        return format!("{}{}", env.urls.href(page), fragment);
    }
    if (env.is_file)(&target) {
        let href = env.urls.href(&format!("{ASSET_DIR}{target}"));
        assets.insert(target);
        return format!("{href}{fragment}");
    }
    dest.to_string()
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ammonia with what the renderer itself emits allowed: anchors and classes on headings,
/// highlight classes, table alignment, task-list checkboxes and footnote ids. Scripts, event
/// handlers, `javascript:` URLs and every other style go. Built once: the builder's sets are
/// the costly part to make.
pub fn sanitize(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_tags(["input", "span"]);
            for tag in ["h1", "h2", "h3", "h4", "h5", "h6"] {
                b.add_tag_attributes(tag, ["id", "class"]);
            }
            for tag in ["li", "sup"] {
                b.add_tag_attributes(tag, ["id"]);
            }
            for tag in ["th", "td"] {
                b.add_tag_attributes(tag, ["style"]);
            }
            b.filter_style_properties(["text-align"].into());
            b.add_tag_attributes("div", ["id", "class"]);
            b.add_tag_attributes("sup", ["class"]);
            b.add_tag_attributes("span", ["class"]);
            b.add_tag_attributes("code", ["class"]);
            b.add_tag_attributes("pre", ["class"]);
            b.add_tag_attributes("input", ["type", "checked", "disabled"]);
            b.add_tag_attributes("a", ["id"]);
            b.link_rel(None);
            b
        })
        .clean(html)
        .to_string()
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    escape(s)
}

/// The items of the first-level lists in `markdown`, each rendered inline (no `<p>`).
pub fn list_items(env: &Env, doc_path: &str, markdown: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if depth == 1 => {
                let source = strip_marker(&markdown[range]);
                let html = render(env, doc_path, source.trim()).html;
                let inline = html
                    .trim()
                    .strip_prefix("<p>")
                    .and_then(|h| h.strip_suffix("</p>"))
                    .map_or_else(|| html.trim().to_string(), str::to_string);
                items.push(inline);
            }
            _ => {}
        }
    }
    items
}

fn strip_marker(item: &str) -> &str {
    let t = item.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(['.', ')']) {
        return &t[digits + 1..];
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::Practice;
    use crate::site::safe_html::unsafe_parts;

    fn with_env<T>(allow_html: bool, f: impl FnOnce(&Env) -> T) -> T {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("reports")).unwrap();
        std::fs::write(
            dir.path().join("reports/daily-2025-12-04.md"),
            "---\ntitle: x\n---\n",
        )
        .unwrap();
        let practice = Practice::load(dir.path()).unwrap();
        let urls = Urls::new(&practice, "/repo/");
        let is_file = |p: &str| p == "benchmarks/run.json";
        let env = Env {
            urls: &urls,
            is_file: &is_file,
            allow_html,
        };
        f(&env)
    }

    #[test]
    fn anchors_links_and_assets() {
        with_env(false, |env| {
            let r = render(
                env,
                "optimizations/a.md",
                "## Root Cause\n\n## Root Cause\n\n[d](../reports/daily-2025-12-04.md#x) [j](../benchmarks/run.json) [w](https://e.com)\n",
            );
            assert!(r.html.contains("<h2 id=\"root-cause\">"), "{}", r.html);
            assert!(r.html.contains("<h2 id=\"root-cause-1\">"), "{}", r.html);
            assert!(
                r.html
                    .contains("href=\"/repo/reports/daily-2025-12-04/#x\""),
                "{}",
                r.html
            );
            assert!(
                r.html.contains("href=\"/repo/files/benchmarks/run.json\""),
                "{}",
                r.html
            );
            assert!(r.html.contains("href=\"https://e.com\""), "{}", r.html);
            assert_eq!(r.assets.iter().collect::<Vec<_>>(), ["benchmarks/run.json"]);
        });
    }

    #[test]
    fn scripts_and_javascript_links_are_removed() {
        with_env(false, |env| {
            let r = render(
                env,
                "a.md",
                "<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>\n",
            );
            assert!(!r.html.contains("<script"), "{}", r.html);
            assert!(!r.html.contains("alert"), "{}", r.html);
        });
        // Without raw HTML ammonia is skipped: the renderer alone must keep scripts out.
        with_env(false, |env| {
            let r = render(
                env,
                "a.md",
                "[x](javascript:alert(2)) ![i](data:text/html,alert(3)) `<script>`\n",
            );
            assert!(!r.html.contains("alert"), "{}", r.html);
            assert!(!r.html.contains("<script>"), "{}", r.html);
        });
        with_env(true, |env| {
            let r = render(env, "a.md", "[x]( JavaScript:alert(2))\n");
            assert!(!r.html.contains("alert"), "{}", r.html);
        });
    }

    /// Markdown that produces attributes or URLs without any raw HTML in it.
    const NO_RAW_HTML_PAYLOADS: &str = "## Title {onfocus=alert(1) autofocus tabindex=1}\n\n\
        # T2 {#x .c onclick=alert(2)}\n\n\
        [a](JaVaScRiPt:alert(3)) [b](&#106;avascript:alert(4)) [c]( vbscript:alert(5))\n\n\
        [r][ref] ![i](java\tscript:alert(6))\n\n[ref]: javascript&colon;alert(7)\n\n\
        <javascript:alert(8)>\n\n\
        ```js\" onmouseover=\"alert(9)\nx\n```\n\n\
        | a {onclick=alert(10)} |\n|:--|\n| b |\n\n\
        text[^1]\n\n[^1]: note {onclick=alert(11)}\n\n- [x] done\n";

    #[test]
    fn markdown_extensions_yield_no_handlers_or_script_urls() {
        for allow_html in [false, true] {
            with_env(allow_html, |env| {
                let r = render(env, "a.md", NO_RAW_HTML_PAYLOADS);
                assert_eq!(unsafe_parts(&r.html), Vec::<String>::new(), "{}", r.html);
                assert!(!r.html.contains("autofocus"), "{}", r.html);
            });
        }
    }

    #[test]
    fn sanitizing_keeps_what_the_site_needs() {
        with_env(false, |env| {
            let r = render(
                env,
                "optimizations/a.md",
                "## Root Cause {#why .wide}\n\n| l | r |\n|:--|--:|\n| 1 | 2 |\n\n\
                 ```rust\nfn x() {}\n```\n\n![p](../benchmarks/run.json \"t\") \
                 [d](../reports/daily-2025-12-04.md) x[^n]\n\n[^n]: note\n",
            );
            for kept in [
                "<h2 id=\"why\"",
                "style=\"text-align:left\"",
                "style=\"text-align:right\"",
                "<code class=\"language-rust\">",
                "<span class=\"hl-k\">fn</span>",
                "src=\"/repo/files/benchmarks/run.json\"",
                "href=\"/repo/reports/daily-2025-12-04/\"",
                "class=\"footnote-reference\"",
            ] {
                assert!(r.html.contains(kept), "{kept} missing from {}", r.html);
            }
        });
    }

    #[test]
    fn code_is_highlighted_and_task_lists_survive() {
        with_env(false, |env| {
            let r = render(env, "a.md", "```sql\nSELECT 1;\n```\n\n- [x] done\n");
            assert!(r.html.contains("class=\"language-sql\""), "{}", r.html);
            assert!(
                r.html.contains("<span class=\"hl-k\">SELECT</span>"),
                "{}",
                r.html
            );
            assert!(r.html.contains("checked"), "{}", r.html);
        });
    }

    #[test]
    fn list_items_are_inline() {
        with_env(false, |env| {
            let items = list_items(env, "a.md", "1. First **one**.\n2. Second\n   - nested\n");
            assert_eq!(items.len(), 2);
            assert_eq!(items[0], "First <strong>one</strong>.");
        });
    }
}
