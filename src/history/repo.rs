//! The one place that opens a `git2::Repository`: discovery, HEAD, shallow state, trees, blobs
//! and commit metadata, returned as plain Rust values for the rest of `history`.

use std::path::{Path, PathBuf};
use std::sync::Once;

use git2::{ErrorCode, ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::error::HistoryError;

/// A blob entry of a tree: path, blob id and file mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: String,
    pub id: Oid,
    pub mode: i32,
}

/// What HEAD points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// No commit yet: a fresh repository, or a branch created with `--orphan`.
    Unborn {
        branch: Option<String>,
    },
    Commit {
        id: Oid,
        branch: Option<String>,
    },
}

/// Author, date and subject of one commit.
#[derive(Debug, Clone)]
pub struct CommitMeta {
    pub id: Oid,
    pub parents: Vec<Oid>,
    pub tree: Oid,
    pub time: i64,
    pub offset_minutes: i32,
    pub author: String,
    pub email: String,
    pub summary: String,
}

pub struct Repo {
    inner: Repository,
}

/// Modes of entries we treat as files. Submodules (gitlinks) have no content here and are
/// skipped, as `git log --follow` on a Markdown path never meets them.
pub fn is_file_mode(mode: i32) -> bool {
    matches!(mode, 0o100644 | 0o100755 | 0o120000)
}

fn tune_object_cache() {
    // libgit2 re-hashes every object it reads (with SHA-1 collision detection, the single
    // biggest cost of a walk); git does not, and leaves integrity to `git fsck`.
    static ONCE: Once = Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

impl Repo {
    /// Finds the repository containing `start`; `Ok(None)` when there is none.
    pub fn discover(start: &Path) -> Result<Option<Repo>, HistoryError> {
        tune_object_cache();
        match Repository::discover(start) {
            Ok(inner) => Ok(Some(Repo { inner })),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(HistoryError::open(start, e)),
        }
    }

    /// Opens the repository whose git dir is `path` (from [`Repo::git_dir`]), e.g. once per
    /// worker thread, since `Repository` is not `Sync`.
    pub fn open(path: &Path) -> Result<Repo, HistoryError> {
        Repository::open(path)
            .map(|inner| Repo { inner })
            .map_err(|e| HistoryError::open(path, e))
    }

    pub fn git2(&self) -> &Repository {
        &self.inner
    }

    /// The working tree's root, if the repository has one.
    pub fn workdir(&self) -> Option<PathBuf> {
        self.inner.workdir().map(Path::to_path_buf)
    }

    /// This worktree's private git dir (`.git`, or `.git/worktrees/NAME` for a linked one).
    pub fn git_dir(&self) -> PathBuf {
        self.inner.path().to_path_buf()
    }

    pub fn is_shallow(&self) -> bool {
        self.inner.is_shallow()
    }

    /// The commits listed in `shallow`, sorted: a deepening fetch changes them without moving
    /// HEAD, and the cache must notice.
    pub fn shallow_boundary(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_to_string(self.inner.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        ids.sort();
        ids
    }

    pub fn head(&self) -> Result<Head, HistoryError> {
        let reference = match self.inner.head() {
            Ok(r) => r,
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(Head::Unborn {
                    branch: self.unborn_branch(),
                });
            }
            Err(e) => return Err(HistoryError::git("resolving HEAD")(e)),
        };
        let branch = reference
            .is_branch()
            .then(|| String::from_utf8_lossy(reference.shorthand_bytes()).into_owned());
        let commit = reference
            .peel_to_commit()
            .map_err(HistoryError::git("resolving HEAD to a commit"))?;
        Ok(Head::Commit {
            id: commit.id(),
            branch,
        })
    }

    fn unborn_branch(&self) -> Option<String> {
        let head = self.inner.find_reference("HEAD").ok()?;
        let target = head.symbolic_target_bytes()?;
        let name = String::from_utf8_lossy(target);
        Some(name.strip_prefix("refs/heads/").unwrap_or(&name).to_owned())
    }

    /// Whether `ancestor` is reachable from `commit` (or is it).
    pub fn descends_from(&self, commit: Oid, ancestor: Oid) -> bool {
        commit == ancestor
            || self
                .inner
                .graph_descendant_of(commit, ancestor)
                .unwrap_or(false)
    }

    pub fn commit_meta(&self, id: Oid) -> Result<CommitMeta, git2::Error> {
        let commit = self.inner.find_commit(id)?;
        let author = commit.author();
        let when = author.when();
        Ok(CommitMeta {
            id,
            parents: commit.parent_ids().collect(),
            tree: commit.tree_id(),
            time: when.seconds(),
            offset_minutes: when.offset_minutes(),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            summary: commit
                .summary_bytes()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default(),
        })
    }

    pub fn commit_tree(&self, id: Oid) -> Result<Oid, git2::Error> {
        Ok(self.inner.find_commit(id)?.tree_id())
    }

    /// Every file of a tree, recursively, with `/`-separated paths.
    pub fn files(&self, tree: Oid) -> Result<Vec<FileEntry>, git2::Error> {
        let tree = self.inner.find_tree(tree)?;
        let mut out = Vec::with_capacity(tree.len());
        tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
            let mode = entry.filemode();
            if is_file_mode(mode) {
                out.push(FileEntry {
                    path: format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes())),
                    id: entry.id(),
                    mode,
                });
            }
            TreeWalkResult::Ok
        })?;
        Ok(out)
    }

    /// The bytes of `path` in the commit `commit` (full hex), if it is a file there.
    pub fn file_at(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, git2::Error> {
        let id = Oid::from_str(commit)?;
        match self.blob_at(id, path)? {
            Some(blob) => Ok(Some(self.inner.find_blob(blob)?.content().to_vec())),
            None => Ok(None),
        }
    }

    /// Runs `f` on a blob's bytes without copying them.
    pub fn with_blob<T>(&self, id: Oid, f: impl FnOnce(&[u8]) -> T) -> Result<T, git2::Error> {
        let blob = self.inner.find_blob(id)?;
        Ok(f(blob.content()))
    }

    /// The id of the blob at `path` in a commit's tree, if there is one.
    pub fn blob_at(&self, commit: Oid, path: &str) -> Result<Option<Oid>, git2::Error> {
        let tree = self.inner.find_commit(commit)?.tree()?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Blob) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}
