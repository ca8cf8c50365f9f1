//! The modes of the files perfdoc writes: a new file gets what the user's umask allows
//! (0666 less the umask, like `touch` or an editor), a replaced file keeps the mode it had, and
//! a built site is as readable as any folder the user makes.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::support::{Repo, Run};

/// Runs `perfdoc ARGS` under `umask`, through a shell as a user's terminal would.
fn perfdoc_with_umask(repo: &Repo, umask: &str, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_perfdoc"))
        .args(args)
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("sh runs perfdoc");
    Run::from(out)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

#[track_caller]
fn assert_mode(path: &Path, expected: u32) {
    assert_eq!(
        mode(path),
        expected,
        "{} has mode {:o}, not {expected:o}",
        path.display(),
        mode(path)
    );
}

#[test]
fn new_files_follow_the_umask() {
    for (umask, file, folder) in [("022", 0o644, 0o755), ("077", 0o600, 0o700)] {
        let repo = Repo::new();
        perfdoc_with_umask(&repo, umask, &["init"]).code(0);
        assert_mode(&repo.path().join("book.toml"), file);
        perfdoc_with_umask(&repo, umask, &["new", "daily", "--date", "2025-12-04"]).code(0);
        assert_mode(&repo.path().join("reports/daily-2025-12-04.md"), file);
        perfdoc_with_umask(&repo, umask, &["hook", "install"]).code(0);
        assert_mode(&repo.path().join(".git/hooks/pre-commit"), folder);
        perfdoc_with_umask(&repo, umask, &["build", "--out", "public"]).code(0);
        assert_mode(&repo.path().join("public"), folder);
        assert_mode(&repo.path().join("public/index.html"), file);
    }
}

#[test]
fn promote_archives_under_the_umask_and_the_baseline_keeps_its_mode() {
    let repo = Repo::example();
    let baseline = repo.path().join("benchmarks/main-baseline.json");
    let nov = repo.read("benchmarks/main-baseline-2025-11.json");
    std::fs::remove_file(repo.path().join("benchmarks/main-baseline-2025-11.json")).unwrap();
    repo.write("benchmarks/main-baseline.json", nov);
    std::fs::set_permissions(&baseline, std::fs::Permissions::from_mode(0o640)).unwrap();
    perfdoc_with_umask(
        &repo,
        "022",
        &[
            "baseline",
            "promote",
            "benchmarks/k6-baseline-2025-12-29.json",
            "--archive-month",
            "2025-11",
        ],
    )
    .code(0);
    assert_eq!(
        repo.read("benchmarks/main-baseline.json"),
        repo.read("benchmarks/k6-baseline-2025-12-29.json"),
        "promoted"
    );
    assert_mode(&baseline, 0o640);
    assert_mode(
        &repo.path().join("benchmarks/main-baseline-2025-11.json"),
        0o644,
    );
}

#[test]
fn the_first_baseline_follows_the_umask() {
    let repo = Repo::example();
    std::fs::remove_file(repo.path().join("benchmarks/main-baseline.json")).unwrap();
    perfdoc_with_umask(
        &repo,
        "027",
        &[
            "baseline",
            "promote",
            "benchmarks/k6-baseline-2025-12-29.json",
        ],
    )
    .code(0);
    assert_mode(&repo.path().join("benchmarks/main-baseline.json"), 0o640);
}
