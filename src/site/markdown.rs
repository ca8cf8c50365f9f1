//! Markdown → HTML for the site: heading anchors, highlighted code, links between documents
//! rewritten to the built pages, files the documents link to collected for copying, and the
//! result sanitized so no script runs from a document (unless `allow-html` says the team
//! trusts its authors).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, html};

use super::highlight::highlight;
use super::urls::Urls;
use crate::doc::markdown::options;
use crate::location::{Target, resolve_link};

/// What rendering a document produced.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    /// The text without markup, for the search index and excerpts.
    pub text: String,
    /// Files of the practice (not documents) the text links to, to copy into the site.
    pub assets: BTreeSet<String>,
    /// The items of its `Lessons Learned` section's list, each as inline HTML, for the
    /// learnings page; `None` without the section. Made with the body, so a rebuild that
    /// keeps the rendering keeps them too.
    pub lessons: Option<Vec<String>>,
}

/// The section the learnings page gathers from each record.
pub const LESSONS: &str = "Lessons Learned";

/// Everything rendering needs to know about the rest of the site.
pub struct Env<'a> {
    pub urls: &'a Urls,
    /// Whether a practice-relative path is a file the site may copy (`location::Root::asset`).
    pub is_file: &'a (dyn Fn(&str) -> bool + Sync),
    pub allow_html: bool,
}

/// Where copied files live in the site.
pub const ASSET_DIR: &str = "files/";

/// How much HTML is sanitized at a time. ammonia parses what it cleans into a tree many times
/// the size of the text (a `#` line becomes a whole element), so a long document is cleaned a
/// few top-level blocks at a time: memory stays bounded by this, whatever the input.
const CHUNK_BYTES: usize = 64 * 1024;

pub fn render(env: &Env, doc_path: &str, markdown: &str) -> Rendered {
    render_in_chunks(env, doc_path, markdown, CHUNK_BYTES)
}

/// [`render`], sanitizing whenever `chunk_bytes` of HTML are written and a top-level block
/// ends. Public so the fuzz target can cut as small as 1 byte: each chunk is sanitized into
/// balanced, closed HTML, so chunks joined are as safe as each one.
pub fn render_in_chunks(env: &Env, doc_path: &str, markdown: &str, chunk_bytes: usize) -> Rendered {
    let mut out = Rendered::default();
    // The HTML writer writes here; the event stream below takes finished blocks out of it.
    let written = RefCell::new(String::new());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let clean = |raw: String| {
        // The whole body goes through ammonia, not only documents with raw HTML: heading
        // attributes, autolinks, reference definitions and footnotes all write markup too,
        // and one sanitizer over everything is simpler to trust than vetting each extension.
        if env.allow_html { raw } else { sanitize(&raw) }
    };
    {
        let mut parser = Parser::new_ext(markdown, options());
        // Events read ahead (a heading's, to name its anchor) and not yet handed on.
        let mut ahead: VecDeque<Event> = VecDeque::new();
        let mut ids = Ids::default();
        let mut code: Option<(String, String)> = None;
        let mut depth = 0usize;
        let events = std::iter::from_fn(|| {
            loop {
                if depth == 0 && code.is_none() && written.borrow().len() >= chunk_bytes {
                    html.push_str(&clean(written.take()));
                }
                let event = ahead.pop_front().or_else(|| parser.next())?;
                let event = if let Some((lang, text)) = code.as_mut() {
                    match event {
                        Event::Text(t) => {
                            text.push_str(&t);
                            continue;
                        }
                        Event::End(TagEnd::CodeBlock) => {
                            let event = code_block(lang, text, &mut out.text);
                            code = None;
                            event
                        }
                        _ => continue,
                    }
                } else {
                    match vet(env, doc_path, event, &mut out, &mut ids, || {
                        // A heading holds inline content only: reading to its end is bounded
                        // by its line.
                        for e in parser.by_ref() {
                            let end = matches!(e, Event::End(TagEnd::Heading(_)));
                            ahead.push_back(e);
                            if end {
                                break;
                            }
                        }
                        heading_text(ahead.iter())
                    }) {
                        Vetted::Emit(e) => e,
                        Vetted::StartCode(lang) => {
                            code = Some((lang, String::new()));
                            continue;
                        }
                    }
                };
                match event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                return Some(event);
            }
        });
        html::write_html_fmt(Writer(&written), events).expect("writing to a String");
    }
    html.push_str(&clean(written.take()));
    out.html = html;
    out.text = collapse_spaces(&out.text);
    out
}

