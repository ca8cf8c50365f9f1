//! `perfdoc review`: real repositories with a base branch and a head branch (pinned dates and
//! authors); the Markdown is pinned as a snapshot.

use crate::support::{Repo, run_with_env};

const BASE_DATE: &str = "2025-12-30T09:00:00+00:00";
const HEAD_DATE: &str = "2026-01-05T09:00:00+00:00";

/// Files the base lacks and the head branch adds.
const ADDED: &[&str] = &[
    "optimizations/auth-session-pooling-2025-12-18.md",
    "reports/weekly-2026-W01.md",
    "benchmarks/k6-baseline-2025-12-29.json",
];

/// The example practice without `ADDED` on `main`, then on `topic`: `ADDED` back, a record
/// whose p95 got worse, a renamed runbook and a deleted daily report.
pub fn example_change() -> Repo {
    let repo = Repo::example();
    let kept: Vec<(String, String)> = ADDED
        .iter()
        .map(|p| (p.to_string(), repo.read(p)))
        .collect();
    for p in ADDED {
        std::fs::remove_file(repo.path().join(p)).unwrap();
    }
    repo.commit("December practice", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    for (p, text) in &kept {
        repo.write(p, text);
    }
    let record = "optimizations/billing-stripe-batching-2025-12-04.md";
    let text = repo.read(record).replace(
        "p95_ms: { before: 2800, after: 1100 }",
        "p95_ms: { before: 2800, after: 3100 }",
    );
    assert!(text.contains("after: 3100"), "the fixture edit applies");
    repo.write(record, text);
    repo.git(&[
        "mv",
        "content/runbooks/baseline-update.md",
        "content/runbooks/monthly-baseline-update.md",
    ]);
    repo.git(&["rm", "-q", "reports/daily-2025-12-31.md"]);
    repo.commit("Week 1 review and auth pooling", HEAD_DATE, "Marcus Chen");
    repo
}

/// The review with its commit ids replaced, so the snapshot pins what the review says.
pub fn stable(repo: &Repo, text: &str) -> String {
    let mut out = text.to_string();
    for (rev, name) in [("main", "BASE"), ("HEAD", "HEAD")] {
        let id = repo.git(&["rev-parse", "--short=7", rev]);
        out = out.replace(id.trim(), name);
    }
    out
}

#[test]
fn review_of_a_branch_against_main() {
    let repo = example_change();
    let run = repo.perfdoc(&["review"]);
    run.code(0);
    insta::assert_snapshot!("review_example_branch", stable(&repo, &run.stdout));
}

#[test]
fn review_calls_out_errors_and_regressions_before_the_details() {
    let repo = example_change();
    let out = stable(&repo, &repo.perfdoc(&["review"]).code(0).stdout);
    let at = |s: &str| {
        out.find(s)
            .unwrap_or_else(|| panic!("`{s}` missing:\n{out}"))
    };
    assert!(at("| Kind |") < at("### Needs attention"));
    assert!(at("### Needs attention") < at("### Documents"));
    assert!(
        at("📉 [<code>optimizations/billing-stripe-batching-2025-12-04.md</code>]")
            < at("### Documents")
    );
    // The page link follows `{site-url}{path without .md}/`.
    assert!(out.contains("(/perfdoc/optimizations/auth-session-pooling-2025-12-18/)"));
    // The renamed runbook, the deleted report (by its title at base) and the k6 run.
    assert!(out.contains("renamed from <code>content/runbooks/baseline-update.md</code>"));
    assert!(out.contains("<b>Daily performance report 2025-12-31</b> · daily · deleted"));
    assert!(out.contains(
        "| <code>benchmarks/k6-baseline-2025-12-29.json</code> | added | ✅ no regression against <code>benchmarks/main-baseline.json</code> at <code>BASE</code> |"
    ));
}

#[test]
fn json_carries_the_same_review() {
    let repo = example_change();
    let run = repo.perfdoc(&["review", "--format", "json"]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(s["added"], 2);
    assert_eq!(s["modified"], 1);
    assert_eq!(s["renamed"], 1);
    assert_eq!(s["deleted"], 1);
    assert_eq!(s["benchmarks"], 1);
    assert_eq!(s["regressions"], 1);
    assert_eq!(v["base_branch"], "main");
    let docs = v["documents"].as_array().unwrap();
    let record = docs
        .iter()
        .find(|d| d["path"] == "optimizations/auth-session-pooling-2025-12-18.md")
        .unwrap();
    assert_eq!(record["status"], "added");
    assert_eq!(record["metrics"][0]["key"], "p95_ms");
    assert_eq!(record["metrics"][0]["before"], 380.0);
    assert_eq!(record["metrics"][0]["after"], 120.0);
    assert_eq!(record["metrics"][0]["improvement_pct"], 68.4);
    let weekly = docs
        .iter()
        .find(|d| d["path"] == "reports/weekly-2026-W01.md")
        .unwrap();
    assert_eq!(
        weekly["figures"]["previous"]["path"],
        "reports/weekly-2025-W52.md"
    );
    assert_eq!(v["regressions"][0]["metric"], "P95 latency");
    // The runbook's rename breaks links in documents the change did not touch.
    let broken = v["broken_links"].as_array().unwrap();
    let monthly = broken
        .iter()
        .find(|b| b["path"] == "reports/monthly-2025-12.md")
        .expect("the monthly report's link to the runbook");
    assert_eq!(monthly["target"], "content/runbooks/baseline-update.md");
    assert_eq!(
        monthly["renamed_to"],
        "../content/runbooks/monthly-baseline-update.md"
    );
    assert!(
        broken
            .iter()
            .all(|b| b["path"] != "reports/weekly-2026-W01.md"),
        "a changed document's broken link is the checker's finding, reported once"
    );
    assert_eq!(
        v["benchmarks"][0]["path"],
        "benchmarks/k6-baseline-2025-12-29.json"
    );
}

#[test]
fn default_base_is_the_merge_base_so_main_moving_on_does_not_count() {
    let repo = example_change();
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        "content/later.md",
        "---\ntitle: Later\n---\n\nOn main only.\n",
    );
    repo.commit("Later page", "2026-01-06T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "topic"]);
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(!out.contains("content/later.md"), "{out}");
    // An explicit base is also taken from where the branch forked.
    let out = repo
        .perfdoc(&["review", "--base", "main"])
        .code(0)
        .stdout
        .clone();
    assert!(!out.contains("content/later.md"), "{out}");
    assert!(out.contains("**5 documents** changed"), "{out}");
}

#[test]
fn head_is_the_commit_not_the_working_tree() {
    let repo = example_change();
    repo.write("reports/daily-2026-01-02.md", "not committed");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(!out.contains("daily-2026-01-02"), "{out}");
    // --head picks another revision: main against itself changes nothing.
    let out = repo
        .perfdoc(&["review", "--base", "main", "--head", "main"])
        .code(0)
        .stdout
        .clone();
    assert!(
        out.contains("No documents or benchmark files changed."),
        "{out}"
    );
}

#[test]
fn absolute_site_url_from_the_environment_links_every_page() {
    let repo = example_change();
    let run = run_with_env(
        repo.path(),
        &["review"],
        &[("PERFDOC_SITE_URL", "https://acme.github.io/perf/")],
    );
    run.code(0);
    assert!(
        run.stdout.contains(
            "[View the page](https://acme.github.io/perf/optimizations/billing-stripe-batching-2025-12-04/)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn no_links_without_a_site_url() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nA free page.\n",
    );
    repo.commit("notes", HEAD_DATE, "Jane Doe");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(
        out.contains("- ✅ <b>Notes</b> · added · <code>content/notes.md</code>"),
        "{out}"
    );
    assert!(!out.contains("View the page"), "{out}");
}

#[test]
fn three_hundred_documents_stay_readable_and_fit_in_a_comment() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "backfill"]);
    let mut day = jiff::civil::date(2025, 1, 1);
    for i in 0..300 {
        let date = day.to_string();
        // Every tenth report is left with a placeholder: errors to call out.
        let note = if i % 10 == 0 { "TODO" } else { "Quiet day." };
        repo.write(
            &format!("reports/daily-{date}.md"),
            format!(
                "---\ntitle: Daily {date}\nkind: daily\ndate: {date}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  uptime_pct: 99.9\n  error_rate_pct: 0.1\n  success_rate_pct: 99.2\n  p95_ms: {}\n  avg_ms: 240\n  throughput_rps: 5.2\n---\n\n## Summary\n\n{note}\n",
                500 + i % 7
            ),
        );
        day = day.tomorrow().unwrap();
    }
    repo.commit("Backfill a year of dailies", HEAD_DATE, "Jane Doe");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(out.len() < 65_536, "{} characters", out.len());
    assert!(
        out.contains("**300 documents** changed (300 added)"),
        "{}",
        &out[..500]
    );
    assert!(out.contains("<details><summary>All 300 documents</summary>"));
    assert!(out.find("| daily | 300 |").unwrap() < out.find("### Documents").unwrap());
    // Errors first: the first document section is one with a finding.
    let first = out.split("### Documents").nth(1).unwrap();
    let first = first
        .lines()
        .find(|l| l.starts_with("<details><summary>❌") || l.starts_with("<details><summary>✅"))
        .unwrap();
    assert!(first.starts_with("<details><summary>❌"), "{first}");
    assert!(out.contains("- … and "), "the attention list is capped");
}

