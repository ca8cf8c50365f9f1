//! Writing a built site safely. The target is checked first (never the practice, never a
//! folder of its sources, never somebody else's non-empty folder); the site is written into a
//! temporary folder beside the target and swapped in whole, so readers and a failed build only
//! ever see the old site or the new one, even across a `kill -9`.

pub mod spare;
mod swap;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::Sink;
use super::memo::{Entry, Memo, Stat};
use crate::error::{Error, Result};
use crate::fs::lock;
use crate::practice::Practice;

/// The file that marks a folder as perfdoc's output, so it may be replaced.
pub const MARKER: &str = ".perfdoc-site";

/// Checks that `out` may receive the site of `practice`; returns it as an absolute path.
pub fn check_target(practice: &Practice, out: &Path) -> Result<PathBuf> {
    let root = absolute(&practice.root);
    let out = absolute(out);
    let refuse = |why: String| {
        Err(Error::Refused {
            action: format!("write the site to `{}`", out.display()),
            why,
            hint: "pass `--out` a new folder, e.g. `--out site`".into(),
        })
    };
    if out == root {
        return refuse("it is the practice's root".into());
    }
    if root.starts_with(&out) {
        return refuse("it contains the practice".into());
    }
    let config = &practice.config;
    let mut sources = config.doc_folders();
    sources.extend([
        config.folders.benchmarks.clone(),
        "templates".into(),
        ".git".into(),
    ]);
    for folder in sources {
        let folder = absolute(&root.join(&folder));
        if out.starts_with(&folder) || folder.starts_with(&out) {
            return refuse(format!(
                "it is inside or holds the source folder `{}`",
                folder.strip_prefix(&root).unwrap_or(&folder).display()
            ));
        }
    }
    match std::fs::symlink_metadata(&out) {
        Ok(m) if !m.is_dir() => return refuse("it exists and is not a folder".into()),
        Ok(_) => {
            let empty = std::fs::read_dir(&out)
                .map_err(|source| Error::Read {
                    path: out.clone(),
                    source,
                })?
                .next()
                .is_none();
            if !empty && !out.join(MARKER).is_file() {
                return refuse(format!(
                    "it is not empty and perfdoc did not write it (no `{MARKER}` file)"
                ));
            }
        }
        Err(_) => {}
    }
    Ok(out)
}

/// Prefixes of the folders a build makes beside its target: the new site being written, and
/// (where the file system cannot exchange two names) the old one on its way out.
const STAGING: &str = ".perfdoc-build-";
const GRAVEYARD: &str = ".perfdoc-old-";

/// A site being written to `out` (already checked): into a temporary folder beside it, each
/// file as it is made, then swapped in by one atomic exchange of names (`finish`), so `out`
/// always holds a whole site, even when the process is killed. Dropped unfinished (a
/// template error), it goes and `out` is left as it was.
///
/// Builds into the same folder take turns: each holds a lock on the folder that receives the
/// site while it writes, which is also what lets it delete, first, the temporary folders of
/// earlier builds that were killed, knowing no live build owns them.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    parent: PathBuf,
    /// Whether `out` holds a site to link unchanged files from.
    previous: bool,
    /// Files identical to the old site's, not yet linked: while no file differs, nothing is
    /// linked, and a build that changed nothing leaves `out` as it was.
    unchanged: Mutex<Unchanged>,
    /// Held until the site is swapped in, or longer by the caller (`finish_holding`).
    turn: Option<lock::Held>,
    /// Where the site swapped out goes, to be the next build's staging folder (`spare`).
    spare_home: Option<PathBuf>,
    /// When the staging folder began as the spare site: what it held then, path by path.
    /// Only the files whose bytes differ from these are written, and the paths this build
    /// does not make are deleted at the end.
    base: Option<BTreeMap<String, Entry>>,
    /// With `base`, every path this build made or kept.
    seen: Mutex<HashSet<String>>,
}

/// What the spare site (`spare`) holds once a build is swapped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spare {
    /// Nothing: there is none.
    Absent,
    /// The site that was swapped out, as the memo loaded before the build describes it.
    OldSite,
    /// A copy of this build's site, the one swapped in being unchanged; its stats are its own.
    ThisSite,
}

#[derive(Default)]
struct Unchanged {
    /// A file differed, or is new: every file is in the staging folder from then on.
    differs: bool,
    deferred: Vec<String>,
}

