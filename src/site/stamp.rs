//! The build stamp: what ninja's log and git's index do for a rebuild with nothing changed.
//! A small file under `<git dir>/perfdoc/` holds the digest of everything the last successful
//! build read, taken before it read anything (every file and symlink of the practice by its
//! stat, the settings, git's state), the digest of the output folder as it was left, and what
//! the build said. When the inputs and the output still hash the same, the build is answered
//! from the stamp without reading a document.
//!
//! The rule that keeps it honest is git's racy-clean rule: a stat is only trusted for a file
//! last changed before a clock reading taken before the stat (a file changed in the same tick
//! as its stat could change again unseen), so such a fingerprint is never stamped. The file
//! is sealed as `site::cache` seals its own (format, version, perfdoc, the folder it
//! describes, the body's digest); one that is damaged or from another perfdoc is not used.

use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fs::write::{Existing, atomic_write};

const FORMAT: &str = "perfdoc-build";
/// Bump when the meaning or shape of the file changes.
pub const VERSION: u32 = 1;
/// How long to wait for the file system's clock to pass a file changed just now.
const RACY_WAIT: Duration = Duration::from_millis(60);

/// Where the stamp of a repository lives, given its git dir.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir
        .join("perfdoc")
        .join(format!("build-v{VERSION}.json"))
}

/// What a build said, to be said again by the build the stamp answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Said {
    /// Its lines on stderr, in order.
    pub stderr: Vec<String>,
    pub pages: usize,
    pub files: usize,
    /// The output folder as the summary line names it.
    pub place: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    inputs: String,
    output: String,
    /// Every entry of the output folder, relative to it (`` for the folder itself).
    names: Vec<String>,
    /// The first moment (local civil time, as `check` reads it) the build would say something
    /// else with nothing changed: an open record's SLA deadline.
    until: Option<String>,
    said: Said,
}

/// What the build is about to read, as one digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    digest: String,
    /// Whether the digest may be stamped: no file was changed too recently to trust its stat,
    /// and nothing was left unseen (a folder that could not be listed, a symlink to a folder
    /// outside the practice).
    trusted: bool,
}

/// Everything outside the practice's files that the build reads: settings as `name value`
/// lines, and files whose stat counts.
pub struct Settings {
    pub lines: Vec<String>,
    pub files: Vec<PathBuf>,
}

/// One walked entry, stat and all, as bytes for the digest.
struct Entry {
    name: Vec<u8>,
    bytes: Vec<u8>,
}

/// What a walk found.
#[derive(Default)]
struct Walk {
    entries: Vec<Entry>,
    /// The latest change time seen, in ns.
    newest: i128,
    /// A folder that could not be listed, a symlink to a folder outside the root.
    unseen: bool,
}

