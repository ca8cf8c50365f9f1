//! The history cache: every followed chain at the HEAD it was built for, so an unchanged HEAD
//! costs one file read and new commits cost a walk over just them.
//!
//! It lives in `<git dir>/perfdoc/`, never in the working tree. For a linked worktree that is
//! the worktree's own git dir (`.git/worktrees/NAME`), not the common one: worktrees have
//! different HEADs, and one shared file would be rebuilt each time you switch between them.
//!
//! The format is versioned and checked on load (format name, version, HEAD, shallow
//! boundary, every index in range); anything off means a rebuild, never a guess. It is
//! written to a temporary file and renamed, so a crash or a concurrent run never leaves half
//! a file behind.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::follow::Chains;
use super::repo::CommitMeta;
use super::stamp;
use super::types::{DocHistory, Revision, Stamp};
use crate::fs::write::{Existing, atomic_write};

const FORMAT: &str = "perfdoc-history";
/// Bump when the meaning or shape of the file changes.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedCommit {
    pub id: String,
    pub time: i64,
    pub offset: i32,
    pub author: String,
    pub email: String,
    pub summary: String,
}

impl From<CommitMeta> for CachedCommit {
    fn from(m: CommitMeta) -> Self {
        CachedCommit {
            id: m.id.to_string(),
            time: m.time,
            offset: m.offset_minutes,
            author: m.author,
            email: m.email,
            summary: m.summary,
        }
    }
}

impl CachedCommit {
    fn stamp(&self) -> Stamp {
        Stamp {
            commit: self.id.clone(),
            date: stamp::rfc3339(self.time, self.offset),
            author: self.author.clone(),
            email: self.email.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedChain {
    /// Index into `paths`: the path whose `git log --follow` this chain is.
    pub key: u32,
    pub at_head: bool,
    /// (commit index, path index), newest first.
    pub revisions: Vec<(u32, u32)>,
}

/// Full history as of `head`: what `index` answers from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    pub format: String,
    pub version: u32,
    pub head: String,
    pub shallow: Vec<String>,
    /// Non-merge commits, newest first (walk order).
    pub commits: Vec<CachedCommit>,
    pub paths: Vec<String>,
    pub chains: Vec<CachedChain>,
}

impl Cache {
    /// A cache from a walk of the whole history.
    pub fn from_full_walk(chains: Chains, head: String, shallow: Vec<String>) -> Cache {
        Cache {
            format: FORMAT.into(),
            version: VERSION,
            head,
            shallow,
            commits: chains.commits.into_iter().map(CachedCommit::from).collect(),
            paths: chains.paths,
            chains: chains
                .chains
                .into_iter()
                .map(|c| CachedChain {
                    key: c.key,
                    at_head: c.at_head,
                    revisions: c.revisions,
                })
                .collect(),
        }
    }

    /// Continues `self` (built at an ancestor of `head`) with a walk of the commits since.
    /// Each new chain ends with the cached chain of the name it is followed under at the old
    /// HEAD. `None` if the two do not fit together (a HEAD file of the old cache is missing),
    /// which calls for a rebuild.
    pub fn extend(self, new: Chains, head: String) -> Option<Cache> {
        let old_commits = self.commits.len() as u32;
        let new_commits = new.commits.len() as u32;
        let mut paths = new.paths;
        let mut path_ids: HashMap<String, u32> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();
        // Old path index → merged path index.
        let remap: Vec<u32> = self
            .paths
            .iter()
            .map(|p| {
                *path_ids.entry(p.clone()).or_insert_with(|| {
                    paths.push(p.clone());
                    (paths.len() - 1) as u32
                })
            })
            .collect();
        let old_by_key: HashMap<u32, &CachedChain> = self
            .chains
            .iter()
            .map(|c| (remap[c.key as usize], c))
            .collect();
        let shift = |old: &CachedChain| -> Vec<(u32, u32)> {
            old.revisions
                .iter()
                .map(|&(c, p)| (c + new_commits, remap[p as usize]))
                .collect()
        };
        let mut chains = Vec::with_capacity(new.chains.len() + self.chains.len());
        let mut new_keys = std::collections::HashSet::new();
        for chain in new.chains {
            new_keys.insert(chain.key);
            let mut revisions = chain.revisions;
            match old_by_key.get(&chain.tail) {
                Some(old) => revisions.extend(shift(old)),
                // Untouched since the old HEAD yet unknown to the old cache: it cannot be
                // trusted to be complete.
                None if revisions.is_empty() => return None,
                None => {}
            }
            chains.push(CachedChain {
                key: chain.key,
                at_head: chain.at_head,
                revisions,
            });
        }
        for old in &self.chains {
            let key = remap[old.key as usize];
            if !new_keys.contains(&key) {
                chains.push(CachedChain {
                    key,
                    at_head: false,
                    revisions: shift(old),
                });
            }
        }
        let mut commits: Vec<CachedCommit> =
            new.commits.into_iter().map(CachedCommit::from).collect();
        commits.extend(self.commits);
        debug_assert_eq!(commits.len() as u32, old_commits + new_commits);
        Some(Cache {
            format: FORMAT.into(),
            version: VERSION,
            head,
            shallow: self.shallow,
            commits,
            paths,
            chains,
        })
    }

    /// Checks everything an answer will index into, so a damaged file is rebuilt, not used.
    fn validate(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!("not a {FORMAT} file"));
        }
        if self.version != VERSION {
            return Err(format!(
                "format version {} (this perfdoc writes {VERSION})",
                self.version
            ));
        }
        let (nc, np) = (self.commits.len(), self.paths.len());
        let mut keys = std::collections::HashSet::new();
        for chain in &self.chains {
            if chain.key as usize >= np || !keys.insert(chain.key) {
                return Err("a chain has a bad or duplicate key".into());
            }
            if chain
                .revisions
                .iter()
                .any(|&(c, p)| c as usize >= nc || p as usize >= np)
            {
                return Err("a revision points outside the file".into());
            }
        }
        Ok(())
    }