impl Staging {
    /// `spare` is where the site swapped out is kept between builds and the files the cache
    /// says it holds; `None` to delete the old site instead (`serve`, outside git).
    pub fn begin(out: &Path, spare: Option<(PathBuf, BTreeMap<String, Entry>)>) -> Result<Staging> {
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(werr(&parent))?;
        let turn = lock::take(&parent).map_err(werr(&parent))?;
        sweep(&parent, out);
        let mut builder = tempfile::Builder::new();
        builder.prefix(STAGING);
        // tempfile makes private (0700) folders; the site is made as readable as the umask
        // allows.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o777));
        }
        let dir = builder.tempdir_in(&parent).map_err(werr(&parent))?;
        let previous = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir());
        let mut base = None;
        let spare_home = spare.map(|(home, files)| {
            // Renamed over the empty staging folder, the spare becomes it: a build killed from
            // here on leaves a staging folder, which the next one deletes. Only a spare that is
            // exactly what the cache describes is used, and only beside a site to update.
            if previous
                && spare::holds_exactly(&home, &files)
                && std::fs::rename(&home, dir.path()).is_ok()
            {
                base = Some(files);
            } else {
                remove_tree(&home);
            }
            home
        });
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            parent,
            previous,
            unchanged: Mutex::new(Unchanged::default()),
            turn: Some(turn),
            spare_home,
            base,
            seen: Mutex::new(HashSet::new()),
        })
    }

    /// Where `rel` goes in the staging folder, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf> {
        let path = self.dir.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(werr(dir))?;
        }
        Ok(path)
    }

    /// The old site's `rel`, the same in the new one: linked now if some file already
    /// differs, else later, if one does. (From the spare site it is there already, or is
    /// written by the caller.)
    fn same(&self, rel: &str) -> Result<()> {
        let mut state = self.unchanged.lock().map_err(|_| poisoned())?;
        if self.base.is_some() {
            state.deferred.push(rel.to_string());
            return Ok(());
        }
        if state.differs {
            drop(state);
            return self.link(rel);
        }
        state.deferred.push(rel.to_string());
        Ok(())
    }

    /// A file differs from the old site's: from now on the new site is written whole.
    fn differs(&self) -> Result<()> {
        let mut state = self.unchanged.lock().map_err(|_| poisoned())?;
        if !state.differs {
            state.differs = true;
            if self.base.is_none() {
                for rel in std::mem::take(&mut state.deferred) {
                    self.link(&rel)?;
                }
            }
        }
        Ok(())
    }

    /// With the spare site as the staging folder: whether its `rel` already holds the bytes
    /// of digest `bytes`; notes `rel` as part of this build's site.
    fn spare_holds(&self, rel: &str, bytes: &str) -> Result<bool> {
        let Some(base) = &self.base else {
            return Ok(false);
        };
        self.seen
            .lock()
            .map_err(|_| poisoned())?
            .insert(rel.to_string());
        Ok(base.get(rel).is_some_and(|e| e.bytes == bytes))
    }

    /// Where a new file `rel` goes in the staging folder, whatever the spare site held at that
    /// name gone first: its old file may be a hard link to the live site's, which writing
    /// through would change.
    fn fresh(&self, rel: &str) -> Result<PathBuf> {
        let path = self.place(rel)?;
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => remove_tree(&path),
            Ok(_) => std::fs::remove_file(&path).map_err(werr(&path))?,
            Err(_) => {}
        }
        Ok(path)
    }

    fn link(&self, rel: &str) -> Result<()> {
        let path = self.fresh(rel)?;
        std::fs::hard_link(self.out.join(rel), &path).map_err(werr(&path))
    }

    /// Swaps the new site in for the old one; when every file is the old site's and the old
    /// site has no other, leaves it as it is.
    pub fn finish(self) -> Result<()> {
        self.finish_holding().map(drop)
    }

    /// Like `finish`, and the folder stays locked until the caller drops what this returns:
    /// what the caller records of the site on disk (the stats for the memo and the build
    /// stamp) is then of this build's site, not of one another build swapped in meanwhile.
    pub fn finish_holding(mut self) -> Result<(lock::Held, Spare)> {
        let turn = self.turn.take().ok_or_else(poisoned)?;
        let spare = self.swap_in()?;
        Ok((turn, spare))
    }

    fn swap_in(self) -> Result<Spare> {
        let out = &self.out;
        if let Some(base) = &self.base {
            // The spare site's files this build did not make go.
            let seen = self.seen.lock().map_err(|_| poisoned())?;
            for rel in base.keys().filter(|rel| !seen.contains(*rel)) {
                if let Some(path) = inside(self.dir.path(), rel) {
                    let _ = std::fs::remove_file(&path);
                    spare::prune_empty(self.dir.path(), rel);
                }
            }
        }
        let unchanged = self
            .unchanged
            .lock()
            .map_err(|_| poisoned())
            .map(|s| (!s.differs).then(|| s.deferred.len()))?;
        if let Some(files) = unchanged
            && count_files(out) == files
        {
            // The site stays as it is; a staging folder that began as the spare site now
            // holds a copy of it, which stays the spare.
            return Ok(match (&self.base, &self.spare_home) {
                (Some(_), Some(home)) => match std::fs::rename(self.dir.path(), home) {
                    Ok(()) => Spare::ThisSite,
                    Err(_) => Spare::Absent,
                },
                _ => Spare::Absent,
            });
        }
        self.differs()?;
        if std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(self.dir.path(), out).map_err(werr(out))?;
            // The staging folder now names nothing; dropping it is harmless.
            return Ok(Spare::Absent);
        }
        match swap::exchange(self.dir.path(), out) {
            // The old site now sits in the staging folder: it becomes the spare, or goes.
            Ok(()) => {
                let old = self.dir.keep();
                if let Some(home) = &self.spare_home
                    && std::fs::rename(&old, home).is_ok()
                {
                    return Ok(Spare::OldSite);
                }
                remove_tree(&old);
            }
            Err(e) if swap::unsupported(&e) => swap_by_renames(self.dir, out, &self.parent)?,
            Err(e) => return Err(werr(out)(e)),
        }
        Ok(Spare::Absent)
    }
}

