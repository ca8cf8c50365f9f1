//! One glue file per subcommand. Only this module prints or picks exit codes: 0 when all is
//! well, 1 when the command ran and found problems, 2 when it could not run.

mod baseline;
mod check;
mod init;
mod list;
mod new;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Result;
use crate::practice::Practice;

pub use output::{FAILED, FINDINGS, OK};

pub fn run(cli: Cli) -> ExitCode {
    let dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let result = match cli.command {
        Command::New(args) => new::run(&dir, args),
        Command::Check(args) => check::run(&dir, args),
        Command::Init(args) => init::run(&dir, args),
        Command::Baseline(args) => baseline::run(&dir, args),
        Command::List(args) => list::run(&dir, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(FAILED)
        }
    }
}

/// Finds and loads the practice around `dir`.
fn open_practice(dir: &Path) -> Result<Practice> {
    let root = Practice::discover(dir)?;
    Practice::load(&root)
}
