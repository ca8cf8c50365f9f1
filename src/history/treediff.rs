//! A pathspec-free diff of two trees that only names changed files. libgit2's
//! `diff_tree_to_tree` builds a full path string for every entry it visits, which dominates a
//! walk over folders of thousands of documents; merging the two sorted entry lists and
//! recursing only into subtrees whose ids differ visits the same entries without that cost.

use std::cmp::Ordering;

use git2::{Oid, Repository, Tree, TreeEntry};

use super::repo::is_file_mode;

/// One changed file. `old` is `None` for an added file, `new` is `None` for a deleted one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

impl Change {
    pub fn is_added(&self) -> bool {
        self.old.is_none()
    }
    pub fn is_deleted(&self) -> bool {
        self.new.is_none()
    }
}

const TREE_MODE: i32 = 0o040000;

/// Changed files between `old` (or the empty tree) and `new`, in git's path order.
pub fn diff(repo: &Repository, old: Option<Oid>, new: Oid) -> Result<Vec<Change>, git2::Error> {
    let mut out = Vec::new();
    if old == Some(new) {
        return Ok(out);
    }
    let new = repo.find_tree(new)?;
    let old = old.map(|id| repo.find_tree(id)).transpose()?;
    let mut prefix = String::new();
    diff_trees(repo, &mut prefix, old.as_ref(), Some(&new), &mut out)?;
    Ok(out)
}

fn diff_trees(
    repo: &Repository,
    prefix: &mut String,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let old_len = old.map_or(0, Tree::len);
    let new_len = new.map_or(0, Tree::len);
    let (mut i, mut j) = (0, 0);
    while i < old_len || j < new_len {
        let a = if i < old_len {
            old.and_then(|t| t.get(i))
        } else {
            None
        };
        let b = if j < new_len {
            new.and_then(|t| t.get(j))
        } else {
            None
        };
        let order = match (&a, &b) {
            (Some(a), Some(b)) => entry_order(a, b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match order {
            Ordering::Less => {
                if let Some(a) = &a {
                    one_side(repo, prefix, a, Side::Old, out)?;
                }
                i += 1;
            }
            Ordering::Greater => {
                if let Some(b) = &b {
                    one_side(repo, prefix, b, Side::New, out)?;
                }
                j += 1;
            }
            Ordering::Equal => {
                if let (Some(a), Some(b)) = (&a, &b) {
                    both_sides(repo, prefix, a, b, out)?;
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

fn one_side(
    repo: &Repository,
    prefix: &mut String,
    entry: &TreeEntry<'_>,
    side: Side,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let mode = entry.filemode();
    if mode == TREE_MODE {
        let tree = repo.find_tree(entry.id())?;
        let len = push_dir(prefix, entry.name_bytes());
        let result = match side {
            Side::Old => diff_trees(repo, prefix, Some(&tree), None, out),
            Side::New => diff_trees(repo, prefix, None, Some(&tree), out),
        };
        prefix.truncate(len);
        result
    } else {
        if is_file_mode(mode) {
            let path = join(prefix, entry.name_bytes());
            out.push(match side {
                Side::Old => Change {
                    path,
                    old: Some(entry.id()),
                    new: None,
                },
                Side::New => Change {
                    path,
                    old: None,
                    new: Some(entry.id()),
                },
            });
        }
        Ok(())
    }
}

fn both_sides(
    repo: &Repository,
    prefix: &mut String,
    a: &TreeEntry<'_>,
    b: &TreeEntry<'_>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let (ma, mb) = (a.filemode(), b.filemode());
    if a.id() == b.id() && ma == mb {
        return Ok(());
    }
    if ma == TREE_MODE {
        // Same key means both are trees (a tree sorts as `name/`).
        let (ta, tb) = (repo.find_tree(a.id())?, repo.find_tree(b.id())?);
        let len = push_dir(prefix, a.name_bytes());
        let result = diff_trees(repo, prefix, Some(&ta), Some(&tb), out);
        prefix.truncate(len);
        return result;
    }
    match (is_file_mode(ma), is_file_mode(mb)) {
        (true, true) => out.push(Change {
            path: join(prefix, a.name_bytes()),
            old: Some(a.id()),
            new: Some(b.id()),
        }),
        (true, false) => one_side(repo, prefix, a, Side::Old, out)?,
        (false, true) => one_side(repo, prefix, b, Side::New, out)?,
        (false, false) => {}
    }
    Ok(())
}

fn push_dir(prefix: &mut String, name: &[u8]) -> usize {
    let len = prefix.len();
    prefix.push_str(&String::from_utf8_lossy(name));
    prefix.push('/');
    len
}

fn join(prefix: &str, name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    let mut s = String::with_capacity(prefix.len() + name.len());
    s.push_str(prefix);
    s.push_str(&name);
    s
}

/// git's tree order: names compare bytewise, a tree as if its name ended in `/`.
fn entry_order(a: &TreeEntry<'_>, b: &TreeEntry<'_>) -> Ordering {
    name_order(
        a.name_bytes(),
        a.filemode() == TREE_MODE,
        b.name_bytes(),
        b.filemode() == TREE_MODE,
    )
}

fn name_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        Ordering::Equal => {}
        other => return other,
    }
    let next = |name: &[u8], tree: bool| -> u8 {
        match name.get(n) {
            Some(&c) => c,
            None if tree => b'/',
            None => 0,
        }
    };
    next(a, a_tree).cmp(&next(b, b_tree))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_sort_as_if_ending_in_a_slash() {
        // git orders `a.md` < `a/` (tree) < `a0` because '.' < '/' < '0'.
        assert_eq!(name_order(b"a.md", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a0", false), Ordering::Less);
        assert_eq!(name_order(b"a", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a", true), Ordering::Equal);
    }

    fn repo_with(files: &[(&str, &str)], base: Option<Oid>, repo: &Repository) -> Oid {
        let mut index = git2::Index::new().unwrap();
        if let Some(base) = base {
            index.read_tree(&repo.find_tree(base).unwrap()).unwrap();
        }
        for (path, content) in files {
            if content.is_empty() {
                index.remove_path(std::path::Path::new(path)).unwrap();
                continue;
            }
            let id = repo.blob(content.as_bytes()).unwrap();
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: content.len() as u32,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).unwrap();
        }
        index.write_tree_to(repo).unwrap()
    }

    #[test]
    fn names_added_deleted_and_modified_files_in_nested_folders() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let t1 = repo_with(
            &[
                ("a.md", "1"),
                ("d/x.md", "x"),
                ("d/y.md", "y"),
                ("e/z.md", "z"),
            ],
            None,
            &repo,
        );
        let t2 = repo_with(
            &[
                ("d/x.md", "x2"),
                ("d/y.md", ""),
                ("f/new file é.md", "n"),
                ("e/z.md", ""),
            ],
            Some(t1),
            &repo,
        );
        let changes = diff(&repo, Some(t1), t2).unwrap();
        let summary: Vec<(String, bool, bool)> = changes
            .iter()
            .map(|c| (c.path.clone(), c.old.is_some(), c.new.is_some()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("d/x.md".into(), true, true),
                ("d/y.md".into(), true, false),
                ("e/z.md".into(), true, false),
                ("f/new file é.md".into(), false, true),
            ]
        );
        let root = diff(&repo, None, t1).unwrap();
        assert_eq!(root.len(), 4);
        assert!(root.iter().all(Change::is_added));
        assert!(diff(&repo, Some(t2), t2).unwrap().is_empty());
    }
}
