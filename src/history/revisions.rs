//! Two revisions and what lies between them, for `perfdoc review`: resolve a revision, find
//! the merge base with the default branch, list the files changed between two trees (renames
//! followed) and read files as they are at a revision. Paths are relative to the practice root,
//! which may be a sub-folder of the repository.

use std::path::Path;

use serde::Serialize;

use super::error::HistoryError;
use super::session::Session;

type Result<T, E = HistoryError> = std::result::Result<T, E>;

/// A resolved commit, owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitRef {
    /// The full commit id.
    pub id: String,
    /// The first 7 hex digits of the id.
    pub short: String,
    /// The first line of the commit message.
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeStatus {
    Added,
    Modified,
    Renamed,
    Deleted,
}

impl ChangeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Added => "added",
            ChangeStatus::Modified => "modified",
            ChangeStatus::Renamed => "renamed",
            ChangeStatus::Deleted => "deleted",
        }
    }
}

/// One file changed between two revisions. `old_path` is set unless the file was added,
/// `new_path` unless it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    pub status: ChangeStatus,
    pub old_path: Option<String>,
    pub new_path: Option<String>,
}

impl FileChange {
    /// The path the file has now, or had before it was deleted.
    pub fn path(&self) -> &str {
        self.new_path
            .as_deref()
            .or(self.old_path.as_deref())
            .unwrap_or_default()
    }
}

/// The branches tried, in order, as the default branch a change is reviewed against. The
/// remote-tracking ones last cover CI checkouts, which have no local `main`.
pub const DEFAULT_BRANCHES: &[&str] = &[
    "origin/HEAD",
    "main",
    "master",
    "origin/main",
    "origin/master",
];

fn git(doing: &str) -> impl FnOnce(git2::Error) -> HistoryError {
    HistoryError::git(doing)
}

/// A tree entry's name as text: git allows any bytes but NUL and `/`, and a file whose name is
/// not UTF-8 must still be listed (lossily), never dropped.
pub(super) fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn revision(commit: &git2::Commit<'_>, id: git2::Oid) -> CommitRef {
    let id = id.to_string();
    CommitRef {
        short: id[..7.min(id.len())].to_string(),
        id,
        summary: commit
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
    }
}

impl Session {
    /// The commit `rev` names, as git reads it (replace refs applied), and its own id.
    fn commit(&self, rev: &str) -> Result<(git2::Commit<'_>, git2::Oid)> {
        let object =
            self.repo
                .git2()
                .revparse_single(rev)
                .map_err(|e| HistoryError::BadRevision {
                    rev: rev.to_string(),
                    message: e.message().to_string(),
                })?;
        let id = object
            .peel_to_commit()
            .map_err(|_| HistoryError::NotACommit {
                rev: rev.to_string(),
            })?
            .id();
        let commit = self
            .repo
            .find_commit(id)
            .map_err(git(&format!("reading commit {id}")))?;
        Ok((commit, id))
    }

