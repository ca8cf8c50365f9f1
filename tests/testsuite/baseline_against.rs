//! `baseline compare RUN --against last:N | REV | FILE`: a pooled baseline (the median of the
//! last N runs by run date), the baseline file as it was at a git revision, or a file; a bad
//! spec, an unknown revision and too few runs refused with a way out.

use crate::support::Repo;

const RUN: &str = "benchmarks/k6-baseline-2025-12-29.json";

fn compare_json(repo: &Repo, against: &str) -> serde_json::Value {
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        RUN,
        "--against",
        against,
        "--format",
        "json",
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn figure(v: &serde_json::Value, key: &str) -> f64 {
    v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == key)
        .unwrap_or_else(|| panic!("no {key} in {v}"))["baseline"]
        .as_f64()
        .unwrap()
}

#[test]
fn last_n_is_the_median_of_the_runs_before_the_run() {
    let repo = Repo::example();
    // The run itself (29 December) is not part of its own pool: the two before it are
    // 1 December (p95 515.6 ms) and 15 December (452.0 ms).
    let v = compare_json(&repo, "last:2");
    assert!((figure(&v, "p95_ms") - 483.8).abs() < 1e-9, "{v}");
    assert!((figure(&v, "avg_ms") - 234.3).abs() < 1e-9, "{v}");
    let name = v["baseline_file"].as_str().unwrap();
    assert!(name.contains("last 2 runs"), "{name}");
    // One run: that run's figures.
    let v = compare_json(&repo, "last:1");
    assert_eq!(figure(&v, "p95_ms"), 452.0);
}

#[test]
fn last_n_with_a_third_run_takes_the_middle_value() {
    let repo = Repo::example();
    repo.write(
        "benchmarks/k6-baseline-2025-12-30.json",
        repo.read("benchmarks/k6-baseline-2025-12-01.json"),
    );
    // 12-01 (515.6), 12-15 (452.0), 12-30 (515.6) are the last three besides the run.
    let v = compare_json(&repo, "last:3");
    assert_eq!(figure(&v, "p95_ms"), 515.6);
}

#[test]
fn fewer_runs_than_asked_is_an_error_that_counts_them() {
    let repo = Repo::example();
    let run = repo.perfdoc(&["baseline", "compare", RUN, "--against", "last:5"]);
    run.code(2);
    assert!(
        run.stderr.contains("last:5") && run.stderr.contains("2 runs"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("last:2"), "{}", run.stderr);
}

#[test]
fn a_bad_spec_is_refused() {
    let repo = Repo::example();
    repo.commit("Start", "2025-12-01T09:00:00Z", "Jane Doe");
    for spec in [
        "last:0",
        "last:x",
        "last:",
        "last:-2",
        "last:99999999999999999999",
    ] {
        let run = repo.perfdoc(&["baseline", "compare", RUN, "--against", spec]);
        run.code(2);
        assert!(
            run.stderr.contains(&format!("`--against {spec}`")),
            "{spec}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("last:5"), "{spec}: {}", run.stderr);
    }
}

#[test]
fn a_revision_reads_the_baseline_as_it_was_then() {
    let repo = Repo::example();
    // The November figures were the baseline at the first commit; December's replaced them.
    let december = repo.read("benchmarks/main-baseline.json");
    repo.write(
        "benchmarks/main-baseline.json",
        repo.read("benchmarks/main-baseline-2025-11.json"),
    );
    repo.commit("November baseline", "2025-12-01T09:00:00Z", "Jane Doe");
    repo.git(&["tag", "november"]);
    repo.write("benchmarks/main-baseline.json", december);
    repo.commit("Promote December", "2026-01-05T09:00:00Z", "Jane Doe");

    let at_tag = compare_json(&repo, "november");
    let nov = compare_json(&repo, "benchmarks/main-baseline-2025-11.json");
    assert_eq!(figure(&at_tag, "p95_ms"), figure(&nov, "p95_ms"));
    assert_eq!(
        figure(&compare_json(&repo, "HEAD~1"), "p95_ms"),
        figure(&nov, "p95_ms")
    );
    let now = compare_json(&repo, "HEAD");
    assert_ne!(figure(&now, "p95_ms"), figure(&nov, "p95_ms"));
    let name = at_tag["baseline_file"].as_str().unwrap();
    assert!(
        name.contains("benchmarks/main-baseline.json@november"),
        "{name}"
    );
}

#[test]
fn an_unknown_revision_or_one_without_the_baseline_is_an_error() {
    let repo = Repo::example();
    repo.remove("benchmarks/main-baseline.json");
    repo.commit("No baseline yet", "2025-12-01T09:00:00Z", "Jane Doe");
    let run = repo.perfdoc(&["baseline", "compare", RUN, "--against", "no-such-branch"]);
    run.code(2);
    assert!(
        run.stderr.contains("no-such-branch") && run.stderr.contains("neither a file"),
        "{}",
        run.stderr
    );
    let run = repo.perfdoc(&["baseline", "compare", RUN, "--against", "HEAD"]);
    run.code(2);
    assert!(
        run.stderr.contains("benchmarks/main-baseline.json") && run.stderr.contains("HEAD"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_revision_outside_git_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benchmarks"),
        &dir.path().join("benchmarks"),
    );
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let run = crate::support::run_in(
        dir.path(),
        &["baseline", "compare", RUN, "--against", "main"],
    );
    run.code(2);
    assert!(
        run.stderr.contains("`--against main`") && run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn against_and_baseline_together_are_refused() {
    let repo = Repo::example();
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        RUN,
        "--against",
        "last:2",
        "--baseline",
        "benchmarks/main-baseline.json",
    ]);
    run.code(2);
    assert!(run.stderr.contains("--baseline"), "{}", run.stderr);
}