/// What the renderer does with one event outside code blocks.
enum Vetted<'a> {
    Emit(Event<'a>),
    /// A code block starts: its text is gathered and highlighted at its end.
    StartCode(String),
}

/// Anchors on headings, rewritten link and image destinations, the text gathered for search.
/// `read_heading` reads the rest of a heading ahead and returns its text.
fn vet<'a>(
    env: &Env,
    doc_path: &str,
    event: Event<'a>,
    out: &mut Rendered,
    ids: &mut Ids,
    read_heading: impl FnOnce() -> String,
) -> Vetted<'a> {
    let event = match event {
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
            return Vetted::StartCode(lang);
        }
        Event::Start(Tag::Heading {
            level, id, classes, ..
        }) => {
            let text = read_heading();
            let wanted = id.map_or_else(|| slug(&text), |s| slug(&s));
            // `{key=value}` attributes are dropped here, not only by ammonia: with
            // `allow-html` nothing else would stop `{onfocus=… autofocus}`.
            Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(ids.unique(wanted))),
                classes,
                attrs: Vec::new(),
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(rewrite(env, doc_path, &dest_url, &mut out.assets)),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(rewrite(env, doc_path, &dest_url, &mut out.assets)),
            title,
            id,
        }),
        Event::Text(ref t) | Event::Code(ref t) => {
            out.text.push_str(t);
            event
        }
        Event::SoftBreak
        | Event::HardBreak
        | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
            out.text.push(' ');
            event
        }
        e => e,
    };
    Vetted::Emit(event)
}

/// A finished code block, highlighted; its text also goes to the search text.
fn code_block<'a>(lang: &str, code: &str, search: &mut String) -> Event<'a> {
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{lang}\"")
    };
    search.push_str(code);
    search.push(' ');
    Event::Html(CowStr::from(format!(
        "<pre><code{class}>{}</code></pre>\n",
        highlight(lang, code)
    )))
}

/// The HTML writer's output, shared with the event stream that feeds it.
struct Writer<'a>(&'a RefCell<String>);

impl std::fmt::Write for Writer<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// Heading anchors, each used once: a repeated `Root Cause` becomes `root-cause-1`, skipping
/// any id a heading already took. Each base name keeps its next number, so n equal headings
/// cost n steps, not n²; taken ids are kept as hashes (a collision only skips a number), so
/// a document of a million headings does not hold a million strings.
#[derive(Default)]
struct Ids {
    taken: HashSet<u64>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, wanted: String) -> String {
        if self.taken.insert(hash(&wanted)) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(1);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.taken.insert(hash(&id)) {
                return id;
            }
        }
    }
}

/// A hash that is the same on every run, so two builds write the same anchors.
fn hash(s: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// The text of a heading from its events, up to its end.
fn heading_text<'e, 'a: 'e>(rest: impl Iterator<Item = &'e Event<'a>>) -> String {
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
    let Target::Local { path, suffix } = resolve_link(doc_path, dest) else {
        return dest.to_string();
    };
    if let Some(page) = env.urls.page(&path) {
        return format!("{}{}", env.urls.href(page), suffix);
    }
    if (env.is_file)(&path) {
        let href = env.urls.href(&format!("{ASSET_DIR}{path}"));
        assets.insert(path);
        return format!("{href}{suffix}");
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
    fn every_anchor_is_used_once() {
        with_env(false, |env| {
            let r = render(env, "a.md", "# a\n\n# a\n\n# a-1\n\n# A\n\n## x {#a-2}\n");
            let ids: Vec<&str> = r
                .html
                .split("id=\"")
                .skip(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .collect();
            assert_eq!(ids, ["a", "a-1", "a-1-1", "a-2", "a-2-1"], "{}", r.html);
        });
    }

    #[test]
    fn chunked_sanitizing_matches_whole_documents() {
        with_env(false, |env| {
            let md = "# a\n\n| x |\n|--:|\n| 1 |\n\ntext[^1] <b>bold</b>\n\n```sh\nls\n```\n\n[^1]: note\n\n<div>\n\n*in*\n\n</div>\n";
            let whole = render_in_chunks(env, "a.md", md, usize::MAX);
            let cut = render_in_chunks(env, "a.md", md, 1);
            assert!(whole.html.contains("<b>bold</b>"), "{}", whole.html);
            assert!(
                cut.html
                    .contains("<sup class=\"footnote-reference\"><a href=\"#1\">1</a>"),
                "{}",
                cut.html
            );
            assert!(
                cut.html.contains("<code class=\"language-sh\">ls"),
                "{}",
                cut.html
            );
            assert_eq!(unsafe_parts(&cut.html), Vec::<String>::new());
            assert_eq!(whole.text, cut.text);
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
