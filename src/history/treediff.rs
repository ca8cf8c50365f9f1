//! A pathspec-free diff of two trees that only names changed files, read straight from the
//! raw tree objects. libgit2's `diff_tree_to_tree` builds a path string for every entry it
//! visits and `git_tree` parses every entry of every tree it loads; on folders of thousands
//! of documents that is most of a walk. Merging the two sorted raw entry lists and recursing
//! only into subtrees whose ids differ touches the same bytes without that work.

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use git2::{ObjectType, Odb, OdbObject, Oid};

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

const TREE_MODE: u32 = 0o040000;

/// Trees read by one diff, handed to the next. A walk diffs a commit against its parent and
/// then that parent against its own, so one side of each diff is a side of the next: keeping
/// those trees avoids reading (inflating, undeltifying) every large tree twice. libgit2's own
/// cache only keeps objects under 4 KiB unless raised, and raised it grows into gigabytes.
pub struct TreeMemo<'o> {
    odb: &'o Odb<'o>,
    /// Length of an object id in this repository (20 for SHA-1, 32 for SHA-256).
    id_len: usize,
    previous: HashMap<Oid, Tree<'o>>,
    kept: HashMap<Oid, Tree<'o>>,
}

/// A raw tree and where each of its entries starts, so a diff can jump over the long runs
/// of entries two versions of a folder share. The starts are found when a diff first needs
/// them, and then mostly copied from the version the tree is compared with: a folder of
/// thousands of documents differs from its parent's in an entry or two.
struct TreeData<'o> {
    object: OdbObject<'o>,
    starts: OnceCell<Vec<u32>>,
}

impl TreeData<'_> {
    fn data(&self) -> &[u8] {
        self.object.data()
    }

    fn starts(&self, id_len: usize) -> &[u32] {
        self.starts
            .get_or_init(|| entry_starts(self.data(), 0, id_len, |_| false).0)
    }
}

type Tree<'o> = std::rc::Rc<TreeData<'o>>;

/// Where the entry after the one starting at `pos` starts. Only the NUL after the name is
/// searched for (the rest of an entry has a fixed length); the shortest mode and a space come
/// first, so the search starts past them. `None` at the end or at a malformed entry.
fn next_entry(data: &[u8], pos: usize, id_len: usize) -> Option<usize> {
    const MIN_HEAD: usize = "40000 ".len();
    if pos >= data.len() {
        return None;
    }
    let from = (pos + MIN_HEAD).min(data.len());
    let nul = memchr::memchr(0, &data[from..])?;
    Some(from + nul + 1 + id_len)
}

