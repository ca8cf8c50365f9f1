//! `perfdoc summary DOC --format slack|markdown|text`: the chat message for a report or a
//! record, on standard output.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{SummaryArgs, SummaryFormat};
use crate::error::Result;
use crate::summary;

pub fn run(dir: &Path, args: SummaryArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let s = summary::build(&practice, &args.doc)?;
    print!(
        "{}",
        match args.format {
            SummaryFormat::Text => summary::text(&s),
            SummaryFormat::Markdown => summary::markdown(&s),
            SummaryFormat::Slack => summary::slack(&s),
        }
    );
    Ok(ExitCode::from(OK))
}
