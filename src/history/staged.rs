//! What is being committed: the files staged in git's index that differ from HEAD, with the
//! staged content (not the working tree's), for `perfdoc check --staged`.

use std::path::Path;

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct StagedFile {
    /// Path relative to `root` (the practice), `/`-separated.
    pub path: String,
    pub content: Vec<u8>,
}

/// Files added or modified in the index under `root`, relative to it.
pub fn staged_files(root: &Path) -> Result<Vec<StagedFile>> {
    let git = |e: git2::Error| Error::Git(e.message().to_string());
    let repo = git2::Repository::discover(root).map_err(|_| {
        Error::Usage(format!(
            "`--staged` needs a git repository, and `{}` is not in one\n  help: run `git init`, or check the working tree without --staged",
            root.display()
        ))
    })?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::Usage("`--staged` needs a repository with a working tree".into()))?
        .canonicalize()
        .map_err(|source| Error::Read {
            path: root.to_path_buf(),
            source,
        })?;
    let root = root.canonicalize().map_err(|source| Error::Read {
        path: root.to_path_buf(),
        source,
    })?;
    let prefix = root
        .strip_prefix(&workdir)
        .map(crate::practice::to_slash)
        .unwrap_or_default();
    let index = repo.index().map_err(git)?;
    // On an unborn branch everything in the index is new.
    let head_tree = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let diff = repo
        .diff_tree_to_index(head_tree.as_ref(), Some(&index), None)
        .map_err(git)?;
    let mut out = Vec::new();
    for delta in diff.deltas() {
        if !matches!(
            delta.status(),
            git2::Delta::Added | git2::Delta::Modified | git2::Delta::Renamed | git2::Delta::Copied
        ) {
            continue;
        }
        let file = delta.new_file();
        let Some(path) = file.path().and_then(|p| p.to_str()) else {
            continue;
        };
        let rel = if prefix.is_empty() {
            path.to_string()
        } else {
            match path.strip_prefix(&format!("{prefix}/")) {
                Some(rel) => rel.to_string(),
                None => continue,
            }
        };
        let blob = repo.find_blob(file.id()).map_err(git)?;
        out.push(StagedFile {
            path: rel,
            content: blob.content().to_vec(),
        });
    }
    Ok(out)
}
