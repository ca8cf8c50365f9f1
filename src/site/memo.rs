//! What the last build made, so the next one redoes only what changed. Each output file is
//! remembered with the key of what it was rendered from (template name, the digest of every
//! template, the page's context, the base URL, perfdoc's version) and the digest of its bytes;
//! a page whose key is unchanged, and whose file the caller still has, is not rendered again.
//! Each document's Markdown rendering is remembered with the key of its text and the answers
//! to the questions its links asked (which files exist), asked again before it is reused.
//! `serve` keeps one in memory; `build` keeps one under `.git/perfdoc/` (`site::cache`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::digest::parts as digest;
use super::markdown::Rendered;

/// perfdoc's version and commit: a page rendered by another build of perfdoc may differ.
pub const PERFDOC: &str = env!("PERFDOC_LONG_VERSION");

#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// Output path → what was written there.
    pub files: BTreeMap<String, Entry>,
    /// Document path → its rendered Markdown.
    pub renders: HashMap<String, Render>,
    /// The files of the spare site (`output::spare`) as written there, with their stats.
    pub spare: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What the page was rendered from; `None` for a file that is not a rendered page (a
    /// static file, the search index), which is made again every time.
    pub key: Option<String>,
    /// For a page that names what its context is made from (`inputs_key`): that key. A page
    /// whose inputs are unchanged is kept without making its context at all.
    pub inputs: Option<String>,
    /// Digest of the bytes.
    pub bytes: String,
    /// The file as written, when it is on disk: what tells a later build it is still there,
    /// untouched (files of a site are replaced, never changed in place).
    pub stat: Option<Stat>,
}

/// A file's identity and last change: a file with the same inode, size and modification time
/// is the file that was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub len: u64,
    pub modified_ns: i128,
    pub inode: u64,
}

impl Stat {
    /// The stat of `path`, not following a symlink; `None` where the platform gives no inode.
    pub fn of(path: &Path) -> Option<Stat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::symlink_metadata(path).ok()?;
            if !m.is_file() {
                return None;
            }
            Some(Stat {
                len: m.len(),
                modified_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
                inode: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// One document's rendering and what it depended on beyond its text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Render {
    pub key: String,
    /// The practice paths its links asked about, and whether each was a file.
    pub files: Vec<(String, bool)>,
    pub out: Arc<Rendered>,
}

/// The key of a page: everything its bytes are made from.
pub fn page_key(template: &str, all_templates: &str, page_context: &str, base_url: &str) -> String {
    digest(&[
        "page",
        PERFDOC,
        template,
        all_templates,
        page_context,
        base_url,
    ])
}

/// The key of a page by what its context is made from (`inputs`, the page's own digest of
/// them), for the pages that can name it without making the context.
pub fn inputs_key(template: &str, all_templates: &str, inputs: &str, base_url: &str) -> String {
    digest(&["inputs", PERFDOC, template, all_templates, inputs, base_url])
}

/// The key of a document's rendering, given `page_paths` (the digest of every document's page
/// path, which its links to other documents depend on).
pub fn render_key(
    path: &str,
    body: &str,
    base: &str,
    allow_html: bool,
    page_paths: &str,
) -> String {
    let html = if allow_html { "html" } else { "clean" };
    digest(&["render", PERFDOC, path, base, html, page_paths, body])
}

impl Memo {
    /// Whether `other` holds the same files, stats included, and the same renderings.
    pub fn same_as(&self, other: &Memo) -> bool {
        self.files == other.files
            && self.spare == other.spare
            && self.renders.len() == other.renders.len()
            && self.renders.iter().all(|(path, r)| {
                other
                    .renders
                    .get(path)
                    .is_some_and(|o| o.key == r.key && o.files == r.files)
            })
    }

    /// The output paths that differ from `before`'s: new, changed or gone, sorted.
    pub fn changed_since(&self, before: &Memo) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|(path, e)| before.files.get(*path).is_none_or(|b| b.bytes != e.bytes))
            .map(|(path, _)| path.clone())
            .collect();
        out.extend(
            before
                .files
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .cloned(),
        );
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_files_are_new_different_or_gone() {
        let entry = |b: &str| Entry {
            key: None,
            inputs: None,
            bytes: b.into(),
            stat: None,
        };
        let mut before = Memo::default();
        before.files.insert("same".into(), entry("1"));
        before.files.insert("edited".into(), entry("1"));
        before.files.insert("gone".into(), entry("1"));
        let mut after = Memo::default();
        after.files.insert("same".into(), entry("1"));
        after.files.insert("edited".into(), entry("2"));
        after.files.insert("new".into(), entry("1"));
        assert_eq!(after.changed_since(&before), ["edited", "gone", "new"]);
    }
}
