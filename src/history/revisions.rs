//! Two revisions and what lies between them, for `perfdoc review`: resolve a revision, find
//! the merge base with the default branch, list the files changed between two trees (renames
//! followed) and read files as they are at a revision. Paths are relative to the practice root,
//! which may be a sub-folder of the repository.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};

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

/// The repository around a practice root and the root's path inside it.
struct Opened {
    repo: git2::Repository,
    /// The practice root relative to the repository's working tree, `/`-separated; empty at
    /// the top.
    prefix: String,
}

fn git(e: git2::Error) -> Error {
    Error::Git(e.message().to_string())
}

fn open(root: &Path) -> Result<Opened> {
    let repo = git2::Repository::discover(root).map_err(|_| {
        Error::Usage(format!(
            "`{}` is not in a git repository; a review compares two revisions\n  help: run `git init` and commit, or run perfdoc inside a clone",
            root.display()
        ))
    })?;
    let prefix = match repo.workdir() {
        Some(workdir) => {
            let canon = |p: &Path| {
                p.canonicalize().map_err(|source| Error::Read {
                    path: p.to_path_buf(),
                    source,
                })
            };
            let (workdir, root) = (canon(workdir)?, canon(root)?);
            root.strip_prefix(&workdir)
                .map(crate::practice::to_slash)
                .unwrap_or_default()
        }
        None => String::new(),
    };
    Ok(Opened { repo, prefix })
}

impl Opened {
    /// A repository path as a practice path, or `None` when it lies outside the practice.
    fn relative(&self, path: &str) -> Option<String> {
        if self.prefix.is_empty() {
            return Some(path.to_string());
        }
        path.strip_prefix(&format!("{}/", self.prefix))
            .map(str::to_string)
    }

    fn commit(&self, rev: &str) -> Result<git2::Commit<'_>> {
        let object = self.repo.revparse_single(rev).map_err(|e| {
            Error::Usage(format!(
                "cannot resolve revision `{rev}`: {}\n  help: name a branch, tag or commit; in CI fetch the history with `fetch-depth: 0`",
                e.message()
            ))
        })?;
        object
            .peel_to_commit()
            .map_err(|_| Error::Usage(format!("revision `{rev}` does not name a commit")))
    }
}

fn revision(commit: &git2::Commit<'_>) -> CommitRef {
    let id = commit.id().to_string();
    CommitRef {
        short: id[..7.min(id.len())].to_string(),
        id,
        summary: commit
            .summary()
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_string(),
    }
}

/// Where the practice lies inside its repository (`perf` for `REPO/perf`), `/`-separated;
/// empty at the top, `None` outside a repository. Tools that resolve paths against the
/// repository (code scanning) need it.
pub fn practice_prefix(root: &Path) -> Option<String> {
    open(root).ok().map(|o| o.prefix)
}

/// Resolves a revision (`HEAD`, a branch, a tag, a commit id, `main~2`) to its commit.
pub fn resolve(root: &Path, rev: &str) -> Result<CommitRef> {
    let opened = open(root)?;
    Ok(revision(&opened.commit(rev)?))
}

/// The merge base of `base` and `head`: where a branch forked from `base`, so that what `base`
/// gained since is not counted as the branch's change (`git diff base...head`).
pub fn merge_base(root: &Path, base: &str, head: &str) -> Result<CommitRef> {
    let opened = open(root)?;
    let (b, h) = (opened.commit(base)?, opened.commit(head)?);
    let id = opened.repo.merge_base(b.id(), h.id()).map_err(|e| {
        Error::Usage(format!(
            "`{base}` and `{head}` share no history: {}\n  help: in CI fetch the history with `fetch-depth: 0`",
            e.message()
        ))
    })?;
    Ok(revision(&opened.repo.find_commit(id).map_err(git)?))
}