/// The inputs of a build of the practice at `root` into `out` (absolute): taken before the
/// build reads anything. Waits a moment for a file changed within the file system's last
/// clock tick, so a save just before a build does not cost the next build its stamp.
pub fn inputs(root: &Path, out: &Path, clock_dir: &Path, settings: &Settings) -> Inputs {
    let skip = Skip::new(root, out);
    let waited = std::time::Instant::now();
    loop {
        let clock = probe(clock_dir);
        let walk = walk_root(root, &skip, settings);
        let racy = clock.is_none_or(|c| walk.newest >= c);
        if !racy || waited.elapsed() > RACY_WAIT {
            return Inputs {
                digest: digest_of(walk.entries, &settings.lines),
                trusted: !racy && !walk.unseen,
            };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// What the stamp at `file` says a build of `inputs` into `out` said, when the inputs are
/// the stamped ones, the output folder is as the build left it and nothing has come due.
pub fn fresh(file: &Path, out: &Path, inputs: &Inputs) -> Option<Said> {
    if !inputs.trusted {
        return None;
    }
    let body = load(file, out)?;
    if body.inputs != inputs.digest {
        return None;
    }
    if let Some(until) = &body.until {
        let until: jiff::civil::DateTime = until.parse().ok()?;
        if jiff::ZonedDateTime::now().datetime() >= until {
            return None;
        }
    }
    let walk = stat_out(out, &body.names);
    (!walk.unseen && digest_of(walk.entries, &[]) == body.output).then_some(body.said)
}

/// Stamps the build of `inputs` into `out`, which said `said`, with the output folder as it
/// is now; `until` is when what it said would change by itself. Removes the stamp instead when
/// the inputs or the output cannot be trusted.
pub fn save(
    file: &Path,
    out: &Path,
    inputs: &Inputs,
    until: Option<jiff::civil::DateTime>,
    said: Said,
) -> Result<()> {
    let Some((output, names)) = inputs.trusted.then(|| trusted_output(file, out)).flatten() else {
        remove(file);
        return Ok(());
    };
    let body = Body {
        inputs: inputs.digest.clone(),
        output,
        names,
        until: until.map(|u| u.to_string()),
        said,
    };
    let rest = serde_json::to_vec(&body).map_err(|e| crate::error::Error::Write {
        path: file.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    let bytes = super::cache::seal(FORMAT, VERSION, out, rest);
    atomic_write(file, &bytes, Existing::Replace)
}

/// No stamp: the next build does the work.
pub fn remove(file: &Path) {
    let _ = std::fs::remove_file(file);
}

/// The output folder's digest, once every file in it is older than a clock reading taken
/// before its stat (waiting a moment for the clock to pass the files just written).
fn trusted_output(file: &Path, out: &Path) -> Option<(String, Vec<String>)> {
    let clock_dir = file.parent()?;
    let waited = std::time::Instant::now();
    loop {
        let clock = probe(clock_dir)?;
        let walk = walk_out(out);
        if walk.unseen {
            return None;
        }
        if walk.newest < clock {
            let names = walk
                .entries
                .iter()
                .map(|e| String::from_utf8(e.name.clone()).ok())
                .collect::<Option<Vec<String>>>()?;
            return Some((digest_of(walk.entries, &[]), names));
        }
        if waited.elapsed() > RACY_WAIT {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn load(file: &Path, out: &Path) -> Option<Body> {
    let bytes = std::fs::read(file).ok()?;
    serde_json::from_slice(super::cache::unseal(&bytes, FORMAT, VERSION, out)?).ok()
}

/// The file system's clock now, in ns: the modification time of a file made for the purpose
/// (the same clock that stamps the files compared with it, even on a network file system).
fn probe(dir: &Path) -> Option<i128> {
    std::fs::create_dir_all(dir).ok()?;
    let file = tempfile::Builder::new()
        .prefix(".clock-")
        .tempfile_in(dir)
        .ok()?;
    let meta = file.as_file().metadata().ok()?;
    Some(times(&meta).0)
}

/// What the walk of a practice leaves out: `.git` wherever it is, the output folder, and the
/// folders and lock file a build makes beside it.
struct Skip {
    out: PathBuf,
    beside: PathBuf,
}

impl Skip {
    fn new(root: &Path, out: &Path) -> Skip {
        let out = canonical(out);
        let beside = out
            .parent()
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
        Skip { out, beside }
    }

    fn skips(&self, dir: &Path, name: &OsStr, path: &Path) -> bool {
        if name == ".git" || path == self.out {
            return true;
        }
        let bytes = name.as_encoded_bytes();
        dir == self.beside
            && (bytes.starts_with(b".perfdoc-build-")
                || bytes.starts_with(b".perfdoc-old-")
                || bytes == b".perfdoc.lock")
    }
}

/// `path` with its symlinks resolved, as far as it exists.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => path.to_path_buf(),
    }
}

fn walk_root(root: &Path, skip: &Skip, settings: &Settings) -> Walk {
    let mut walk = walk_dir(root, root, b"", Some(skip));
    for file in &settings.files {
        let mut name = b"\0setting ".to_vec();
        name.extend_from_slice(file.as_os_str().as_encoded_bytes());
        walk.add(name, std::fs::symlink_metadata(file).ok().as_ref(), None);
    }
    walk
}

/// The output folder listed: every entry, folders too (a file added to one changes its stat),
/// and the folder itself as the entry named ``.
fn walk_out(out: &Path) -> Walk {
    let mut walk = walk_dir(out, out, b"", None);
    walk.add(
        Vec::new(),
        std::fs::symlink_metadata(out).ok().as_ref(),
        None,
    );
    walk
}

/// The entries `names` of the output folder, stat by stat and in parallel, without listing a
/// folder: as `walk_out` would find them when nothing was added, removed or changed.
fn stat_out(out: &Path, names: &[String]) -> Walk {
    let walks: Vec<Walk> = names
        .par_chunks(256)
        .map(|chunk| {
            let mut walk = Walk::default();
            for name in chunk {
                let path = if name.is_empty() {
                    out.to_path_buf()
                } else {
                    out.join(name)
                };
                let meta = std::fs::symlink_metadata(&path).ok();
                walk.add_entry(out, name.as_bytes().to_vec(), &path, meta.as_ref());
            }
            walk
        })
        .collect();
    let mut all = Walk::default();
    for w in walks {
        all.merge(w);
    }
    all
}

/// Every entry under `dir`, in parallel per folder; folders only in the output (`skip` is
/// `None`), where their stat stands for their listing: one `lstat` each, and for a symlink its target and what it leads to.
fn walk_dir(root: &Path, dir: &Path, prefix: &[u8], skip: Option<&Skip>) -> Walk {
    let mut walk = Walk::default();
    let Ok(listing) = std::fs::read_dir(dir) else {
        walk.unseen = true;
        return walk;
    };
    let mut folders = Vec::new();
    for entry in listing {
        let Ok(entry) = entry else {
            walk.unseen = true;
            continue;
        };
        let name = entry.file_name();
        let path = entry.path();
        if skip.is_some_and(|s| s.skips(dir, &name, &path)) {
            continue;
        }
        let mut rel = prefix.to_vec();
        if !rel.is_empty() {
            rel.push(b'/');
        }
        rel.extend_from_slice(name.as_encoded_bytes());
        let meta = std::fs::symlink_metadata(&path).ok();
        match &meta {
            Some(m) if m.is_dir() => {
                if skip.is_none() {
                    walk.add(rel.clone(), meta.as_ref(), None);
                }
                folders.push((path, rel));
            }
            _ => walk.add_entry(root, rel, &path, meta.as_ref()),
        }
    }
    let nested: Vec<Walk> = folders
        .par_iter()
        .map(|(path, rel)| walk_dir(root, path, rel, skip))
        .collect();
    for w in nested {
        walk.merge(w);
    }
    walk
}

impl Walk {
    fn merge(&mut self, other: Walk) {
        self.unseen |= other.unseen;
        self.newest = self.newest.max(other.newest);
        self.entries.extend(other.entries);
    }

    /// An entry that is not a folder being walked: for a symlink, its target and the stat of
    /// what it leads to as well.
    fn add_entry(&mut self, root: &Path, rel: Vec<u8>, path: &Path, meta: Option<&Metadata>) {
        if !meta.is_some_and(|m| m.file_type().is_symlink()) {
            return self.add(rel, meta, None);
        }
        let target = std::fs::read_link(path).ok();
        let led = std::fs::metadata(path).ok();
        // A folder outside the practice could change beneath the link unseen.
        if led.as_ref().is_some_and(Metadata::is_dir) && !canonical(path).starts_with(root) {
            self.unseen = true;
        }
        let mut link = target.map_or_else(
            || b"\0unreadable".to_vec(),
            |t| t.as_os_str().as_encoded_bytes().to_vec(),
        );
        link.push(0);
        stat_bytes(led.as_ref(), &mut link);
        self.add(rel, meta, Some(link));
    }

    fn add(&mut self, name: Vec<u8>, meta: Option<&Metadata>, link: Option<Vec<u8>>) {
        let mut bytes = Vec::with_capacity(64);
        stat_bytes(meta, &mut bytes);
        if let Some(m) = meta {
            let (modified, changed) = times(m);
            self.newest = self.newest.max(modified).max(changed);
        }
        if let Some(link) = link {
            bytes.extend_from_slice(&link);
        }
        self.entries.push(Entry { name, bytes });
    }
}

/// Modification and change times in ns.
fn times(meta: &Metadata) -> (i128, i128) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        (
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
        )
    }
    #[cfg(not(unix))]
    {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        (ns(meta.modified()), ns(meta.modified()))
    }
}

/// A stat as bytes: type and mode, size, times, inode and device (`-` when there is none).
fn stat_bytes(meta: Option<&Metadata>, out: &mut Vec<u8>) {
    let Some(m) = meta else {
        out.push(b'-');
        return;
    };
    out.push(b'+');
    let (modified, changed) = times(m);
    out.extend_from_slice(&modified.to_le_bytes());
    out.extend_from_slice(&changed.to_le_bytes());
    out.extend_from_slice(&m.len().to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        out.extend_from_slice(&m.mode().to_le_bytes());
        out.extend_from_slice(&m.ino().to_le_bytes());
        out.extend_from_slice(&m.dev().to_le_bytes());
    }
    #[cfg(not(unix))]
    out.push(u8::from(m.is_dir()));
}

/// One digest of the entries (sorted by name) and the setting lines, each told apart from
/// the next.
fn digest_of(mut entries: Vec<Entry>, lines: &[String]) -> String {
    entries.par_sort_unstable_by(|a, b| a.name.cmp(&b.name));
    let mut hash = blake3::Hasher::new();
    let mut part = |bytes: &[u8]| {
        hash.update(&(bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    for line in lines {
        part(line.as_bytes());
    }
    for e in &entries {
        part(&e.name);
        part(&e.bytes);
    }
    hash.finalize().to_hex().to_string()
}

/// The next SLA deadline after `now` of the practice's open records: until then `check`
/// finds the same misses; after it, one more.
pub fn next_deadline(
    practice: &crate::practice::Practice,
    now: jiff::civil::DateTime,
) -> Option<jiff::civil::DateTime> {
    use crate::doc::lifecycle::{self, Lifecycle};
    let config = &practice.config;
    let mut next: Option<jiff::civil::DateTime> = None;
    for doc in &practice.docs {
        if !lifecycle::applies(config, doc) || doc.status() != Some("in-progress") {
            continue;
        }
        let life = Lifecycle::read(doc);
        for t in crate::doc::sla::targets(&config.sla) {
            let (Some(from), None) = (life.stage(t.from), life.stage(t.stage)) else {
                continue;
            };
            let Ok(limit) = jiff::SignedDuration::try_from_secs_f64(t.hours * 3600.0) else {
                continue;
            };
            let Ok(due) = from.at.checked_add(limit) else {
                continue;
            };
            if due >= now && next.is_none_or(|n| due < n) {
                next = Some(due);
            }
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            lines: vec!["perfdoc test".into()],
            files: Vec::new(),
        }
    }

    #[test]
    fn a_file_changed_and_restored_to_its_old_mtime_changes_the_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("practice");
        std::fs::create_dir_all(root.join("reports")).unwrap();
        let doc = root.join("reports/a.md");
        std::fs::write(&doc, "abc").unwrap();
        let clock = dir.path().join("clock");
        let out = root.join("site");
        let before = inputs(&root, &out, &clock, &settings());
        let mtime = std::fs::metadata(&doc).unwrap().modified().unwrap();
        std::fs::write(&doc, "abd").unwrap();
        let f = std::fs::File::options().write(true).open(&doc).unwrap();
        f.set_modified(mtime).unwrap();
        assert_ne!(
            inputs(&root, &out, &clock, &settings()).digest,
            before.digest
        );
    }

    #[test]
    fn the_output_folder_and_git_are_not_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("book.toml"), "").unwrap();
        let out = root.join("site");
        let clock = dir.path().join("clock");
        let before = inputs(&root, &out, &clock, &settings());
        std::fs::create_dir_all(root.join("site/x")).unwrap();
        std::fs::write(root.join("site/x/index.html"), "x").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/HEAD"), "x").unwrap();
        std::fs::create_dir_all(root.join(".perfdoc-build-1")).unwrap();
        assert_eq!(
            inputs(&root, &out, &clock, &settings()).digest,
            before.digest
        );
        std::fs::write(root.join("new.md"), "x").unwrap();
        assert_ne!(
            inputs(&root, &out, &clock, &settings()).digest,
            before.digest
        );
    }

    #[test]
    fn a_setting_changes_the_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut other = settings();
        other.lines.push("PERFDOC_SITE_URL=/x/".into());
        let clock = dir.path().join("clock");
        assert_ne!(
            inputs(dir.path(), &out, &clock, &settings()).digest,
            inputs(dir.path(), &out, &clock, &other).digest
        );
    }

    #[test]
    fn the_next_deadline_is_the_first_sla_of_an_open_record_still_to_come() {
        let dir = tempfile::tempdir().unwrap();
        let open = "---\ntitle: T\nkind: optimization\ndate: 2025-12-22\nstatus: in-progress\nlifecycle:\n  started: 2025-12-21 22:00\n  detected: 2025-12-22 08:30\n---\n";
        let done = open.replace("in-progress", "deployed");
        std::fs::create_dir_all(dir.path().join("optimizations")).unwrap();
        std::fs::write(dir.path().join("optimizations/a-2025-12-22.md"), open).unwrap();
        std::fs::write(dir.path().join("optimizations/b-2025-12-22.md"), done).unwrap();
        let practice = crate::practice::Practice::load(dir.path()).unwrap();
        let at = |s: &str| s.parse::<jiff::civil::DateTime>().unwrap();
        // Root cause due 48 h after detection, the fix 168 h after.
        assert_eq!(
            next_deadline(&practice, at("2025-12-22T09:00")),
            Some(at("2025-12-24T08:30"))
        );
        assert_eq!(
            next_deadline(&practice, at("2025-12-25T00:00")),
            Some(at("2025-12-29T08:30"))
        );
        assert_eq!(next_deadline(&practice, at("2026-01-01T00:00")), None);
    }

    #[test]
    fn a_stamp_answers_only_for_its_folder_and_its_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("practice");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("book.toml"), "").unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "page").unwrap();
        let file = dir.path().join("git/perfdoc/build-v1.json");
        // Old enough to be trusted.
        std::thread::sleep(Duration::from_millis(20));
        let taken = inputs(&root, &out, file.parent().unwrap(), &settings());
        assert!(taken.trusted);
        let said = Said {
            stderr: vec!["warning: x".into()],
            pages: 1,
            files: 1,
            place: "site".into(),
        };
        save(&file, &out, &taken, None, said.clone()).unwrap();
        assert_eq!(fresh(&file, &out, &taken), Some(said));
        assert_eq!(fresh(&file, &dir.path().join("other"), &taken), None);
        std::fs::write(out.join("extra.html"), "x").unwrap();
        assert_eq!(fresh(&file, &out, &taken), None);
    }
}
