//! Repositories perfdoc's git library reads only in part: a SHA-256 repository is named as
//! such (never "not a git repository"), and a file name that is not UTF-8 still shows up in a
//! review rather than vanishing from it.

use crate::support::Repo;

const DATE: &str = "2025-12-30T09:00:00+00:00";

/// A SHA-256 practice with one commit, or `None` when this git cannot make one (git < 2.29);
/// under `CI` that is a failure, not a skip.
fn sha256_practice() -> Option<Repo> {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("git")
        .args(["init", "-q", "--object-format=sha256", "-b", "main"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.path())
        .output()
        .expect("git runs");
    if !out.status.success() {
        assert!(
            std::env::var_os("CI").is_none(),
            "git cannot make a SHA-256 repository: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let repo = Repo::around(dir);
    repo.git(&["config", "user.name", "Jane Doe"]);
    repo.git(&["config", "user.email", "jane@example.com"]);
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", DATE, "Jane Doe");
    Some(repo)
}

#[test]
fn sha256_repositories_are_named_as_unsupported_once() {
    let Some(repo) = sha256_practice() else {
        return;
    };
    for args in [
        &["review"][..],
        &["check", "--staged"],
        &["hook", "install"],
        &["log"],
    ] {
        let run = repo.perfdoc(args);
        run.code(2);
        assert!(
            !run.stderr.contains("not in a git repository"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("SHA-256").count(),
            1,
            "{args:?} says once what is unsupported: {}",
            run.stderr
        );
    }
    // The site still builds, without history, saying why once.
    let run = repo.perfdoc(&["build"]);
    run.code(0);
    assert_eq!(run.stderr.matches("SHA-256").count(), 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("not inside a git repository"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_listed_in_the_review() {
    use std::os::unix::ffi::OsStrExt;
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    // `café.md` in Latin-1: the byte 0xE9 alone is not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-notes.md");
    std::fs::write(
        repo.path().join("content").join(name),
        "---\ntitle: Cafe\n---\n\nNotes.\n",
    )
    .unwrap();
    repo.commit("latin-1 name", "2026-01-05T09:00:00+00:00", "Marcus Chen");
    let run = repo.perfdoc(&["review", "--format", "json"]);
    run.code(0);
    assert!(
        run.stdout.contains("content/caf\u{FFFD}-notes.md"),
        "{}",
        run.stdout
    );
    let run = repo.perfdoc(&["review"]);
    run.code(0);
    assert!(
        run.stdout.contains("caf\u{FFFD}-notes.md"),
        "{}",
        run.stdout
    );
}
