//! A practice: its root, its configuration and every document, loaded once (in parallel) and
//! shared by all commands. Files that cannot be read become findings, not failures, so one bad
//! file never hides the rest.

pub mod listing;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::location::{Refusal, Root};

/// Files above this size are reported, not parsed: no document of a practice is this large,
/// and reading it would only slow every command down.
pub const MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;
/// k6 summaries and baselines above this size are refused by name, not parsed: a real
/// summary is kilobytes (a few MiB with thousands of tagged sub-metrics), and a bigger file
/// would only cost memory and time.
pub const MAX_BENCHMARK_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct Practice {
    pub root: PathBuf,
    pub config: Config,
    pub docs: Vec<Doc>,
    /// Files that could not be loaded as documents, as findings.
    pub problems: Vec<Diagnostic>,
}

impl Practice {
    /// Finds the practice containing `start`: the nearest directory upwards with a `book.toml`,
    /// or else with a reports or optimizations folder.
    pub fn discover(start: &Path) -> Result<PathBuf> {
        let start = canonical_dir(start)?;
        if let Some(dir) = start.ancestors().find(|d| d.join(CONFIG_FILE).is_file()) {
            return Ok(dir.to_path_buf());
        }
        let defaults = Config::from_sources(&start, None)?;
        start
            .ancestors()
            .find(|d| {
                d.join(&defaults.folders.reports).is_dir()
                    || d.join(&defaults.folders.optimizations).is_dir()
            })
            .map(Path::to_path_buf)
            .ok_or(Error::NoPractice { dir: start })
    }

    /// Loads the configuration and every document under the configured folders.
    pub fn load(root: &Path) -> Result<Practice> {
        let config = Config::load(root)?;
        let (files, mut problems) = walk(root, &config);
        let vetter = Root::new(root);
        let canonical = root.canonicalize().ok();
        let loaded = files
            .par_iter()
            .map(|(rel, plain)| match (&canonical, plain) {
                // Nothing on the way is a symlink, a hidden or a `.git` folder: the path is
                // already what vetting it would give.
                (Some(at), true) => read_at(&at.join(rel), rel),
                _ => read_in(&vetter, rel),
            })
            .collect();
        let mut practice = Practice::from_loaded(root, config, loaded);
        problems.append(&mut practice.problems);
        practice.problems = problems;
        Ok(practice)
    }

    /// A practice from documents already read (from disk, or as git has them), each a document
    /// or the finding that says why it could not be read.
    pub fn from_loaded(
        root: &Path,
        config: Config,
        loaded: Vec<Result<Doc, Box<Diagnostic>>>,
    ) -> Practice {
        let mut problems = Vec::new();
        let mut docs = Vec::with_capacity(loaded.len());
        for item in loaded {
            match item {
                Ok(doc) => docs.push(doc),
                Err(d) => problems.push(*d),
            }
        }
        let docs = docs
            .into_par_iter()
            .map(|doc| classify(&config, doc))
            .collect();
        Practice {
            root: root.to_path_buf(),
            config,
            docs,
            problems,
        }
    }

    pub fn doc(&self, path: &str) -> Option<&Doc> {
        self.docs.iter().find(|d| d.path == path)
    }

    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Doc> + 'a {
        self.docs
            .iter()
            .filter(move |d| d.kind.as_deref() == Some(kind))
    }

    /// The periodic reports covering `period`, of whichever kinds the practice gives it.
    pub fn of_period(&self, period: crate::config::Period) -> impl Iterator<Item = &Doc> + '_ {
        self.docs.iter().filter(move |d| {
            d.kind
                .as_deref()
                .is_some_and(|k| self.config.period_of(k) == Some(period))
        })
    }

    /// Replaces (or adds) a document's text, e.g. with the content staged in git.
    pub fn replace(&mut self, path: &str, text: String) {
        let doc = classify(&self.config, Doc::parse(path, text));
        match self.docs.iter_mut().find(|d| d.path == path) {
            Some(slot) => *slot = doc,
            None => self.docs.push(doc),
        }
    }

    /// Whether a repository-relative path is one perfdoc reads as a document.
    pub fn is_doc_path(&self, rel: &str) -> bool {
        // Asked of every path of git's index by `check --staged`: no allocation per path.
        let under = |folder: &str| {
            rel.strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
        };
        rel.ends_with(".md")
            && !self.config.is_generated(rel)
            && (under(&self.config.folders.content)
                || self.config.kinds.iter().any(|k| under(&k.folder)))
    }
}

