//! perfdoc: a Git-native docs-as-code tool for performance practices.
//!
//! Data flows one way: `config → doc → (check | history | metrics) → (site | review) → cmd`.
//! Only `cmd` prints or chooses exit codes; the other modules return data.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod doc;
pub mod error;
pub mod fs;
// The fuzz targets' entry points, for `fuzz/` and the corpus replay in `cargo test` only.
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod history;
pub mod hook;
pub mod location;
pub mod markup;
pub mod metrics;
pub mod practice;
pub mod review;
pub mod roadmap;
pub mod scaffold;
pub mod site;
pub mod summary;
pub mod tracking;

pub use error::{Error, Result};
