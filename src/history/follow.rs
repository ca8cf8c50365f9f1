//! Turns the walked commits into per-path chains, following renames and copies the way
//! `git log --follow` does, for every path at HEAD and every path the walk meets on the way
//! (so the cache can continue any of them after new commits).

use std::collections::HashMap;

use super::error::HistoryError;
use super::repo::CommitMeta;
use super::treediff::Change;
use super::walk::WalkedCommit;

/// Where a file added in a commit came from, if anywhere.
pub trait SourceFinder {
    /// Sees every walked commit, in walk order, before any `find` for it.
    fn visit(&mut self, commit: &mut WalkedCommit) -> Result<(), HistoryError>;
    /// The path `added` was renamed or copied from in the commit last visited, if any.
    fn find(&mut self, added: &Change, deleted: &[&Change])
    -> Result<Option<String>, HistoryError>;
}

/// One followed path: its key (the path the chain starts from) and the commits that changed
/// it, newest first, each with the path it had in that commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub key: u32,
    pub at_head: bool,
    /// (index into `Chains::commits`, index into `Chains::paths`)
    pub revisions: Vec<(u32, u32)>,
    /// The name the chain is followed under at the oldest end of the walk; an incremental run
    /// continues it with the cached chain of that name.
    pub tail: u32,
}

#[derive(Debug, Default)]
pub struct Chains {
    pub commits: Vec<CommitMeta>,
    pub paths: Vec<String>,
    pub chains: Vec<Chain>,
}

#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.to_owned());
        self.ids.insert(s.to_owned(), id);
        id
    }
}