/// Every `.md` file under the configured folders, sorted, `/`-separated and relative to the
/// root. `.gitignore` is honoured, hidden files are skipped, symlinks inside the folders are
/// not followed. A folder that is itself a symlink is walked, so that `read_doc` reports each
/// document in it that lies outside the practice rather than the folder vanishing unseen. Files
/// whose names are not UTF-8 come back as findings instead (see `non_utf8_name`).
pub fn list_documents(root: &Path, config: &Config) -> (Vec<String>, Vec<Diagnostic>) {
    let (files, unnamed) = walk(root, config);
    (files.into_iter().map(|(rel, _)| rel).collect(), unnamed)
}

/// `list_documents`, each path with whether it is plain: a regular file (not a symlink) in a
/// folder that is itself inside the practice, not a symlink, not hidden and not `.git`. The
/// walk neither follows symlinks nor enters hidden folders, so a plain path needs no vetting.
fn walk(root: &Path, config: &Config) -> (Vec<(String, bool)>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut unnamed = Vec::new();
    let vetter = Root::new(root);
    let canonical = root.canonicalize().ok();
    for folder in config.doc_folders() {
        let dir = root.join(&folder);
        if !dir.is_dir() {
            continue;
        }
        let plain_folder = canonical.as_ref().is_some_and(|at| {
            vetter
                .vet(&folder)
                .is_ok_and(|vetted| vetted == at.join(&folder))
        });
        let walker = ignore::WalkBuilder::new(&dir)
            .follow_links(false)
            .require_git(false)
            .build();
        for entry in walker.flatten() {
            let path = entry.path();
            let is_file = entry
                .file_type()
                .is_some_and(|t| t.is_file() || t.is_symlink());
            if !is_file || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let plain = plain_folder && entry.file_type().is_some_and(|t| t.is_file());
            if let Ok(rel) = path.strip_prefix(root) {
                match rel.to_str() {
                    Some(_) => out.push((to_slash(rel), plain)),
                    None => unnamed.push(non_utf8_name(rel)),
                }
            }
        }
    }
    out.retain(|(p, _)| !config.is_generated(p));
    out.sort();
    // A path listed from two folders is plain only if it is plain from both.
    out.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 &= later.1;
        }
        same
    });
    unnamed.sort_by(|a, b| a.path.cmp(&b.path));
    unnamed.dedup_by(|a, b| a.path == b.path);
    (out, unnamed)
}

/// A file whose name is not UTF-8 cannot be a document: its path could not be written in a
/// link, a page's address or a finding. It is named lossily (`caf\u{FFFD}.md`) and never
/// opened by that lossy name, which leads nowhere.
pub fn non_utf8_name(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        &to_slash(rel),
        "file-encoding",
        "the file name is not UTF-8 (the bytes that are not are shown as \u{FFFD})",
    )
    .hint("rename the file with a UTF-8 name, e.g. `git mv` it, so links and pages can name it")
}

pub fn to_slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one document, turning everything that makes it unreadable into a finding.
/// The finding is boxed: it is the rare path, and a `Diagnostic` is large.
pub fn read_doc(root: &Path, rel: &str) -> Result<Doc, Box<Diagnostic>> {
    read_in(&Root::new(root), rel)
}

/// `read_doc` against a root canonicalized once, for a practice's thousands of documents.
fn read_in(root: &Root, rel: &str) -> Result<Doc, Box<Diagnostic>> {
    // The canonical path, after every symlink (the file's own and its folders'): a document
    // is only read from inside the practice.
    let path = vetted(root, rel)?;
    read_at(&path, rel)
}

