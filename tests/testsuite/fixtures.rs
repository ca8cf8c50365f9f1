//! The fixtures are sealed from the environment the tests run in: run from inside a git hook
//! (`GIT_DIR`, `GIT_INDEX_FILE`, `GIT_WORK_TREE` exported), the fixture and the binary it runs still
//! work on their own repositories and leave the outer one alone.

use crate::support::git_in;

#[test]
fn fixtures_ignore_the_git_variables_of_an_outer_hook() {
    let outer = tempfile::tempdir().unwrap();
    git_in(outer.path(), &["init", "-q", "-b", "main"], None);
    let git_dir = outer.path().join(".git");
    // One test running the binary through `Repo::perfdoc`, one through `perfdoc()`, in a child
    // run of this test binary with the variables a hook would leak.
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hook::installed_hook_blocks_a_bad_commit_and_lets_a_good_one_through",
            "history::log_json_lists_default_folders",
        ])
        .env("GIT_DIR", &git_dir)
        .env("GIT_WORK_TREE", outer.path())
        .env("GIT_INDEX_FILE", git_dir.join("index"))
        .env("GIT_OBJECT_DIRECTORY", git_dir.join("objects"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2 passed"), "both ran: {stdout}");
    // Nothing reached the outer repository.
    assert!(
        !git_dir.join("index").exists(),
        "the outer index was written"
    );
    let refs = git_in(outer.path(), &["for-each-ref"], None);
    assert!(refs.trim().is_empty(), "the outer repository got: {refs}");
}