/// Builds chains for every path in `head_paths` and every other path the walk touches.
///
/// Per commit (merges are skipped, see `walk`): every chain followed under a changed path gets
/// the commit; a changed path no chain follows starts a new chain keyed by it, unless a chain
/// with that key exists already (an older life of a path that was renamed away: no query
/// from HEAD can reach it). Then, for each added file, `finder` looks for its source; if there
/// is one, the chains following the added path follow the source from here on, like
/// `git log --follow` switching its pathspec. A file added with no source keeps its name, as in
/// git, so an older file at the same path is still part of its history.
pub fn follow(
    commits: &mut dyn Iterator<Item = Result<WalkedCommit, HistoryError>>,
    head_paths: impl IntoIterator<Item = String>,
    finder: &mut dyn SourceFinder,
) -> Result<Chains, HistoryError> {
    let mut names = Interner::default();
    let mut chains: Vec<Chain> = Vec::new();
    let mut tracked: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut keyed: std::collections::HashSet<u32> = Default::default();
    for path in head_paths {
        let key = names.id(&path);
        if keyed.insert(key) {
            tracked.entry(key).or_default().push(chains.len() as u32);
            chains.push(Chain {
                key,
                at_head: true,
                revisions: Vec::new(),
                tail: key,
            });
        }
    }
    let mut metas = Vec::new();
    for commit in commits {
        let mut commit = commit?;
        finder.visit(&mut commit)?;
        if commit.is_merge() {
            continue;
        }
        let index = metas.len() as u32;
        for change in &commit.changes {
            let name = names.id(&change.path);
            match tracked.get(&name) {
                Some(list) => {
                    for &c in list {
                        chains[c as usize].revisions.push((index, name));
                    }
                }
                None if keyed.insert(name) => {
                    tracked.insert(name, vec![chains.len() as u32]);
                    chains.push(Chain {
                        key: name,
                        at_head: false,
                        revisions: vec![(index, name)],
                        tail: name,
                    });
                }
                None => {}
            }
        }
        let deleted: Vec<&Change> = commit.changes.iter().filter(|c| c.is_deleted()).collect();
        for added in commit.changes.iter().filter(|c| c.is_added()) {
            let name = names.id(&added.path);
            if !tracked.contains_key(&name) {
                continue;
            }
            if let Some(source) = finder.find(added, &deleted)? {
                let source = names.id(&source);
                if source == name {
                    continue;
                }
                let moved = tracked.remove(&name).unwrap_or_default();
                tracked.entry(source).or_default().extend(moved);
            }
        }
        metas.push(commit.meta);
    }
    for (&name, list) in &tracked {
        for &c in list {
            chains[c as usize].tail = name;
        }
    }
    Ok(Chains {
        commits: metas,
        paths: names.names,
        chains,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::Oid;

    /// Sources given by hand: (commit summary, added path) → source path.
    struct Table(Vec<(&'static str, &'static str, &'static str)>, String);

    impl SourceFinder for Table {
        fn visit(&mut self, commit: &mut WalkedCommit) -> Result<(), HistoryError> {
            self.1 = commit.meta.summary.clone();
            Ok(())
        }
        fn find(&mut self, added: &Change, _: &[&Change]) -> Result<Option<String>, HistoryError> {
            Ok(self
                .0
                .iter()
                .find(|(s, p, _)| *s == self.1 && *p == added.path)
                .map(|(_, _, src)| (*src).to_owned()))
        }
    }

    fn oid(n: u8) -> Oid {
        Oid::from_bytes(&[n; 20]).unwrap()
    }

    fn commit(summary: &str, parents: usize, changes: &[(&str, char)]) -> WalkedCommit {
        WalkedCommit {
            meta: CommitMeta {
                id: oid(summary.len() as u8),
                parents: (0..parents).map(|i| oid(100 + i as u8)).collect(),
                tree: oid(0),
                time: 0,
                offset_minutes: 0,
                author: "A".into(),
                email: "a@x".into(),
                summary: summary.into(),
            },
            parent_tree: None,
            signatures: Vec::new(),
            changes: changes
                .iter()
                .map(|&(path, kind)| Change {
                    path: path.into(),
                    old: (kind != 'A').then(|| oid(1)),
                    new: (kind != 'D').then(|| oid(2)),
                })
                .collect(),
        }
    }

    fn history(chains: &Chains, key: &str) -> Vec<(String, String)> {
        let chain = chains
            .chains
            .iter()
            .find(|c| chains.paths[c.key as usize] == key)
            .unwrap();
        chain
            .revisions
            .iter()
            .map(|&(c, p)| {
                (
                    chains.commits[c as usize].summary.clone(),
                    chains.paths[p as usize].clone(),
                )
            })
            .collect()
    }

    #[test]
    fn follows_a_rename_and_keeps_the_deleted_name_as_its_own_chain() {
        let commits = vec![
            commit("edit b", 1, &[("b.md", 'M')]),
            commit("rename", 1, &[("a.md", 'D'), ("b.md", 'A')]),
            commit("edit a", 1, &[("a.md", 'M')]),
            commit("add a", 0, &[("a.md", 'A')]),
        ];
        let mut finder = Table(vec![("rename", "b.md", "a.md")], String::new());
        let chains = follow(
            &mut commits.into_iter().map(Ok),
            ["b.md".to_owned()],
            &mut finder,
        )
        .unwrap();
        assert_eq!(
            history(&chains, "b.md"),
            vec![
                ("edit b".into(), "b.md".into()),
                ("rename".into(), "b.md".into()),
                ("edit a".into(), "a.md".into()),
                ("add a".into(), "a.md".into()),
            ]
        );
        assert_eq!(history(&chains, "a.md").len(), 3);
        let b = chains.chains.iter().find(|c| c.at_head).unwrap();
        assert_eq!(chains.paths[b.tail as usize], "a.md");
    }

    #[test]
    fn merges_count_for_nobody() {
        let commits = vec![
            commit("merge", 2, &[]),
            commit("side edit", 1, &[("a.md", 'M')]),
            commit("add a", 0, &[("a.md", 'A')]),
        ];
        let mut finder = Table(vec![], String::new());
        let chains = follow(
            &mut commits.into_iter().map(Ok),
            ["a.md".to_owned()],
            &mut finder,
        )
        .unwrap();
        assert_eq!(history(&chains, "a.md").len(), 2);
        assert_eq!(chains.commits.len(), 2);
    }

    #[test]
    fn a_copy_shares_the_sources_older_history() {
        let commits = vec![
            commit("copy", 1, &[("d/b.md", 'A')]),
            commit("add a", 0, &[("a.md", 'A')]),
        ];
        let mut finder = Table(vec![("copy", "d/b.md", "a.md")], String::new());
        let chains = follow(
            &mut commits.into_iter().map(Ok),
            ["a.md".into(), "d/b.md".into()],
            &mut finder,
        )
        .unwrap();
        assert_eq!(history(&chains, "a.md").len(), 1);
        assert_eq!(
            history(&chains, "d/b.md"),
            vec![
                ("copy".into(), "d/b.md".into()),
                ("add a".into(), "a.md".into())
            ]
        );
    }
}
