//! When a file last changed in git: the committer date of the newest commit on HEAD that
//! touched it. `baseline promote` names the archive of a baseline after the month it was
//! recorded, and this is the fallback when no dated run matches it.

use std::path::Path;

/// The RFC 3339 date of the last commit that changed `rel` (relative to `root`), or `None`
/// when `root` is not in a repository or the file was never committed.
pub fn last_change(root: &Path, rel: &str) -> Option<String> {
    let repo = git2::Repository::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let full = root.canonicalize().ok()?.join(rel);
    let in_repo = full.strip_prefix(&workdir).ok()?.to_path_buf();
    let mut walk = repo.revwalk().ok()?;
    walk.push_head().ok()?;
    walk.set_sorting(git2::Sort::TIME).ok()?;
    for oid in walk.flatten() {
        let commit = repo.find_commit(oid).ok()?;
        let tree = commit.tree().ok()?;
        let here = tree.get_path(&in_repo).ok().map(|e| e.id());
        let before = match commit.parent(0) {
            Ok(p) => p.tree().ok()?.get_path(&in_repo).ok().map(|e| e.id()),
            Err(_) => None,
        };
        if here.is_some() && here != before {
            let t = commit.committer().when();
            let ts = jiff::Timestamp::from_second(t.seconds()).ok()?;
            let offset = jiff::tz::Offset::from_seconds(t.offset_minutes() * 60).ok()?;
            let zoned = ts.to_zoned_datetime(offset.to_time_zone());
            return Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }
    }
    None
}
