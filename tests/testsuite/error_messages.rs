//! The human error output of every command, pinned: what a user reads when a command cannot
//! run (not a practice, a bad argument, a missing file, a bad book.toml), one `help:` line
//! under each error that has a hint.

use std::path::Path;

use crate::support::{Repo, run_in};

/// Runs each command line in `dir` and writes what a user sees: the command, its exit code and
/// its standard error, with the temporary directory's path as `[ROOT]`.
fn transcript(dir: &Path, runs: &[&[&str]]) -> String {
    let root = dir.canonicalize().expect("canonical root");
    let mut out = String::new();
    for args in runs {
        let run = run_in(dir, args);
        let stderr = run
            .stderr
            .replace(&root.display().to_string(), "[ROOT]")
            .replace(&dir.display().to_string(), "[ROOT]");
        out.push_str(&format!(
            "$ perfdoc {}\nexit {}\n{stderr}\n",
            args.join(" "),
            run.code
        ));
    }
    out
}

#[test]
fn new_errors() {
    let empty = Repo::new();
    let repo = Repo::example();
    repo.perfdoc(&["new", "optimization", "twice", "--date", "2025-12-04"])
        .code(0);
    let mut out = transcript(empty.path(), &[&["new", "optimization", "x"]]);
    out += &transcript(
        repo.path(),
        &[
            &["new", "optimization"],
            &["new", "optimization", "Bad Slug"],
            &["new", "optimization", "x", "--date", "12/04/2025"],
            &["new", "optimization", "twice", "--date", "2025-12-04"],
            &["new", "weekly", "--date", "2025-W99"],
            &["new", "nonsense", "x"],
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn check_errors() {
    let empty = Repo::new();
    let repo = Repo::example();
    let bad = Repo::new();
    bad.write(
        "book.toml",
        "[book]\ntitle = \"x\"\n[preprocessor.perfdoc]\nno_such_key = 1\n",
    );
    let mut out = transcript(empty.path(), &[&["check"]]);
    out += &transcript(
        repo.path(),
        &[
            &["check", "--explain", "no-such-rule"],
            &["check", "reports/missing.md"],
            &["check", "/"],
        ],
    );
    out += &transcript(bad.path(), &[&["check"]]);
    insta::assert_snapshot!(out);
}

#[test]
fn init_errors() {
    let repo = Repo::new();
    repo.write("a-file", "not a folder\n");
    let out = transcript(
        repo.path(),
        &[&["init", "--ci", "nonsense"], &["init", "-C", "a-file"]],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn log_errors() {
    let plain = tempfile::tempdir().expect("tempdir");
    let repo = Repo::example();
    let mut out = transcript(plain.path(), &[&["log"]]);
    // `-C` a missing folder reads as it does for every other command.
    out += &transcript(
        repo.path(),
        &[
            &["log", "-C", "/nonexistent"],
            &["check", "-C", "/nonexistent"],
            &["log", "/"],
        ],
    );
    insta::assert_snapshot!(out);
}

/// Every command that reads a practice, pointed with `-C` at a folder that does not exist:
/// one message, one exit code, whichever command it is (`init` alone makes the folder).
#[test]
fn every_command_reads_a_missing_folder_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing");
    let missing = missing.to_str().expect("a UTF-8 temporary path");
    let commands: &[&[&str]] = &[
        &["new", "optimization", "x"],
        &["check"],
        &["log"],
        &["review"],
        &["hook", "install"],
        &["hook", "uninstall"],
        &["build"],
        &["serve"],
        &["baseline", "compare", "run.json"],
        &["baseline", "promote", "run.json"],
        &["changes"],
        &["list"],
        &["summary", "reports/daily-2025-12-04.md"],
        &["tracking"],
    ];
    let runs: Vec<Vec<&str>> = commands
        .iter()
        .map(|c| [&["-C", missing][..], c].concat())
        .collect();
    let runs: Vec<&[&str]> = runs.iter().map(Vec::as_slice).collect();
    let out = transcript(dir.path(), &runs);
    let answers: std::collections::BTreeSet<&str> = out
        .split("$ perfdoc ")
        .filter(|s| !s.is_empty())
        .map(|s| s.split_once('\n').map_or("", |(_, rest)| rest))
        .collect();
    assert_eq!(answers.len(), 1, "the commands answer differently:\n{out}");
    insta::assert_snapshot!(answers.into_iter().next().unwrap_or_default());
    assert!(
        !dir.path().join("missing").exists(),
        "nothing made the folder"
    );
}

#[test]
fn review_errors() {
    let repo = Repo::example();
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "practice"]);
    let out = transcript(
        repo.path(),
        &[
            &["review", "--base", "no-such-branch"],
            &["review", "--base", "HEAD", "--head", "HEAD:book.toml"],
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn hook_errors() {
    let plain = tempfile::tempdir().expect("tempdir");
    std::fs::write(plain.path().join("book.toml"), "[book]\ntitle = \"x\"\n").expect("write");
    let repo = Repo::example();
    repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
    let mut out = transcript(plain.path(), &[&["hook", "install"]]);
    out += &transcript(repo.path(), &[&["hook", "install"], &["hook", "uninstall"]]);
    insta::assert_snapshot!(out);
}

#[test]
fn build_errors() {
    let empty = Repo::new();
    let repo = Repo::example();
    let mut out = transcript(empty.path(), &[&["build"]]);
    out += &transcript(
        repo.path(),
        &[&["build", "--out", "."], &["build", "--out", "reports"]],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn serve_errors() {
    let empty = Repo::new();
    let repo = Repo::example();
    let mut out = transcript(empty.path(), &[&["serve"]]);
    out += &transcript(repo.path(), &[&["serve", "--port", "http"]]);
    insta::assert_snapshot!(out);
}

#[test]
fn baseline_errors() {
    let repo = Repo::example();
    repo.write("benchmarks/garbage.json", "{ not json");
    let out = transcript(
        repo.path(),
        &[
            &["baseline", "compare", "benchmarks/missing.json"],
            &["baseline", "compare", "benchmarks/garbage.json"],
            &[
                "baseline",
                "promote",
                "benchmarks/k6-baseline-2025-12-29.json",
                "--decide-on",
                "no_such_metric",
            ],
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn list_errors() {
    let empty = Repo::new();
    let repo = Repo::example();
    let mut out = transcript(empty.path(), &[&["list"]]);
    out += &transcript(
        repo.path(),
        &[
            &["list", "--since", "yesterday"],
            &["list", "--kind", "nonsense"],
        ],
    );
    insta::assert_snapshot!(out);
}

#[test]
fn completions_and_man_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = transcript(
        dir.path(),
        &[&["completions", "nonsense"], &["man", "extra"]],
    );
    insta::assert_snapshot!(out);
}
