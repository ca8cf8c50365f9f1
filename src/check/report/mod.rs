//! Renderers for findings, kept apart from the rules: `human` (source line and caret, like
//! rustc), `json` (one array), `github` (workflow commands that annotate the PR's lines), `sarif` (code scanning),
//! `gitlab` (Code Quality).

mod github;
mod gitlab;
mod human;
mod json;
mod sarif;

pub use github::render as github;
pub use gitlab::render as gitlab;
pub use human::render as human;
pub use json::render as json;
pub use sarif::render as sarif;

/// A finding's message with its hint, for the formats that carry one text: the hint on a line
/// of its own, or in brackets where the format shows a single line (GitLab's description).
fn message_with_hint(d: &crate::diagnostic::Diagnostic, one_line: bool) -> String {
    match (&d.hint, one_line) {
        (None, _) => d.message.clone(),
        (Some(hint), false) => format!("{}\nhelp: {hint}", d.message),
        (Some(hint), true) => format!("{} (help: {hint})", d.message),
    }
}

/// A finding's file as a path from the repository's root: `prefix` is the practice's folder
/// inside the repository (empty at the top). Code scanning and Code Quality both resolve
/// against the root.
fn repo_path(d: &crate::diagnostic::Diagnostic, prefix: &str) -> String {
    if prefix.is_empty() {
        d.path.clone()
    } else {
        format!("{}/{}", prefix.trim_end_matches('/'), d.path)
    }
}
