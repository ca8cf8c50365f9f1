//! Finds where an added file came from, like `git log --follow` (which turns on
//! `--find-copies-harder` at the 50 % default threshold): first an identical file deleted in
//! the same commit, then an identical file anywhere in the parent's tree, then the most
//! similar deleted file, then the most similar file in the parent's tree.
//!
//! Comparing a new file with every file of the parent tree, for every added file of a long
//! history, is what makes `--follow` slow. Here the parent tree is kept up to date by undoing
//! each commit's changes as the walk goes back, and the candidates for a similar file come
//! from an inverted index of chunk hashes, read only for the rarest chunks of the new file
//! (any file sharing half of it must share one of those). Every candidate is then scored
//! exactly as git scores it, so the shortcut changes the cost, not the answer.

use std::collections::HashMap;

use git2::Oid;

use super::error::HistoryError;
use super::follow::SourceFinder;
use super::repo::Repo;
use super::similarity::{self, MAX_SCORE, MIN_SCORE, Signature};
use super::treediff::Change;
use super::walk::WalkedCommit;

/// Files bigger than this are not compared for similarity (identical copies still match).
/// Documents are a few KiB; this keeps a stray binary from dominating a walk.
const MAX_COMPARED_SIZE: usize = 8 << 20;

/// Posting lists this short are read past the point where every candidate has been met:
/// they cost little, and each one read can rule out candidates without comparing them.
const SHORT_LIST: usize = 64;

/// Below this many blobs to sign at once, starting threads costs more than it saves.
const PARALLEL_SIGNING: usize = 256;

/// The files of one tree, kept in step with the walk.
struct TreeState {
    /// The tree these files are.
    tree: Oid,
    files: HashMap<String, Oid>,
    /// Paths holding each blob (a blob with no path is not in the tree any more).
    paths: HashMap<Oid, Vec<String>>,
}

impl TreeState {
    fn insert(&mut self, path: &str, id: Oid) {
        self.files.insert(path.to_owned(), id);
        self.paths.entry(id).or_default().push(path.to_owned());
    }

    fn remove(&mut self, path: &str) -> Option<Oid> {
        let id = self.files.remove(path)?;
        if let Some(list) = self.paths.get_mut(&id) {
            list.retain(|p| p != path);
            if list.is_empty() {
                self.paths.remove(&id);
            }
        }
        Some(id)
    }
}

pub struct GitSources<'r> {
    repo: &'r Repo,
    /// Tree of the first parent of the commit last visited; `None` for roots and merges.
    parent_tree: Option<Oid>,
    /// Tree of the commit last visited, and its changes, to move `state` back lazily.
    state: Option<TreeState>,
    /// Signatures of blobs, by blob; `None` when the blob is too big to compare.
    sigs: HashMap<Oid, Option<u32>>,
    signatures: Vec<Signature>,
    blob_ids: Vec<Oid>,
    /// Chunk hash → blobs holding it. Built on the first similarity search over a whole tree,
    /// then fed with every blob that enters the tree. A blob that has left the tree is dropped
    /// from a list when a search reads the list (the walk goes back, so most never return),
    /// and posted again if it comes back.
    /// Indexed by the hash itself: git's chunk hashes are below `similarity::HASHBASE`.
    postings: Option<Vec<Vec<u32>>>,
    /// Per signature: whether it is in the posting lists, and whether a path of the tree
    /// holds it (kept while there are posting lists, so reading one needs no lookup).
    posted: Vec<bool>,
    live: Vec<bool>,
    /// Per-query marks so a candidate is scored once, and the target's bytes in the chunks
    /// it was met under.
    seen: Vec<u32>,
    shared: Vec<u64>,
    query: u32,
}

impl<'r> GitSources<'r> {
    pub fn new(repo: &'r Repo) -> Self {
        GitSources {
            repo,
            parent_tree: None,
            state: None,
            sigs: HashMap::new(),
            signatures: Vec::new(),
            blob_ids: Vec::new(),
            postings: None,
            posted: Vec::new(),
            live: Vec::new(),
            seen: Vec::new(),
            shared: Vec::new(),
            query: 0,
        }
    }

