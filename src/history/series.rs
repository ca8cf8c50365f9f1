//! A file's content over time (e.g. a benchmark baseline), for trend charts: the history index
//! says which commits changed it and under which name, this reads each of those versions.

use super::error::HistoryError;
use super::repo::Head;
use super::session::Session;
use super::types::{NoProgress, Stamp};

impl Session {
    /// The content of the tracked file `path` (repository-relative, `/`-separated) at every
    /// commit that changed it, oldest first, following renames. Commits that deleted it are
    /// left out.
    pub fn series(&self, path: &str) -> Result<Vec<(Stamp, Vec<u8>)>, HistoryError> {
        series(self, path)
    }
}

fn series(session: &Session, path: &str) -> Result<Vec<(Stamp, Vec<u8>)>, HistoryError> {
    let repo = &session.repo;
    if let Head::Unborn { .. } = repo.head()? {
        return Err(HistoryError::NoCommits);
    }
    let index = session.index(&|p| p == path, &NoProgress)?;
    let doc = index
        .docs
        .get(path)
        .ok_or_else(|| HistoryError::NotTracked {
            path: path.to_owned(),
        })?;
    let mut out = Vec::with_capacity(doc.commits.len());
    for revision in doc.commits.iter().rev() {
        let content = repo.file_at(&revision.stamp.commit, &revision.path)?;
        if let Some(bytes) = content {
            out.push((revision.stamp.clone(), bytes));
        }
    }
    Ok(out)
}
