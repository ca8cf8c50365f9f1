//! `perfdoc tracking [--write]`: print the optimization tracking report, or keep the practice's
//! tracking file up to date (never replacing a file perfdoc did not write).

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::TrackingArgs;
use crate::error::{Error, Result};
use crate::tracking::{self, OnDisk};

pub fn run(dir: &Path, args: TrackingArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let rel = practice.config.folders.tracking.clone();
    let text = tracking::markdown(&tracking::compute(&practice), &rel);
    if !args.write {
        print!("{text}");
        return Ok(ExitCode::from(OK));
    }
    match tracking::on_disk(&practice) {
        OnDisk::Foreign(why) => {
            return Err(Error::Refused {
                action: format!("replace `{rel}`"),
                why: why.to_string(),
                hint: "move it aside (its content is the team's), or set `tracking = \"PATH\"` under [preprocessor.perfdoc.folders] in book.toml".into(),
            });
        }
        OnDisk::Ours(old) if old == text => {
            println!("{rel} is up to date");
            return Ok(ExitCode::from(OK));
        }
        _ => {}
    }
    let full = practice.root.join(&rel);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    crate::fs::write::atomic_write(&full, text.as_bytes(), crate::fs::write::Existing::Replace)?;
    println!("{rel}");
    Ok(ExitCode::from(OK))
}