    fn signature(&mut self, id: Oid) -> Result<Option<u32>, HistoryError> {
        if let Some(&s) = self.sigs.get(&id) {
            return Ok(s);
        }
        let sig = signature_of(self.repo, id)?;
        Ok(self.add_signature(id, sig))
    }

    fn add_signature(&mut self, id: Oid, sig: Option<Signature>) -> Option<u32> {
        if let Some(&s) = self.sigs.get(&id) {
            return s;
        }
        let index = sig.map(|sig| {
            let index = self.signatures.len() as u32;
            if let Some(postings) = &mut self.postings {
                for &(h, _) in &sig.spans {
                    postings[h as usize].push(index);
                }
            }
            self.posted.push(self.postings.is_some());
            self.live.push(false);
            self.signatures.push(sig);
            self.blob_ids.push(id);
            self.seen.push(0);
            self.shared.push(0);
            index
        });
        self.sigs.insert(id, index);
        index
    }

    /// A blob that entered the tree: signed, and in the posting lists once there are any.
    fn enter(&mut self, id: Oid) -> Result<(), HistoryError> {
        let Some(index) = self.signature(id)? else {
            return Ok(());
        };
        let i = index as usize;
        self.live[i] = true;
        if let Some(postings) = &mut self.postings
            && !self.posted[i]
        {
            for &(h, _) in &self.signatures[i].spans {
                postings[h as usize].push(index);
            }
            self.posted[i] = true;
        }
        Ok(())
    }

    /// A blob that some path of the tree no longer holds.
    fn leave(&mut self, id: Oid) {
        let held = self
            .state
            .as_ref()
            .is_some_and(|s| s.paths.contains_key(&id));
        if !held && let Some(&Some(i)) = self.sigs.get(&id) {
            self.live[i as usize] = false;
        }
    }

