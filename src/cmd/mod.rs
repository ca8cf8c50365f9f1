//! One glue file per subcommand. Only this module prints or picks exit codes.

use std::process::ExitCode;

use crate::cli::Cli;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {}
}