/// The merge base of `head` with the first default branch that exists (see
/// `DEFAULT_BRANCHES`), and the branch's name.
pub fn merge_base_with_default(root: &Path, head: &str) -> Result<(CommitRef, String)> {
    let opened = open(root)?;
    let head = opened.commit(head)?;
    for name in DEFAULT_BRANCHES {
        let Ok(object) = opened.repo.revparse_single(name) else {
            continue;
        };
        let Ok(branch) = object.peel_to_commit() else {
            continue;
        };
        let base = opened
            .repo
            .merge_base(head.id(), branch.id())
            .map_err(|e| {
                Error::Usage(format!(
                    "`{name}` and the head share no history: {}\n  help: pass `--base REV`; in CI fetch the history with `fetch-depth: 0`",
                    e.message()
                ))
            })?;
        let base = opened.repo.find_commit(base).map_err(git)?;
        return Ok((revision(&base), (*name).to_string()));
    }
    Err(Error::Usage(format!(
        "no default branch to compare with (tried {})\n  help: pass `--base REV`, or fetch the default branch",
        DEFAULT_BRANCHES.join(", ")
    )))
}

/// Files under the practice changed between two commits, with renames detected, sorted by
/// path.
pub fn changes(root: &Path, base: &str, head: &str) -> Result<Vec<FileChange>> {
    let opened = open(root)?;
    let base_tree = opened.commit(base)?.tree().map_err(git)?;
    let head_tree = opened.commit(head)?.tree().map_err(git)?;
    let mut diff = opened
        .repo
        .diff_tree_to_tree(Some(&base_tree), Some(&head_tree), None)
        .map_err(git)?;
    let mut find = git2::DiffFindOptions::new();
    find.renames(true);
    diff.find_similar(Some(&mut find)).map_err(git)?;
    let path_of = |f: git2::DiffFile<'_>| {
        f.path()
            .and_then(|p| p.to_str())
            .and_then(|p| opened.relative(p))
    };
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
            // A rename across the practice's edge is an addition or a deletion from its side.
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
pub fn read_at(root: &Path, rev: &str, path: &str) -> Result<Option<Vec<u8>>> {
    let opened = open(root)?;
    let tree = opened.commit(rev)?.tree().map_err(git)?;
    let full = if opened.prefix.is_empty() {
        path.to_string()
    } else {
        format!("{}/{path}", opened.prefix)
    };
    let Ok(entry) = tree.get_path(Path::new(&full)) else {
        return Ok(None);
    };
    match entry.to_object(&opened.repo).map_err(git)?.into_blob() {
        Ok(blob) => Ok(Some(blob.content().to_vec())),
        Err(_) => Ok(None),
    }
}

/// Every file under the practice at a revision whose path `wanted` accepts, with its content,
/// sorted by path. One tree walk, so a review of a large practice reads each blob once.
pub fn files_at(
    root: &Path,
    rev: &str,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<(String, Vec<u8>)>> {
    let opened = open(root)?;
    let tree = opened.commit(rev)?.tree().map_err(git)?;
    let mut ids = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return git2::TreeWalkResult::Ok;
        }
        let full = format!("{dir}{}", entry.name().unwrap_or_default());
        if let Some(rel) = opened.relative(&full).filter(|r| wanted(r)) {
            ids.push((rel, entry.id()));
        }
        git2::TreeWalkResult::Ok
    })
    .map_err(git)?;
    let mut out = Vec::with_capacity(ids.len());
    for (rel, id) in ids {
        let blob = opened.repo.find_blob(id).map_err(git)?;
        out.push((rel, blob.content().to_vec()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
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

        let root = dir.join("docs");
        let (base, branch) = merge_base_with_default(&root, "HEAD").unwrap();
        assert_eq!(branch, "main");
        assert_eq!(base, resolve(&root, "main").unwrap());
        let got = changes(&root, &base.id, "HEAD").unwrap();
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
            read_at(&root, "main", "reports/edit.md").unwrap().unwrap(),
            b"one\n"
        );
        assert_eq!(read_at(&root, "main", "reports/added.md").unwrap(), None);
        let files = files_at(&root, "HEAD", |p| p.ends_with(".md")).unwrap();
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
        let err = resolve(tmp.path(), "nope").unwrap_err().to_string();
        assert!(err.contains("cannot resolve revision `nope`"), "{err}");
        let err = merge_base_with_default(tmp.path(), "HEAD")
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEAD"), "{err}");
    }
}