    /// Signs the blobs of `ids` not signed yet, on every core when there are many (the whole
    /// tree at the first similarity search): each thread reads with its own handle.
    fn sign_all(&mut self, ids: &[Oid]) -> Result<(), HistoryError> {
        let mut missing: Vec<Oid> = ids
            .iter()
            .copied()
            .filter(|id| !self.sigs.contains_key(id))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if missing.len() < PARALLEL_SIGNING || threads < 2 {
            for id in missing {
                self.signature(id)?;
            }
            return Ok(());
        }
        let handles = (0..threads)
            .map(|_| self.repo.reopen())
            .collect::<Result<Vec<_>, _>>()?;
        let per = missing.len().div_ceil(threads);
        let signed = std::thread::scope(|scope| {
            let jobs: Vec<_> = missing
                .chunks(per)
                .zip(handles)
                .map(|(part, repo)| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&id| Ok((id, signature_of(&repo, id)?)))
                            .collect::<Result<Vec<_>, HistoryError>>()
                    })
                })
                .collect();
            jobs.into_iter()
                .map(|job| job.join().expect("a signing thread panicked"))
                .collect::<Result<Vec<_>, _>>()
        })?;
        for (id, sig) in signed.into_iter().flatten() {
            self.add_signature(id, sig);
        }
        Ok(())
    }

    /// Makes `state` the parent tree of the commit being looked at.
    fn state_for_parent(&mut self) -> Result<Option<&TreeState>, HistoryError> {
        let Some(parent) = self.parent_tree else {
            return Ok(None);
        };
        if self.state.as_ref().is_none_or(|s| s.tree != parent) {
            let files = self
                .repo
                .files(parent)
                .map_err(HistoryError::git("listing the parent tree"))?;
            let mut state = TreeState {
                tree: parent,
                files: HashMap::with_capacity(files.len()),
                paths: HashMap::with_capacity(files.len()),
            };
            for f in &files {
                state.insert(&f.path, f.id);
            }
            self.state = Some(state);
            if self.postings.is_some() {
                let ids: Vec<Oid> = files.iter().map(|f| f.id).collect();
                self.sign_all(&ids)?;
                self.live.fill(false);
                for id in ids {
                    self.enter(id)?;
                }
            }
        }
        Ok(self.state.as_ref())
    }

    fn build_postings(&mut self) -> Result<(), HistoryError> {
        if self.postings.is_some() {
            return Ok(());
        }
        let ids: Vec<Oid> = self
            .state
            .as_ref()
            .map(|s| s.files.values().copied().collect())
            .unwrap_or_default();
        self.sign_all(&ids)?;
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); similarity::HASHBASE as usize];
        for (index, sig) in self.signatures.iter().enumerate() {
            for &(h, _) in &sig.spans {
                postings[h as usize].push(index as u32);
            }
        }
        self.postings = Some(postings);
        self.posted.fill(true);
        self.live.fill(false);
        for id in ids {
            if let Some(&Some(i)) = self.sigs.get(&id) {
                self.live[i as usize] = true;
            }
        }
        Ok(())
    }

    /// The most similar file of the parent tree at or above git's threshold.
    fn similar_in_tree(&mut self, dst: u32) -> Result<Option<String>, HistoryError> {
        self.build_postings()?;
        let (Some(state), Some(postings)) = (&self.state, &mut self.postings) else {
            return Ok(None);
        };
        let target = &self.signatures[dst as usize];
        // Cheapest bytes first: a chunk's cost is its posting list, its worth the bytes it
        // covers, and reading fewer lists to get past half the target is the whole game.
        let mut spans: Vec<(u64, u32, u32)> = target
            .spans
            .iter()
            .map(|&(h, n)| {
                let len = postings[h as usize].len() as u64;
                ((len << 16) / u64::from(n.max(1)), h, n)
            })
            .collect();
        spans.sort_unstable();
        let mut remaining: u64 = spans.iter().map(|&(_, _, n)| u64::from(n)).sum();
        self.query += 1;
        let query = self.query;
        let mut candidates = Vec::new();
        for &(_, h, n) in &spans {
            let list = &mut postings[h as usize];
            // A file that shares none of the chunks read so far shares at most `remaining`
            // bytes with the target, which scores below the threshold once it is less than
            // half the target: from there on every candidate has been met. Short lists are
            // still read, to tighten the bound below for the candidates met.
            if remaining * MAX_SCORE < MIN_SCORE * target.size && list.len() > SHORT_LIST {
                break;
            }
            remaining -= u64::from(n);
            let (live, posted) = (&self.live, &mut self.posted);
            list.retain(|&cand| {
                let here = live[cand as usize];
                if !here {
                    posted[cand as usize] = false;
                }
                here
            });
            for &cand in list.iter() {
                let c = cand as usize;
                if self.seen[c] != query {
                    self.seen[c] = query;
                    self.shared[c] = 0;
                    candidates.push(cand);
                }
                self.shared[c] += u64::from(n);
            }
        }
        // The most a candidate can score: the target's bytes in the chunks it was met under,
        // and every byte not read. git hashes chunks into about 100,000 values, so unrelated
        // chunks share lists, and a file met under one such chunk is dropped here instead of
        // being compared in full. The rest are compared highest bound first, and once the
        // best score found beats a bound, no file from there on can change the answer (a
        // tie still can, on the path, so a bound equal to the best is compared).
        let mut ranked: Vec<(u64, u32)> = candidates
            .into_iter()
            .filter(|&cand| cand != dst)
            .filter_map(|cand| {
                let c = cand as usize;
                let max = self.signatures[c].size.max(target.size);
                let bound = ((self.shared[c] + remaining) * MAX_SCORE).checked_div(max)?;
                (bound >= MIN_SCORE).then_some((bound, cand))
            })
            .collect();
        ranked.sort_unstable_by_key(|&(bound, _)| std::cmp::Reverse(bound));
        let mut best: Option<(u64, &str)> = None;
        for (bound, cand) in ranked {
            if best.is_some_and(|(s, _)| bound < s) {
                break;
            }
            let c = cand as usize;
            let Some(paths) = state.paths.get(&self.blob_ids[c]) else {
                continue;
            };
            let score = similarity::score(&self.signatures[c], target);
            if score < MIN_SCORE {
                continue;
            }
            let Some(path) = paths.iter().min() else {
                continue;
            };
            if best.is_none_or(|(s, p)| score > s || (score == s && path.as_str() < p)) {
                best = Some((score, path));
            }
        }
        Ok(best.map(|(_, p)| p.to_owned()))
    }
}

