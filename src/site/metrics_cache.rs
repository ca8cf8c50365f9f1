//! The metrics over time and their change points, kept between builds in `<git dir>/perfdoc/`
//! beside the site cache: reading them walks every version of the baseline file in git and
//! parses each, which a build after an edit of a document's body need not do again. The file
//! is sealed as `site::cache` seals its own (one that is damaged, cut short or from another
//! perfdoc is not used); its body names the key of everything the reading read, and is used
//! only under that key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cache::{seal, unseal};
use super::digest;
use super::kept::{self, Metrics};
use super::model::SiteInput;
use crate::fs::write::{Existing, atomic_write};
use crate::history::Session;
use crate::metrics::{ingest::registry, runs};
use crate::practice::Practice;

const FORMAT: &str = "perfdoc-metrics";
/// Bump when the meaning or shape of the file changes.
pub const VERSION: u32 = 1;

/// Where a worktree's metrics are kept, given its git dir.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir
        .join("perfdoc")
        .join(format!("metrics-v{VERSION}.json"))
}

/// What follows the key in the file.
#[derive(Serialize, Deserialize)]
struct Body {
    /// What reading the metrics said, in order: said again by a build the file answers.
    warnings: Vec<String>,
    metrics: Metrics,
}

/// The metrics file of one practice in one repository, under the key of what the practice's
/// metrics are read from now.
pub struct Disk<'a> {
    git: &'a Session,
    practice: &'a Practice,
    file: PathBuf,
    key: String,
}

impl<'a> Disk<'a> {
    /// The file for `practice` read in `git`, whose `head_state` it is; `None` when what the
    /// metrics are read from cannot be keyed.
    pub fn new(git: &'a Session, head_state: &str, practice: &'a Practice) -> Option<Disk<'a>> {
        Some(Disk {
            key: key(git, head_state, practice)?,
            file: path(&git.git_dir()),
            git,
            practice,
        })
    }

    /// Moves the metrics kept under this key into `input`, and adds the warnings their reading
    /// gave to `warnings`; false (and nothing moved) when the file holds none that can be
    /// trusted under it.
    pub fn load_into(&self, input: &mut SiteInput, warnings: &mut Vec<String>) -> bool {
        let Some(body) = self.load() else {
            return false;
        };
        let mut metrics = body.metrics;
        metrics.span_from(self.practice);
        metrics.put(input);
        warnings.extend(body.warnings);
        true
    }

    fn load(&self) -> Option<Body> {
        let bytes = std::fs::read(&self.file).ok()?;
        let rest = unseal(&bytes, FORMAT, VERSION, &self.practice.root)?;
        let at = rest.iter().position(|&b| b == b'\n')?;
        // The key first, so a file of other inputs is not parsed.
        if rest[..at] != *self.key.as_bytes() {
            return None;
        }
        serde_json::from_slice(&rest[at + 1..]).ok()
    }

    /// Keeps the metrics of `input`, read anew, and `said`, what their reading said. Not when
    /// what they were read from changed while they were read, or git could not read every
    /// blob (a partial clone offline): another reading could give more. A file that cannot
    /// be written is a warning in `warnings`.
    pub fn save(&self, input: &mut SiteInput, said: &[String], warnings: &mut Vec<String>) {
        if self.git.missed_blobs() {
            return;
        }
        let now = self.git.head_state();
        if now.and_then(|h| key(self.git, &h, self.practice)).as_ref() != Some(&self.key) {
            return;
        }
        let body = Body {
            warnings: said.to_vec(),
            metrics: Metrics::take(input),
        };
        let json = serde_json::to_vec(&body);
        body.metrics.put(input);
        let written = json.map_err(std::io::Error::other).and_then(|json| {
            let mut bytes = Vec::with_capacity(self.key.len() + 1 + json.len());
            bytes.extend_from_slice(self.key.as_bytes());
            bytes.push(b'\n');
            bytes.extend_from_slice(&json);
            let sealed = seal(FORMAT, VERSION, &self.practice.root, bytes);
            atomic_write(&self.file, &sealed, Existing::Replace).map_err(std::io::Error::other)
        });
        if let Err(e) = written {
            warnings.push(format!("the metrics were not kept: {e}"));
        }
    }
}

/// The key of everything `with_metrics` and `with_changes` read: git's state (`head_state`:
/// every version of the baseline and of the undated run files, the commits in each change's
/// window), the practice's place in the repository, each document's path, kind and front
/// matter (`kept::metrics_key`), the whole configuration, and every run of the benchmarks
/// folder with its contents. (The baseline file is read from git alone, never from the
/// working tree.) `None` when a run is a folder: its reading is not kept.
fn key(git: &Session, head_state: &str, practice: &Practice) -> Option<String> {
    let mut parts = vec![
        kept::metrics_key(Some(head_state), practice),
        git.prefix().to_string(),
        digest::config(&practice.config),
    ];
    // In `runs::list`'s order (by date, then modification time): the runs of one day are
    // read in that order, so the order is an input too.
    for run in runs::list(&practice.root, &practice.config) {
        let contents = contents(&practice.root.join(&run.path), &run.path)?;
        parts.extend([run.path, contents]);
    }
    Some(digest::parts(&parts))
}

/// A run file's contents, as its digest, or what makes the ingest layer refuse it unread;
/// `None` for a folder (a criterion tree, read file by file).
fn contents(path: &Path, rel: &str) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return None,
        Ok(meta) => meta,
        Err(e) => return Some(format!("unreadable: {:?}", e.kind())),
    };
    if registry::too_big(rel, meta.len()).is_err() {
        return Some(format!("too big: {}", meta.len()));
    }
    Some(match std::fs::read(path) {
        Ok(bytes) => digest::bytes(&bytes),
        Err(e) => format!("unreadable: {:?}", e.kind()),
    })
}
