//! `perfdoc formats`: every run format the ingest registry reads, with the command that
//! writes it, straight from the registry so the list cannot drift from the code.

use std::process::ExitCode;

use super::output::OK;
use crate::metrics::ingest::FORMATS;

pub fn run() -> ExitCode {
    let rows: Vec<[String; 2]> = FORMATS
        .iter()
        .flat_map(|f| {
            [
                [f.name.to_string(), f.describe.to_string()],
                [String::new(), format!("$ {}", f.command)],
            ]
        })
        .collect();
    print!("{}", super::table::render(&[], &rows, &[]));
    println!(
        "\nThe format is detected from the content (the name breaks ties); force one with --input-format NAME."
    );
    ExitCode::from(OK)
}
