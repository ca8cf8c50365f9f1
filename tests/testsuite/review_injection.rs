//! `perfdoc review` on a change whose documents, file names, config and commit carry Markdown
//! and HTML payloads: the comment GitHub renders must show them as text. The output is parsed
//! with pulldown-cmark (GitHub's dialect: tables, strikethrough, math) and judged on its
//! events, not on strings.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::Repo;

/// Every trick a pull request can play on a comment: a team mention, a tracking image, a
/// link, raw HTML, a multi-line value that closes the `<details>` fold and opens a heading,
/// table-breaking pipes, a code span, bare autolinks, an issue reference, math, and a
/// right-to-left override that would show the text after it backwards.
const PAYLOAD: &str = "\u{202E}gnp.x\u{202C} @acme/security ![t](https://evil.example/t.png) [click](https://evil.example/) \
<img src=x onerror=alert(1)> </summary></details>\\n\\n## Injected\\n| a | b | `code` *em* \
www.evil.example https://evil.example/bare #12 $x$";

fn hostile_change() -> Repo {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[output.html]\nsite-url = \"/p/\"\n",
    );
    repo.write("content/index.md", "---\ntitle: Home\n---\n\nHome.\n");
    repo.commit("Start", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"T\"\n\n[output.html]\nsite-url = \"/p/\"\n\n\
             [preprocessor.perfdoc.metrics.p95_ms]\nname = \"{PAYLOAD}\"\nunit = \"{PAYLOAD}\"\n"
        ),
    );
    repo.write(
        "content/guide.md",
        format!(
            "---\ntitle: \"{PAYLOAD}\"\nowner: \"{PAYLOAD}\"\ntags: [\"{PAYLOAD}\"]\n---\n\nText.\n"
        ),
    );
    repo.write(
        "optimizations/cache-2025-12-31.md",
        format!(
            "---\ntitle: \"{PAYLOAD}\"\nkind: optimization\ndate: 2025-12-31\nstatus: deployed\n\
             owner: \"{PAYLOAD}\"\nmetrics:\n  p95_ms: {{ before: 100, after: 200 }}\n  \"{PAYLOAD}\": {{ before: 1, after: 2 }}\n---\n\nText.\n"
        ),
    );
    repo.write(
        "content/@acme ![i](x.png) [l](y) |z `c`.md",
        "---\ntitle: ok\n---\n\nText.\n",
    );
    repo.write("benchmarks/@acme ![i](x.png) |b.json", "{ not json");
    repo.commit(
        "@acme/security ![t](https://evil.example/t.png) <b>bold</b> | pipe #12",
        "2026-01-05T09:00:00+00:00",
        "Marcus Chen",
    );
    repo
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH
}

#[test]
fn hostile_values_are_shown_as_text_in_the_review() {
    let repo = hostile_change();
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(
        out.contains("<details>"),
        "the documents are folded:\n{out}"
    );

    let allowed = ["details", "summary", "b", "code"];
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    let mut cells = Vec::new();
    let mut cell: Option<String> = None;
    let mut text = String::new();
    let mut opened = 0;
    let mut closed = 0;
    for event in Parser::new_ext(&out, options()) {
        match &event {
            // perfdoc's own links to the practice's pages are the only ones.
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(dest_url.starts_with("/p/"), "a link to {dest_url}:\n{out}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => panic!("an image {dest_url}:\n{out}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("math {m}:\n{out}"),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.push(heading.take().unwrap()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.push(cell.take().unwrap()),
            Event::Html(h) | Event::InlineHtml(h) => {
                for tag in h.split('<').skip(1) {
                    let name: String = tag
                        .trim_start_matches('/')
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect();
                    assert!(allowed.contains(&name.as_str()), "raw HTML <{tag}:\n{out}");
                    if name == "details" {
                        if tag.starts_with('/') {
                            closed += 1;
                        } else {
                            opened += 1;
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                for s in [&mut heading, &mut cell].into_iter().flatten() {
                    s.push_str(t);
                }
                text.push_str(t);
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            "perfdoc review",
            "Needs attention",
            "Documents",
            "Benchmarks"
        ],
        "{out}"
    );
    assert!(
        opened > 0 && opened == closed,
        "{opened} <details> opened, {closed} closed:\n{out}"
    );
    // No mention or issue reference GitHub would act on in the text the reader sees (GitHub
    // finds them after rendering), nor a bare autolink in what it parses.
    let reference = |s: &str| s.match_indices("#12").any(|(i, _)| !s[..i].ends_with('&'));
    assert!(!text.contains("@acme") && !reference(&text), "{out}");
    assert!(!out.contains("@acme") && !reference(&out), "{out}");
    for bad in ["www.evil", "https://evil"] {
        assert!(!out.contains(bad), "the Markdown holds {bad}:\n{out}");
    }
    // The payloads are shown, pipes and all, each in its one cell.
    assert!(
        cells
            .iter()
            .any(|c| c.contains("| a | b |") && c.contains("![t](")),
        "the metric's name stays in one cell: {cells:#?}\n{out}"
    );
    assert!(text.contains("![t]("), "{out}");
    assert!(
        !out.contains(['\u{202E}', '\u{202C}']),
        "no direction override reaches the comment:\n{out}"
    );
    assert!(text.contains("</summary></details>"), "{out}");
}
