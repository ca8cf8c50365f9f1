//! The library's error type. Variants carry what a user needs to fix the problem; errors that
//! point into a file carry a full `Diagnostic` so they render with the source line and a caret.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that points at a place in a file (a bad `book.toml`, say).
    #[error("{}", .0.message)]
    Invalid(Box<Diagnostic>),

    #[error("could not read `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("could not write `{}`", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "`{}` is not inside a perfdoc practice (no book.toml, reports/ or optimizations/ here or above)\n  \
         help: run `perfdoc init` to start one here, or pass `-C DIR` to point at a practice",
        dir.display()
    )]
    NoPractice { dir: PathBuf },

    /// A request that cannot be carried out as asked; the message says why and what to do.
    #[error("{0}")]
    Usage(String),

    #[error("template `{name}` failed: {message}")]
    Template { name: String, message: String },

    #[error("git: {0}")]
    Git(String),

    /// Anything `history` could not do: open the repository, read the index, resolve a
    /// revision. Its message carries the hint.
    #[error(transparent)]
    History(#[from] crate::history::HistoryError),

    /// A benchmark file that cannot be read as a k6 summary: names the file and the JSON path
    /// of the offending value, so nothing is ever read as a silent zero.
    #[error("`{file}`: {message}\n  at: {json_path}\n  help: {hint}")]
    Benchmark {
        file: String,
        json_path: String,
        message: String,
        hint: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(diagnostic: Diagnostic) -> Error {
        Error::Invalid(Box::new(diagnostic))
    }

    /// A template error with its whole cause chain: Tera's top-level message often hides the
    /// cause (which variable, which line).
    pub fn template(name: &str, e: &dyn std::error::Error) -> Error {
        let mut message = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Error::Template {
            name: name.to_string(),
            message,
        }
    }
}
