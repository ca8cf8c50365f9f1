//! The `perfdoc` binary: parse the command line, hand it to the library, map the result to an
//! exit code. Everything else lives in the library so tests and other tools can call it.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = perfdoc::cli::Cli::parse();
    perfdoc::cmd::run(cli)
}
