//! `perfdoc formats`: every run format the ingest registry reads, with the command that
//! writes it, straight from the registry so the list cannot drift from the code.

use std::process::ExitCode;

use super::output::OK;
use crate::metrics::ingest::FORMATS;

pub fn run() -> ExitCode {
    let width = FORMATS.iter().map(|f| f.name.len()).max().unwrap_or(0);
    for f in FORMATS {
        println!("{:width$}  {}", f.name, f.describe);
        println!("{:width$}  $ {}", "", f.command);
    }
    println!(
        "\nThe format is detected from the content (the name breaks ties); force one with --input-format NAME."
    );
    ExitCode::from(OK)
}
