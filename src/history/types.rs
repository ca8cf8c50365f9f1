//! The owned, serde-ready shapes `history` hands out, so no caller ever sees a git2 type.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Who made a commit and when, as the author recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Full hexadecimal commit id; empty when the stamp comes from a file time.
    pub commit: String,
    /// RFC 3339 author date in the author's own offset, e.g. `2025-12-04T09:15:00+05:30`.
    pub date: String,
    pub author: String,
    pub email: String,
}

/// One commit that changed a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub stamp: Stamp,
    /// First line of the commit message.
    pub summary: String,
    /// The document's path in that commit (it differs from today's after a rename or copy).
    pub path: String,
}

/// What the history knows about one document at HEAD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocHistory {
    /// Repository-relative path at HEAD, `/`-separated.
    pub path: String,
    /// Oldest commit of the document's `--follow` chain.
    pub created: Stamp,
    /// Newest commit that changed it.
    pub updated: Stamp,
    /// Number of commits that changed it (merges excluded, as `git log --follow` does).
    pub revisions: usize,
    /// Distinct author names, oldest contribution first.
    pub authors: Vec<String>,
    /// Earlier paths (renames and copies), most recent first.
    pub previous_paths: Vec<String>,
    /// Every commit that changed it, newest first.
    pub commits: Vec<Revision>,
}

/// Where the dates came from, so callers can say how far to trust them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HistorySource {
    Git {
        shallow: bool,
        /// Branch HEAD points at (short name); `None` when HEAD is detached.
        head: Option<String>,
        /// Commit HEAD resolves to, full hex.
        commit: String,
    },
    /// Not a repository: dates are file modification times.
    FileTimes,
    /// A repository with no commits yet (fresh `git init` or an unborn branch).
    Empty,
}

/// Things worth telling the user that did not stop the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    Shallow,
    NotARepository {
        dir: String,
    },
    NoCommits {
        branch: Option<String>,
    },
    CacheDiscarded {
        reason: String,
    },
    CacheNotWritten {
        reason: String,
    },
    /// A blob no one could read (not even `git`, in a partial clone); history still lists
    /// every document, but this blob was not weighed as the source of a rename or copy.
    MissingBlob {
        id: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Shallow => write!(
                f,
                "this is a shallow clone, so history stops at the clone depth: created dates, \
                 revision counts and authors may be incomplete; run `git fetch --unshallow` \
                 (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)"
            ),
            Warning::NotARepository { dir } => write!(
                f,
                "`{dir}` is not inside a git repository; dates are file modification times \
                 and authors are unknown (run `git init` and commit to get real history)"
            ),
            Warning::NoCommits { branch: Some(b) } => {
                write!(
                    f,
                    "branch `{b}` has no commits yet; there is no history to show"
                )
            }
            Warning::NoCommits { branch: None } => {
                write!(
                    f,
                    "the repository has no commits yet; there is no history to show"
                )
            }
            Warning::CacheDiscarded { reason } => {
                write!(
                    f,
                    "history cache was unusable ({reason}); rebuilt it from git"
                )
            }
            Warning::CacheNotWritten { reason } => write!(
                f,
                "could not save the history cache ({reason}); the next run will walk history again"
            ),
            Warning::MissingBlob { id } => write!(
                f,
                "blob {id} is missing from the repository, so it was not considered as the \
                 source of a rename or copy; run `git fsck`, or fetch the history again"
            ),
        }
    }
}

/// The result of [`crate::history::index`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryIndex {
    pub source: HistorySource,
    /// Keyed by repository-relative path at HEAD.
    pub docs: BTreeMap<String, DocHistory>,
    pub warnings: Vec<Warning>,
}

/// Progress reports from a walk, so the command line can draw a bar. Called from worker
/// threads, hence `Sync`.
pub trait Progress: Sync {
    /// A walk over `commits` commits starts (it is not called when the cache answers).
    fn begin(&self, commits: u64);
    /// `commits` walked so far, `docs` documents seen so far.
    fn update(&self, commits: u64, docs: u64);
    /// The walk is over.
    fn end(&self);
}

/// For callers that do not want progress.
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _commits: u64) {}
    fn update(&self, _commits: u64, _docs: u64) {}
    fn end(&self) {}
}
