//! The bad-input suite: every malformed input a user can produce gets a clear message naming
//! the file and the place, a non-zero exit, and leaves the repository byte for byte as it was.
//! README's "Bad input" table lists these cases; each row is one test here.

use crate::check::DAILY;
use crate::support::{Repo, tree_state, tree_state_links};

/// Writes `files` into a fresh practice, runs `perfdoc check`, and returns (exit, stdout).
/// Fails if the run changed any file.
fn run_check(files: &[(&str, &[u8])]) -> (i32, String) {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    for (rel, content) in files {
        repo.write(rel, content);
    }
    let before = tree_state(repo.path());
    let run = repo.perfdoc(&["check"]);
    assert_eq!(
        before,
        tree_state(repo.path()),
        "check changed the repository"
    );
    (run.code, run.stdout)
}

#[track_caller]
fn expect(files: &[(&str, &[u8])], code: i32, needles: &[&str]) {
    let (got, out) = run_check(files);
    assert_eq!(got, code, "{out}");
    for n in needles {
        assert!(out.contains(n), "missing `{n}` in:\n{out}");
    }
}

const D: &str = "reports/daily-2025-12-04.md";

fn daily_with(from: &str, to: &str) -> Vec<u8> {
    assert!(DAILY.contains(from), "{from}");
    DAILY.replacen(from, to, 1).into_bytes()
}

#[test]
fn front_matter_unclosed() {
    expect(
        &[(D, b"---\ntitle: x\n\n## Overnight Metrics\n")],
        1,
        &["front matter is not closed", "daily-2025-12-04.md:1:1"],
    );
}

#[test]
fn front_matter_duplicate_keys() {
    let text = daily_with(
        "owner: Priya Raman\n",
        "owner: Priya Raman\nowner: Jane Doe\n",
    );
    expect(
        &[(D, &text)],
        1,
        &["error[front-matter]", "duplicate", "daily-2025-12-04.md:6:"],
    );
}

#[test]
fn front_matter_wrong_types() {
    let text = daily_with("owner: Priya Raman", "owner: [Priya, Jane]");
    expect(
        &[(D, &text)],
        1,
        &[
            "error[field-type]: `owner` should be a string, found a list",
            ":5:8",
        ],
    );
}

#[test]
fn front_matter_huge_number() {
    let text = daily_with("p95_ms: 285", "p95_ms: 1e400");
    expect(
        &[(D, &text)],
        1,
        &["non-finite float `1e400`", ":12:11", "finite number"],
    );
}

#[test]
fn front_matter_nan() {
    let text = daily_with("p95_ms: 285", "p95_ms: .nan");
    expect(&[(D, &text)], 1, &["non-finite float `.nan`", ":12:11"]);
}

#[test]
fn front_matter_impossible_date() {
    let text = daily_with("date: 2025-12-04", "date: 2025-02-30");
    expect(
        &[(D, &text)],
        1,
        &["`date: 2025-02-30` is not a real date", ":4:7"],
    );
}

#[test]
fn markdown_no_sections() {
    let end = DAILY.find("## Overnight").unwrap();
    expect(
        &[(D, &DAILY.as_bytes()[..end])],
        1,
        &["section `## Overnight Metrics` is missing"],
    );
}

#[test]
fn markdown_duplicated_sections() {
    let text = format!("{DAILY}\n## Notable Events\n\nMore.\n");
    expect(
        &[(D, text.as_bytes())],
        1,
        &[
            "error[duplicate-section]: section `## Notable Events` appears 2 times",
            ":27:1",
        ],
    );
}

#[test]
fn markdown_ten_megabytes_of_one_line() {
    let line = "a".repeat(10 * 1024 * 1024);
    let text = daily_with("None overnight.", &line);
    expect(&[(D, &text)], 0, &[]);
}

#[test]
fn file_empty() {
    expect(&[(D, b"")], 1, &["error[front-matter]: file is empty"]);
}

#[test]
fn file_binary() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    expect(
        &[(D, &bytes)],
        1,
        &["error[file-encoding]: file is not UTF-8 (invalid byte at line 2, column 118)"],
    );
}

#[test]
fn file_non_utf8() {
    expect(
        &[(D, b"---\ntitle: Caf\xe9\n---\n")],
        1,
        &["error[file-encoding]", "line 2, column 11"],
    );
}

#[cfg(unix)]
#[test]
fn file_symlink_loop() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    std::os::unix::fs::symlink("daily-2025-12-04.md", repo.path().join(D)).unwrap();
    let before = tree_state_links(repo.path());
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout
            .contains("error[file-unreadable]: broken symlink"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(D), "{}", run.stdout);
    assert_eq!(before, tree_state_links(repo.path()));
}

#[cfg(unix)]
#[test]
fn file_symlink_out_of_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), DAILY).unwrap();
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    std::os::unix::fs::symlink(outside.path().join("secret.md"), repo.path().join(D)).unwrap();
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout
            .contains("error[file-unreadable]: symlink points outside the practice"),
        "{}",
        run.stdout
    );
}
