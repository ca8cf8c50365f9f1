//! `check --staged` under a real pre-commit hook checks exactly what the commit will contain:
//! the index git is using (`git commit -a` and `git commit PATH` hand the hook their own
//! through `GIT_INDEX_FILE`), and the documents whose links a staged deletion or rename breaks.

use std::path::Path;
use std::process::Command;

use crate::support::{Repo, ScrubGit, git_as_user as git};

const TARGET: &str = "---\ntitle: Target\n---\n\nThe page linked to.\n";
const LINKING: &str = "---\ntitle: Notes\n---\n\nSee [the target](target.md).\n";
const BROKEN: &str = "---\ntitle: Notes\n---\n\nSee [nothing](missing.md).\n";

/// A practice with two committed pages, one linking to the other, and perfdoc's hook.
fn hooked() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write("content/target.md", TARGET);
    repo.write("content/notes.md", LINKING);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    repo.perfdoc(&["hook", "install"]).code(0);
    repo
}

#[track_caller]
fn refused(dir: &Path, args: &[&str], names: &str) -> String {
    let (ok, out) = git(dir, args);
    assert!(!ok, "`git {}` got past the hook:\n{out}", args.join(" "));
    assert!(out.contains(names), "{out}");
    out
}

#[test]
fn commit_all_is_checked_as_it_will_be_committed() {
    let repo = hooked();
    repo.write("content/notes.md", BROKEN);
    let out = refused(
        repo.path(),
        &["commit", "-a", "-q", "-m", "broken"],
        "content/notes.md",
    );
    assert!(out.contains("broken-link"), "{out}");
    // A clean `commit -a` still goes through.
    repo.write("content/notes.md", LINKING.replace("Notes", "Better notes"));
    let (ok, out) = git(repo.path(), &["commit", "-a", "-q", "-m", "better"]);
    assert!(ok, "{out}");
}

#[test]
fn commit_of_a_path_is_checked_as_it_will_be_committed() {
    let repo = hooked();
    repo.write("content/notes.md", BROKEN);
    refused(
        repo.path(),
        &["commit", "-q", "-m", "broken", "content/notes.md"],
        "content/notes.md",
    );
    repo.write("content/notes.md", LINKING.replace("Notes", "Better notes"));
    let (ok, out) = git(
        repo.path(),
        &["commit", "-q", "-m", "better", "content/notes.md"],
    );
    assert!(ok, "{out}");
}

#[test]
fn removing_a_link_target_is_refused() {
    let repo = hooked();
    let (ok, out) = git(repo.path(), &["rm", "-q", "content/target.md"]);
    assert!(ok, "{out}");
    let out = refused(
        repo.path(),
        &["commit", "-q", "-m", "drop target"],
        "content/notes.md",
    );
    assert!(out.contains("target.md"), "{out}");
}

#[test]
fn renaming_a_link_target_is_refused_and_fixing_the_link_lets_it_through() {
    let repo = hooked();
    let (ok, out) = git(
        repo.path(),
        &["mv", "content/target.md", "content/renamed.md"],
    );
    assert!(ok, "{out}");
    refused(
        repo.path(),
        &["commit", "-q", "-m", "rename target"],
        "content/notes.md",
    );
    repo.write(
        "content/notes.md",
        LINKING.replace("target.md", "renamed.md"),
    );
    let (ok, out) = git(repo.path(), &["add", "content/notes.md"]);
    assert!(ok, "{out}");
    let (ok, out) = git(repo.path(), &["commit", "-q", "-m", "rename target"]);
    assert!(ok, "{out}");
}

#[test]
fn a_page_that_is_not_staged_is_not_checked() {
    // Only what is staged is the commit; a broken page left out of it is not its problem.
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    repo.write("content/notes.md", LINKING);
    repo.git(&["add", "content/notes.md"]);
    repo.write("content/other.md", LINKING.replace("Notes", "Other"));
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(run.stdout.contains("content/notes.md"), "{}", run.stdout);
    assert!(!run.stdout.contains("content/other.md"), "{}", run.stdout);
}

#[test]
fn a_relative_index_file_is_found_from_the_top_of_the_working_tree_as_git_finds_it() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write("content/notes.md", LINKING.replace("target.md", "index.md"));
    repo.write("content/index.md", TARGET);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    // Another index, named relative to a sub-folder: git puts it at the top.
    repo.write("content/notes.md", BROKEN);
    let content = repo.path().join("content");
    let out = Command::new("git")
        .args(["add", "notes.md"])
        .current_dir(&content)
        .scrub_git()
        .env("GIT_INDEX_FILE", "other-index")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        repo.path().join("other-index").is_file(),
        "git's own choice"
    );
    repo.write("content/notes.md", LINKING.replace("target.md", "index.md"));
    // The usual index holds the good page; the other one the broken page.
    crate::support::run_in(&content, &["check", "--staged"]).code(0);
    let run = crate::support::run_with_env(
        &content,
        &["check", "--staged"],
        &[("GIT_INDEX_FILE", "other-index")],
    );
    run.code(1);
    assert!(run.stdout.contains("content/notes.md"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_staged_symlink_is_judged_as_a_link_not_read_as_its_target_path() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, TARGET).unwrap();
    std::os::unix::fs::symlink(&secret, repo.path().join("content/leak.md")).unwrap();
    repo.git(&["add", "content/leak.md"]);
    // The working tree has a harmless page by now; the commit still holds the link.
    std::fs::remove_file(repo.path().join("content/leak.md")).unwrap();
    repo.write("content/leak.md", TARGET);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(
        run.stdout.contains("symlink points outside the practice"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_staged_document_over_the_size_limit_is_not_read() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    let mut big = String::from(TARGET);
    big.push_str(&"x".repeat(17 << 20));
    repo.write("content/huge.md", &big);
    repo.git(&["add", "content/huge.md"]);
    repo.write("content/huge.md", TARGET);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(run.stdout.contains("file-too-large"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_staged_file_whose_name_is_not_utf8_is_named_not_read() {
    use std::os::unix::ffi::OsStrExt;
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(repo.path().join("content").join(name), TARGET).unwrap();
    repo.git(&["add", "-A"]);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(
        run.stdout.contains("content/caf\u{FFFD}.md")
            && run.stdout.contains("the file name is not UTF-8"),
        "{}",
        run.stdout
    );
}

#[test]
fn unstaging_a_link_target_that_stays_on_disk_is_refused() {
    let repo = hooked();
    let (ok, out) = git(repo.path(), &["rm", "-q", "--cached", "content/target.md"]);
    assert!(ok, "{out}");
    assert!(repo.path().join("content/target.md").exists());
    let out = refused(
        repo.path(),
        &["commit", "-q", "-m", "untrack target"],
        "content/notes.md",
    );
    assert!(out.contains("is not in the commit"), "{out}");
}
