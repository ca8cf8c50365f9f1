//! Benchmark results and what the practice does with them: k6 summaries read in both shapes
//! (`k6`), mapped onto the metric catalog (`catalog`), compared against the baseline
//! (`compare`), promoted to be the new baseline (`promote`), followed over time (`trends`)
//! and projected against capacity (`capacity`). Everything here returns data; `cmd` prints.

pub mod capacity;
pub mod catalog;
pub mod compare;
pub mod format;
pub mod k6;
pub mod promote;
pub mod runs;
pub mod status;
pub mod trends;

pub use catalog::Run;
pub use compare::{Compared, Comparison, compare};
