//! The names runs are compared by: catalog keys (`p95_ms`, `error_rate_pct`, …, defined in
//! `book.toml`) and harness benchmarks. Runs themselves are read by `ingest`, whatever tool
//! wrote them, through its one configured entry point (`ingest::read`, `load`, `parse`).

pub use super::ingest::{Run, Value};