impl Sink for Staging {
    /// A page that did not change since the last build is hard-linked from the old site
    /// rather than written again: on a rebuild after one edit that is nearly every page, and
    /// reading from the page cache is far cheaper than writing; the file also keeps its
    /// mtime. A link shares the old file's bytes, so it is only made when they are exactly
    /// the new bytes.
    fn put(&self, rel: &str, bytes: &[u8], digest: &str) -> Result<()> {
        let old = self.out.join(rel);
        let same = self.previous
            && std::fs::symlink_metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == *bytes);
        if same {
            self.same(rel)?;
            if self.base.is_none() {
                return Ok(());
            }
        } else {
            self.differs()?;
        }
        if self.spare_holds(rel, digest)? {
            return Ok(());
        }
        let path = self.fresh(rel)?;
        std::fs::write(&path, bytes).map_err(werr(&path))
    }

    /// A page the memo kept is the old site's file, linked: it must still be the very file
    /// the memo describes, or the site would hold bytes nobody checked.
    fn keep(&self, rel: &str, entry: &Entry) -> Result<()> {
        let old = self.out.join(rel);
        // Under the lock, no other build replaces it between this look and the swap.
        if entry.stat.is_none() || Stat::of(&old) != entry.stat {
            let changed = std::io::Error::other("it changed while the site was built; build again");
            return Err(werr(&old)(changed));
        }
        self.same(rel)?;
        if self.base.is_none() || self.spare_holds(rel, &entry.bytes)? {
            return Ok(());
        }
        self.link(rel)
    }
}

fn poisoned() -> Error {
    Error::System {
        doing: "write the site".into(),
        message: "a writer thread panicked".into(),
    }
}

/// The files under `dir` (not following symlinks); symlinks and other entries count too, so
/// a folder holding anything but the files of a site never passes for it.
fn count_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return usize::MAX;
    };
    let mut n: usize = 0;
    for entry in entries.flatten() {
        n = n.saturating_add(match entry.file_type() {
            Ok(t) if t.is_dir() => count_files(&entry.path()),
            _ => 1,
        });
    }
    n
}

/// Notes in `files` the stat of each as written in `out`, so a later build can tell them
/// unchanged.
pub fn record_stats(files: &mut BTreeMap<String, Entry>, out: &Path) {
    files.par_iter_mut().for_each(|(rel, entry)| {
        entry.stat = Stat::of(&out.join(rel));
    });
}

/// Writes into `out`, a folder only this process writes (`serve`'s), the files whose bytes
/// differ from what `before` says it holds, each replaced atomically; the rest are left alone.
pub struct Delta<'a> {
    pub out: &'a Path,
    pub before: &'a Memo,
}

impl Sink for Delta<'_> {
    fn put(&self, rel: &str, bytes: &[u8], digest: &str) -> Result<()> {
        let Some(path) = inside(self.out, rel) else {
            return Ok(());
        };
        if self
            .before
            .files
            .get(rel)
            .is_some_and(|e| e.bytes == digest)
            && path.is_file()
        {
            return Ok(());
        }
        crate::fs::write::atomic_write(&path, bytes, crate::fs::write::Existing::Replace)
    }

    fn keep(&self, _rel: &str, _entry: &Entry) -> Result<()> {
        Ok(())
    }
}

/// Removes from `out` the files `before` had and `after` has not (`serve`'s folder after a
/// delta); returns every path that changed between the two, sorted.
pub fn remove_gone(out: &Path, before: &Memo, after: &Memo) -> Result<Vec<String>> {
    let changed = after.changed_since(before);
    for rel in &changed {
        if after.files.contains_key(rel) {
            continue;
        }
        let Some(path) = inside(out, rel) else {
            continue;
        };
        if let Err(e) = std::fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            return Err(werr(&path)(e));
        }
    }
    Ok(changed)
}

