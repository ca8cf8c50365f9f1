//! Everything perfdoc asks of git. This is the only module that uses git2; the rest of the
//! crate sees owned types.

mod hooks_dir;
mod identity;
mod revisions;
mod staged;

pub use hooks_dir::{HooksDir, hooks_dir};
pub use identity::user_name;
pub use revisions::{
    ChangeStatus, DEFAULT_BRANCHES, FileChange, Revision, changes, files_at, merge_base,
    merge_base_with_default, practice_prefix, read_at, resolve,
};
pub use staged::{StagedFile, staged_files};
