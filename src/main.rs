//! The `perfdoc` binary: parse the command line, hand it to the library, map the result to an
//! exit code. Everything else lives in the library so tests and other tools can call it.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match perfdoc::cli::Cli::try_parse() {
        Ok(cli) => perfdoc::cmd::run(cli),
        // Help, version and usage errors, under the commands' policy for a closed stdout.
        Err(e) => perfdoc::cmd::clap_exit(&e),
    }
}
