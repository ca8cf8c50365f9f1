//! Benchmark results and what the practice does with them: runs of every load tool and
//! benchmark harness read into one `Run` (`ingest`), named by the metric catalog
//! (`catalog`), compared against the baseline (`compare`), promoted to be the new baseline
//! (`promote`), followed over time (`trends`) and projected against capacity (`capacity`).
//! Everything here returns data; `cmd` prints.

pub mod against;
pub mod capacity;
pub mod catalog;
pub mod changes;
pub mod compare;
pub mod format;
pub mod ingest;
pub mod noise;
pub mod placement;
pub mod promote;
pub mod runs;
pub mod stats;
pub mod status;
pub mod trends;

pub use catalog::Run;
pub use compare::{Compared, Comparison, compare};
/// The k6 summary reader under its old name, for callers that read k6 summaries as such.
pub use ingest::k6_summary as k6;
