//! What is being committed: the files in the index git is using (`GIT_INDEX_FILE` when git
//! sets it, as it does for hooks under `git commit -a` and `git commit PATH`), with their
//! staged content, and what the index changes against HEAD, for `perfdoc check --staged`.

use std::path::{Path, PathBuf};

use super::error::HistoryError;
use super::revisions::{FileChange, lossy};
use super::session::Session;

#[derive(Debug, Clone)]
pub struct StagedFile {
    /// Path relative to the session's folder (the practice), `/`-separated; lossy when the
    /// name git holds is not UTF-8 (then `utf8_name` is false).
    pub path: String,
    pub utf8_name: bool,
    /// The staged blob, read only when the caller asks (`Session::staged_content`): a hook
    /// checking one edit should not read the other 10,000 documents.
    id: git2::Oid,
    mode: u32,
}

impl StagedFile {
    pub fn is_symlink(&self) -> bool {
        self.mode == SYMLINK
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StagedContent {
    Bytes(Vec<u8>),
    /// A symlink: git stores where it points (this text), not a document.
    Symlink {
        target: String,
    },
    /// Bigger than the caller's limit, so not read.
    TooLarge {
        size: u64,
    },
}

/// The commit-to-be, inside the practice.
#[derive(Debug, Clone)]
pub struct Staged {
    /// Every file of the index that the caller wanted, by path (content on demand).
    pub files: Vec<StagedFile>,
    /// What the index changes against HEAD (everything is added on an unborn branch).
    pub changes: Vec<FileChange>,
}

/// A gitlink (submodule) has no content in this repository.
const GITLINK: u32 = 0o160000;
const SYMLINK: u32 = 0o120000;

impl Session {
    /// The index git is using when it is not the repository's own: `GIT_INDEX_FILE`, which
    /// git sets for hooks under `git commit -a` and `git commit PATH`. git reads a relative
    /// one from the top of the working tree (the git dir in a bare repository), not from
    /// where it was started; so does this.
    fn index_file(&self) -> Option<PathBuf> {
        let file = PathBuf::from(std::env::var_os("GIT_INDEX_FILE")?);
        if file.is_absolute() {
            return Some(file);
        }
        let top = self
            .worktree_root()
            .map_or_else(|| self.git_dir(), Path::to_path_buf);
        Some(top.join(file))
    }

    /// A staged file's content as the commit will have it, not read past `max_bytes`.
    pub fn staged_content(
        &self,
        file: &StagedFile,
        max_bytes: u64,
    ) -> Result<StagedContent, HistoryError> {
        if file.is_symlink() {
            let target = self.repo.blob(file.id)?;
            return Ok(StagedContent::Symlink {
                target: lossy(&target),
            });
        }
        let odb = self
            .repo
            .git2()
            .odb()
            .map_err(HistoryError::git("opening the object database"))?;
        let size = odb.read_header(file.id).map_or(0, |(size, _)| size as u64);
        Ok(if size > max_bytes {
            StagedContent::TooLarge { size }
        } else {
            StagedContent::Bytes(self.repo.blob(file.id)?)
        })
    }

    /// The index as the next commit will have it: the files `wanted` accepts (given a path
    /// relative to the practice), and the changes against HEAD. Contents are read on demand.
    pub fn staged(&self, wanted: impl Fn(&str) -> bool) -> Result<Staged, HistoryError> {
        let index = match self.index_file() {
            Some(file) => git2::Index::open(&file).map_err(HistoryError::git(format!(
                "reading the index `{}` (from GIT_INDEX_FILE)",
                file.display()
            )))?,
            None => self
                .repo
                .git2()
                .index()
                .map_err(HistoryError::git("reading git's index"))?,
        };
        let mut files = Vec::new();
        for entry in index.iter() {
            // Stages 1–3 are the sides of a conflict, which cannot be committed as they are.
            let stage = (entry.flags >> 12) & 3;
            if stage != 0 || entry.mode == GITLINK {
                continue;
            }
            let Some(path) = self.relative(&lossy(&entry.path)).filter(|p| wanted(p)) else {
                continue;
            };
            files.push(StagedFile {
                path,
                utf8_name: std::str::from_utf8(&entry.path).is_ok(),
                id: entry.id,
                mode: entry.mode,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        // On an unborn branch everything in the index is new.
        let head = self.repo.head()?;
        let head_tree = match head {
            super::repo::Head::Commit { id, .. } => Some(
                self.repo
                    .find_commit(id)
                    .and_then(|c| c.tree())
                    .map_err(HistoryError::git("reading HEAD's tree"))?,
            ),
            super::repo::Head::Unborn { .. } => None,
        };
        let diff = self
            .repo
            .git2()
            .diff_tree_to_index(head_tree.as_ref(), Some(&index), None)
            .map_err(HistoryError::git("comparing the index with HEAD"))?;
        let changes = self.file_changes(diff)?;
        Ok(Staged { files, changes })
    }
}
