//! `perfdoc hook install|uninstall`: the hook lands where git looks (core.hooksPath too), runs
//! `perfdoc check --staged` on a real `git commit`, never clobbers a hook it did not write, and
//! chains and restores one when asked.

use std::path::Path;

use crate::support::{Repo, commit_as_user};

/// An initialized practice with one commit.
pub fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    repo
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o111 == 0o111
}

pub const GOOD_PAGE: &str = "---\ntitle: Notes\n---\n\nA free page.\n";
const BAD_DAILY: &str = "---\ntitle: Daily\nkind: daily\n---\n\nTODO\n";

#[test]
fn installed_hook_blocks_a_bad_commit_and_lets_a_good_one_through() {
    let repo = practice();
    let run = repo.perfdoc(&["hook", "install"]);
    run.code(0);
    assert!(run.stdout.starts_with("created "), "{}", run.stdout);
    let hook = repo.path().join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.contains("# perfdoc-managed-hook"), "{text}");
    assert!(text.contains("exec perfdoc check --staged"), "{text}");
    #[cfg(unix)]
    assert!(is_executable(&hook));

    repo.write("reports/daily-2025-12-04.md", BAD_DAILY);
    let (ok, out) = commit_as_user(repo.path(), "bad daily");
    assert!(!ok, "the hook lets a broken report through:\n{out}");
    assert!(out.contains("reports/daily-2025-12-04.md"), "{out}");

    std::fs::remove_file(repo.path().join("reports/daily-2025-12-04.md")).unwrap();
    repo.write("content/notes.md", GOOD_PAGE);
    let (ok, out) = commit_as_user(repo.path(), "notes");
    assert!(ok, "{out}");

    // Installing again rewrites perfdoc's own hook and nothing else.
    let again = repo.perfdoc(&["hook", "install"]);
    again.code(0);
    assert!(again.stdout.starts_with("updated "), "{}", again.stdout);
}

#[test]
fn refuses_to_replace_a_hook_it_did_not_write() {
    let repo = practice();
    let theirs = "#!/bin/sh\necho lint\n";
    repo.write(".git/hooks/pre-commit", theirs);
    let run = repo.perfdoc(&["hook", "install"]);
    run.code(2);
    assert!(
        run.stderr.contains("already exists and is not perfdoc's"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("perfdoc hook install --chain"),
        "{}",
        run.stderr
    );
    assert_eq!(repo.read(".git/hooks/pre-commit"), theirs);
    assert!(!repo.path().join(".git/hooks/pre-commit.local").exists());

    let run = repo.perfdoc(&["hook", "uninstall"]);
    run.code(2);
    assert!(run.stderr.contains("not perfdoc's hook"), "{}", run.stderr);
    assert_eq!(repo.read(".git/hooks/pre-commit"), theirs);
}

#[cfg(unix)]
#[test]
fn chains_an_existing_hook_runs_it_first_and_restores_it_on_uninstall() {
    use std::os::unix::fs::PermissionsExt;
    let repo = practice();
    let theirs = "#!/bin/sh\necho ran > \"$(git rev-parse --show-toplevel)/.git/theirs-ran\"\n";
    let hook = repo.path().join(".git/hooks/pre-commit");
    repo.write(".git/hooks/pre-commit", theirs);
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();

    let run = repo.perfdoc(&["hook", "install", "--chain"]);
    run.code(0);
    assert!(
        run.stdout.contains("(runs pre-commit.local first)"),
        "{}",
        run.stdout
    );
    assert_eq!(repo.read(".git/hooks/pre-commit.local"), theirs);
    assert!(is_executable(&hook));

    repo.write("content/notes.md", GOOD_PAGE);
    let (ok, out) = commit_as_user(repo.path(), "notes");
    assert!(ok, "{out}");
    assert!(
        repo.path().join(".git/theirs-ran").exists(),
        "the chained hook ran"
    );

    let run = repo.perfdoc(&["hook", "uninstall"]);
    run.code(0);
    assert!(run.stdout.contains("restored"), "{}", run.stdout);
    assert_eq!(repo.read(".git/hooks/pre-commit"), theirs);
    assert!(is_executable(&hook));
    assert!(!repo.path().join(".git/hooks/pre-commit.local").exists());

    let run = repo.perfdoc(&["hook", "uninstall"]);
    run.code(2);
}

#[test]
fn uninstall_removes_its_own_hook_and_is_quiet_when_there_is_none() {
    let repo = practice();
    repo.perfdoc(&["hook", "install"]).code(0);
    let run = repo.perfdoc(&["hook", "uninstall"]);
    run.code(0);
    assert!(run.stdout.starts_with("removed "), "{}", run.stdout);
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    let run = repo.perfdoc(&["hook", "uninstall"]);
    run.code(0);
    assert!(run.stdout.contains("nothing to remove"), "{}", run.stdout);
}

#[test]
fn respects_core_hooks_path() {
    let repo = practice();
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    repo.perfdoc(&["hook", "install"]).code(0);
    assert!(repo.path().join(".githooks/pre-commit").is_file());
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    repo.write("reports/daily-2025-12-04.md", BAD_DAILY);
    let (ok, out) = commit_as_user(repo.path(), "bad daily");
    assert!(!ok, "{out}");
}

#[test]
fn a_practice_in_a_sub_folder_is_checked_from_there() {
    let repo = Repo::new();
    std::fs::create_dir(repo.path().join("perf")).unwrap();
    crate::support::run_in(&repo.path().join("perf"), &["init", "--hook"]).code(0);
    let text = repo.read(".git/hooks/pre-commit");
    assert!(
        text.contains("exec perfdoc -C 'perf' check --staged"),
        "{text}"
    );
    repo.write("perf/reports/daily-2025-12-04.md", BAD_DAILY);
    let (ok, out) = commit_as_user(repo.path(), "bad daily");
    assert!(!ok, "{out}");
    assert!(out.contains("reports/daily-2025-12-04.md"), "{out}");
}

#[test]
fn outside_a_repository_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::run_in(dir.path(), &["init"]).code(0);
    let run = crate::support::run_in(dir.path(), &["hook", "install"]);
    run.code(2);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}
