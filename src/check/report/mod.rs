//! Renderers for findings, kept apart from the rules: `human` (source line and caret, like
//! rustc), `json` (one array), `github` (workflow commands that annotate the PR's lines), `sarif` (code scanning).

mod github;
mod human;
mod json;
mod sarif;

pub use github::render as github;
pub use human::render as human;
pub use json::render as json;
pub use sarif::render as sarif;
