//! Findings as data. Every rule, the config loader and the document parser produce
//! `Diagnostic`s; renderers in `check::report` turn them into text, JSON or workflow commands.

pub mod lines;

use std::fmt;

use serde::Serialize;

pub use lines::LineIndex;

/// How bad a finding is. Errors fail `perfdoc check`; warnings are shown but do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where in a file a finding points: byte range plus the 1-based line and column of its start,
/// counted against the whole file (not the front-matter block), and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub line_text: String,
    /// Byte offset of `start` inside `line_text`.
    #[serde(skip)]
    pub line_offset: usize,
}

impl Location {
    /// Resolves a byte range of `text` to a location. Out-of-range or non-boundary offsets are
    /// clamped so a finding can never point outside its file.
    pub fn resolve(text: &str, index: &LineIndex, start: usize, end: usize) -> Location {
        let start = clamp_to_boundary(text, start);
        let end = clamp_to_boundary(text, end.max(start));
        let (line, line_start, line_end) = index.line_of(text, start);
        let line_text = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let column = text[line_start..start].chars().count() + 1;
        Location {
            start,
            end,
            line,
            column,
            line_offset: (start - line_start).min(line_text.len()),
            line_text,
        }
    }
}

fn clamp_to_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One finding: which rule, how bad, where, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the practice root, with `/` separators.
    pub path: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &str, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            rule,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn warning(path: &str, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, rule, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn line(&self) -> usize {
        self.location.as_ref().map_or(1, |l| l.line)
    }
}
