//! Real git repositories in temporary directories, built with the git CLI so the fixtures
//! are what users have, with pinned authors and dates so results are exact.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A scratch repository. The directory is removed when this is dropped.
pub struct GitRepo {
    dir: TempDir,
    root: PathBuf,
}

/// An author and an author/committer date (`git` date syntax, e.g. `2025-12-04T09:15:00+05:30`).
#[derive(Clone, Copy)]
pub struct By<'a> {
    pub name: &'a str,
    pub date: &'a str,
}

pub const ALICE: &str = "Alice Nguyen";
pub const BOB: &str = "Bob Okafor";
pub const ISHA: &str = "Isha Patel";

impl GitRepo {
    /// `git init -b main` in a fresh temporary directory.
    pub fn new() -> GitRepo {
        let dir = tempfile::tempdir().expect("create a temporary directory");
        let root = dir.path().join("repo");
        std::fs::create_dir(&root).unwrap();
        let repo = GitRepo { dir, root };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A repository at another place under the same temporary directory (for clones and
    /// worktrees), removed with this one.
    pub fn sibling(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Runs git in the repository with a clean configuration; panics with git's stderr when
    /// it fails.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(&self.root, args, None)
    }

    pub fn write(&self, path: &str, content: &str) {
        let file = self.root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, content).unwrap();
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.root.join(path)).unwrap();
    }

    /// Stages everything and commits it as `by`.
    pub fn commit(&self, message: &str, by: By<'_>) -> String {
        self.git(&["add", "-A"]);
        git_in(
            &self.root,
            &["commit", "-q", "--allow-empty", "-m", message],
            Some(by),
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// `git merge --no-ff` of `branch`, as `by`.
    pub fn merge(&self, branch: &str, by: By<'_>) {
        git_in(
            &self.root,
            &[
                "merge",
                "-q",
                "--no-ff",
                "-m",
                &format!("Merge {branch}"),
                branch,
            ],
            Some(by),
        );
    }

    /// What `git log --follow --format=%H -- path` says, newest first.
    pub fn follow(&self, path: &str) -> Vec<String> {
        self.git(&["log", "--follow", "--format=%H", "--", path])
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// Runs git in `dir`, isolated from the machine's git configuration.
pub fn git_in(dir: &Path, args: &[&str], by: Option<By<'_>>) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_AUTHOR_NAME", "Fixture")
        .env("GIT_AUTHOR_EMAIL", "fixture@example.com")
        .env("GIT_COMMITTER_NAME", "Fixture")
        .env("GIT_COMMITTER_EMAIL", "fixture@example.com");
    if let Some(by) = by {
        let email = format!("{}@example.com", by.name.to_lowercase().replace(' ', "."));
        cmd.env("GIT_AUTHOR_NAME", by.name)
            .env("GIT_AUTHOR_EMAIL", &email)
            .env("GIT_AUTHOR_DATE", by.date)
            .env("GIT_COMMITTER_NAME", by.name)
            .env("GIT_COMMITTER_EMAIL", &email)
            .env("GIT_COMMITTER_DATE", by.date);
    }
    let out: Output = cmd.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("git output is UTF-8")
}

/// Text of `n` distinct lines, so similarity between fixtures is what a test means it to be.
pub fn lines(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{tag} line {i}: some prose about p95 latency\n"))
        .collect()
}

/// The `perfdoc` binary under test.
pub fn perfdoc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("perfdoc").expect("the perfdoc binary");
    cmd.env_remove("CI");
    cmd
}
