//! `perfdoc new`: scaffold a document and print its path.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::scaffold::{self, Request};

pub fn run(dir: &Path, args: NewArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let date = match &args.date {
        Some(d) => d.parse().map_err(|_| Error::NotA {
            value: d.clone(),
            expected: "a date",
            example: "YYYY-MM-DD, e.g. 2025-12-04",
        })?,
        None => jiff::ZonedDateTime::now().date(),
    };
    let owner = args
        .owner
        .clone()
        .or_else(|| crate::history::user_name(&practice.root));
    let figures = match &args.figures {
        Some(arg) => Some(scaffold::given::read(&practice.config, arg)?),
        None => None,
    };
    let request = Request {
        figures,
        kind: args.kind,
        slug: args.slug,
        date,
        title: args.title,
        owner,
    };
    let planned = scaffold::plan(&practice, &request)?;
    scaffold::write(&practice, &planned)?;
    println!("{}", planned.path);
    Ok(ExitCode::from(OK))
}
