//! One glue file per subcommand. Only this module prints or picks exit codes: 0 when all is
//! well, 1 when the command ran and found problems, 2 when it could not run.

mod baseline;
mod build;
mod check;
mod completions;
mod hook;
mod init;
mod list;
mod log;
mod new;
mod output;
mod progress;
mod review;
mod serve;
mod summary;
mod tracking;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Result;
use crate::practice::Practice;

pub use output::{FAILED, FINDINGS, OK, clap_exit};

/// Runs one command; a standard output that cannot be written ends every command the same way
/// (`output::guard_stdout`).
pub fn run(cli: Cli) -> ExitCode {
    output::guard_stdout(|| dispatch(cli))
}

fn dispatch(cli: Cli) -> ExitCode {
    let dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let result = match cli.command {
        Command::New(args) => new::run(&dir, args).map_err(anyhow::Error::from),
        Command::Check(args) => check::run(&dir, args).map_err(anyhow::Error::from),
        Command::Init(args) => init::run(&dir, args).map_err(anyhow::Error::from),
        Command::Log(args) => log::execute(&dir, &args),
        Command::Review(args) => review::run(&dir, args).map_err(anyhow::Error::from),
        Command::Hook(args) => hook::run(&dir, args).map_err(anyhow::Error::from),
        Command::Completions(args) => completions::completions(args).map_err(anyhow::Error::from),
        Command::Man => completions::man().map_err(anyhow::Error::from),
        Command::Build(args) => build::run(&dir, args).map_err(anyhow::Error::from),
        Command::Serve(args) => serve::run(&dir, args).map_err(anyhow::Error::from),
        Command::Baseline(args) => baseline::run(&dir, args).map_err(anyhow::Error::from),
        Command::List(args) => list::run(&dir, args).map_err(anyhow::Error::from),
        Command::Summary(args) => summary::run(&dir, args).map_err(anyhow::Error::from),
        Command::Tracking(args) => tracking::run(&dir, args).map_err(anyhow::Error::from),
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

fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}
