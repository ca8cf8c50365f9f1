//! The spare copy of the site: the site a build swapped out, kept under `.git/perfdoc/`
//! instead of deleted, so the next build can bring it up to date with the files that changed
//! and swap it back in, rather than linking ten thousand unchanged files into a new folder and
//! deleting the old one. Trusted only while it is exactly what the cache says: every file it
//! names with the inode, size and modification time recorded, and not one entry more.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::super::memo::{Entry, Stat};

/// Where a repository keeps its spare site: beside the site cache that describes it.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir.join("perfdoc").join("site-spare")
}

/// Whether `dir` (a real folder, not a symlink) holds exactly `files`, each the very file
/// recorded: nothing changed, added or taken away since.
pub fn holds_exactly(dir: &Path, files: &BTreeMap<String, Entry>) -> bool {
    if files.is_empty() || !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let all_there = files.par_iter().all(|(rel, e)| {
        e.stat.is_some() && super::inside(dir, rel).is_some_and(|p| Stat::of(&p) == e.stat)
    });
    all_there && super::count_files(dir) == files.len()
}

/// Removes the folders left empty under `root` along `rel`, deepest first; stops at the first
/// that is not empty.
pub fn prune_empty(root: &Path, rel: &str) {
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if std::fs::remove_dir(root.join(d)).is_err() {
            return;
        }
        dir = d.parent();
    }
}
