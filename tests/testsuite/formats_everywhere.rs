//! Runs of every format reach the site and `review` as k6's do, table-driven over the
//! fixtures of `formats.rs`: a slower, failing run added in a pull request is called out
//! against a baseline of the same tool, load tools and harnesses alike; and a load tool's
//! baseline, kept in git, gives an optimization record's page its "baseline after" figures.

use std::path::Path;

use perfdoc::metrics::{format, ingest};

use crate::formats::CASES;
use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(f: &str) -> Vec<u8> {
    std::fs::read(Path::new(DIR).join(f)).unwrap()
}

/// How review's Markdown writes a path in code (`_` escaped).
fn shown(path: &str) -> String {
    path.replace('_', "&#95;")
}

/// The example practice with `fixture` as its baseline (named after it, so its format's name
/// breaks ties as the tool's own file would; criterion's folders name its benchmark),
/// committed on 30 December.
fn practice_with_baseline(fixture_name: &str) -> (Repo, String) {
    let repo = Repo::example();
    let baseline = format!("benchmarks/base/{fixture_name}");
    let book = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!("{book}\n[preprocessor.perfdoc.folders]\nbaseline = \"{baseline}\"\n"),
    );
    repo.write(&baseline, fixture(fixture_name));
    repo.commit("Baseline", "2025-12-30T09:00:00+00:00", "Jane Doe");
    (repo, baseline)
}

fn review_calls_out(load_tools: bool) {
    let mut seen = 0;
    for (fast, slow, format, load) in CASES.iter().filter(|c| c.3 == load_tools) {
        let (repo, _) = practice_with_baseline(fast);
        repo.git(&["checkout", "-q", "-b", "topic"]);
        let run = format!("benchmarks/{slow}");
        repo.write(&run, fixture(slow));
        repo.commit("January run", "2026-01-05T09:00:00+00:00", "Marcus Chen");
        let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
        assert!(
            out.contains(&format!("<code>{}</code> | added | 📉", shown(&run))),
            "{format} ({load}): {out}"
        );
        seen += 1;
    }
    assert!(seen >= 8, "{seen}");
}

#[test]
fn review_calls_out_a_slower_failing_run_of_every_load_tool() {
    review_calls_out(true);
}

#[test]
fn review_calls_out_a_slower_run_of_every_harness() {
    review_calls_out(false);
}

#[test]
fn the_site_shows_the_baseline_of_every_load_tool_on_a_record() {
    for (fast, _, format, _) in CASES.iter().filter(|c| c.3) {
        let (repo, _) = practice_with_baseline(fast);
        let built = repo.perfdoc(&["build", "--out", "out"]);
        built.code(0);
        let run = ingest::registry::read(&Path::new(DIR).join(fast), fast, None).unwrap();
        // The record (11 December) cites p95 and avg latency; the baseline after it is this run.
        let html = std::fs::read_dir(repo.path().join("out/optimizations"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().contains("message-delivery-caching"))
            .map(|p| std::fs::read_to_string(p.join("index.html")).unwrap())
            .unwrap_or_else(|| panic!("{format}: no record page"));
        let avg = format::with_unit(run.get("avg_ms").unwrap(), "ms");
        assert!(
            html.contains(&format!("<td>—</td><td>{avg}</td>")),
            "{format}: no baseline row with {avg}: {}",
            built.stderr
        );
    }
}

/// A criterion folder kept as the baseline is read from the base revision's tree, benchmark
/// by benchmark, as it is from disk.
#[test]
fn review_reads_a_criterion_folder_baseline_at_the_base() {
    let repo = Repo::example();
    let baseline = "benchmarks/base/criterion";
    let book = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!("{book}\n[preprocessor.perfdoc.folders]\nbaseline = \"{baseline}\"\n"),
    );
    let estimates = "encode/small/new/estimates.json";
    repo.write(
        &format!("{baseline}/{estimates}"),
        fixture(&format!("criterion-fast/{estimates}")),
    );
    repo.commit("Baseline", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    let run = "benchmarks/criterion/encode/small/new/estimates.json";
    repo.write(run, fixture(&format!("criterion-slow/{estimates}")));
    repo.commit("January run", "2026-01-05T09:00:00+00:00", "Marcus Chen");
    let out = repo
        .perfdoc(&["review", "--format", "json"])
        .code(0)
        .stdout
        .clone();
    let review: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = &review["benchmarks"][0]["comparison"]["rows"];
    assert_eq!(rows[0]["key"], "encode/small", "{out}");
    assert_eq!(rows[0]["regression"], true, "{out}");
}
