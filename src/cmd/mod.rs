//! One glue file per subcommand. Only this module prints or picks exit codes.

mod log;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> ExitCode {
    let dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let result = match cli.command {
        Command::Log(args) => log::execute(&dir, &args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            ExitCode::from(2)
        }
    }
}

/// `error: …` then each cause on its own line, so a wrapped library error keeps its hint.
fn report_error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}
