//! `perfdoc build`: the example practice builds into a complete site whose every link resolves
//! under a sub-path, builds repeat byte for byte, `--out` refuses dangerous targets, documents
//! cannot run scripts, and a failed build leaves the previous site alone.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{Repo, tree_state};

/// Every file under `dir`, relative and `/`-separated, with its bytes.
pub fn site_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree_state(dir)
        .into_iter()
        .map(|(p, b)| {
            let rel = p.strip_prefix(dir).expect("inside").to_string_lossy();
            (rel.replace('\\', "/"), b)
        })
        .collect()
}

/// Checks every `href`/`src` of every HTML file under `dir`: internal links must start with
/// `base` and name a file that exists. Returns the broken ones as `page: link`.
pub fn broken_links(dir: &Path, base: &str) -> Vec<String> {
    let attr = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let files: BTreeSet<String> = site_files(dir).into_iter().map(|(p, _)| p).collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in files.iter().filter(|p| p.ends_with(".html")) {
        let html = std::fs::read_to_string(dir.join(page)).unwrap();
        for cap in attr.captures_iter(&html) {
            let link = cap[1].replace("&amp;", "&").replace("&#x2F;", "/");
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link == "data:,"
                || link.starts_with('#')
            {
                continue;
            }
            checked += 1;
            let Some(rest) = link.strip_prefix(base) else {
                broken.push(format!("{page}: {link} (not under {base})"));
                continue;
            };
            let path = rest.split(['#', '?']).next().unwrap_or("");
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            if !files.contains(&target) {
                broken.push(format!("{page}: {link}"));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} links found: the checker is not looking"
    );
    broken
}

fn build(repo: &Repo, args: &[&str]) -> PathBuf {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = repo.perfdoc(&all);
    run.code(0);
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
    let out = args
        .windows(2)
        .find(|w| w[0] == "--out")
        .map_or("site", |w| w[1]);
    repo.path().join(out)
}

#[test]
fn example_builds_every_page() {
    let repo = Repo::example();
    let site = build(&repo, &[]);
    for page in [
        "index.html",
        "optimizations/index.html",
        "optimizations/billing-stripe-batching-2025-12-04/index.html",
        "reports/index.html",
        "reports/daily-2025-12-04/index.html",
        "reports/weekly-2025-W52/index.html",
        "trends/index.html",
        "learnings/index.html",
        "tags/index.html",
        "tags/stripe/index.html",
        "pages/index.html",
        "pages/runbooks/baseline-update/index.html",
        "search/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "search-index.json",
        "static/style.css",
        "static/search.js",
        ".perfdoc-site",
    ] {
        assert!(site.join(page).is_file(), "missing {page}");
    }
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();

    let home = read("index.html");
    assert!(
        home.contains("Daily performance report 2025-12-31"),
        "latest daily"
    );
    assert!(home.contains("class=\"spark\""), "sparklines");
    assert!(home.contains("Stripe API call batching"), "biggest wins");

    let record = read("optimizations/billing-stripe-batching-2025-12-04/index.html");
    assert!(record.contains("<h2 id=\"root-cause\">"), "heading anchors");
    assert!(record.contains("2800"), "metrics table");
    assert!(record.contains("No git history"), "history placeholder");
    // A `.md` link between documents points at the built page.
    assert!(
        record.contains("href=\"/perfdoc/reports/daily-2025-12-02/\""),
        "rewritten link"
    );

    let report = read("reports/daily-2025-12-04/index.html");
    assert!(report.contains("rel=\"prev\""), "previous of its kind");
    assert!(report.contains("rel=\"next\""), "next of its kind");

    let trends = read("trends/index.html");
    assert!(trends.contains("<svg class=\"chart\""), "charts");
    assert!(trends.contains("<path class=\"line\" d=\"M"), "chart lines");
    assert!(
        trends.contains("class=\"regression\""),
        "regressions marked"
    );

    let learnings = read("learnings/index.html");
    assert!(
        learnings.contains("Never hold a database transaction open across a call"),
        "{learnings}"
    );
    assert!(
        learnings
            .contains("/perfdoc/optimizations/billing-stripe-batching-2025-12-04/#lessons-learned")
    );

    let index: serde_json::Value = serde_json::from_str(&read("search-index.json")).unwrap();
    let titles: Vec<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Stripe API call batching"), "{titles:?}");

    let feed = read("feed.xml");
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert!(feed.contains("<entry>"));
    assert!(read("sitemap.xml").contains("<loc>/perfdoc/trends/</loc>"));
}

#[test]
fn every_link_resolves_under_a_sub_path() {
    let repo = Repo::example();
    let site = build(
        &repo,
        &[
            "--out",
            "public",
            "--base-url",
            "https://org.github.io/repo/",
        ],
    );
    let broken = broken_links(&site, "/repo/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://org.github.io/repo/trends/</loc>"),
        "{sitemap}"
    );

    let site = build(&repo, &["--out", "root", "--base-url", "/"]);
    let broken = broken_links(&site, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn no_request_leaves_the_site() {
    let repo = Repo::example();
    let site = build(&repo, &[]);
    let external =
        regex::Regex::new(r#"<(?:script|link|img|iframe)[^>]*(?:src|href)="(?:https?:)?//"#)
            .unwrap();
    for (path, bytes) in site_files(&site) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            assert!(
                !external.is_match(&text),
                "{path} loads something from outside"
            );
        }
        if path.ends_with(".css") {
            assert!(
                !text.contains("@import") && !text.contains("url(http"),
                "{path}"
            );
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let repo = Repo::example();
    let a = build(&repo, &["--out", "a"]);
    let b = build(&repo, &["--out", "b"]);
    let (fa, fb) = (site_files(&a), site_files(&b));
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
    // Building again over a site perfdoc wrote replaces it, and leaves no temporary folders.
    build(&repo, &["--out", "a"]);
    assert_eq!(site_files(&a), fa);
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".perfdoc-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn out_refuses_the_practice_its_sources_and_foreign_folders() {
    let repo = Repo::example();
    repo.write("mine/notes.txt", "not perfdoc's");
    repo.write("a-file", "x");
    let before = tree_state(repo.path());
    for (out, why) in [
        (".", "practice's root"),
        ("..", "contains the practice"),
        ("reports", "source folder"),
        ("reports/site", "source folder"),
        ("content/../optimizations/x", "source folder"),
        ("mine", "perfdoc did not write it"),
        ("a-file", "not a folder"),
    ] {
        let run = repo.perfdoc(&["build", "--out", out]);
        run.code(2);
        assert!(run.stderr.contains("refusing"), "{out}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{out}: {}", run.stderr);
    }
    assert_eq!(
        tree_state(repo.path()),
        before,
        "a refused build wrote something"
    );
    // An empty folder is fine.
    std::fs::create_dir(repo.path().join("empty")).unwrap();
    build(&repo, &["--out", "empty"]);
}

#[test]
fn documents_cannot_run_scripts_and_front_matter_is_escaped() {
    let repo = Repo::example();
    repo.write(
        "content/evil.md",
        "---\ntitle: \"<script>alert('title')</script>\"\ntags: [\"<b>x</b>\"]\n---\n\n\
         <script>alert('body')</script>\n\n\
         [click](javascript:alert('link')) [also](  JaVaScRiPt:alert('case'))\n\n\
         <img src=\"x\" onerror=\"alert('img')\">\n\n<a href=\"javascript:alert('raw')\">raw</a>\n",
    );
    let site = build(&repo, &[]);
    let page = std::fs::read_to_string(site.join("pages/evil/index.html")).unwrap();
    // Only the escaped title may mention it; no markup carries a script.
    assert!(!page.contains("alert('"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.to_ascii_lowercase().contains("javascript:"), "{page}");
    assert!(!page.contains("onerror"), "{page}");
    assert!(page.contains("&lt;script&gt;"), "title escaped: {page}");
    let index = std::fs::read_to_string(site.join("search-index.json")).unwrap();
    assert!(
        index.contains("<script>alert('title')</script>") || index.contains("\\u003cscript"),
        "JSON keeps the title as text"
    );

    // A team that allows raw HTML gets it, but links still cannot be scripts.
    let toml = repo.read("book.toml").replace(
        "[preprocessor.perfdoc]\n",
        "[preprocessor.perfdoc]\nallow-html = true\n",
    );
    repo.write("book.toml", toml);
    let site = build(&repo, &[]);
    let page = std::fs::read_to_string(site.join("pages/evil/index.html")).unwrap();
    assert!(page.contains("<script>alert('body')</script>"), "{page}");
    assert!(!page.contains("href=\"javascript:alert('link')"), "{page}");
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let repo = Repo::example();
    let site = build(&repo, &[]);
    let before = site_files(&site);
    repo.write(
        "templates/site/home.html",
        "{% extends \"base.html\" %}{% block content %}{{ broken(( }}{% endblock content %}",
    );
    let run = repo.perfdoc(&["build"]);
    run.code(2);
    assert!(
        run.stderr.contains("home.html") || run.stderr.contains("template"),
        "{}",
        run.stderr
    );
    assert_eq!(site_files(&site), before, "the old site changed");
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".perfdoc-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_of_the_practice_overrides_the_default() {
    let repo = Repo::example();
    repo.write(
        "templates/site/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Custom 404 of {{ site.title }}</p>{% endblock content %}",
    );
    repo.write("templates/site/static/style.css", "body { color: teal; }\n");
    let site = build(&repo, &[]);
    let page = std::fs::read_to_string(site.join("404.html")).unwrap();
    assert!(
        page.contains("Custom 404 of Platform performance practice"),
        "{page}"
    );
    assert!(
        page.contains("<header class=\"top\">"),
        "still extends the default base"
    );
    let css = std::fs::read_to_string(site.join("static/style.css")).unwrap();
    assert_eq!(css, "body { color: teal; }\n");
}

#[test]
fn init_templates_copies_the_site_templates() {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--templates"]).code(0);
    for name in [
        "base.html",
        "home.html",
        "trends.html",
        "static/style.css",
        "static/search.js",
    ] {
        assert!(
            repo.path().join("templates/site").join(name).is_file(),
            "templates/site/{name}"
        );
    }
    // The copied templates are the defaults: the site still builds with them.
    build(&repo, &[]);
}

#[test]
fn an_empty_practice_builds() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let site = build(&repo, &[]);
    assert!(site.join("index.html").is_file());
    assert!(site.join("trends/index.html").is_file());
}

/// The section of the trends page about one metric.
fn trend_section<'a>(trends: &'a str, key: &str) -> &'a str {
    let start = trends
        .find(&format!("<section class=\"trend\" id=\"{key}\">"))
        .unwrap_or_else(|| panic!("no `{key}` trend:\n{trends}"));
    let len = trends[start..].find("</section>").expect("section closes");
    &trends[start..start + len]
}

#[test]
fn a_baseline_changed_in_git_is_a_promotion_on_the_trends_page_and_frames_records() {
    let repo = Repo::example();
    let current = repo.read("benchmarks/main-baseline.json");
    repo.write(
        "benchmarks/main-baseline.json",
        repo.read("benchmarks/main-baseline-2025-11.json"),
    );
    repo.commit("November baseline", "2025-12-01T09:00:00+00:00", "Jane Doe");
    let site = build(&repo, &[]);
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let trends = read("trends/index.html");
    let p95 = trend_section(&trends, "p95_ms");
    assert!(p95.contains("class=\"baseline\""), "the step line:\n{p95}");
    assert!(
        !trends.contains("class=\"promotion\""),
        "one version is no promotion:\n{p95}"
    );

    repo.write("benchmarks/main-baseline.json", current);
    repo.commit(
        "Promote the 29 December run",
        "2025-12-29T09:00:00+00:00",
        "Marcus Chen",
    );
    let site = build(&repo, &[]);
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let trends = read("trends/index.html");
    let p95 = trend_section(&trends, "p95_ms");
    assert!(
        p95.contains("<title>baseline promoted 2025-12-29: 390.2</title>"),
        "{p95}"
    );
    assert!(
        p95.contains(
            "Baseline promoted: <span class=\"badge plain ok\">2025-12-29: 390.2 ms</span>"
        ),
        "{p95}"
    );
    assert!(
        p95.contains("baseline 390.2 ms"),
        "in force at the latest report:\n{p95}"
    );

    // A record between the two versions names both, with its metric in each.
    let record = read("optimizations/billing-stripe-batching-2025-12-04/index.html");
    let around = record
        .split("<h2 id=\"baseline\">")
        .nth(1)
        .unwrap_or_else(|| panic!("no baseline section:\n{record}"));
    assert!(
        around.contains("of 2025-12-01; the next version"),
        "{around}"
    );
    assert!(around.contains("of 2025-12-29 (promoted)"), "{around}");
    assert!(
        around.contains("<td>P95 latency</td><td>512.3 ms</td><td>390.2 ms</td>"),
        "{around}"
    );
}

#[test]
fn a_report_past_a_threshold_is_a_regression_on_the_trends_page() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let daily = |date: &str, p95: u32, avg: u32| {
        format!(
            "---\ntitle: Daily {date}\nkind: daily\ndate: {date}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  p95_ms: {p95}\n  avg_ms: {avg}\n---\n\n## Summary\n\nA day.\n"
        )
    };
    repo.write("reports/daily-2026-01-01.md", daily("2026-01-01", 500, 240));
    // p95 +20% against the day before: past the 10% threshold; average +2% is not.
    repo.write("reports/daily-2026-01-02.md", daily("2026-01-02", 600, 245));
    repo.commit("Two days", "2026-01-02T18:00:00+00:00", "Jane Doe");
    let site = build(&repo, &[]);
    let trends = std::fs::read_to_string(site.join("trends/index.html")).unwrap();
    let p95 = trend_section(&trends, "p95_ms");
    assert!(
        p95.contains("<title>regression 2026-01-02: 600</title>"),
        "{p95}"
    );
    assert!(
        p95.contains("Regressions: <span class=\"badge plain bad\">2026-01-02: 600 ms</span>"),
        "{p95}"
    );
    let avg = trend_section(&trends, "avg_ms");
    assert!(!avg.contains("regression"), "{avg}");
    let open = trends
        .split("id=\"open-regressions\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no open regressions:\n{trends}"));
    assert!(
        open.contains("P95 latency</a> 2026-01-02: P95 latency 600 ms is over +10%"),
        "{open}"
    );
    assert!(!open.contains("Average latency"), "{open}");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("over +10% against the previous report (500 ms)"),
        "{home}"
    );
}
