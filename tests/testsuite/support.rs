//! Test support: temporary practices that are real git repositories, with pinned dates and
//! authors, and a runner for the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A practice in a temporary git repository.
pub struct Repo {
    pub dir: TempDir,
}

impl Repo {
    /// An empty git repository with a pinned identity.
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Repo { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Jane Doe"]);
        repo.git(&["config", "user.email", "jane@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A repository holding a copy of the example practice at the crate's root.
    pub fn example() -> Repo {
        let repo = Repo::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"));
        for item in [
            "book.toml",
            "reports",
            "optimizations",
            "content",
            "benchmarks",
        ] {
            copy_tree(&src.join(item), &repo.path().join(item));
        }
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Repo {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("read")
    }

    /// Runs git in the repository; panics with its stderr if it fails.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Commits everything with pinned author/committer dates.
    pub fn commit(&self, message: &str, date: &str, author: &str) -> String {
        self.git(&["add", "-A"]);
        let out = Command::new("git")
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .current_dir(self.path())
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_COMMITTER_NAME", author)
            .env("HOME", self.path())
            .output()
            .expect("git commit runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// Runs `perfdoc ARGS` in the repository.
    pub fn perfdoc(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

/// Runs the real binary with colour off and a fixed environment.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, &[])
}

/// Like `run_in`, with extra environment variables.
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_perfdoc"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("PERFDOC_SITE_URL")
        .env_remove("PERFDOC_OUT_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::from(cmd.output().expect("perfdoc runs"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from, to).expect("copy");
        return;
    }
    if !from.is_dir() {
        return;
    }
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        copy_tree(&entry.path(), &to.join(entry.file_name()));
    }
}

/// The names in `dir` that begin with `prefix` (a run's temporary files and folders).
pub fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

/// A snapshot of every file under a directory (path → bytes), to prove nothing changed.
pub fn tree_state(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// Like `tree_state`, but records symlinks by their target instead of following them.
pub fn tree_state_links(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                out.push((
                    path.clone(),
                    format!("-> {}", std::fs::read_link(&path).unwrap().display()),
                ));
            } else if meta.is_dir() {
                if path.file_name().is_some_and(|n| n != ".git") {
                    stack.push(path);
                }
            } else {
                out.push((
                    path.clone(),
                    String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned(),
                ));
            }
        }
    }
    out.sort();
    out
}

// Fixtures for history tests: repositories with several authors, merges and renames.

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

/// The required sections of an optimization record, each with a line of text: the body of
/// records that tests write to exercise their front matter.
pub const RECORD_BODY: &str = "
## Problem

P.

## Root Cause

R.

## Solution

S.

## Results

Faster.

## Cost

C.

## Lessons Learned

L.

## Next Steps

N.
";
