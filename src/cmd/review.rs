//! `perfdoc review`: opens the repository around the practice, has `review::gather` read the
//! change between the two revisions, and prints the review `review::build` makes of it, as
//! Markdown or JSON.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{ReviewArgs, ReviewFormat};
use crate::error::Result;
use crate::history::Session;
use crate::practice::Practice;
use crate::review::{self, Revisions};

pub fn run(dir: &Path, args: ReviewArgs) -> Result<ExitCode> {
    let root = Practice::discover(dir)?;
    let git = Session::open(&root, "and a review compares two revisions")?;
    let revs = Revisions {
        base: args.base.as_deref(),
        head: &args.head,
    };
    let review = review::build(review::gather(&git, &root, revs)?);
    match args.format {
        ReviewFormat::Markdown => print!("{}", review::markdown::render(&review)),
        ReviewFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&review).expect("a review serializes")
        ),
    }
    Ok(ExitCode::from(OK))
}
