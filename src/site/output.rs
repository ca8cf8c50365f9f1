//! Writing a built site safely. The target is checked first (never the practice, never a
//! folder of its sources, never somebody else's non-empty folder); the site is written into a
//! temporary folder beside the target and swapped in whole, so readers and a failed build only
//! ever see the old site or the new one.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::Site;
use crate::error::{Error, Result};
use crate::practice::Practice;

/// The file that marks a folder as perfdoc's output, so it may be replaced.
pub const MARKER: &str = ".perfdoc-site";

/// Checks that `out` may receive the site of `practice`; returns it as an absolute path.
pub fn check_target(practice: &Practice, out: &Path) -> Result<PathBuf> {
    let root = absolute(&practice.root);
    let out = absolute(out);
    let refuse = |why: String| {
        Err(Error::Usage(format!(
            "refusing to write the site to `{}`: {why}\n  help: pass `--out` a new folder, e.g. `--out site`",
            out.display()
        )))
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

/// Writes `site` to `out` (already checked): into a temporary folder beside it, then swapped
/// in. On any error the previous content of `out` is left as it was.
pub fn write_site(site: &Site, out: &Path) -> Result<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    std::fs::create_dir_all(parent).map_err(werr(parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".perfdoc-build-")
        .tempdir_in(parent)
        .map_err(werr(parent))?;
    // Folders first (sorted, once each), then the files in parallel: a large practice writes
    // tens of thousands of them.
    let dirs: std::collections::BTreeSet<PathBuf> = site
        .files
        .keys()
        .filter_map(|rel| staging.path().join(rel).parent().map(Path::to_path_buf))
        .collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(werr(dir))?;
    }
    // A page that did not change since the last build is hard-linked from the old site rather
    // than written again: on a rebuild after one edit that is nearly every page, and reading
    // from the page cache is far cheaper than writing. A link shares the old file's bytes, so
    // it is only made when they are exactly the new bytes.
    let previous = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir());
    site.files.par_iter().try_for_each(|(rel, bytes)| {
        let path = staging.path().join(rel);
        if previous {
            let old = out.join(rel);
            let same = std::fs::metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && std::fs::read(&old).is_ok_and(|b| b == *bytes);
            if same && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&path, bytes).map_err(werr(&path))
    })?;
    if std::fs::symlink_metadata(out).is_err() {
        let staged = staging.keep();
        return std::fs::rename(&staged, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            werr(out)(e)
        });
    }
    // Move the old site aside (into a folder of its own, so the name cannot clash), move the
    // new one in, then delete the old; put the old one back if the second step fails.
    let graveyard = tempfile::Builder::new()
        .prefix(".perfdoc-old-")
        .tempdir_in(parent)
        .map_err(werr(parent))?;
    let old = graveyard.path().join("site");
    std::fs::rename(out, &old).map_err(werr(out))?;
    if let Err(e) = std::fs::rename(staging.path(), out) {
        let _ = std::fs::rename(&old, out);
        return Err(werr(out)(e));
    }
    // `staging` now names nothing; dropping it is harmless. The old site is deleted folder by
    // folder in parallel (tens of thousands of entries on a large practice), then the
    // graveyard drops with whatever is left.
    drop(staging);
    if let Ok(entries) = std::fs::read_dir(&old) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.par_iter().for_each(|p| {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        });
    }
    drop(graveyard);
    Ok(())
}

/// `path` made absolute and normalized, following symlinks as far as the path exists, so
/// `out/../reports` and a symlink to the practice are both seen for what they are.
fn absolute(path: &Path) -> PathBuf {
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
