//! `perfdoc baseline compare|promote` on the example practice's real k6 files: the weekly
//! comparison gates CI, and promotion reproduces the seed's monthly decision of 5 January.

use crate::support::{Repo, tree_state};

const NOV: &str = "benchmarks/main-baseline-2025-11.json";
const BASELINE: &str = "benchmarks/main-baseline.json";

#[test]
fn compare_the_month_end_run_against_november() {
    let repo = Repo::example();
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-29.json",
        "--baseline",
        NOV,
    ]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn compare_json_lists_regressions_and_exits_1() {
    let repo = Repo::example();
    // The 1 December run against the current (29 December) reference: latency regressed.
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-01.json",
        "--format",
        "json",
    ]);
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let regressions = v["regressions"].as_array().unwrap();
    let p95 = regressions
        .iter()
        .find(|r| r["metric"] == "p95_ms")
        .expect("p95 regressed");
    // The figures as every output shows them (k6 measured 390.217305 and 515.611409).
    assert_eq!(p95["baseline"], 390.2);
    assert_eq!(p95["current"], 515.6);
    assert_eq!(p95["change_pct"], 32.1);
    // Errors and success stayed inside their limits, so they are compared but not flagged.
    let all = v["metrics"].as_array().unwrap();
    assert_eq!(all.len(), 10);
    for key in ["error_rate_pct", "success_rate_pct", "throughput_rps"] {
        assert!(all.iter().any(|m| m["metric"] == key), "{key}");
        assert!(!regressions.iter().any(|m| m["metric"] == key), "{key}");
    }
    let md = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-01.json",
        "--format",
        "markdown",
    ]);
    md.code(1);
    assert!(
        md.stdout
            .contains("| P95 latency | 390.2 ms | 515.6 ms | +32.1% | Yes (over +10%) |"),
        "{}",
        md.stdout
    );
}

#[test]
fn compare_a_broken_run_names_file_and_json_path() {
    let repo = Repo::example();
    let text = repo
        .read("benchmarks/k6-baseline-2025-12-15.json")
        .replace("\"p(95)\": 452.018551", "\"p(95)\": \"452ms\"");
    repo.write("benchmarks/k6-broken.json", text);
    let run = repo.perfdoc(&["baseline", "compare", "benchmarks/k6-broken.json"]);
    run.code(2);
    assert!(
        run.stderr.contains("`benchmarks/k6-broken.json`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("at: metrics.http_req_duration.values.p(95)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    repo.write("benchmarks/k6-truncated.json", &repo.read(NOV)[..3000]);
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-15.json",
        "--baseline",
        "benchmarks/k6-truncated.json",
    ]);
    run.code(2);
    assert!(
        run.stderr
            .contains("`benchmarks/k6-truncated.json`: ends early"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("at: metrics.checks"), "{}", run.stderr);
}

/// The practice as it stood on 5 January before the update: the November reference in
/// force (committed in November), December's three runs recorded.
pub fn before_the_update() -> Repo {
    let repo = Repo::example();
    let nov = repo.read(NOV);
    std::fs::remove_file(repo.path().join(NOV)).unwrap();
    repo.write(BASELINE, nov);
    repo.commit(
        "November reference",
        "2025-11-28T10:00:00+00:00",
        "Jane Doe",
    );
    repo
}

#[test]
fn promote_reproduces_the_seeds_monthly_decision() {
    let repo = before_the_update();
    let nov = repo.read(BASELINE);

    // Mid-month: average latency improved 9.5%, under the 10% the practice asks for.
    let before = tree_state(repo.path());
    let keep = repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-15.json",
    ]);
    keep.code(1);
    assert!(
        keep.stdout.starts_with("Baseline decision: KEEP"),
        "{}",
        keep.stdout
    );
    assert!(
        keep.stdout
            .contains("improved by 9.5%: not more than the 10% needed"),
        "{}",
        keep.stdout
    );
    assert_eq!(tree_state(repo.path()), before, "a KEEP writes nothing");

    // Month end: 19.1% better on average latency, nothing regressed: update.
    let update = repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-29.json",
    ]);
    update.code(0);
    insta::assert_snapshot!(update.stdout);
    assert_eq!(
        repo.read(NOV),
        nov,
        "archived under the month it was recorded"
    );
    assert_eq!(
        repo.read(BASELINE),
        repo.read("benchmarks/k6-baseline-2025-12-29.json")
    );
}

