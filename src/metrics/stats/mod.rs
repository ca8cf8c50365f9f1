//! The statistics behind perfdoc's verdicts, pure and deterministic (no I/O, no randomness):
//! change points in a series (`edivisive`), whether two samples differ beyond chance
//! (`mann_whitney`), and the distribution functions both need (`dist`).

pub mod dist;
pub mod edivisive;
pub mod mann_whitney;
pub mod welch;

pub use edivisive::{ChangePoint, Options, change_points};
pub use mann_whitney::{MannWhitney, mann_whitney};
