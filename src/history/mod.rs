//! Everything perfdoc asks of git. This is the only module that uses git2; the rest of the
//! crate sees owned types.

mod identity;
mod last_change;
mod staged;

pub use identity::user_name;
pub use last_change::last_change;
pub use staged::{StagedFile, staged_files};