#[test]
fn outside_a_repository_it_says_why() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::run_in(dir.path(), &["init"]).code(0);
    let run = crate::support::run_in(dir.path(), &["review"]);
    run.code(2);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}

/// The example practice on `main`, and on `topic` what `change` writes.
pub fn branch_with(change: impl FnOnce(&Repo)) -> Repo {
    let repo = Repo::example();
    repo.commit("December practice", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    change(&repo);
    repo.commit("January runs", HEAD_DATE, "Marcus Chen");
    repo
}

/// The baseline with its p95 (390.2 ms) set to `p95`: a run that differs in p95 only.
pub fn run_with_p95(repo: &Repo, p95: f64) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&repo.read("benchmarks/main-baseline.json")).unwrap();
    v["metrics"]["http_req_duration"]["p(95)"] = p95.into();
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn a_k6_run_that_regresses_p95_is_called_out_first() {
    let repo = branch_with(|repo| {
        // +15.3 % against 390.2 ms: past the 10 % threshold.
        repo.write("benchmarks/k6-2026-01-05.json", run_with_p95(repo, 450.0));
        // The baseline's monthly archive and JSON that is no k6 summary are not runs.
        repo.write(
            "benchmarks/main-baseline-2025-12.json",
            repo.read("benchmarks/k6-baseline-2025-12-01.json"),
        );
        repo.write("benchmarks/targets.json", "{\"hosts\": [\"api\"]}");
    });
    let out = stable(&repo, &repo.perfdoc(&["review"]).code(0).stdout);
    let attention = out
        .split("### Needs attention\n\n")
        .nth(1)
        .unwrap_or_else(|| panic!("nothing needs attention:\n{out}"));
    assert!(
        attention.starts_with(
            "- 📉 <code>benchmarks/k6-2026-01-05.json</code> — P95 latency: 390.2 → 450 ms, 15.3% worse\n"
        ),
        "{out}"
    );
    assert!(out.contains(
        "| <code>benchmarks/k6-2026-01-05.json</code> | added | 📉 1 regression against <code>benchmarks/main-baseline.json</code> at <code>BASE</code> |"
    ), "{out}");
    let details = out
        .split("<details><summary><code>benchmarks/k6-2026-01-05.json</code>")
        .nth(1)
        .unwrap_or_else(|| panic!("no comparison table:\n{out}"));
    let first_row = details
        .lines()
        .find(|l| l.starts_with("| P") || l.starts_with("| A"));
    assert_eq!(
        first_row,
        Some("| P95 latency (ms) | 390.2 | 450 | +15.3% | 📉 regression |"),
        "{details}"
    );
    assert!(
        out.contains(
            "| <code>benchmarks/main-baseline-2025-12.json</code> | added | not compared |"
        ),
        "{out}"
    );
    assert!(
        out.contains("| <code>benchmarks/targets.json</code> | added | not compared |"),
        "{out}"
    );

    let v: serde_json::Value =
        serde_json::from_str(&repo.perfdoc(&["review", "--format", "json"]).code(0).stdout)
            .unwrap();
    assert_eq!(v["summary"]["regressions"], 1);
    assert_eq!(v["regressions"][0]["path"], "benchmarks/k6-2026-01-05.json");
    assert_eq!(v["regressions"][0]["metric"], "P95 latency");
    let run = v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["path"] == "benchmarks/k6-2026-01-05.json")
        .unwrap();
    assert_eq!(run["comparison"]["rows"][0]["regression"], true);
}

