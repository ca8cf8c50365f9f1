//! The monthly deep dive's roadmap: records in `proposed` and `in-progress` status with a
//! priority, grouped High / Medium / Low with estimated improvement, effort, impact and owner,
//! on the site's Roadmap page and in the monthly scaffold's "Optimizations Planned".

use crate::support::{RECORD_BODY as BODY, Repo};

fn record(repo: &Repo, slug: &str, front: &str) {
    repo.write(
        &format!("optimizations/{slug}-2025-12-10.md"),
        format!("---\ntitle: {slug}\nkind: optimization\ndate: 2025-12-10\nowner: Priya Raman\n{front}---\n{BODY}"),
    );
}

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    record(
        &repo,
        "cache-plans",
        "status: proposed\npriority: high\nseverity: high\ncustomers_affected: 50\nmetrics:\n  p95_ms: { before: 900 }\noptions:\n  A: { summary: Cache plan lookups, estimate_pct: 20, risk: low, effort_hours: 5 }\nchosen: A\n",
    );
    record(
        &repo,
        "pool-tuning",
        "status: in-progress\npriority: low\nmetrics:\n  avg_ms: { before: 300, after: 280 }\n",
    );
    record(
        &repo,
        "no-priority",
        "status: proposed\nmetrics:\n  avg_ms: { before: 300 }\n",
    );
    record(
        &repo,
        "done",
        "status: deployed\npriority: high\nmetrics:\n  avg_ms: { before: 300, after: 200 }\n",
    );
    repo
}

#[test]
fn the_monthly_scaffold_plans_from_the_roadmap() {
    let repo = practice();
    repo.perfdoc(&["new", "monthly", "2025-12", "--date", "2026-01-05"])
        .code(0);
    let text = repo.read("reports/monthly-2025-12.md");
    let planned = text
        .split("## Optimizations Planned")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect(&text);
    assert!(planned.contains("High priority"), "{planned}");
    assert!(
        planned.contains("[cache-plans](../optimizations/cache-plans-2025-12-10.md): estimated improvement 20% on p95&#95;ms, effort 5 h, impact high (50 customers a day), owner Priya Raman"),
        "{planned}"
    );
    assert!(planned.contains("Low priority"), "{planned}");
    assert!(planned.contains("[pool-tuning]"), "{planned}");
    assert!(!planned.contains("no-priority"), "{planned}");
    assert!(!planned.contains("[done]"), "{planned}");
    assert!(!planned.contains("[Planned 1]"), "{planned}");
    assert!(planned.find("High").unwrap() < planned.find("Low").unwrap());
}

#[test]
fn an_empty_roadmap_leaves_the_placeholder() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.perfdoc(&["new", "monthly", "2025-12", "--date", "2026-01-05"])
        .code(0);
    assert!(
        repo.read("reports/monthly-2025-12.md")
            .contains("- [Planned 1]")
    );
}

#[test]
fn the_site_has_a_roadmap_page() {
    let repo = practice();
    repo.perfdoc(&["build"]).code(0);
    let html = std::fs::read_to_string(repo.path().join("site/roadmap/index.html")).unwrap();
    assert!(html.contains("High priority"), "{html}");
    assert!(html.contains("cache-plans"), "{html}");
    assert!(html.contains("pool-tuning"), "{html}");
    assert!(!html.contains("no-priority"), "{html}");
    assert!(html.contains("20%"), "{html}");
}
