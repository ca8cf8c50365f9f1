//! `perfdoc hook install --chain` chains only a hook git would have run. A `pre-commit` git
//! was ignoring (a dangling symlink, a file that is not executable) is kept aside under
//! another name, never deleted, and never made to run: chaining it would break every commit.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::hook::{GOOD_PAGE, practice};
use crate::support::{Repo, commit_as_user};

const BAD_PAGE: &str = "---\ntitle: Notes\n---\n\n[gone](nowhere.md)\n";

/// After installing over an ignored hook, commits work and perfdoc still guards them.
fn commits_still_work(repo: &Repo) {
    repo.write("content/notes.md", GOOD_PAGE);
    let (ok, out) = commit_as_user(repo.path(), "notes");
    assert!(ok, "a clean commit is blocked:\n{out}");
    repo.write("content/notes.md", BAD_PAGE);
    let (ok, out) = commit_as_user(repo.path(), "broken");
    assert!(!ok, "perfdoc's hook did not run:\n{out}");
}

#[test]
fn a_dangling_symlink_is_kept_aside_not_chained() {
    let repo = practice();
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::os::unix::fs::symlink("../../tools/no-such-hook", &hook).unwrap();
    let run = repo.perfdoc(&["hook", "install", "--chain"]);
    run.code(0);
    assert!(
        run.stdout.contains("git was not running it"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("runs pre-commit.local first"),
        "{}",
        run.stdout
    );
    assert!(!repo.path().join(".git/hooks/pre-commit.local").exists());
    let aside = repo.path().join(".git/hooks/pre-commit.ignored");
    assert_eq!(
        std::fs::read_link(&aside).expect("the symlink is kept"),
        Path::new("../../tools/no-such-hook")
    );
    assert!(run.stdout.contains("pre-commit.ignored"), "{}", run.stdout);
    commits_still_work(&repo);
}

#[test]
fn a_hook_that_is_not_executable_is_kept_aside_not_chained() {
    let repo = practice();
    let theirs = "#!/bin/sh\nexit 1\n";
    repo.write(".git/hooks/pre-commit", theirs);
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = repo.perfdoc(&["hook", "install", "--chain"]);
    run.code(0);
    assert!(
        run.stdout.contains("git was not running it"),
        "{}",
        run.stdout
    );
    assert_eq!(repo.read(".git/hooks/pre-commit.ignored"), theirs);
    commits_still_work(&repo);

    // A second install keeps the first one aside too, under a new name.
    std::fs::remove_file(&hook).unwrap();
    repo.write(".git/hooks/pre-commit", theirs);
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o644)).unwrap();
    repo.perfdoc(&["hook", "install", "--chain"]).code(0);
    assert_eq!(repo.read(".git/hooks/pre-commit.ignored"), theirs);
    assert_eq!(repo.read(".git/hooks/pre-commit.ignored.1"), theirs);
}

#[test]
fn a_chained_hook_that_lost_its_execute_bit_is_not_run() {
    let repo = practice();
    repo.write(".git/hooks/pre-commit.local", "#!/bin/sh\nexit 1\n");
    let local = repo.path().join(".git/hooks/pre-commit.local");
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = repo.perfdoc(&["hook", "install"]);
    run.code(0);
    assert!(
        !run.stdout.contains("runs pre-commit.local first"),
        "{}",
        run.stdout
    );
    commits_still_work(&repo);
}

#[test]
fn a_chained_hook_made_non_executable_later_is_skipped_as_git_would() {
    let repo = practice();
    let hook = repo.path().join(".git/hooks/pre-commit");
    repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = repo.perfdoc(&["hook", "install", "--chain"]);
    run.code(0);
    assert!(
        run.stdout.contains("runs pre-commit.local first"),
        "{}",
        run.stdout
    );
    let local = repo.path().join(".git/hooks/pre-commit.local");
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o644)).unwrap();
    commits_still_work(&repo);
}
