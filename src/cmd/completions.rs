//! `perfdoc completions SHELL` and `perfdoc man`: generated from the clap definition, so they
//! can never disagree with the command line they describe.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::output::OK;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};

pub fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "perfdoc", &mut std::io::stdout());
    Ok(ExitCode::from(OK))
}

pub fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::Usage(format!("could not render the man page: {e}")))?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`perfdoc man | head`) is not an error worth reporting.
    let _ = out.write_all(&page);
    Ok(ExitCode::from(OK))
}