/// The canonical path of a document, or the finding that says why it is not read.
fn vetted(root: &Root, rel: &str) -> Result<std::path::PathBuf, Box<Diagnostic>> {
    root.vet(rel).map_err(|refusal| {
        let (message, hint) = match &refusal {
            Refusal::Outside(to) => (
                format!("symlink points outside the practice, to `{}`", to.display()),
                "copy the document into the practice instead of linking to it",
            ),
            Refusal::Missing | Refusal::Unresolvable(_) => (
                match &refusal {
                    Refusal::Unresolvable(e) => format!("broken symlink: {e}"),
                    _ => "broken symlink: it leads nowhere".to_string(),
                },
                "point the link at an existing file inside the practice, or remove it",
            ),
            other => (format!("the path {other}"), other.hint()),
        };
        Box::new(Diagnostic::error(rel, "file-unreadable", message).hint(hint))
    })
}

/// Reads the document `rel` from its vetted path.
fn read_at(path: &Path, rel: &str) -> Result<Doc, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        Box::new(Diagnostic::error(
            rel,
            "file-unreadable",
            format!("cannot read: {e}"),
        ))
    };
    // Opened once: its size and its bytes come from the one open file. One that cannot be
    // opened but is too large anyway is reported as too large, as the size is looked at first.
    let mut file = std::fs::File::open(path).map_err(|e| {
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        if len > MAX_DOC_BYTES {
            Box::new(too_large(rel, len))
        } else {
            unreadable(e)
        }
    })?;
    let len = file.metadata().map_or(0, |m| m.len());
    if len > MAX_DOC_BYTES {
        return Err(Box::new(too_large(rel, len)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(unreadable)?;
    decode(rel, bytes)
}

/// The finding for a document over [`MAX_DOC_BYTES`], which is not read.
pub fn too_large(rel: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        rel,
        "file-too-large",
        format!(
            "file is {:.1} MiB; documents are read up to {} MiB",
            len as f64 / 1048576.0,
            MAX_DOC_BYTES / 1048576
        ),
    )
    .hint("split the document, or move raw data to benchmarks/ and link to it")
}

/// A document from its bytes (from disk, or as git has them); text that is not UTF-8 is a
/// finding at the first bad byte.
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<Doc, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(
            Diagnostic::error(
                rel,
                "file-encoding",
                format!("file is not UTF-8 (invalid byte at line {line}, column {column})"),
            )
            .hint("save the file as UTF-8"),
        )
    })?;
    Ok(Doc::parse(rel, text))
}

/// Every identity a document at `rel` could have, whatever its front matter says: its stem and
/// what each kind's pattern reads from its name (`classify` picks one of these). From names
/// alone `check --staged` tells which unchanged documents could share an identity with a
/// changed one, without reading the others.
pub fn possible_identities(config: &Config, rel: &str) -> Vec<String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let mut out: Vec<String> = config
        .kinds
        .iter()
        .filter_map(|k| k.match_name(name)?.identity())
        .chain([stem.to_string()])
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Settles a document's kind: the kind whose folder holds it and whose pattern its name
/// matches; else the kind its front matter names; else any kind whose pattern matches.
pub fn classify(config: &Config, mut doc: Doc) -> Doc {
    let name = doc.file_name().to_string();
    let in_folder = |folder: &str| doc.path.starts_with(&format!("{folder}/"));
    let by_folder = config
        .kinds
        .iter()
        .filter(|k| in_folder(&k.folder))
        .find_map(|k| k.match_name(&name).map(|p| (k, Some(p))));
    let chosen = by_folder
        .or_else(|| {
            let named = doc.str_field("kind")?;
            let k = config.kind(named)?;
            Some((k, k.match_name(&name)))
        })
        .or_else(|| {
            config
                .kinds
                .iter()
                .find_map(|k| k.match_name(&name).map(|p| (k, Some(p))))
        });
    if let Some((kind, parts)) = chosen {
        doc.kind = Some(kind.name.clone());
        doc.name_parts = parts;
    }
    doc
}

/// The directory a command was pointed at (`-C DIR`, or `.`), as an absolute path; a path that
/// is missing or is not a directory reads the same for every command.
pub fn canonical_dir(dir: &Path) -> Result<PathBuf> {
    let read = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let full = dir.canonicalize().map_err(read)?;
    if !full.is_dir() {
        return Err(read(std::io::ErrorKind::NotADirectory.into()));
    }
    Ok(full)
}