    fn tree(&self, rev: &str) -> Result<git2::Tree<'_>> {
        let (commit, id) = self.commit(rev)?;
        commit
            .tree()
            .map_err(git(&format!("reading the tree of {id}")))
    }

    /// Resolves a revision (`HEAD`, a branch, a tag, a commit id, `main~2`) to its commit.
    pub fn resolve(&self, rev: &str) -> Result<CommitRef> {
        let (commit, id) = self.commit(rev)?;
        Ok(revision(&commit, id))
    }

    fn merge_base_of(&self, a: git2::Oid, b: git2::Oid) -> Result<CommitRef, git2::Error> {
        let id = self.repo.git2().merge_base(a, b)?;
        Ok(revision(&self.repo.find_commit(id)?, id))
    }

    /// The merge base of `base` and `head`: where a branch forked from `base`, so that what
    /// `base` gained since is not counted as the branch's change (`git diff base...head`).
    pub fn merge_base(&self, base: &str, head: &str) -> Result<CommitRef> {
        let ((_, b), (_, h)) = (self.commit(base)?, self.commit(head)?);
        self.merge_base_of(b, h)
            .map_err(|e| HistoryError::Unrelated {
                base: base.to_string(),
                head: head.to_string(),
                message: e.message().to_string(),
            })
    }

    /// The merge base of `head` with the first default branch that exists (see
    /// `DEFAULT_BRANCHES`), and the branch's name.
    pub fn merge_base_with_default(&self, head: &str) -> Result<(CommitRef, String)> {
        let (_, head) = self.commit(head)?;
        for name in DEFAULT_BRANCHES {
            let Ok((_, branch)) = self.commit(name) else {
                continue;
            };
            let base =
                self.merge_base_of(head, branch)
                    .map_err(|e| HistoryError::UnrelatedDefault {
                        name: (*name).to_string(),
                        message: e.message().to_string(),
                    })?;
            return Ok((base, (*name).to_string()));
        }
        Err(HistoryError::NoDefaultBranch {
            tried: DEFAULT_BRANCHES.to_vec(),
        })
    }

    /// Files under the practice changed between two commits, with renames detected, sorted
    /// by path.
    pub fn changes(&self, base: &str, head: &str) -> Result<Vec<FileChange>> {
        let (base_tree, head_tree) = (self.tree(base)?, self.tree(head)?);
        let diff = self
            .repo
            .git2()
            .diff_tree_to_tree(Some(&base_tree), Some(&head_tree), None)
            .map_err(git("comparing the two revisions"))?;
        self.file_changes(diff)
    }

    /// The changes of a diff inside the practice, renames found, sorted by path. File names
    /// that are not UTF-8 are kept, lossily.
    pub(super) fn file_changes(&self, mut diff: git2::Diff<'_>) -> Result<Vec<FileChange>> {
        // Rename detection compares the contents of added and deleted files.
        for delta in diff.deltas() {
            match delta.status() {
                git2::Delta::Added => self.repo.ensure_blob(delta.new_file().id())?,
                git2::Delta::Deleted => self.repo.ensure_blob(delta.old_file().id())?,
                _ => {}
            }
        }
        let mut find = git2::DiffFindOptions::new();
        find.renames(true);
        diff.find_similar(Some(&mut find))
            .map_err(git("finding renames"))?;
        let path_of = |f: git2::DiffFile<'_>| f.path_bytes().and_then(|p| self.relative(&lossy(p)));
        let mut out = Vec::new();
        for delta in diff.deltas() {
            let (old, new) = (path_of(delta.old_file()), path_of(delta.new_file()));
            let change = match delta.status() {
                git2::Delta::Added | git2::Delta::Copied => {
                    new.map(|n| (ChangeStatus::Added, None, Some(n)))
                }
                git2::Delta::Deleted => old.map(|o| (ChangeStatus::Deleted, Some(o), None)),
                git2::Delta::Modified | git2::Delta::Typechange => {
                    new.map(|n| (ChangeStatus::Modified, old, Some(n)))
                }
                // A rename across the practice's edge is an addition or a deletion from its
                // side.
                git2::Delta::Renamed => match (old, new) {
                    (Some(o), Some(n)) => Some((ChangeStatus::Renamed, Some(o), Some(n))),
                    (None, Some(n)) => Some((ChangeStatus::Added, None, Some(n))),
                    (Some(o), None) => Some((ChangeStatus::Deleted, Some(o), None)),
                    (None, None) => None,
                },
                _ => None,
            };
            if let Some((status, old_path, new_path)) = change {
                out.push(FileChange {
                    status,
                    old_path,
                    new_path,
                });
            }
        }
        out.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(out)
    }

    /// A file's content at a revision, or `None` when the revision does not have it.
    pub fn read_at(&self, rev: &str, path: &str) -> Result<Option<Vec<u8>>> {
        let tree = self.tree(rev)?;
        let Ok(entry) = tree.get_path(Path::new(&self.repo_path(path))) else {
            return Ok(None);
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        self.repo.blob(entry.id()).map(Some)
    }

    /// Every file under the practice at a revision whose path `wanted` accepts, with its
    /// content, sorted by path. One tree walk, so a review of a large practice reads each blob
    /// once.
    pub fn files_at(
        &self,
        rev: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        let tree = self.tree(rev)?;
        let mut ids = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() != Some(git2::ObjectType::Blob) {
                return git2::TreeWalkResult::Ok;
            }
            let full = format!("{dir}{}", lossy(entry.name_bytes()));
            if let Some(rel) = self.relative(&full).filter(|r| wanted(r)) {
                ids.push((rel, entry.id()));
            }
            git2::TreeWalkResult::Ok
        })
        .map_err(git(&format!("listing the files at `{rev}`")))?;
        let mut out = Vec::with_capacity(ids.len());
        for (rel, id) in ids {
            out.push((rel, self.repo.blob(id)?));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn sh(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .env("GIT_AUTHOR_NAME", "Jane Doe")
            .env("GIT_AUTHOR_EMAIL", "jane@example.com")
            .env("GIT_COMMITTER_NAME", "Jane Doe")
            .env("GIT_COMMITTER_EMAIL", "jane@example.com")
            .env("GIT_AUTHOR_DATE", "2025-12-01T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2025-12-01T10:00:00Z")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn lists_changes_with_renames_inside_the_practice_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        sh(dir, &["init", "-q", "-b", "main"]);
        let long = "a fairly long line of text so that rename detection has something to match\n"
            .repeat(20);
        write(dir, "docs/reports/old.md", &long);
        write(dir, "docs/reports/gone.md", "bye\n");
        write(dir, "docs/reports/edit.md", "one\n");
        write(dir, "outside.md", "x\n");
        sh(dir, &["add", "-A"]);
        sh(dir, &["commit", "-q", "-m", "base"]);
        sh(dir, &["checkout", "-q", "-b", "topic"]);
        std::fs::rename(
            dir.join("docs/reports/old.md"),
            dir.join("docs/reports/new.md"),
        )
        .unwrap();
        std::fs::remove_file(dir.join("docs/reports/gone.md")).unwrap();
        write(dir, "docs/reports/edit.md", "two\n");
        write(dir, "docs/reports/added.md", "hi\n");
        write(dir, "outside.md", "y\n");
        sh(dir, &["add", "-A"]);
        sh(dir, &["commit", "-q", "-m", "head"]);

        let root = Session::discover(&dir.join("docs")).unwrap().unwrap();
        let (base, branch) = root.merge_base_with_default("HEAD").unwrap();
        assert_eq!(branch, "main");
        assert_eq!(base, root.resolve("main").unwrap());
        let got = root.changes(&base.id, "HEAD").unwrap();
        let summary: Vec<_> = got
            .iter()
            .map(|c| (c.status, c.old_path.as_deref(), c.new_path.as_deref()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (ChangeStatus::Added, None, Some("reports/added.md")),
                (
                    ChangeStatus::Modified,
                    Some("reports/edit.md"),
                    Some("reports/edit.md")
                ),
                (ChangeStatus::Deleted, Some("reports/gone.md"), None),
                (
                    ChangeStatus::Renamed,
                    Some("reports/old.md"),
                    Some("reports/new.md")
                ),
            ]
        );
        assert_eq!(
            root.read_at("main", "reports/edit.md").unwrap().unwrap(),
            b"one\n"
        );
        assert_eq!(root.read_at("main", "reports/added.md").unwrap(), None);
        let files = root.files_at("HEAD", |p| p.ends_with(".md")).unwrap();
        let names: Vec<_> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            ["reports/added.md", "reports/edit.md", "reports/new.md"]
        );
    }

    #[test]
    fn unknown_revision_says_how_to_fix_it() {
        let tmp = tempfile::tempdir().unwrap();
        sh(tmp.path(), &["init", "-q", "-b", "main"]);
        let session = Session::discover(tmp.path()).unwrap().unwrap();
        let err = session.resolve("nope").unwrap_err().to_string();
        assert!(err.contains("cannot resolve revision `nope`"), "{err}");
        let err = session
            .merge_base_with_default("HEAD")
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEAD"), "{err}");
    }
}
