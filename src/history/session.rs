//! One git session per command: the repository around the practice, opened once, with the
//! practice's place inside it. Every git question a command asks (history, revisions, the
//! index, hooks, identity) is a method here, so discovery, `GIT_DIR`, replace refs and the
//! practice prefix are worked out in one place.

use std::path::{Path, PathBuf};

use super::error::HistoryError;
use super::repo::{Head, Repo};

pub struct Session {
    pub(super) repo: Repo,
    /// The practice (or `-C` folder) relative to the working tree's top, `/`-separated; empty
    /// at the top or in a bare repository.
    prefix: String,
    /// The working tree's top, canonical; `None` for a bare repository.
    workdir: Option<PathBuf>,
}

impl Session {
    /// The repository containing `start` (the practice root or the `-C` folder), or `None`
    /// outside one.
    pub fn discover(start: &Path) -> Result<Option<Session>, HistoryError> {
        let Some(repo) = Repo::discover(start)? else {
            return Ok(None);
        };
        let workdir = repo.workdir().map(|w| w.canonicalize().unwrap_or(w));
        let mut session = Session {
            repo,
            prefix: String::new(),
            workdir,
        };
        session.prefix = session.prefix_of(start).unwrap_or_default();
        Ok(Some(session))
    }

    /// The repository at exactly `dir`, for a clone a setting names (`code-repository`):
    /// `None` when `dir` is not itself a repository, even when one encloses it.
    pub fn open_exact(dir: &Path) -> Result<Option<Session>, HistoryError> {
        let Some(repo) = Repo::open_exact(dir)? else {
            return Ok(None);
        };
        let workdir = repo.workdir().map(|w| w.canonicalize().unwrap_or(w));
        Ok(Some(Session {
            repo,
            prefix: String::new(),
            workdir,
        }))
    }

    /// Like [`Session::discover`], for commands that cannot run without git: outside a
    /// repository the error says what `needs` it.
    pub fn open(start: &Path, needs: &'static str) -> Result<Session, HistoryError> {
        Session::discover(start)?.ok_or_else(|| HistoryError::NeedsRepository {
            path: start.to_owned(),
            needs,
        })
    }

    /// Where the session's folder lies inside the working tree (`perf` for `REPO/perf`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Where `dir` lies inside the working tree, `/`-separated (empty at the top); `None` when
    /// it is outside it or there is no working tree.
    pub fn prefix_of(&self, dir: &Path) -> Option<String> {
        let workdir = self.workdir.as_ref()?;
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        dir.strip_prefix(workdir)
            .ok()
            .map(crate::practice::to_slash)
    }

    /// The top of the working tree, if the repository has one.
    pub fn worktree_root(&self) -> Option<&Path> {
        self.workdir.as_deref()
    }

    /// A path relative to the session's folder as a repository path.
    pub fn repo_path(&self, rel: &str) -> String {
        if self.prefix.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }

    /// A repository path as a path relative to the session's folder, or `None` when it lies
    /// outside it.
    pub fn relative(&self, path: &str) -> Option<String> {
        if self.prefix.is_empty() {
            return Some(path.to_string());
        }
        path.strip_prefix(&format!("{}/", self.prefix))
            .map(str::to_string)
    }

    /// The git dir of this worktree.
    pub fn git_dir(&self) -> PathBuf {
        self.repo.git_dir()
    }

    /// What the history of HEAD is read from, in one string: HEAD's commit and branch, the
    /// shallow boundary and the replace refs in force. Sessions with equal strings read the
    /// same history (an edit of the working tree changes none of it); `None` when HEAD cannot
    /// be read.
    pub fn head_state(&self) -> Option<String> {
        let head = match self.repo.head().ok()? {
            Head::Commit { id, branch } => format!("{id} {}", branch.unwrap_or_default()),
            Head::Unborn { branch } => format!("unborn {}", branch.unwrap_or_default()),
        };
        let mut lines = vec![head];
        lines.extend(self.repo.shallow_boundary());
        Some(lines.join("\n"))
    }

    /// Whether a blob could not be read by anyone in this session (a partial clone that
    /// could not fetch it): what was read from history may lack it, and another reading may
    /// not.
    pub fn missed_blobs(&self) -> bool {
        !self.repo.missing_blobs().is_empty()
    }

    /// The folders whose files change when HEAD or a ref moves, for a watcher: this
    /// worktree's git dir (`HEAD`) and the common one (`packed-refs`, `shallow`), each alone,
    /// and the common `refs/` with everything under it.
    pub fn ref_dirs(&self) -> (Vec<PathBuf>, PathBuf) {
        let common = self.repo.git2().commondir().to_path_buf();
        let mut alone = vec![self.repo.git_dir(), common.clone()];
        alone.dedup();
        (alone, common.join("refs"))
    }
}