    /// Chains at HEAD whose path `wanted` accepts, as documents.
    pub fn docs(&self, wanted: &dyn Fn(&str) -> bool) -> Vec<DocHistory> {
        let mut out = Vec::new();
        // A commit's date is formatted once, however many documents it changed.
        let mut stamps: Vec<Option<Stamp>> = vec![None; self.commits.len()];
        for chain in self.chains.iter().filter(|c| c.at_head) {
            let path = &self.paths[chain.key as usize];
            if !wanted(path) {
                continue;
            }
            if let Some(doc) = self.doc(path, chain, &mut stamps) {
                out.push(doc);
            }
        }
        out
    }

    fn doc(
        &self,
        path: &str,
        chain: &CachedChain,
        stamps: &mut [Option<Stamp>],
    ) -> Option<DocHistory> {
        let commits: Vec<Revision> = chain
            .revisions
            .iter()
            .map(|&(c, p)| {
                let commit = &self.commits[c as usize];
                Revision {
                    stamp: stamps[c as usize]
                        .get_or_insert_with(|| commit.stamp())
                        .clone(),
                    summary: commit.summary.clone(),
                    path: self.paths[p as usize].clone(),
                }
            })
            .collect();
        let updated = commits.first()?.stamp.clone();
        let created = commits.last()?.stamp.clone();
        let mut authors: Vec<String> = Vec::new();
        for r in commits.iter().rev() {
            if !authors.contains(&r.stamp.author) {
                authors.push(r.stamp.author.clone());
            }
        }
        let mut previous_paths: Vec<String> = Vec::new();
        for r in &commits {
            if r.path != path && !previous_paths.contains(&r.path) {
                previous_paths.push(r.path.clone());
            }
        }
        Some(DocHistory {
            path: path.to_owned(),
            created,
            updated,
            revisions: commits.len(),
            authors,
            previous_paths,
            commits,
        })
    }
}

/// Where the cache of a repository lives, given its git dir.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir
        .join("perfdoc")
        .join(format!("history-v{VERSION}.json"))
}

/// `Ok(None)` when there is no cache; `Err(reason)` when there is one we must not trust.
pub fn load(file: &Path) -> Result<Option<Cache>, String> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
    };
    let cache: Cache = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{} is damaged: {e}", file.display()))?;
    cache.validate()?;
    Ok(Some(cache))
}

/// Writes the cache atomically (`fs::write::atomic_write`: a temporary file beside it,
/// renamed into place, with the user's modes), so a crash or a second process never leaves
/// half a cache.
pub fn save(file: &Path, cache: &Cache) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(cache)?;
    atomic_write(file, &bytes, Existing::Replace).map_err(|e| match e {
        crate::error::Error::Write { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Cache {
        Cache {
            format: FORMAT.into(),
            version: VERSION,
            head: "ab".repeat(20),
            shallow: vec![],
            commits: vec![
                CachedCommit {
                    id: "2".repeat(40),
                    time: 1_764_819_900,
                    offset: 330,
                    author: "Isha".into(),
                    email: "i@x".into(),
                    summary: "edit".into(),
                },
                CachedCommit {
                    id: "1".repeat(40),
                    time: 1_764_000_000,
                    offset: 0,
                    author: "Alice".into(),
                    email: "a@x".into(),
                    summary: "add".into(),
                },
            ],
            paths: vec!["b.md".into(), "a.md".into()],
            chains: vec![CachedChain {
                key: 0,
                at_head: true,
                revisions: vec![(0, 0), (1, 1)],
            }],
        }
    }

    #[test]
    fn round_trips_and_answers_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        save(&file, &sample()).unwrap();
        let loaded = load(&file).unwrap().unwrap();
        assert_eq!(loaded, sample());
        let docs = loaded.docs(&|_| true);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].updated.date, "2025-12-04T09:15:00+05:30");
        assert_eq!(docs[0].authors, vec!["Alice", "Isha"]);
        assert_eq!(docs[0].previous_paths, vec!["a.md"]);
        assert_eq!(docs[0].created.commit, "1".repeat(40));
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        save(&file, &sample()).unwrap();
        let len = std::fs::metadata(&file).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
        assert!(load(&file).is_err());
    }

    #[test]
    fn out_of_range_indices_and_other_versions_are_refused() {
        let mut bad = sample();
        bad.chains[0].revisions.push((7, 0));
        assert!(bad.validate().is_err());
        let mut old = sample();
        old.version = VERSION + 1;
        assert!(old.validate().is_err());
        assert_eq!(load(Path::new("/nonexistent/perfdoc/cache.json")), Ok(None));
    }
}
