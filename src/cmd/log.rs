//! `perfdoc log`: the history of documents (created, updated, revisions, authors, earlier
//! names) as a table or JSON, from `history::index`.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Error, Result};
use serde::Serialize;

use super::{progress, warn};
use crate::cli::{LogArgs, LogFormat};
use crate::history::{self, DocHistory, NoProgress, Progress, Stamp};

/// What one command-line path selects, as a repository-relative path (`""` is the root).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Selector {
    path: String,
    given: String,
}

impl Selector {
    /// The file itself, or every Markdown file under the folder.
    fn matches(&self, candidate: &str) -> bool {
        if self.path.is_empty() {
            return is_markdown(candidate);
        }
        candidate == self.path
            || (is_markdown(candidate)
                && candidate.len() > self.path.len()
                && candidate.starts_with(&self.path)
                && candidate.as_bytes()[self.path.len()] == b'/')
    }
}

fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

pub fn run(dir: &Path, args: &LogArgs) -> Result<ExitCode> {
    let dir = crate::practice::canonical_dir(dir)?;
    let git = history::Session::discover(&dir)?;
    let base = match git.as_ref().and_then(|g| g.worktree_root()) {
        Some(root) => root.to_path_buf(),
        None => dir.clone(),
    };
    let explicit = !args.paths.is_empty();
    let selectors: Vec<Selector> = if explicit {
        args.paths
            .iter()
            .map(|p| selector(&dir, &base, p))
            .collect::<Result<_>>()?
    } else {
        document_folders(&dir, git.as_ref())?
    };
    let wanted = |p: &str| selectors.iter().any(|s| s.matches(p));
    let bar = progress::Bar::for_stderr();
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &NoProgress,
    };
    let index = history::index(git.as_ref(), &base, &wanted, progress)?;
    for warning in &index.warnings {
        warn(warning);
    }
    if explicit {
        for s in &selectors {
            if !index.docs.keys().any(|p| s.matches(p)) {
                warn(format_args!(
                    "`{}` matches no document tracked at HEAD (a folder selects its Markdown files)",
                    s.given
                ));
            }
        }
    }
    let docs: Vec<&DocHistory> = index.docs.values().collect();
    let out = match args.format {
        LogFormat::Json => json(&docs),
        LogFormat::Human => human(&docs),
    };
    // A closed pipe or a full disk is `cmd::run`'s to decide, as for every command.
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Turns a path given relative to `dir` into a selector relative to the repository root.
fn selector(dir: &Path, base: &Path, given: &Path) -> Result<Selector> {
    let joined = if given.is_absolute() {
        given.to_path_buf()
    } else {
        dir.join(given)
    };
    // The file may be gone from the working tree but still at HEAD: resolve what exists.
    let absolute = joined.canonicalize().unwrap_or_else(|_| normalize(&joined));
    let Ok(relative) = absolute.strip_prefix(base) else {
        return Err(Error::Outside {
            path: given.to_path_buf(),
            what: "repository",
            root: base.to_path_buf(),
        });
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(Selector {
        path: parts.join("/"),
        given: given.display().to_string(),
    })
}

/// `a/./b/../c` → `a/c` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[derive(Serialize)]
struct JsonStamp<'a> {
    commit: &'a str,
    date: &'a str,
    author: &'a str,
}

impl<'a> From<&'a Stamp> for JsonStamp<'a> {
    fn from(s: &'a Stamp) -> Self {
        JsonStamp {
            commit: &s.commit,
            date: &s.date,
            author: &s.author,
        }
    }
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    path: &'a str,
    created: JsonStamp<'a>,
    updated: JsonStamp<'a>,
    revisions: usize,
    authors: &'a [String],
    previous_paths: &'a [String],
}

fn json(docs: &[&DocHistory]) -> String {
    let rows: Vec<JsonDoc<'_>> = docs
        .iter()
        .map(|d| JsonDoc {
            path: &d.path,
            created: (&d.created).into(),
            updated: (&d.updated).into(),
            revisions: d.revisions,
            authors: &d.authors,
            previous_paths: &d.previous_paths,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rows).expect("the log serializes");
    s.push('\n');
    s
}

/// An aligned table: path, created and updated dates (the author's own calendar day),
/// revisions, authors.
fn human(docs: &[&DocHistory]) -> String {
    let rows: Vec<[String; 5]> = docs
        .iter()
        .map(|d| {
            let authors = if d.authors.is_empty() {
                "-".to_owned()
            } else {
                d.authors.join(", ")
            };
            [
                d.path.clone(),
                day(&d.created.date),
                day(&d.updated.date),
                d.revisions.to_string(),
                authors,
            ]
        })
        .collect();
    super::table::render(
        &["PATH", "CREATED", "UPDATED", "REVS", "AUTHORS"],
        &rows,
        &[3],
    )
}

fn day(date: &str) -> String {
    date.get(..10).unwrap_or(date).to_owned()
}

/// The practice's document folders (from its book.toml, else the defaults) as repository
/// paths: a practice may live in a sub-folder of its repository.
fn document_folders(dir: &Path, git: Option<&history::Session>) -> Result<Vec<Selector>> {
    let practice = crate::practice::Practice::discover(dir).unwrap_or_else(|_| dir.to_path_buf());
    let config = crate::config::Config::load(&practice)?;
    let prefix = git.and_then(|g| g.prefix_of(&practice)).unwrap_or_default();
    Ok(config
        .doc_folders()
        .into_iter()
        .map(|f| {
            let path = if prefix.is_empty() {
                f
            } else {
                format!("{prefix}/{f}")
            };
            Selector {
                given: path.clone(),
                path,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(path: &str) -> Selector {
        Selector {
            path: path.into(),
            given: path.into(),
        }
    }

    #[test]
    fn a_folder_selects_markdown_below_it_and_a_file_selects_itself() {
        assert!(sel("reports").matches("reports/daily-2025-12-04.md"));
        assert!(sel("reports").matches("reports/2025/w49.md"));
        assert!(!sel("reports").matches("reports-old/a.md"));
        assert!(!sel("reports").matches("reports/data.json"));
        assert!(sel("benchmarks/main-baseline.json").matches("benchmarks/main-baseline.json"));
        assert!(sel("").matches("README.md"));
        assert!(!sel("").matches("Cargo.toml"));
    }

    #[test]
    fn normalizes_dots_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("/r/a/./b/../c.md")),
            PathBuf::from("/r/a/c.md")
        );
    }
}
