//! A file whose name is not UTF-8 (Latin-1 from an old archive, say) is a finding that names
//! it, shown lossily, and every other document is still checked: whether the whole practice
//! is checked or the file is given on the command line.

#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::Command;

use crate::support::{Repo, Run};

/// `content/caf\xe9.md`: "café" in Latin-1.
fn latin1_name() -> PathBuf {
    PathBuf::from("content").join(OsStr::from_bytes(b"caf\xe9.md"))
}

fn practice() -> Repo {
    let repo = Repo::new();
    repo.write("book.toml", "[book]\ntitle = \"T\"\n");
    repo.write("content/fine.md", "---\ntitle: Fine\n---\n\nText.\n");
    // A real problem elsewhere, to show the other documents are still checked.
    repo.write("content/broken.md", "---\ntitle: [unclosed\n---\n\nText.\n");
    std::fs::write(
        repo.path().join(latin1_name()),
        "---\ntitle: Café\n---\n\nText.\n",
    )
    .unwrap();
    repo
}

fn check(repo: &Repo, path: Option<PathBuf>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_perfdoc"));
    cmd.args(["check", "--format", "json"])
        .args(path)
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path());
    Run::from(cmd.output().unwrap())
}

#[track_caller]
fn assert_named(run: &Run, broken_too: bool) {
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v.as_array().unwrap();
    let name = findings
        .iter()
        .find(|f| f["path"] == "content/caf\u{FFFD}.md")
        .unwrap_or_else(|| panic!("the file is named: {v:#}"));
    assert_eq!(name["rule"], "file-encoding", "{name}");
    let message = name["message"].as_str().unwrap();
    assert!(message.contains("name is not UTF-8"), "{message}");
    assert!(!message.contains("No such file"), "{message}");
    assert!(name["hint"].as_str().unwrap().contains("rename"), "{name}");
    assert_eq!(
        findings.iter().any(|f| f["path"] == "content/broken.md"),
        broken_too,
        "{v:#}"
    );
}

#[test]
fn a_non_utf8_file_name_is_a_finding_and_the_rest_is_checked() {
    let repo = practice();
    assert_named(&check(&repo, None), true);
    assert_named(&check(&repo, Some(PathBuf::from("content"))), true);
}

#[test]
fn a_non_utf8_file_name_given_to_check_is_a_finding() {
    let repo = practice();
    assert_named(&check(&repo, Some(latin1_name())), false);
    // Outside the document folders, given on its own.
    let outside = PathBuf::from(OsStr::from_bytes(b"notes-\xff.md"));
    std::fs::write(repo.path().join(&outside), "---\ntitle: N\n---\n\nText.\n").unwrap();
    let run = check(&repo, Some(outside));
    run.code(1);
    assert!(
        run.stdout.contains("\"path\": \"notes-\u{FFFD}.md\"")
            && run.stdout.contains("name is not UTF-8"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}
