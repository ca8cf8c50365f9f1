//! Why history could not be read, with a hint on what to do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("could not open the git repository at `{}`", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: GitCause,
    },
    /// A command that cannot work without git, outside a repository.
    #[error("`{}` is not in a git repository, {needs}\n  help: run `git init` and commit, or run perfdoc inside a clone", path.display())]
    NeedsRepository { path: PathBuf, needs: &'static str },
    #[error(
        "the repository at `{}` uses {format} object ids, which perfdoc's git library (libgit2) cannot read yet\n  \
         help: use a SHA-1 repository for perfdoc's git features; `perfdoc check` without --staged does not need git",
        path.display()
    )]
    UnsupportedFormat { path: PathBuf, format: String },
    /// A request that cannot be carried out as asked; the message says why and what to do.
    #[error("{0}")]
    Usage(String),
    #[error(
        "blob {id} is missing from the repository (hint: `git fetch` the history again, or run `git fsck`)"
    )]
    MissingBlob { id: String },
    #[error("the repository has no commits yet (hint: commit something first)")]
    NoCommits,
    #[error(
        "`{path}` is not tracked at HEAD (hint: check the spelling, or `git add` and commit it)"
    )]
    NotTracked { path: String },
    #[error(
        "reading git history failed while {doing} (hint: run `git fsck` to check the repository)"
    )]
    Git {
        doing: String,
        #[source]
        source: GitCause,
    },
    #[error("could not list files under `{}`", path.display())]
    Walk {
        path: PathBuf,
        #[source]
        source: ignore::Error,
    },
}

/// git's own message for a failure, kept as text so git2's types stay inside this module.
#[derive(Debug)]
pub struct GitCause(String);

impl std::fmt::Display for GitCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GitCause {}

impl GitCause {
    pub(crate) fn new(message: &str) -> GitCause {
        GitCause(message.to_owned())
    }
}

impl From<git2::Error> for GitCause {
    fn from(e: git2::Error) -> Self {
        GitCause(e.message().to_owned())
    }
}

impl HistoryError {
    /// Wraps a git2 error with what we were doing, for `map_err` at coarse boundaries.
    pub(crate) fn git(doing: impl Into<String>) -> impl FnOnce(git2::Error) -> HistoryError {
        let doing = doing.into();
        move |e| HistoryError::Git {
            doing,
            source: e.into(),
        }
    }

    pub(crate) fn open(path: &std::path::Path, e: git2::Error) -> HistoryError {
        // libgit2 names the format it does not know: "unknown object format 'sha256'".
        if let Some(rest) = e.message().strip_prefix("unknown object format ") {
            return HistoryError::UnsupportedFormat {
                path: path.to_owned(),
                format: rest
                    .trim_matches('\'')
                    .to_uppercase()
                    .replace("SHA", "SHA-"),
            };
        }
        HistoryError::Open {
            path: path.to_owned(),
            source: e.into(),
        }
    }
}
