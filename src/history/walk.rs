//! The single revision walk: every commit reachable from HEAD (minus what the cache already
//! covers), each diffed against its first parent. Diffs are independent, so they run on all
//! cores, each thread with its own repository handle (`git2::Repository` is not `Sync`),
//! while the caller consumes the results in walk order on its own thread.

use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;

use git2::{Oid, Sort};

use super::error::{GitCause, HistoryError};
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
/// ties broken by commit time), with their changes, fed to `consume` in that order as worker
/// threads produce them.
///
/// Merges: a merge commit is walked but not diffed. `git log --follow` turns off history
/// simplification (the followed path changes, so TREESAME pruning cannot be used) and, without
/// `-m`, shows no diff for a merge, so a merge never counts as a revision of a document there.
/// The commits a merge brings in are walked on their own and diffed against their own first
/// parent, so each change is counted once, on the commit that made it. Diffing the merge
/// against its first parent as well would count every side-branch change twice.
///
/// Blobs in `at_head` are not signed here: the first similarity search signs the whole tree
/// it searches, on every core, and that tree holds most of them (an added file that is still
/// at HEAD would otherwise be signed twice), while a walk with no search needs none.
pub fn walk<T>(
    repo: &Repo,
    head: Oid,
    hide: Option<Oid>,
    at_head: &HashSet<Oid>,
    progress: &dyn Progress,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<WalkedCommit, HistoryError>>) -> T,
) -> Result<T, HistoryError> {
    let ids = commit_ids(repo, head, hide)?;
    progress.begin(ids.len() as u64);
    let chunks: Vec<&[Oid]> = ids.chunks(CHUNK).collect();
    let counters = Counters::default();
    let next_chunk = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let id_len = head.as_bytes().len();
    let workers = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .min(chunks.len())
        .max(1);
    // Handles are opened here and moved into the threads: a `Repo` is `Send`, not `Sync`.
    let handles = (0..workers)
        .map(|_| repo.reopen())
        .collect::<Result<Vec<_>, _>>()?;
    let (tx, rx) = mpsc::channel();
    let result = std::thread::scope(|scope| {
        for handle in handles {
            let tx = tx.clone();
            let (chunks, counters, next_chunk, stop) = (&chunks, &counters, &next_chunk, &stop);
            scope.spawn(move || {
                let mut worker = Worker::new(handle, id_len, at_head.clone());
                while !stop.load(Ordering::Relaxed) {
                    let i = next_chunk.fetch_add(1, Ordering::Relaxed);
                    let Some(part) = chunks.get(i) else { break };
                    let done = worker.diff_chunk(part, counters, progress);
                    let failed = done.is_err();
                    if tx.send((i, done)).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut ordered = InOrder {
            rx,
            pending: BTreeMap::new(),
            next: 0,
            total: chunks.len(),
            current: Vec::new().into_iter(),
        };
        let out = consume(&mut ordered);
        // The consumer may stop early (on an error); let the workers stop too.
        stop.store(true, Ordering::Relaxed);
        out
    });
    progress.update(
        ids.len() as u64,
        counters.added_docs.load(Ordering::Relaxed),
    );
    progress.end();
    Ok(result)
}

/// Commits per unit of work: small enough that the sequential follow pass gets its first
/// commits early and keeps pace with the workers, big enough that the trees one diff hands
/// to the next are rarely lost at a chunk's edge.
const CHUNK: usize = 256;

#[derive(Default)]
struct Counters {
    walked: AtomicU64,
    added_docs: AtomicU64,
}

/// One thread's repository handle and what it keeps between chunks.
struct Worker {
    repo: Repo,
    id_len: usize,
    signed: HashSet<Oid>,
}

impl Worker {
    /// `signed` starts as the blobs this worker must not sign.
    fn new(repo: Repo, id_len: usize, signed: HashSet<Oid>) -> Worker {
        Worker {
            repo,
            id_len,
            signed,
        }
    }

    /// Diffs a run of commits, oldest first: packs store a folder's tree versions as delta
    /// chains growing from older to newer, and libgit2 caches the bases it builds on the way,
    /// so walking a chain forwards re-applies far fewer deltas than walking it backwards.
    fn diff_chunk(
        &mut self,
        part: &[Oid],
        counters: &Counters,
        progress: &dyn Progress,
    ) -> Result<Vec<WalkedCommit>, HistoryError> {
        let odb = self
            .repo
            .git2()
            .odb()
            .map_err(HistoryError::git("opening the object database"))?;
        let mut memo = TreeMemo::new(&odb, self.id_len);
        let mut out = Vec::with_capacity(part.len());
        // The newest commit of the chunk that wants each blob signed: the follow pass goes
        // newest first and must have a signature by the first commit that can ask for it.
        let mut first_asked: HashMap<Oid, usize> = HashMap::new();
        for &id in part.iter().rev() {
            let commit = diff_commit(&self.repo, &mut memo, id)?;
            for blob in commit.changes.iter().flat_map(wanted_signed) {
                first_asked.insert(blob, out.len());
            }
            let adds = commit
                .changes
                .iter()
                .filter(|c| c.is_added() && c.path.ends_with(".md"))
                .count() as u64;
            counters.added_docs.fetch_add(adds, Ordering::Relaxed);
            out.push(commit);
        }
        // Read oldest first, as the diffs were: packs delta newer blobs on older ones.
        let mut signed = Vec::new();
        for commit in &out {
            for blob in commit.changes.iter().flat_map(wanted_signed) {
                if self.signed.insert(blob) {
                    signed.push((first_asked[&blob], blob, signature_of(&self.repo, blob)?));
                }
            }
        }
        for (at, blob, sig) in signed {
            out[at].signatures.push((blob, sig));
        }
        out.reverse();
        let done = counters
            .walked
            .fetch_add(part.len() as u64, Ordering::Relaxed)
            + part.len() as u64;
        progress.update(done, counters.added_docs.load(Ordering::Relaxed));
        Ok(out)
    }
}

/// The blobs of a change the rename search can ask for: those that enter the tree as the walk
/// goes back (the old side), and added files, whose sources are looked for. A modification's
/// new blob is the old side of a later commit, or at HEAD: signing it too would read most
/// blobs twice.
fn wanted_signed(change: &Change) -> impl Iterator<Item = Oid> {
    [change.old, change.new.filter(|_| change.is_added())]
        .into_iter()
        .flatten()
}

type ChunkResult = (usize, Result<Vec<WalkedCommit>, HistoryError>);

/// Hands out the workers' chunks in walk order, holding back those that finish early.
struct InOrder {
    rx: mpsc::Receiver<ChunkResult>,
    pending: BTreeMap<usize, Vec<WalkedCommit>>,
    next: usize,
    total: usize,
    current: std::vec::IntoIter<WalkedCommit>,
}

impl Iterator for InOrder {
    type Item = Result<WalkedCommit, HistoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(commit) = self.current.next() {
                return Some(Ok(commit));
            }
            if self.next >= self.total {
                return None;
            }
            if let Some(chunk) = self.pending.remove(&self.next) {
                self.next += 1;
                self.current = chunk.into_iter();
                continue;
            }
            match self.rx.recv() {
                Ok((i, Ok(chunk))) => {
                    self.pending.insert(i, chunk);
                }
                Ok((_, Err(e))) => {
                    self.next = self.total;
                    return Some(Err(e));
                }
                Err(_) => {
                    self.next = self.total;
                    return Some(Err(HistoryError::Git {
                        doing: "walking history".into(),
                        source: GitCause::new("the walk's worker threads stopped early"),
                    }));
                }
            }
        }
    }
}

fn commit_ids(repo: &Repo, head: Oid, hide: Option<Oid>) -> Result<Vec<Oid>, HistoryError> {
    if repo.has_replacements() {
        return replaced_commit_ids(repo, head, hide);
    }
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

/// The walk's order when replace refs are in force, which libgit2's revwalk does not read:
/// children before parents, the newest first among commits that are ready (`git log
/// --date-order`), over the parents git sees.
fn replaced_commit_ids(
    repo: &Repo,
    head: Oid,
    hide: Option<Oid>,
) -> Result<Vec<Oid>, HistoryError> {
    let hidden = match hide {
        Some(h) => reachable(repo, h)?.into_keys().collect(),
        None => HashSet::new(),
    };
    let mut graph = reachable(repo, head)?;
    graph.retain(|id, _| !hidden.contains(id));
    let mut children: HashMap<Oid, usize> = HashMap::new();
    for (_, parents) in graph.values() {
        for p in parents.iter().filter(|p| graph.contains_key(p)) {
            *children.entry(*p).or_default() += 1;
        }
    }
    let mut ready = BinaryHeap::new();
    if let Some((time, _)) = graph.get(&head) {
        ready.push((*time, head));
    }
    let mut out = Vec::with_capacity(graph.len());
    while let Some((_, id)) = ready.pop() {
        out.push(id);
        for p in &graph[&id].1 {
            let Some((time, _)) = graph.get(p) else {
                continue;
            };
            let left = children.get_mut(p).expect("counted above");
            *left -= 1;
            if *left == 0 {
                ready.push((*time, *p));
            }
        }
    }
    Ok(out)
}

/// Every commit reachable from `start` with its commit time and parents, replace refs
/// applied. A parent that cannot be read is the edge of a shallow clone.
fn reachable(repo: &Repo, start: Oid) -> Result<HashMap<Oid, (i64, Vec<Oid>)>, HistoryError> {
    let mut graph = HashMap::new();
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        if graph.contains_key(&id) {
            continue;
        }
        let commit = match repo.find_commit(id) {
            Ok(c) => c,
            Err(_) if id != start => continue,
            Err(e) => return Err(HistoryError::git(format!("reading commit {id}"))(e)),
        };
        let parents: Vec<Oid> = commit.parent_ids().collect();
        todo.extend(parents.iter().copied());
        graph.insert(id, (commit.committer().when().seconds(), parents));
    }
    Ok(graph)
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
