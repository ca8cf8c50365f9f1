//! Where a document lives: the review links every kind of document to a page the build wrote,
//! and the source link keeps the practice's folder inside the repository.

use crate::support::{Repo, run_in};

const BASE_DATE: &str = "2025-12-30T09:00:00+00:00";
const HEAD_DATE: &str = "2026-01-05T09:00:00+00:00";

/// Appends a line to a document so the change touches it.
fn touch(repo: &Repo, rel: &str) {
    let text = repo.read(rel);
    repo.write(rel, format!("{text}\nEdited on the topic branch.\n"));
}

#[test]
fn every_review_link_reaches_a_page_the_build_wrote() {
    let repo = Repo::example();
    repo.commit("December practice", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    let touched = [
        "optimizations/billing-stripe-batching-2025-12-04.md",
        "reports/daily-2025-12-04.md",
        "reports/weekly-2025-W50.md",
        "reports/monthly-2025-12.md",
        "content/runbooks/baseline-update.md",
        "content/index.md",
        "content/SUMMARY.md",
    ];
    for rel in touched {
        touch(&repo, rel);
    }
    repo.commit("Edit one of each kind", HEAD_DATE, "Marcus Chen");

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    repo.perfdoc(&[
        "build",
        "--base-url",
        "/perfdoc/",
        "--out",
        site.to_str().unwrap(),
    ])
    .code(0);
    let review = repo
        .perfdoc(&["review", "--base", "main"])
        .code(0)
        .stdout
        .clone();

    let link = regex::Regex::new(r"\]\((/perfdoc/[^)\s]*)\)").unwrap();
    let mut followed = 0;
    let mut missing = Vec::new();
    for cap in link.captures_iter(&review) {
        let rest = &cap[1]["/perfdoc/".len()..];
        let path = rest.split(['#', '?']).next().unwrap_or("");
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        followed += 1;
        if !site.join(&file).is_file() {
            missing.push(cap[1].to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "links to no page: {missing:?}\n{review}"
    );
    // One page link per touched document at least.
    assert!(
        followed >= touched.len(),
        "only {followed} links followed\n{review}"
    );
    assert!(
        review.contains("/perfdoc/pages/runbooks/baseline-update/"),
        "{review}"
    );
}

#[test]
fn source_link_keeps_the_practice_folder_inside_the_repository() {
    let repo = Repo::new();
    let practice = repo.path().join("perf");
    std::fs::create_dir_all(&practice).unwrap();
    run_in(&practice, &["init"]).code(0);
    std::fs::write(
        practice.join("book.toml"),
        "[book]\ntitle = \"Perf\"\n\n[output.html]\ngit-repository-url = \"https://github.com/acme/app\"\n",
    )
    .unwrap();
    std::fs::write(
        practice.join("content/notes.md"),
        "---\ntitle: Notes\n---\n\nA free page.\n",
    )
    .unwrap();
    repo.commit("practice in a folder", BASE_DATE, "Jane Doe");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    run_in(&practice, &["build", "--out", site.to_str().unwrap()]).code(0);
    let page = std::fs::read_to_string(site.join("pages/notes/index.html")).unwrap();
    assert!(
        page.contains("https://github.com/acme/app/blob/HEAD/perf/content/notes.md"),
        "{page}"
    );
    assert!(!page.contains("blob/HEAD/content/notes.md"), "{page}");
}

#[test]
fn every_form_of_link_reaches_the_same_page_in_check_and_site() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write(
        "content/runbooks/a b.md",
        "---\ntitle: Runbook\n---\n\nSteps.\n",
    );
    repo.write(
        "content/links.md",
        "---\ntitle: Links\n---\n\n\
         [dot](./runbooks/a%20b.md) [up](../content/runbooks/a%20b.md#steps) \
         [query](runbooks/a%20b.md?v=2) [root](/content/runbooks/a%20b.md)\n",
    );
    let check = repo.perfdoc(&["check", "content/links.md"]);
    assert!(!check.stdout.contains("broken-link"), "{}", check.stdout);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    repo.perfdoc(&[
        "build",
        "--base-url",
        "/p/",
        "--out",
        site.to_str().unwrap(),
    ])
    .code(0);
    let page = std::fs::read_to_string(site.join("pages/links/index.html")).unwrap();
    for href in [
        "href=\"/p/pages/runbooks/a-b/\"",
        "href=\"/p/pages/runbooks/a-b/#steps\"",
        "href=\"/p/pages/runbooks/a-b/?v=2\"",
    ] {
        assert!(page.contains(href), "{href} missing:\n{page}");
    }
    assert_eq!(
        page.matches("href=\"/p/pages/runbooks/a-b/\"").count(),
        2,
        "{page}"
    );
    assert!(site.join("pages/runbooks/a-b/index.html").is_file());
}
