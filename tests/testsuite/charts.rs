//! Trend charts and the home page's figures: a metric with one figure draws that point (a path
//! of one point draws nothing), and a practice with no figures says so rather than "within
//! the thresholds".

use crate::support::Repo;

#[test]
fn a_chart_with_one_point_draws_the_point() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write(
        "reports/daily-2025-12-04.md",
        "---\ntitle: Daily\nkind: daily\ndate: 2025-12-04\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  p95_ms: 285\n---\n\n## Overnight Metrics\n\n- P95: 285 ms\n\n## Notable Events\n\n- None.\n\n## Action Items\n\n- None.\n",
    );
    repo.perfdoc(&["build"]).code(0);
    let html = std::fs::read_to_string(repo.path().join("site/trends/index.html")).unwrap();
    let chart = html
        .split("<svg class=\"chart\"")
        .nth(1)
        .expect("a chart for p95_ms");
    let chart = chart.split("</svg>").next().unwrap();
    assert!(chart.contains("<circle class=\"point\""), "{chart}");
    assert!(chart.contains("2025-12-04: 285"), "{chart}");
}

#[test]
fn a_practice_without_figures_says_there_are_none_yet() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.perfdoc(&["build"]).code(0);
    let home = std::fs::read_to_string(repo.path().join("site/index.html")).unwrap();
    assert!(!home.contains("within the thresholds"), "{home}");
    assert!(home.contains("No figures yet"), "{home}");
}
