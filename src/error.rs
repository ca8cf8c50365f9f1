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
        "`{}` is not inside a perfdoc practice (no book.toml, reports/ or optimizations/ here or above)",
        dir.display()
    )]
    NoPractice { dir: PathBuf },

    /// A value not of the form asked for: a date, a month, an ISO week.
    #[error("`{value}` is not {expected}")]
    NotA {
        value: String,
        expected: &'static str,
        example: &'static str,
    },

    #[error(
        "`{slug}` is not a valid slug: use lowercase words joined by `-`, with no `/`, `.` or spaces"
    )]
    BadSlug { slug: String, suggestion: String },

    #[error("a document of kind `{kind}` needs a slug")]
    NeedsSlug { kind: String },

    #[error("unknown kind `{kind}`")]
    UnknownKind {
        kind: String,
        /// The kinds there are, as a list to show.
        known: String,
    },

    #[error("no rule `{id}`")]
    UnknownRule { id: String },

    #[error("`--input-format {name}`: no such format")]
    UnknownFormat {
        name: String,
        /// The formats there are, as a list to show.
        known: String,
    },

    #[error("`{flag} {key}`: no such metric in the catalog or benchmark in the run")]
    UnknownMetric { flag: &'static str, key: String },

    /// A path given on the command line outside the practice or repository the command reads.
    #[error("`{}` is outside the {what} at `{}`", path.display(), root.display())]
    Outside {
        path: PathBuf,
        what: &'static str,
        root: PathBuf,
    },

    #[error("`{}` already exists; perfdoc never overwrites a file", path.display())]
    Exists { path: PathBuf },

    #[error("there is no baseline yet at `{baseline}`")]
    NoBaseline { baseline: String, run: PathBuf },

    /// `baseline compare --against SPEC` that names no reference perfdoc can read.
    #[error("`--against {spec}`: {why}")]
    BadAgainst {
        spec: String,
        why: String,
        hint: String,
    },

    /// `code-repository` naming no clone perfdoc can read, found when a command needs it.
    #[error("{at}: `code-repository = \"{path}\"` {why}")]
    CodeRepository {
        at: String,
        path: String,
        why: String,
    },

    #[error("`{candidate}` is the baseline itself")]
    CandidateIsBaseline { candidate: String },

    #[error("nothing to compare: `{current}` and `{reference}` share no figure of the catalog")]
    NothingInCommon { current: String, reference: String },

    /// perfdoc will not read or write `target`, which it treats as hostile: `why` says what it
    /// found there.
    #[error("refusing to {action}: {why}")]
    Refused {
        action: String,
        why: String,
        hint: String,
    },

    /// A figures file (`new … --figures`) that cannot be read as figures.
    #[error("`{file}`: {message}")]
    Figures {
        file: String,
        message: String,
        hint: String,
    },

    /// `perfdoc summary` of a path that is no document, or of a kind it has no message for.
    #[error("`{path}` {why}")]
    NoSummary { path: String, why: &'static str },

    /// A pre-commit hook that is not perfdoc's, where perfdoc would install its own.
    #[error("`{}` already exists and is not perfdoc's; perfdoc does not replace it", path.display())]
    ForeignHook { path: PathBuf },

    #[error("cannot chain: `{}` exists too", path.display())]
    ChainTaken { path: PathBuf },

    #[error("`{}` is not perfdoc's hook; leaving it alone", path.display())]
    NotOurHook { path: PathBuf },

    #[error("cannot listen on 127.0.0.1:{port}: {message}")]
    Listen { port: u16, message: String },

    /// The system refused something perfdoc needs to run: a watch, a signal handler.
    #[error("cannot {doing}: {message}")]
    System { doing: String, message: String },

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
    #[error("`{file}`: {message}\n  at: {json_path}")]
    Benchmark {
        file: String,
        json_path: String,
        message: String,
        hint: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// What to do about the error, shown under it as `help:` by `cmd::output`, the one place
    /// that renders hints. A located error keeps its hint in its `Diagnostic`.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Error::NoPractice { .. } => {
                "run `perfdoc init` to start one here, or pass `-C DIR` to point at a practice"
                    .into()
            }
            Error::NotA { example, .. } => format!("write it as {example}"),
            Error::BadSlug { suggestion, .. } if !suggestion.is_empty() => {
                format!("try `{suggestion}`")
            }
            Error::NeedsSlug { kind } => format!("perfdoc new {kind} billing-stripe-batching"),
            Error::UnknownKind { known, .. } => format!(
                "use one of {known}, or add it to book.toml under [preprocessor.perfdoc.kinds]"
            ),
            Error::UnknownRule { .. } => "`perfdoc check --list-rules` lists them".into(),
            Error::UnknownFormat { known, .. } => format!("use one of {known}"),
            Error::UnknownMetric { .. } => {
                "use avg_ms, p95_ms, another key from book.toml, or a benchmark name of the run".into()
            }
            Error::Outside { what, .. } => format!(
                "name files inside the {what}, or pass `-C DIR` to point at the one they are in"
            ),
            Error::Exists { .. } => "edit the existing file, or pick another slug or --date".into(),
            Error::NoBaseline { run, .. } => format!(
                "make this run the baseline with `perfdoc baseline promote {}`, or pass --baseline FILE",
                run.display()
            ),
            Error::CandidateIsBaseline { .. } => {
                "pass the new run, e.g. benchmarks/baseline-latest.json".into()
            }
            Error::NothingInCommon { .. } => {
                "both need latency, errors or throughput (or the same benchmark names); `perfdoc formats` lists what each format reads".into()
            }
            Error::Refused { hint, .. }
            | Error::Figures { hint, .. }
            | Error::BadAgainst { hint, .. } => hint.clone(),
            Error::NoSummary { .. } => "give the path, from the practice's root, of a daily or weekly report or an optimization record, e.g. reports/daily-2025-12-04.md".into(),
            Error::ForeignHook { .. } => format!(
                "`perfdoc hook install --chain` keeps it as `{}` and runs it before perfdoc,\n\
                 or add `perfdoc check --staged` to it yourself",
                crate::hook::CHAINED
            ),
            Error::ChainTaken { .. } => {
                "merge the two hooks by hand, then run `perfdoc hook install --chain`".into()
            }
            Error::NotOurHook { .. } => {
                "remove the `perfdoc check --staged` line from it by hand if it has one".into()
            }
            Error::CodeRepository { path, .. } => format!(
                "clone the application there (`git clone URL {path}`, relative to the practice), or remove the key to list the practice's own commits"
            ),
            Error::Listen { .. } => "pick another port with --port".into(),
            Error::History(e) => return e.hint(),
            Error::Benchmark { hint, .. } => hint.clone(),
            _ => return None,
        })
    }

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
