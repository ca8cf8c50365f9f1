//! Everything perfdoc asks of git. This is the only module that uses git2; the rest of the
//! crate sees owned types.

mod identity;
mod staged;

pub use identity::user_name;
pub use staged::{StagedFile, staged_files};
