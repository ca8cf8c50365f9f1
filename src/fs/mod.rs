//! The file system as perfdoc touches it when it changes a practice: whole files written
//! atomically with the user's modes (`write`), and turns between processes that read, decide
//! and write the same files (`lock`).

pub mod lock;
pub mod write;
