//! The one place that opens a `git2::Repository`: discovery (honouring `GIT_DIR`,
//! `GIT_WORK_TREE` and `GIT_INDEX_FILE` as git does), HEAD, shallow state, replace refs, trees,
//! blobs (fetched through `git` in a partial clone) and commit metadata, returned as plain Rust
//! values for the rest of `history`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};

use git2::{
    ErrorCode, ObjectType, Oid, Repository, RepositoryOpenFlags, TreeWalkMode, TreeWalkResult,
};

use super::catfile::{self, CatFile};
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
    shared: Arc<Shared>,
}

/// What every handle on one repository shares (worker threads open their own handles).
#[derive(Default)]
struct Shared {
    /// `refs/replace/*`: object → the object git reads in its place. Empty when replace refs
    /// are turned off (`GIT_NO_REPLACE_OBJECTS`, `core.useReplaceRefs=false`).
    replacements: HashMap<Oid, Oid>,
    /// A partial clone's promisor remote: missing blobs are fetched from it by `git`.
    promisor: Option<String>,
    /// The one `git cat-file --batch` process of a partial clone, started on first need.
    cat_file: Mutex<Option<CatFile>>,
    /// Blobs neither libgit2 nor `git` could read, for one warning each.
    missing: Mutex<BTreeSet<Oid>>,
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
    /// Finds the repository containing `start`; `Ok(None)` when there is none. With `GIT_DIR`
    /// set (as git sets it for hooks, and users for odd layouts) that repository is used, as
    /// git would, and `GIT_WORK_TREE`, `GIT_INDEX_FILE` and `GIT_OBJECT_DIRECTORY` are honoured.
    pub fn discover(start: &Path) -> Result<Option<Repo>, HistoryError> {
        tune_object_cache();
        let opened = if std::env::var_os("GIT_DIR").is_some() {
            Repository::open_from_env()
        } else {
            Repository::open_ext(start, RepositoryOpenFlags::FROM_ENV, None::<&str>)
        };
        match opened {
            Ok(inner) => Ok(Some(Repo::wrap(inner))),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(HistoryError::open(start, e)),
        }
    }

    /// The repository at exactly `dir` (a work tree's top or a bare repository), never one
    /// found by climbing from it nor the one `GIT_DIR` names; `Ok(None)` when `dir` is none.
    pub fn open_exact(dir: &Path) -> Result<Option<Repo>, HistoryError> {
        tune_object_cache();
        match Repository::open_ext(dir, RepositoryOpenFlags::NO_SEARCH, None::<&str>) {
            Ok(inner) => Ok(Some(Repo::wrap(inner))),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(HistoryError::open(dir, e)),
        }
    }

    fn wrap(inner: Repository) -> Repo {
        let config = inner.config().and_then(|mut c| c.snapshot()).ok();
        let flag = |key: &str| config.as_ref().and_then(|c| c.get_bool(key).ok());
        let promisor = config.as_ref().and_then(promisor_remote);
        let replace = std::env::var_os("GIT_NO_REPLACE_OBJECTS").is_none()
            && flag("core.usereplacerefs") != Some(false);
        let replacements = if replace {
            replacements(&inner)
        } else {
            HashMap::new()
        };
        Repo {
            inner,
            shared: Arc::new(Shared {
                replacements,
                promisor,
                ..Shared::default()
            }),
        }
    }

    /// Another handle on the same repository, e.g. one per worker thread, since `Repository`
    /// is not `Sync`. Shares the replace refs, the `git` process and the missing blobs.
    pub fn reopen(&self) -> Result<Repo, HistoryError> {
        let path = self.git_dir();
        Repository::open_ext(
            &path,
            RepositoryOpenFlags::FROM_ENV | RepositoryOpenFlags::NO_SEARCH,
            None::<&str>,
        )
        .map(|inner| Repo {
            inner,
            shared: Arc::clone(&self.shared),
        })
        .map_err(|e| HistoryError::open(&path, e))
    }

    /// The object git reads for `id`: its replacement, if a replace ref names one.
    pub fn replaced(&self, id: Oid) -> Oid {
        self.shared.replacements.get(&id).copied().unwrap_or(id)
    }

    pub fn has_replacements(&self) -> bool {
        !self.shared.replacements.is_empty()
    }