#[test]
fn a_run_within_the_threshold_is_no_regression() {
    // +5 %: worse, not past the threshold.
    let repo = branch_with(|repo| {
        repo.write("benchmarks/k6-2026-01-05.json", run_with_p95(repo, 409.7));
    });
    let out = stable(&repo, &repo.perfdoc(&["review"]).code(0).stdout);
    assert!(out.contains(
        "| <code>benchmarks/k6-2026-01-05.json</code> | added | ✅ no regression against <code>benchmarks/main-baseline.json</code> at <code>BASE</code> |"
    ), "{out}");
    assert!(!out.contains("### Needs attention"), "{out}");
}

#[test]
fn a_broken_k6_run_is_shown_not_skipped() {
    let repo = branch_with(|repo| {
        let text = repo.read("benchmarks/k6-baseline-2025-12-29.json");
        repo.write("benchmarks/k6-2026-01-05.json", &text[..text.len() / 2]);
    });
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(
        out.contains("| <code>benchmarks/k6-2026-01-05.json</code> | added | ⚠️ not compared: is not a readable run: ends early (truncated?)"),
        "{out}"
    );
    assert!(
        out.contains(
            "- ⚠️ <code>benchmarks/k6-2026-01-05.json</code> was not compared: is not a readable run"
        ),
        "{out}"
    );
}
