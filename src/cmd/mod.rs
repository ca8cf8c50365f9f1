//! One glue file per subcommand. Only this module prints or picks exit codes: 0 when all is
//! well, 1 when the command ran and found problems, 2 when it could not run.

mod baseline;
mod build;
mod changes;
mod check;
mod completions;
mod formats;
mod hook;
mod init;
mod list;
mod log;
mod new;
mod output;
mod progress;
mod review;
mod serve;
mod serve_findings;
mod summary;
mod table;
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
    output::set_color_choice(cli.color);
    let result = match cli.command {
        Command::New(args) => new::run(&dir, args),
        Command::Check(args) => check::run(&dir, args),
        Command::Init(args) => init::run(&dir, args),
        Command::Log(args) => log::run(&dir, &args),
        Command::Review(args) => review::run(&dir, args),
        Command::Hook(args) => hook::run(&dir, args),
        Command::Completions(args) => completions::completions(args),
        Command::Formats => Ok(formats::run()),
        Command::Man => completions::man(),
        Command::Build(args) => build::run(&dir, args),
        Command::Serve(args) => serve::run(&dir, args),
        Command::Baseline(args) => baseline::run(&dir, args),
        Command::Changes(args) => changes::run(&dir, args),
        Command::List(args) => list::run(&dir, args),
        Command::Summary(args) => summary::run(&dir, args),
        Command::Tracking(args) => tracking::run(&dir, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(FAILED)
        }
    }
}

/// A `--since`/`--until` style flag's date, said in words when it is not one.
fn date_flag(flag: &str, value: Option<&str>) -> Result<Option<jiff::civil::Date>> {
    value
        .map(|s| {
            s.parse().map_err(|_| crate::error::Error::NotA {
                value: format!("--{flag} {s}"),
                expected: "a date",
                example: "YYYY-MM-DD, e.g. 2025-12-01",
            })
        })
        .transpose()
}

/// Finds and loads the practice around `dir`.
fn open_practice(dir: &Path) -> Result<Practice> {
    let root = Practice::discover(dir)?;
    Practice::load(&root)
}

fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}
