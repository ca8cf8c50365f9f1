//! Document history from git: created, updated, authors, revisions and earlier names of every
//! document, from one walk over the history (cached under the git dir), and the content of a
//! file over time. The only module that uses git2; everything it returns is owned and serde.

mod blob_hash;
mod branch;
mod cache;
mod catfile;
mod error;
mod fallback;
mod follow;
mod hooks_dir;
mod identity;
mod repo;
mod revisions;
mod series;
mod session;
mod similarity;
mod sources;
mod staged;
mod stamp;
mod state;
mod treediff;
mod types;
mod walk;
mod window;

use std::collections::BTreeMap;
use std::path::Path;

pub use blob_hash::blob_hash;
pub use branch::default_branch;
pub use error::{GitCause, HistoryError};
pub use hooks_dir::HooksDir;
pub use identity::user_name;
pub use revisions::{ChangeStatus, CommitRef, DEFAULT_BRANCHES, FileChange};
pub use session::Session;
pub use staged::{Staged, StagedContent, StagedFile};
pub use types::{
    DocHistory, HistoryIndex, HistorySource, NoProgress, Progress, Revision, Stamp, Warning,
};
pub use window::{WindowCommit, in_window};

use cache::Cache;
use repo::{Head, Repo};

/// History of every file at HEAD for which `wanted` (given a repository-relative,
/// `/`-separated path) is true: from git when there is a session, else file times stand in.
pub fn index(
    session: Option<&Session>,
    root: &Path,
    wanted: &dyn Fn(&str) -> bool,
    progress: &dyn Progress,
) -> Result<HistoryIndex, HistoryError> {
    match session {
        Some(session) => session.index(wanted, progress),
        None => fallback::file_times(root, wanted),
    }
}

impl Session {
    /// History of every file at HEAD for which `wanted` (given a repository-relative,
    /// `/`-separated path) is true.
    pub fn index(
        &self,
        wanted: &dyn Fn(&str) -> bool,
        progress: &dyn Progress,
    ) -> Result<HistoryIndex, HistoryError> {
        index_repo(&self.repo, wanted, progress)
    }
}

fn index_repo(
    repo: &Repo,
    wanted: &dyn Fn(&str) -> bool,
    progress: &dyn Progress,
) -> Result<HistoryIndex, HistoryError> {
    let (head, branch) = match repo.head()? {
        Head::Unborn { branch } => {
            return Ok(HistoryIndex {
                source: HistorySource::Empty,
                docs: BTreeMap::new(),
                warnings: vec![Warning::NoCommits { branch }],
            });
        }
        Head::Commit { id, branch } => (id, branch),
    };
    let mut warnings = Vec::new();
    let shallow = repo.is_shallow();
    if shallow {
        warnings.push(Warning::Shallow);
    }
    let cache = up_to_date_cache(repo, head, &mut warnings, progress)?;
    let docs = cache
        .docs(wanted)
        .into_iter()
        .map(|d| (d.path.clone(), d))
        .collect();
    Ok(HistoryIndex {
        source: HistorySource::Git {
            shallow,
            head: branch,
            commit: head.to_string(),
        },
        docs,
        warnings,
    })
}

/// The cache for `head`: as stored when it matches, continued when `head` descends from the
/// stored HEAD, rebuilt otherwise. Saved whenever it changed.
fn up_to_date_cache(
    repo: &Repo,
    head: git2::Oid,
    warnings: &mut Vec<Warning>,
    progress: &dyn Progress,
) -> Result<Cache, HistoryError> {
    let file = cache::path(&repo.git_dir());
    let boundary = repo.shallow_boundary();
    let stored = cache::load(&file).unwrap_or_else(|reason| {
        warnings.push(Warning::CacheDiscarded { reason });
        None
    });
    let head_hex = head.to_string();
    // A fetch that deepened a shallow clone changes history without moving HEAD.
    let stored = match stored.filter(|c| c.shallow == boundary) {
        Some(c) if c.head == head_hex => return Ok(c),
        other => other,
    };
    let continued = match stored {
        Some(old) => match git2::Oid::from_str(&old.head) {
            Ok(old_head) if repo.descends_from(head, old_head) => {
                let chains = walk_and_follow(repo, head, Some(old_head), progress)?;
                old.extend(chains, head_hex.clone())
            }
            _ => None,
        },
        None => None,
    };
    let fresh = match continued {
        Some(c) => c,
        None => {
            let chains = walk_and_follow(repo, head, None, progress)?;
            Cache::from_full_walk(chains, head_hex, boundary)
        }
    };
    let missing = repo.missing_blobs();
    if !missing.is_empty() {
        // An answer that lacked some blobs is not kept: once they are back, it may differ.
        warnings.extend(
            missing
                .into_iter()
                .map(|id| Warning::MissingBlob { id: id.to_string() }),
        );
        return Ok(fresh);
    }
    if let Err(e) = cache::save(&file, &fresh) {
        warnings.push(Warning::CacheNotWritten {
            reason: format!("{}: {e}", file.display()),
        });
    }
    Ok(fresh)
}

fn walk_and_follow(
    repo: &Repo,
    head: git2::Oid,
    hide: Option<git2::Oid>,
    progress: &dyn Progress,
) -> Result<follow::Chains, HistoryError> {
    let head_tree = repo
        .commit_tree(head)
        .map_err(HistoryError::git("reading HEAD's tree"))?;
    let head_files = repo
        .files(head_tree)
        .map_err(HistoryError::git("listing the files at HEAD"))?;
    repo.prefetch(head, hide);
    let mut finder = sources::GitSources::new(repo);
    let at_head = head_files.iter().map(|f| f.id).collect();
    walk::walk(repo, head, hide, &at_head, progress, |commits| {
        follow::follow(commits, head_files.into_iter().map(|f| f.path), &mut finder)
    })?
}
