//! A file's content over time (e.g. a benchmark baseline), for trend charts: the history index
//! says which commits changed it and under which name, this reads each of those versions.

use std::path::Path;

use super::error::HistoryError;
use super::repo::{Head, Repo};
use super::types::{NoProgress, Stamp};

/// The content of the tracked file `path` (repository-relative, `/`-separated) at every commit
/// that changed it, oldest first, following renames. Commits that deleted it are left out.
pub fn series(root: &Path, path: &str) -> Result<Vec<(Stamp, String)>, HistoryError> {
    let repo = Repo::discover(root)?.ok_or_else(|| HistoryError::NotARepository {
        path: root.to_owned(),
    })?;
    if let Head::Unborn { .. } = repo.head()? {
        return Err(HistoryError::NoCommits);
    }
    let index = super::index(root, &|p| p == path, &NoProgress)?;
    let doc = index
        .docs
        .get(path)
        .ok_or_else(|| HistoryError::NotTracked {
            path: path.to_owned(),
        })?;
    let mut out = Vec::with_capacity(doc.commits.len());
    for revision in doc.commits.iter().rev() {
        let content = repo
            .file_at(&revision.stamp.commit, &revision.path)
            .map_err(HistoryError::git(format!(
                "reading `{}` at {}",
                revision.path, revision.stamp.commit
            )))?;
        if let Some(bytes) = content {
            out.push((
                revision.stamp.clone(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    Ok(out)
}