/// Entry offsets of a raw tree from `pos` (an entry start) on, until `stop` accepts one:
/// the offsets before it, and the one it stopped at.
fn entry_starts(
    data: &[u8],
    mut pos: usize,
    id_len: usize,
    mut stop: impl FnMut(usize) -> bool,
) -> (Vec<u32>, Option<usize>) {
    let mut starts = Vec::with_capacity((data.len() - pos.min(data.len())) / 48);
    while pos < data.len() {
        if stop(pos) {
            return (starts, Some(pos));
        }
        let Some(next) = next_entry(data, pos, id_len) else {
            break;
        };
        starts.push(pos as u32);
        pos = next;
    }
    (starts, None)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + STEP <= n && a[i..i + STEP] == b[i..i + STEP] {
        i += STEP;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let n = a.len().min(b.len());
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + STEP <= n && a[la - i - STEP..la - i] == b[lb - i - STEP..lb - i] {
        i += STEP;
    }
    while i < n && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// The byte ranges of `a` and `b` that can differ: entries before are byte-identical and
/// start at the same offsets in both (same bytes from the start parse the same way); entries
/// after are byte-identical and start where `a`'s do, shifted by the difference in length.
/// The tail is found by parsing `b` from the first differing entry until it reaches such a
/// shifted start of `a` (from there the same bytes parse the same way); when `b`'s starts
/// are not known yet, they are these three parts.
fn differing_ranges(
    a: &TreeData<'_>,
    b: &TreeData<'_>,
    id_len: usize,
) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    if a.starts.get().is_none() && b.starts.get().is_some() {
        let (rb, ra) = differing_ranges(b, a, id_len);
        return (ra, rb);
    }
    let (da, db) = (a.data(), b.data());
    let starts_a = a.starts(id_len);
    let prefix = common_prefix(da, db);
    // Last entry start at or before the first differing byte: entries before it are common.
    let first = starts_a
        .partition_point(|&s| (s as usize) <= prefix)
        .saturating_sub(1);
    let begin = starts_a.get(first).map_or(0, |&s| s as usize);
    let suffix = common_suffix(&da[begin..], &db[begin..]);
    let tail_a = da.len() - suffix;
    // `a`'s starts inside the common tail, as offsets in `b`.
    let tail = &starts_a[starts_a.partition_point(|&s| (s as usize) < tail_a)..];
    let shift = |s: u32| s as usize + db.len() - da.len();
    let mut k = 0;
    let (middle, synced) = entry_starts(db, begin, id_len, |pos| {
        while k < tail.len() && shift(tail[k]) < pos {
            k += 1;
        }
        k < tail.len() && shift(tail[k]) == pos
    });
    if b.starts.get().is_none() {
        let mut starts = Vec::with_capacity(first + middle.len() + tail.len() - k);
        starts.extend_from_slice(&starts_a[..first]);
        starts.extend_from_slice(&middle);
        if synced.is_some() {
            starts.extend(tail[k..].iter().map(|&s| shift(s) as u32));
        }
        let _ = b.starts.set(starts);
    }
    match synced {
        Some(end_b) => (begin..tail[k] as usize, begin..end_b),
        None => (begin..da.len(), begin..db.len()),
    }
}

impl<'o> TreeMemo<'o> {
    pub fn new(odb: &'o Odb<'o>, id_len: usize) -> Self {
        TreeMemo {
            odb,
            id_len,
            previous: HashMap::new(),
            kept: HashMap::new(),
        }
    }

    fn find(&mut self, id: Oid) -> Result<Tree<'o>, git2::Error> {
        let tree = match self.previous.remove(&id) {
            Some(tree) => tree,
            None => {
                let object = self.odb.read(id)?;
                if object.kind() != ObjectType::Tree {
                    return Err(git2::Error::from_str(&format!("{id} is not a tree")));
                }
                std::rc::Rc::new(TreeData {
                    object,
                    starts: OnceCell::new(),
                })
            }
        };
        self.kept.insert(id, tree.clone());
        Ok(tree)
    }

    /// Changed files between `old` (or the empty tree) and `new`, in git's path order.
    pub fn diff(&mut self, old: Option<Oid>, new: Oid) -> Result<Vec<Change>, git2::Error> {
        let mut out = Vec::new();
        if old != Some(new) {
            let new = self.find(new)?;
            let old = old.map(|id| self.find(id)).transpose()?;
            let mut prefix = String::new();
            self.diff_pair(&mut prefix, old.as_deref(), &new, &mut out)?;
        }
        self.previous = std::mem::take(&mut self.kept);
        Ok(out)
    }

    fn diff_pair(
        &mut self,
        prefix: &mut String,
        old: Option<&TreeData<'_>>,
        new: &TreeData<'_>,
        out: &mut Vec<Change>,
    ) -> Result<(), git2::Error> {
        match old {
            Some(old) => {
                let (ra, rb) = differing_ranges(old, new, self.id_len);
                self.diff_trees(prefix, &old.data()[ra], &new.data()[rb], out)
            }
            None => self.diff_trees(prefix, &[], new.data(), out),
        }
    }

    fn diff_trees(
        &mut self,
        prefix: &mut String,
        old: &[u8],
        new: &[u8],
        out: &mut Vec<Change>,
    ) -> Result<(), git2::Error> {
        let mut a = Entries::new(old, self.id_len);
        let mut b = Entries::new(new, self.id_len);
        let (mut x, mut y) = (a.next(), b.next());
        loop {
            let order = match (&x, &y) {
                (Some(x), Some(y)) => x.order(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => return Ok(()),
            };
            match order {
                Ordering::Less => {
                    if let Some(e) = &x {
                        self.one_side(prefix, e, Side::Old, out)?;
                    }
                    x = a.next();
                }
                Ordering::Greater => {
                    if let Some(e) = &y {
                        self.one_side(prefix, e, Side::New, out)?;
                    }
                    y = b.next();
                }
                Ordering::Equal => {
                    if let (Some(e), Some(f)) = (&x, &y) {
                        self.both_sides(prefix, e, f, out)?;
                    }
                    x = a.next();
                    y = b.next();
                }
            }
        }
    }

    fn one_side(
        &mut self,
        prefix: &mut String,
        entry: &Entry<'_>,
        side: Side,
        out: &mut Vec<Change>,
    ) -> Result<(), git2::Error> {
        let id = entry.oid()?;
        if entry.mode == TREE_MODE {
            let tree = self.find(id)?;
            let len = push_dir(prefix, entry.name);
            let result = match side {
                Side::Old => self.diff_trees(prefix, tree.data(), &[], out),
                Side::New => self.diff_pair(prefix, None, &tree, out),
            };
            prefix.truncate(len);
            return result;
        }
        if is_file_mode(entry.mode as i32) {
            let path = join(prefix, entry.name);
            out.push(match side {
                Side::Old => Change {
                    path,
                    old: Some(id),
                    new: None,
                },
                Side::New => Change {
                    path,
                    old: None,
                    new: Some(id),
                },
            });
        }
        Ok(())
    }

    fn both_sides(
        &mut self,
        prefix: &mut String,
        a: &Entry<'_>,
        b: &Entry<'_>,
        out: &mut Vec<Change>,
    ) -> Result<(), git2::Error> {
        if a.id == b.id && a.mode == b.mode {
            return Ok(());
        }
        if a.mode == TREE_MODE {
            // The same key means both are trees: a tree sorts as `name/`.
            let (ta, tb) = (self.find(a.oid()?)?, self.find(b.oid()?)?);
            let len = push_dir(prefix, a.name);
            let result = self.diff_pair(prefix, Some(&ta), &tb, out);
            prefix.truncate(len);
            return result;
        }
        match (is_file_mode(a.mode as i32), is_file_mode(b.mode as i32)) {
            (true, true) => out.push(Change {
                path: join(prefix, a.name),
                old: Some(a.oid()?),
                new: Some(b.oid()?),
            }),
            (true, false) => self.one_side(prefix, a, Side::Old, out)?,
            (false, true) => self.one_side(prefix, b, Side::New, out)?,
            (false, false) => {}
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// One entry of a raw tree object: `<octal mode> <name>\0<id bytes>`.
struct Entry<'a> {
    mode: u32,
    name: &'a [u8],
    id: &'a [u8],
}

impl Entry<'_> {
    fn oid(&self) -> Result<Oid, git2::Error> {
        Oid::from_bytes(self.id)
    }

    /// git's tree order: names compare bytewise, a tree as if its name ended in `/`.
    fn order(&self, other: &Entry<'_>) -> Ordering {
        name_order(
            self.name,
            self.mode == TREE_MODE,
            other.name,
            other.mode == TREE_MODE,
        )
    }
}

struct Entries<'a> {
    data: &'a [u8],
    id_len: usize,
}

impl<'a> Entries<'a> {
    fn new(data: &'a [u8], id_len: usize) -> Self {
        Entries { data, id_len }
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    /// A malformed tree ends the listing rather than the walk: git would refuse the object,
    /// and `git fsck` is the tool that says why.
    fn next(&mut self) -> Option<Entry<'a>> {
        let space = self.data.iter().position(|&c| c == b' ')?;
        let mut mode = 0u32;
        for &c in &self.data[..space] {
            if !c.is_ascii_digit() {
                return None;
            }
            mode = mode.checked_mul(8)?.checked_add(u32::from(c - b'0'))?;
        }
        let rest = &self.data[space + 1..];
        let nul = rest.iter().position(|&c| c == 0)?;
        let name = &rest[..nul];
        let id = rest.get(nul + 1..nul + 1 + self.id_len)?;
        self.data = &rest[nul + 1 + self.id_len..];
        Some(Entry { mode, name, id })
    }
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
    use git2::Repository;

    #[test]
    fn trees_sort_as_if_ending_in_a_slash() {
        // git orders `a.md` < `a/` (tree) < `a0` because '.' < '/' < '0'.
        assert_eq!(name_order(b"a.md", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a0", false), Ordering::Less);
        assert_eq!(name_order(b"a", false, b"a", true), Ordering::Less);
        assert_eq!(name_order(b"a", true, b"a", true), Ordering::Equal);
    }

    fn tree_with(files: &[(&str, &str)], base: Option<Oid>, repo: &Repository) -> Oid {
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
        let t1 = tree_with(
            &[
                ("a.md", "1"),
                ("d/x.md", "x"),
                ("d/y.md", "y"),
                ("e/z.md", "z"),
            ],
            None,
            &repo,
        );
        let t2 = tree_with(
            &[
                ("d/x.md", "x2"),
                ("d/y.md", ""),
                ("f/new file é.md", "n"),
                ("e/z.md", ""),
            ],
            Some(t1),
            &repo,
        );
        let odb = repo.odb().unwrap();
        let mut memo = TreeMemo::new(&odb, 20);
        let changes = memo.diff(Some(t1), t2).unwrap();
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
        let root = memo.diff(None, t1).unwrap();
        assert_eq!(root.len(), 4);
        assert!(root.iter().all(Change::is_added));
        assert!(memo.diff(Some(t2), t2).unwrap().is_empty());
    }

    #[test]
    fn skips_common_entries_but_finds_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let many: Vec<(String, String)> = (0..300)
            .map(|i| (format!("r/{i:04}.md"), format!("doc {i}")))
            .collect();
        let files: Vec<(&str, &str)> = many.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
        let t1 = tree_with(&files, None, &repo);
        // First, middle and last entries change; one is added between two kept ones.
        let t2 = tree_with(
            &[
                ("r/0000.md", "x"),
                ("r/0150.md", "y"),
                ("r/0299.md", "z"),
                ("r/0150a.md", "n"),
            ],
            Some(t1),
            &repo,
        );
        let odb = repo.odb().unwrap();
        let mut memo = TreeMemo::new(&odb, 20);
        let paths: Vec<String> = memo
            .diff(Some(t1), t2)
            .unwrap()
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert_eq!(paths, ["r/0000.md", "r/0150.md", "r/0150a.md", "r/0299.md"]);
        let back: Vec<String> = memo
            .diff(Some(t2), t1)
            .unwrap()
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert_eq!(back, paths);
    }

    #[test]
    fn entry_starts_copied_from_the_other_version_are_the_parsed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let many: Vec<(String, String)> = (0..200)
            .map(|i| (format!("{i:04}.md"), format!("doc {i}")))
            .collect();
        let files: Vec<(&str, &str)> = many.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
        let base = tree_with(&files, None, &repo);
        let edits: [&[(&str, &str)]; 7] = [
            &[("0000.md", "first changed")],
            &[("0199.md", "last changed")],
            &[("0100.md", "")],
            &[("0100a.md", "added in the middle"), ("0000.md", "")],
            &[("0050.md", "x"), ("0150.md", "")],
            &[("zzzz.md", "added at the end")],
            &[("0000.md", ""), ("0001.md", ""), ("0199.md", "")],
        ];
        let odb = repo.odb().unwrap();
        let read = |id: Oid| TreeData {
            object: odb.read(id).unwrap(),
            starts: OnceCell::new(),
        };
        for edit in edits {
            let other = tree_with(edit, Some(base), &repo);
            for (known, fresh) in [(base, other), (other, base)] {
                let (a, b) = (read(known), read(fresh));
                a.starts(20);
                let (ra, rb) = differing_ranges(&a, &b, 20);
                let parsed = entry_starts(b.data(), 0, 20, |_| false).0;
                assert_eq!(b.starts.get(), Some(&parsed), "{edit:?}");
                // The ranges are what comparing two fully parsed trees gives.
                let (c, d) = (read(known), read(fresh));
                c.starts(20);
                d.starts(20);
                assert_eq!(differing_ranges(&c, &d, 20), (ra, rb), "{edit:?}");
            }
        }
    }

    #[test]
    fn a_malformed_tree_ends_the_listing_without_panicking() {
        let entries: Vec<_> = Entries::new(b"100644 a.md\0short", 20).collect();
        assert!(entries.is_empty());
        let entries: Vec<_> = Entries::new(b"10x644 a\0", 20).collect();
        assert!(entries.is_empty());
    }
}
