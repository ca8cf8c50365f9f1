//! The single revision walk: every commit reachable from HEAD (minus what the cache already
//! covers), each diffed against its first parent. Diffs are independent, so they run on all
//! cores, each thread with its own repository handle (`git2::Repository` is not `Sync`).

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use git2::{Oid, Sort};
use rayon::prelude::*;

use super::error::HistoryError;
use super::repo::{CommitMeta, Repo};
use super::similarity::Signature;
use super::sources::signature_of;
use super::treediff::{Change, TreeMemo};
use super::types::Progress;

/// One commit of the walk with the files it changed against its first parent.
#[derive(Debug)]
pub struct WalkedCommit {
    pub meta: CommitMeta,
    /// The first parent's tree; `None` for a root, a merge, or the edge of a shallow clone.
    pub parent_tree: Option<Oid>,
    /// Empty for merges: see [`walk`].
    pub changes: Vec<Change>,
    /// Similarity signatures of this commit's blobs not signed earlier on the same thread,
    /// computed here because this runs on every core and the rename search does not.
    pub signatures: Vec<(Oid, Option<Signature>)>,
}

impl WalkedCommit {
    pub fn is_merge(&self) -> bool {
        self.meta.parents.len() > 1
    }
}

/// Commits reachable from `head` and not from `hide`, children before parents (topological,
/// ties broken by commit time), with their changes.
///
/// Merges: a merge commit is walked but not diffed. `git log --follow` turns off history
/// simplification (the followed path changes, so TREESAME pruning cannot be used) and, without
/// `-m`, shows no diff for a merge, so a merge never counts as a revision of a document there.
/// The commits a merge brings in are walked on their own and diffed against their own first
/// parent, so each change is counted once, on the commit that made it. Diffing the merge
/// against its first parent as well would count every side-branch change twice.
pub fn walk(
    repo: &Repo,
    head: Oid,
    hide: Option<Oid>,
    progress: &dyn Progress,
) -> Result<Vec<WalkedCommit>, HistoryError> {
    let ids = commit_ids(repo, head, hide)?;
    progress.begin(ids.len() as u64);
    let walked = AtomicU64::new(0);
    let added_docs = AtomicU64::new(0);
    // Contiguous chunks keep a commit and its parent on the same thread, so the parent's tree
    // is still in that thread's object cache; enough chunks to balance the cores.
    let threads = rayon::current_num_threads().max(1);
    let chunk = (ids.len() / (threads * 8)).clamp(64, 4096);
    let git_dir = repo.git_dir();
    let id_len = head.as_bytes().len();
    let parts: Vec<Vec<WalkedCommit>> = ids
        .par_chunks(chunk)
        .map(|part| {
            let repo = Repo::open(&git_dir)?;
            let odb = repo
                .git2()
                .odb()
                .map_err(HistoryError::git("opening the object database"))?;
            let mut memo = TreeMemo::new(&odb, id_len);
            let mut signed = HashSet::new();
            let mut out = Vec::with_capacity(part.len());
            for (n, &id) in part.iter().enumerate().rev() {
                let mut commit = diff_commit(&repo, &mut memo, id)?;
                for change in &commit.changes {
                    for blob in [change.old, change.new].into_iter().flatten() {
                        if signed.insert(blob) {
                            let sig = signature_of(&repo, blob)?;
                            commit.signatures.push((blob, sig));
                        }
                    }
                }
                let adds = commit
                    .changes
                    .iter()
                    .filter(|c| c.is_added() && c.path.ends_with(".md"))
                    .count() as u64;
                added_docs.fetch_add(adds, Ordering::Relaxed);
                out.push(commit);
                if n % 128 == 127 {
                    let done = walked.fetch_add(128, Ordering::Relaxed) + 128;
                    progress.update(done, added_docs.load(Ordering::Relaxed));
                }
            }
            out.reverse();
            Ok(out)
        })
        .collect::<Result<_, HistoryError>>()?;
    progress.update(ids.len() as u64, added_docs.load(Ordering::Relaxed));
    progress.end();
    Ok(parts.into_iter().flatten().collect())
}

fn commit_ids(repo: &Repo, head: Oid, hide: Option<Oid>) -> Result<Vec<Oid>, HistoryError> {
    let mut walk = repo
        .git2()
        .revwalk()
        .map_err(HistoryError::git("starting the revision walk"))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
        .map_err(HistoryError::git("sorting the revision walk"))?;
    walk.push(head)
        .map_err(HistoryError::git("starting the walk at HEAD"))?;
    if let Some(hide) = hide {
        walk.hide(hide)
            .map_err(HistoryError::git("limiting the walk to new commits"))?;
    }
    walk.collect::<Result<Vec<_>, _>>()
        .map_err(HistoryError::git("walking the commit graph"))
}

fn diff_commit(
    repo: &Repo,
    memo: &mut TreeMemo<'_>,
    id: Oid,
) -> Result<WalkedCommit, HistoryError> {
    let doing = || format!("reading commit {id}");
    let meta = repo
        .commit_meta(id)
        .map_err(|e| HistoryError::git(doing())(e))?;
    if meta.parents.len() > 1 {
        return Ok(WalkedCommit {
            meta,
            parent_tree: None,
            changes: Vec::new(),
            signatures: Vec::new(),
        });
    }
    // A parent that is missing is the edge of a shallow clone: libgit2 may still list it, but
    // its objects were never fetched. Diffing against the empty tree is what git does there.
    let parent_tree = match meta.parents.first() {
        Some(&p) => repo.commit_tree(p).ok(),
        None => None,
    };
    let changes = memo
        .diff(parent_tree, meta.tree)
        .map_err(|e| HistoryError::git(doing())(e))?;
    Ok(WalkedCommit {
        meta,
        parent_tree,
        changes,
        signatures: Vec::new(),
    })
}
