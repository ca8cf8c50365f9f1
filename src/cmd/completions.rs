//! `perfdoc completions SHELL` and `perfdoc man`: generated from the clap definition, so they
//! can never disagree with the command line they describe.

use std::process::ExitCode;

use clap::CommandFactory;

use super::output::OK;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};

pub fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    // Generated into memory and printed, so a closed or full stdout meets `cmd::run`'s policy
    // instead of clap_complete's panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "perfdoc", &mut script);
    print!("{}", String::from_utf8_lossy(&script));
    Ok(ExitCode::from(OK))
}

pub fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::System {
            doing: "render the man page".into(),
            message: e.to_string(),
        })?;
    print!("{}", String::from_utf8_lossy(&page));
    Ok(ExitCode::from(OK))
}
