//! `perfdoc review` judges a changed run against the baseline as it is at the base revision: a
//! pull request that edits the baseline too must not be judged by its own edit.

use crate::review::{branch_with, run_with_p95, stable};

#[test]
fn a_run_is_compared_with_the_baseline_at_the_base_not_the_one_the_change_edits() {
    let repo = branch_with(|repo| {
        // The run is 15.3 % slower than the baseline at base (390.2 ms); the change moves the
        // baseline to the run's own figure, which would make the run look unchanged.
        let slower = run_with_p95(repo, 450.0);
        repo.write("benchmarks/k6-2026-01-05.json", &slower);
        repo.write("benchmarks/main-baseline.json", &slower);
    });
    let out = stable(&repo, &repo.perfdoc(&["review"]).code(0).stdout);
    assert!(
        out.contains(
            "| <code>benchmarks/k6-2026-01-05.json</code> | added | 📉 1 regression against <code>benchmarks/main-baseline.json</code> at <code>BASE</code> |"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "- 📉 <code>benchmarks/k6-2026-01-05.json</code> — P95 latency: 390.2 → 450 ms, 15.3% worse"
        ),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&repo.perfdoc(&["review", "--format", "json"]).code(0).stdout)
            .unwrap();
    let run = v["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["path"] == "benchmarks/k6-2026-01-05.json")
        .unwrap_or_else(|| panic!("the run is listed: {v}"));
    let base = repo.git(&["rev-parse", "main"]);
    assert_eq!(run["comparison"]["at"]["id"], base.trim(), "{run}");
}

#[test]
fn without_a_baseline_at_the_base_a_run_is_not_compared_with_the_one_the_change_adds() {
    let repo = branch_with(|repo| {
        let run = run_with_p95(repo, 450.0);
        repo.remove("benchmarks/main-baseline.json");
        repo.commit("No baseline yet", "2025-12-31T09:00:00+00:00", "Jane Doe");
        repo.write("benchmarks/k6-2026-01-05.json", &run);
        repo.write("benchmarks/main-baseline.json", &run);
    });
    let out = stable(
        &repo,
        &repo.perfdoc(&["review", "--base", "HEAD~1"]).code(0).stdout,
    );
    assert!(
        out.contains(
            "- ⚠️ <code>benchmarks/k6-2026-01-05.json</code> was not compared: there is no baseline &#96;benchmarks/main-baseline.json&#96; at"
        ),
        "{out}"
    );
}
