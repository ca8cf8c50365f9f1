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
    #[error("`{}` is not in a git repository, {needs}", path.display())]
    NeedsRepository { path: PathBuf, needs: &'static str },
    #[error(
        "the repository at `{}` uses {format} object ids, which perfdoc's git library (libgit2) cannot read yet",
        path.display()
    )]
    UnsupportedFormat { path: PathBuf, format: String },
    #[error("cannot resolve revision `{rev}`: {message}")]
    BadRevision { rev: String, message: String },
    #[error("revision `{rev}` does not name a commit")]
    NotACommit { rev: String },
    #[error("`{base}` and `{head}` share no history: {message}")]
    Unrelated {
        base: String,
        head: String,
        message: String,
    },
    /// The default branch `review` compares with shares no history with the head.
    #[error("`{name}` and the head share no history: {message}")]
    UnrelatedDefault { name: String, message: String },
    #[error("no default branch to compare with (tried {})", tried.join(", "))]
    NoDefaultBranch { tried: Vec<&'static str> },
    #[error("a pre-commit hook needs a repository with a working tree")]
    Bare,
    #[error("blob {id} is missing from the repository")]
    MissingBlob { id: String },
    #[error("the repository has no commits yet")]
    NoCommits,
    #[error("`{path}` is not tracked at HEAD")]
    NotTracked { path: String },
    #[error("reading git history failed while {doing}")]
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
    /// What to do about it; `cmd::output` shows it as `help:`.
    pub fn hint(&self) -> Option<String> {
        const FETCH: &str = "in CI fetch the history with `fetch-depth: 0`";
        Some(match self {
            HistoryError::NeedsRepository { .. } => {
                "run `git init` and commit, or run perfdoc inside a clone".into()
            }
            HistoryError::UnsupportedFormat { .. } => "use a SHA-1 repository for perfdoc's git features; `perfdoc check` without --staged does not need git".into(),
            HistoryError::BadRevision { .. } => format!("name a branch, tag or commit; {FETCH}"),
            HistoryError::Unrelated { .. } => FETCH.into(),
            HistoryError::UnrelatedDefault { .. } => format!("pass `--base REV`; {FETCH}"),
            HistoryError::NoDefaultBranch { .. } => {
                "pass `--base REV`, or fetch the default branch".into()
            }
            HistoryError::MissingBlob { .. } => {
                "`git fetch` the history again, or run `git fsck`".into()
            }
            HistoryError::NoCommits => "commit something first".into(),
            HistoryError::NotTracked { .. } => {
                "check the spelling, or `git add` and commit it".into()
            }
            HistoryError::Git { .. } => "run `git fsck` to check the repository".into(),
            _ => return None,
        })
    }

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