    /// Blobs that could not be read by anyone, sorted; each is reported once.
    pub fn missing_blobs(&self) -> Vec<Oid> {
        let missing = self
            .shared
            .missing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        missing.iter().copied().collect()
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

    /// The commits listed in `shallow`, sorted, then the replace refs in force (`replace
    /// OLD NEW`): a deepening fetch or a `git replace` changes history without moving HEAD,
    /// and the cache must notice.
    pub fn shallow_boundary(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_to_string(self.inner.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        ids.sort();
        let mut replaced: Vec<String> = self
            .shared
            .replacements
            .iter()
            .map(|(old, new)| format!("replace {old} {new}"))
            .collect();
        replaced.sort();
        ids.extend(replaced);
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

    /// Whether `ancestor` is reachable from `commit` (or is it). libgit2's graph ignores
    /// replace refs, so with any in force the answer is "no" and the caller starts afresh.
    pub fn descends_from(&self, commit: Oid, ancestor: Oid) -> bool {
        commit == ancestor
            || (!self.has_replacements()
                && self
                    .inner
                    .graph_descendant_of(commit, ancestor)
                    .unwrap_or(false))
    }

    /// A commit as git reads it: through its replace ref, if it has one. The id stays the
    /// one asked for, as `git log` shows it.
    pub fn find_commit(&self, id: Oid) -> Result<git2::Commit<'_>, git2::Error> {
        self.inner.find_commit(self.replaced(id))
    }

    pub fn commit_meta(&self, id: Oid) -> Result<CommitMeta, git2::Error> {
        let commit = self.find_commit(id)?;
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
        Ok(self.find_commit(id)?.tree_id())
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
    pub fn file_at(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, HistoryError> {
        let doing = || format!("reading `{path}` at {commit}");
        let id = Oid::from_str(commit).map_err(|e| HistoryError::git(doing())(e))?;
        match self
            .blob_at(id, path)
            .map_err(|e| HistoryError::git(doing())(e))?
        {
            Some(blob) => Ok(Some(self.blob(blob)?)),
            None => Ok(None),
        }
    }

    /// A blob's bytes; an error naming it when no one can read it.
    pub fn blob(&self, id: Oid) -> Result<Vec<u8>, HistoryError> {
        self.with_blob(id, <[u8]>::to_vec)?
            .ok_or(HistoryError::MissingBlob { id: id.to_string() })
    }

    /// Runs `f` on a blob's bytes, without copying them when libgit2 has the blob. In a
    /// partial clone a blob libgit2 lacks is read (fetched on demand) by `git cat-file`.
    /// `Ok(None)` when the blob is not to be had at all; it is remembered for a warning.
    pub fn with_blob<T>(
        &self,
        id: Oid,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<Option<T>, HistoryError> {
        let id = self.replaced(id);
        let doing = || format!("reading blob {id}");
        match self.inner.find_blob(id) {
            Ok(blob) => return Ok(Some(f(blob.content()))),
            Err(e) if e.code() == ErrorCode::NotFound => {}
            Err(e) => return Err(HistoryError::git(doing())(e)),
        }
        let fetched = if self.shared.promisor.is_some() {
            let mut slot = self
                .shared
                .cat_file
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if slot.is_none() {
                *slot = Some(CatFile::start(&self.git_dir())?);
            }
            slot.as_mut().expect("started above").blob(id)?
        } else {
            None
        };
        match fetched {
            Some(bytes) => Ok(Some(f(&bytes))),
            None => {
                self.shared
                    .missing
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(id);
                Ok(None)
            }
        }
    }

    /// Makes sure libgit2 itself can read blob `id` (its own diff machinery, rename detection
    /// included, reads blobs without us): in a partial clone a missing blob is fetched through
    /// `git` and stored, as git's own lazy fetch would store it. Elsewhere nothing is done.
    pub fn ensure_blob(&self, id: Oid) -> Result<(), HistoryError> {
        if self.shared.promisor.is_none() || id.is_zero() {
            return Ok(());
        }
        let odb = self
            .inner
            .odb()
            .map_err(HistoryError::git("opening the object database"))?;
        if odb.exists(id) {
            return Ok(());
        }
        if let Some(bytes) = self.with_blob(id, <[u8]>::to_vec)? {
            // `git cat-file` fetched it into a new pack; libgit2 may not have looked again.
            let _ = odb.refresh();
            if !odb.exists(id) {
                odb.write(ObjectType::Blob, &bytes)
                    .map_err(HistoryError::git(format!("storing fetched blob {id}")))?;
            }
        }
        Ok(())
    }

    /// In a partial clone, fetches in one go every blob a walk from `head` (minus what `hide`
    /// reaches) will read and the clone lacks, so the walk does not fetch them one by one.
    /// Best effort: whatever this misses is still fetched on demand.
    pub fn prefetch(&self, head: Oid, hide: Option<Oid>) {
        if let Some(remote) = &self.shared.promisor {
            catfile::prefetch(&self.git_dir(), remote, head, hide);
        }
    }

    /// The id of the blob at `path` in a commit's tree, if there is one.
    pub fn blob_at(&self, commit: Oid, path: &str) -> Result<Option<Oid>, git2::Error> {
        let tree = self.find_commit(commit)?.tree()?;
        match tree.get_path(Path::new(path)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Blob) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// `refs/replace/*` (or under `GIT_REPLACE_REF_BASE`): each ref is named after the object it
/// replaces and points at the replacement.
fn replacements(repo: &Repository) -> HashMap<Oid, Oid> {
    let base = std::env::var("GIT_REPLACE_REF_BASE").unwrap_or_else(|_| "refs/replace/".into());
    let base = if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    let mut out = HashMap::new();
    let Ok(refs) = repo.references_glob(&format!("{base}*")) else {
        return out;
    };
    for r in refs.flatten() {
        let replaced = r
            .name()
            .ok()
            .and_then(|n| n.strip_prefix(&base))
            .and_then(|hex| Oid::from_str(hex).ok());
        if let (Some(old), Some(new)) = (replaced, r.target()) {
            out.insert(old, new);
        }
    }
    out
}

/// The remote a partial clone fetches missing objects from: `extensions.partialClone`, else
/// the first `remote.NAME.promisor=true`; `None` for a complete repository.
fn promisor_remote(config: &git2::Config) -> Option<String> {
    if let Ok(name) = config.get_string("extensions.partialclone") {
        return Some(name);
    }
    let mut entries = config.entries(Some(r"remote\..*\.promisor")).ok()?;
    while let Some(Ok(entry)) = entries.next() {
        let on = entry.value().is_ok_and(|v| v.eq_ignore_ascii_case("true"));
        let name = entry.name().ok().and_then(|n| {
            n.strip_prefix("remote.")
                .and_then(|n| n.strip_suffix(".promisor"))
                .map(str::to_owned)
        });
        if let (true, Some(name)) = (on, name) {
            return Some(name);
        }
    }
    None
}
