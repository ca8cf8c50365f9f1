//! `[preprocessor.perfdoc.runs]` in book.toml: which files are runs of which format, and the
//! benchmark `promote` decides on; a format name that does not exist is refused at its line.

use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

fn with_runs(table: &str) -> Repo {
    let repo = Repo::example();
    let book = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!("{book}\n[preprocessor.perfdoc.runs]\n{table}\n"),
    );
    repo
}

#[test]
fn book_toml_names_the_format_of_a_file() {
    let repo = with_runs("formats = { \"throughput-*.json\" = \"custom-bigger-is-better\" }");
    repo.write(
        "runs/throughput-a.json",
        fixture("custom-smaller-fast.json"),
    );
    repo.write(
        "runs/throughput-b.json",
        fixture("custom-smaller-slow.json"),
    );
    // Read as bigger-is-better, the smaller numbers of `a` are the worse ones.
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "runs/throughput-a.json",
        "--baseline",
        "runs/throughput-b.json",
    ]);
    out.code(1);
    assert!(out.stdout.contains("REGRESSION"), "{}", out.stdout);
    // Without the table the same files are smaller-is-better: `a` improved.
    let plain = Repo::example();
    plain.write(
        "runs/throughput-a.json",
        fixture("custom-smaller-fast.json"),
    );
    plain.write(
        "runs/throughput-b.json",
        fixture("custom-smaller-slow.json"),
    );
    plain
        .perfdoc(&[
            "baseline",
            "compare",
            "runs/throughput-a.json",
            "--baseline",
            "runs/throughput-b.json",
        ])
        .code(0);
}

#[test]
fn an_unknown_format_in_book_toml_is_refused_at_its_line() {
    let repo = with_runs("formats = { \"*.txt\" = \"nope\" }");
    let out = repo.perfdoc(&["formats"]);
    // `formats` needs no practice; a command that opens the practice reads book.toml.
    out.code(0);
    repo.write("runs/x.txt", fixture("wrk-fast.txt"));
    let out = repo.perfdoc(&["baseline", "compare", "runs/x.txt"]);
    out.code(2);
    assert!(
        out.stderr.contains("`nope` is not a run format"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("book.toml:"), "{}", out.stderr);
    assert!(out.stderr.contains("perfdoc formats"), "{}", out.stderr);
}

#[test]
fn book_toml_names_the_decisive_benchmark_for_promote() {
    let setup = |table: &str| {
        let repo = with_runs(table);
        repo.write(
            "benchmarks/main-baseline.json",
            fixture("hyperfine-slow.json"),
        );
        repo.write("runs/hyperfine-fast.json", fixture("hyperfine-fast.json"));
        repo
    };
    // The catalog's default, avg_ms, is not in a hyperfine run: nothing decides, it is kept.
    let repo = setup("");
    repo.perfdoc(&["baseline", "promote", "runs/hyperfine-fast.json"])
        .code(1);
    assert_eq!(
        repo.read("benchmarks/main-baseline.json").as_bytes(),
        fixture("hyperfine-slow.json")
    );
    // Decided on the benchmark `work`, which is 3x faster: promoted.
    let repo = setup("decide-on = [\"work\"]");
    let out = repo.perfdoc(&["baseline", "promote", "runs/hyperfine-fast.json"]);
    out.code(0);
    assert_eq!(
        repo.read("benchmarks/main-baseline.json").as_bytes(),
        fixture("hyperfine-fast.json")
    );
}
