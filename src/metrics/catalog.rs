//! The names runs are compared by: catalog keys (`p95_ms`, `error_rate_pct`, …, defined in
//! `book.toml`) and harness benchmarks. Runs themselves are read by `ingest`, whatever tool
//! wrote them; these are the entry points the commands have always called.

use std::path::Path;

use crate::error::Result;

pub use super::ingest::{Run, Value};

/// Reads `root/rel` as a run of whichever format it is.
pub fn load(root: &Path, rel: &str) -> Result<Run> {
    super::ingest::load(root, rel)
}

/// The same, from text (for files read out of git history).
pub fn parse(file: &str, text: &str) -> Result<Run> {
    super::ingest::parse(file, text)
}
