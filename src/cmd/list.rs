//! `perfdoc list`: placeholder until the list module lands.
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ListArgs;
use crate::error::Result;

pub fn run(_dir: &Path, _args: ListArgs) -> Result<ExitCode> {
    Ok(ExitCode::from(0))
}
