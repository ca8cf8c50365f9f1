//! The feed and the sitemap are XML a real parser reads, whatever the documents hold. (A site
//! past the sitemap protocol's 50,000 URLs gets a sitemap index: `site::pages::sitemap`'s unit
//! tests split at a small limit, since 50,000 documents take a minute to build in debug.)

use crate::support::Repo;

/// Every character XML 1.0 forbids (but NUL, which YAML and TOML refuse already), as YAML and
/// TOML escapes.
fn forbidden_escapes() -> String {
    let mut s: String = (1..32)
        .filter(|c| ![9, 10, 13].contains(c))
        .map(|c| format!("\\u{c:04X}"))
        .collect();
    s.push_str("\\uFFFE\\uFFFF");
    s
}

/// What the forbidden characters leave: nothing.
const KEPT: &str = "Ctl  <&> \"quoted\" 'single' end";

fn hostile_practice() -> Repo {
    let repo = Repo::example();
    let esc = forbidden_escapes();
    let title = format!("Ctl {esc} <&> \\\"quoted\\\" 'single' end");
    let book = repo.read("book.toml").replacen(
        "title = \"Platform performance practice\"",
        &format!("title = \"Site {esc} title\""),
        1,
    );
    repo.write("book.toml", book);
    repo.write(
        "optimizations/ctl-2025-12-30.md",
        format!(
            "---\ntitle: \"{title}\"\nkind: optimization\ndate: 2025-12-30\nstatus: deployed\nowner: \"Own {esc} er\"\ntags: [\"t{esc}ag\", plain]\nmetrics:\n  p95_ms: {{ before: 10, after: 5 }}\n---\n\nBody {esc} text.\n"
        ),
    );
    repo.write(
        "reports/daily-2025-12-30.md",
        format!(
            "---\ntitle: \"{title}\"\nkind: daily\ndate: 2025-12-30\nowner: \"Own {esc} er\"\nstatus: GREEN\ntags: [\"t{esc}ag\"]\nmetrics:\n  p95_ms: 380\n---\n\nSummary {esc} here.\n"
        ),
    );
    repo
}

#[test]
fn control_characters_in_titles_owners_and_tags_leave_a_valid_feed_and_sitemap() {
    let repo = hostile_practice();
    repo.perfdoc(&["build"]).code(0);
    let site = repo.path().join("site");
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed)
        .unwrap_or_else(|e| panic!("feed.xml is not XML: {e}\n{feed}"));
    let text_of = |node: roxmltree::Node, tag: &str| {
        node.children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    let root = doc.root_element();
    assert_eq!(text_of(root, "title").as_deref(), Some("Site  title"));
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let ours: Vec<_> = entries
        .iter()
        .filter(|e| text_of(**e, "title").as_deref() == Some(KEPT))
        .collect();
    assert_eq!(ours.len(), 2, "the record and the report:\n{feed}");
    for e in ours {
        let author = e
            .descendants()
            .find(|n| n.has_tag_name("name"))
            .and_then(|n| n.text());
        assert_eq!(author, Some("Own  er"));
        let summary = text_of(*e, "summary").unwrap_or_default();
        assert!(!summary.chars().any(|c| c.is_control()), "{summary:?}");
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap)
        .unwrap_or_else(|e| panic!("sitemap.xml is not XML: {e}\n{sitemap}"));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.iter().any(|l| l.ends_with("/optimizations/")),
        "{locs:?}"
    );
    assert!(
        locs.iter().all(|l| !l.chars().any(|c| c.is_control())),
        "{locs:?}"
    );
}

#[test]
fn a_small_site_keeps_one_sitemap() {
    let repo = Repo::example();
    repo.perfdoc(&["build"]).code(0);
    let site = repo.path().join("site");
    let text = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(doc.root_element().has_tag_name("urlset"), "{text}");
    assert!(!site.join("sitemap-1.xml").exists());
}
