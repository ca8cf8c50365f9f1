//! `perfdoc review` compares a run of any format, not only k6: a slower, failing vegeta or
//! hey run added in a pull request is called out against a baseline of the same tool.

use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

fn review_of(baseline: &str, base_fixture: &str, run: &str, run_fixture: &str) -> String {
    let repo = Repo::example();
    if !baseline.ends_with(".json") {
        let book = repo.read("book.toml");
        repo.write(
            "book.toml",
            format!("{book}\n[preprocessor.perfdoc.folders]\nbaseline = \"{baseline}\"\n"),
        );
    }
    repo.write(baseline, fixture(base_fixture));
    repo.commit("Baseline", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write(run, fixture(run_fixture));
    repo.commit("January run", "2026-01-05T09:00:00+00:00", "Marcus Chen");
    repo.perfdoc(&["review"]).code(0).stdout.clone()
}

#[test]
fn a_slower_vegeta_run_is_called_out() {
    let out = review_of(
        "benchmarks/main-baseline.json",
        "vegeta-fast.json",
        "benchmarks/vegeta-2026-01-05.json",
        "vegeta-slow.json",
    );
    assert!(out.contains("### Needs attention"), "{out}");
    assert!(
        out.contains("<code>benchmarks/vegeta-2026-01-05.json</code> | added | 📉"),
        "{out}"
    );
}

#[test]
fn a_slower_hey_run_is_called_out() {
    let out = review_of(
        "benchmarks/main-baseline.csv",
        "hey-fast.csv",
        "benchmarks/hey-2026-01-05.csv",
        "hey-slow.csv",
    );
    assert!(
        out.contains("<code>benchmarks/hey-2026-01-05.csv</code> | added | 📉"),
        "{out}"
    );
}