/// Reads a blob and reduces it to its similarity signature; `None` when it is too big to
/// compare. Also used by the walk's worker threads, which sign the blobs of each commit they
/// diff so this sequential pass rarely has to read one.
/// `None` for a blob too big to compare, or one that is missing (the repository remembers it
/// for a warning): neither is a source of a rename or copy.
pub fn signature_of(repo: &Repo, id: Oid) -> Result<Option<Signature>, HistoryError> {
    Ok(repo
        .with_blob(id, |data| {
            (data.len() <= MAX_COMPARED_SIZE).then(|| Signature::of(data))
        })?
        .flatten())
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Among paths holding an identical file, git prefers one with the same file name.
fn pick_identical<'a>(added: &str, mut paths: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let first = paths.next()?;
    let name = basename(added);
    let mut best = first;
    for p in std::iter::once(first).chain(paths) {
        let better_name = basename(p) == name && basename(best) != name;
        let same_rank = (basename(p) == name) == (basename(best) == name);
        if better_name || (same_rank && p < best) {
            best = p;
        }
    }
    Some(best)
}

impl SourceFinder for GitSources<'_> {
    fn visit(&mut self, commit: &mut WalkedCommit) -> Result<(), HistoryError> {
        for (id, sig) in commit.signatures.drain(..) {
            self.add_signature(id, sig);
        }
        self.parent_tree = commit.parent_tree;
        // Undo the commit's changes when we hold its tree: cheaper than listing the parent.
        let Some(state) = &mut self.state else {
            return Ok(());
        };
        let (Some(parent), false) = (commit.parent_tree, commit.is_merge()) else {
            return Ok(());
        };
        if state.tree != commit.meta.tree {
            return Ok(());
        }
        let (mut entered, mut left) = (Vec::new(), Vec::new());
        for change in &commit.changes {
            if change.new.is_some() {
                left.extend(state.remove(&change.path));
            }
            if let Some(old) = change.old {
                state.insert(&change.path, old);
                entered.push(old);
            }
        }
        state.tree = parent;
        if self.postings.is_some() {
            for id in left {
                self.leave(id);
            }
            for id in entered {
                self.enter(id)?;
            }
        }
        Ok(())
    }

    fn find(
        &mut self,
        added: &Change,
        deleted: &[&Change],
    ) -> Result<Option<String>, HistoryError> {
        let Some(new) = added.new else {
            return Ok(None);
        };
        if let Some(p) = pick_identical(
            &added.path,
            deleted
                .iter()
                .filter(|d| d.old == Some(new))
                .map(|d| d.path.as_str()),
        ) {
            return Ok(Some(p.to_owned()));
        }
        let Some(state) = self.state_for_parent()? else {
            return Ok(None);
        };
        if let Some(paths) = state.paths.get(&new)
            && let Some(p) = pick_identical(&added.path, paths.iter().map(String::as_str))
        {
            return Ok(Some(p.to_owned()));
        }
        let Some(dst) = self.signature(new)? else {
            return Ok(None);
        };
        let mut best: Option<(u64, &str)> = None;
        for d in deleted {
            let Some(old) = d.old else { continue };
            let Some(src) = self.signature(old)? else {
                continue;
            };
            let score = similarity::score(
                &self.signatures[src as usize],
                &self.signatures[dst as usize],
            );
            if score >= MIN_SCORE && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, d.path.as_str()));
            }
        }
        if let Some((_, p)) = best {
            return Ok(Some(p.to_owned()));
        }
        self.similar_in_tree(dst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_files_prefer_the_same_name_then_path_order() {
        let paths = ["z/a.md", "b.md", "c/a.md"];
        assert_eq!(pick_identical("d/a.md", paths.into_iter()), Some("c/a.md"));
        assert_eq!(pick_identical("d/x.md", paths.into_iter()), Some("b.md"));
        assert_eq!(pick_identical("x", std::iter::empty()), None);
    }
}
