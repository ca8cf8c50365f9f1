//! k6 summaries are capped like documents: a file past the cap is refused by name, with its
//! size and the cap, before it is parsed, on every path that reads one (`baseline compare`
//! from the working tree, `review` from git).

use crate::support::Repo;

/// A valid summary padded past the cap with whitespace, which JSON allows.
fn oversized(repo: &Repo) -> String {
    let text = repo.read("benchmarks/k6-baseline-2025-12-29.json");
    let cap = perfdoc::practice::MAX_BENCHMARK_BYTES as usize;
    format!("{text}{}", " ".repeat(cap + 1 - text.len()))
}

#[test]
fn compare_refuses_a_k6_file_past_the_cap() {
    let repo = Repo::example();
    let text = oversized(&repo);
    repo.write("benchmarks/k6-huge.json", &text);
    let run = repo.perfdoc(&["baseline", "compare", "benchmarks/k6-huge.json"]);
    run.code(2);
    assert!(
        run.stderr.contains("`benchmarks/k6-huge.json`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("16.0 MiB"), "{}", run.stderr);
    assert!(run.stderr.contains("up to 16 MiB"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    // Just under the cap it is read.
    repo.write("benchmarks/k6-big.json", &text[..text.len() - 1]);
    repo.perfdoc(&["baseline", "compare", "benchmarks/k6-big.json"])
        .code(0);
}

#[test]
fn review_notes_a_k6_file_past_the_cap() {
    let repo = Repo::example();
    repo.commit("Practice", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    let text = oversized(&repo);
    repo.write("benchmarks/k6-2026-01-05.json", text);
    repo.commit("Huge run", "2026-01-05T09:00:00+00:00", "Jane Doe");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(
        out.contains(
            "was not compared: is not a readable run: is 16.0 MiB; runs are read up to 16 MiB"
        ),
        "{out}"
    );
}