#[test]
fn promote_never_overwrites_an_archive() {
    let repo = before_the_update();
    repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-29.json",
    ])
    .code(0);
    // The reference is now the 29 December run, so it archives as 2025-12; twice → `-2`.
    let dec29 = repo.read(BASELINE);
    let forced = repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-15.json",
        "--force",
    ]);
    forced.code(0);
    assert!(
        forced.stdout.contains("UPDATE (forced"),
        "{}",
        forced.stdout
    );
    assert_eq!(repo.read("benchmarks/main-baseline-2025-12.json"), dec29);
    let dec15 = repo.read(BASELINE);
    repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-01.json",
        "--force",
        "--archive-month",
        "2025-12",
    ])
    .code(0);
    assert_eq!(repo.read("benchmarks/main-baseline-2025-12.json"), dec29);
    assert_eq!(repo.read("benchmarks/main-baseline-2025-12-2.json"), dec15);
}

#[test]
fn promote_decides_on_p95_when_asked() {
    let repo = before_the_update();
    // p95 improved 11.8% by mid-month: enough when the month targeted tail latency.
    let run = repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-15.json",
        "--decide-on",
        "p95_ms",
    ]);
    run.code(0);
    assert!(
        run.stdout.contains("Rule: p95_ms must improve"),
        "{}",
        run.stdout
    );
    let bad = repo.perfdoc(&["baseline", "promote", BASELINE]);
    bad.code(2);
    assert!(
        bad.stderr.contains("is the baseline itself"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_run_that_crossed_its_k6_thresholds_is_not_promoted() {
    let repo = before_the_update();
    let text = repo.read("benchmarks/k6-baseline-2025-12-29.json").replace(
        "\"rate<0.01\": {\n          \"ok\": true",
        "\"rate<0.01\": {\n          \"ok\": false",
    );
    repo.write("benchmarks/k6-baseline-2025-12-30.json", text);
    let run = repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-30.json",
    ]);
    run.code(1);
    assert!(
        run.stdout
            .contains("the run crossed http_req_failed: rate<0.01"),
        "{}",
        run.stdout
    );
}

#[test]
fn compare_says_what_it_could_not_compare() {
    let repo = Repo::example();
    // The November export has no p(99): compared on everything else, and said so.
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-29.json",
        "--baseline",
        NOV,
        "--format",
        "json",
    ]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["only_in_current"], serde_json::json!(["p99_ms"]));
    repo.write(
        "benchmarks/k6-empty.json",
        "{\"metrics\": {\"vus\": {\"value\": 1, \"min\": 1, \"max\": 1}}}",
    );
    let run = repo.perfdoc(&["baseline", "compare", "benchmarks/k6-empty.json"]);
    run.code(2);
    assert!(run.stderr.contains("nothing to compare"), "{}", run.stderr);
}

#[test]
fn the_first_baseline() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let run_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/testsuite/k6/handle-summary.json"),
    )
    .unwrap();
    repo.write("benchmarks/k6-smoke-2025-12-01.json", &run_text);
    let compare = repo.perfdoc(&["baseline", "compare", "benchmarks/k6-smoke-2025-12-01.json"]);
    compare.code(2);
    assert!(
        compare.stderr.contains("no baseline yet"),
        "{}",
        compare.stderr
    );
    repo.perfdoc(&["baseline", "promote", "benchmarks/k6-smoke-2025-12-01.json"])
        .code(0);
    assert_eq!(repo.read(BASELINE), run_text);
    // Against itself nothing changed, yet 3% errors and 97% checks are over the practice's
    // absolute limits: those are regressions whatever the baseline says.
    let run = repo.perfdoc(&["baseline", "compare", "benchmarks/k6-smoke-2025-12-01.json"]);
    run.code(1);
    assert!(
        run.stdout
            .contains("2 regressions: Error rate, Check success rate"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("note: the run crossed its k6 threshold http_req_failed: rate<0.01"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_baseline_over_time_from_git() {
    let repo = before_the_update();
    repo.perfdoc(&[
        "baseline",
        "promote",
        "benchmarks/k6-baseline-2025-12-29.json",
    ])
    .code(0);
    repo.commit(
        "Promote the 29 December run",
        "2026-01-05T09:30:00+00:00",
        "Jane Doe",
    );
    let versions = perfdoc::metrics::trends::git_versions(repo.path(), BASELINE);
    let dates: Vec<&str> = versions.iter().map(|v| &v.1[..10]).collect();
    assert_eq!(dates, ["2025-11-28", "2026-01-05"]);
    let config = perfdoc::config::Config::load(repo.path()).unwrap();
    let history = perfdoc::metrics::trends::baseline_series(&config, BASELINE, &versions, &[]);
    assert!(history.skipped.is_empty());
    let avg = history
        .series
        .iter()
        .find(|s| s.metric == "avg_ms")
        .unwrap();
    let values: Vec<f64> = avg
        .points
        .iter()
        .map(|p| (p.value * 10.0).round() / 10.0)
        .collect();
    assert_eq!(values, [245.1, 198.4]);
    assert!(avg.points.iter().all(|p| p.regression.is_none()));
}