/// `out/rel`, for a path of the site's own; never one that leads out of `out`.
fn inside(out: &Path, rel: &str) -> Option<PathBuf> {
    Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| out.join(rel))
}

/// Where the file system cannot exchange two names: move the old site aside (into a folder of
/// its own, so the name cannot clash), move the new one in, then delete the old; put the old
/// one back if the second step fails. A kill between the two renames leaves the old site in
/// its graveyard, and the next build puts it back before anything else (`sweep`).
fn swap_by_renames(staging: tempfile::TempDir, out: &Path, parent: &Path) -> Result<()> {
    let graveyard = tempfile::Builder::new()
        .prefix(GRAVEYARD)
        .tempdir_in(parent)
        .map_err(werr(parent))?
        .keep();
    let old = graveyard.join(out.file_name().unwrap_or("site".as_ref()));
    std::fs::rename(out, &old).map_err(werr(out))?;
    if let Err(e) = std::fs::rename(staging.path(), out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir(&graveyard);
        return Err(werr(out)(e));
    }
    remove_tree(&graveyard);
    Ok(())
}

/// Clears what builds killed earlier left beside `out`: a site stranded in a graveyard while
/// `out` is missing goes back to `out`; every other staging or graveyard folder is deleted.
/// Only called under the lock, so none of them belongs to a live build.
fn sweep(parent: &Path, out: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let name = out.file_name().unwrap_or("site".as_ref());
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let is_graveyard = file_name.starts_with(GRAVEYARD);
        if !(is_graveyard || file_name.starts_with(STAGING))
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let path = entry.path();
        let stranded = path.join(name);
        // Only a real folder perfdoc wrote goes back: a symlink planted in a repository as
        // `.perfdoc-old-*/site` must not become the output folder.
        if is_graveyard
            && std::fs::symlink_metadata(out).is_err()
            && std::fs::symlink_metadata(&stranded).is_ok_and(|m| m.is_dir())
            && std::fs::symlink_metadata(stranded.join(MARKER)).is_ok_and(|m| m.is_file())
        {
            let _ = std::fs::rename(&stranded, out);
        }
        remove_tree(&path);
    }
}

/// Deletes a folder, its top-level entries in parallel (a site has tens of thousands of
/// entries); a failure leaves the rest for the next build's sweep.
fn remove_tree(dir: &Path) {
    // Never through a symlink: that would empty the folder it leads to.
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        let _ = std::fs::remove_file(dir);
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.par_iter().for_each(|p| {
            let _ = if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn werr(path: &Path) -> impl FnOnce(std::io::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |source| Error::Write { path, source }
}

/// `path` made absolute and normalized, following symlinks as far as the path exists, so
/// `out/../reports` and a symlink to the practice are both seen for what they are.
pub fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut clean = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            c => clean.push(c),
        }
    }
    // Canonicalize the longest existing prefix, keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_in(dir: &Path, page: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
        std::fs::write(dir.join("index.html"), page).unwrap();
    }

    #[test]
    fn the_rename_fallback_swaps_and_leaves_nothing() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("site");
        site_in(&out, "old");
        let staging = tempfile::Builder::new()
            .prefix(STAGING)
            .tempdir_in(parent.path())
            .unwrap();
        site_in(staging.path(), "new");
        swap_by_renames(staging, &out, parent.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_site_stranded_between_two_renames_is_put_back_and_leftovers_go() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("site");
        // Killed after moving the old site aside, before moving the new one in.
        site_in(&parent.path().join(".perfdoc-old-x1/site"), "old");
        site_in(&parent.path().join(".perfdoc-build-x2"), "new, unfinished");
        std::fs::write(parent.path().join(".perfdoc-keep.tmp"), "not a folder").unwrap();
        sweep(parent.path(), &out);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        let mut left: Vec<_> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".perfdoc-keep.tmp", "site"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_neither_put_back_nor_followed() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("site");
        let reports = parent.path().join("reports");
        site_in(&reports, "a document");
        std::fs::create_dir(parent.path().join(".perfdoc-old-x1")).unwrap();
        std::os::unix::fs::symlink(&reports, parent.path().join(".perfdoc-old-x1/site")).unwrap();
        std::os::unix::fs::symlink(&reports, parent.path().join(".perfdoc-build-x2")).unwrap();
        sweep(parent.path(), &out);
        assert!(std::fs::symlink_metadata(&out).is_err(), "not put back");
        assert!(reports.join("index.html").is_file(), "not followed");
        assert!(!parent.path().join(".perfdoc-old-x1").exists());
    }
}
