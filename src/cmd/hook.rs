//! `perfdoc hook install|uninstall`: the pre-commit hook, reported in one line.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{HookAction, HookArgs};
use crate::error::Result;
use crate::history::Session;
use crate::hook::{self, Installed, Removed};
use crate::practice::Practice;

pub fn run(dir: &Path, args: HookArgs) -> Result<ExitCode> {
    let root = Practice::discover(dir)?;
    let git = Session::open(&root, "so there is no hook to install")?;
    match args.action {
        HookAction::Install { chain } => print_installed(&hook::install(&git, chain)?),
        HookAction::Uninstall => match hook::uninstall(&git)? {
            Removed::Removed { path, restored } => {
                println!("removed  {}", path.display());
                if let Some(p) = restored {
                    println!("restored {} (the hook perfdoc chained)", p.display());
                }
            }
            Removed::NotInstalled { path } => {
                println!("no hook at {}; nothing to remove", path.display());
            }
        },
    }
    Ok(ExitCode::from(OK))
}

/// Also used by `perfdoc init --hook`.
pub fn print_installed(installed: &Installed) {
    let (verb, path, chained) = match installed {
        Installed::Created { path, chained } => ("created ", path, *chained),
        Installed::Updated { path, chained } => ("updated ", path, *chained),
        Installed::SetAside { path, kept, why } => {
            println!("created  {}", path.display());
            println!(
                "kept     the old hook as {}: git was not running it ({why}), so it is not chained\n{}",
                kept.display(),
                super::output::help(&format!(
                    "to run it first, make it a working executable, rename it to `{}` and run `perfdoc hook install` again",
                    hook::CHAINED
                ))
            );
            return;
        }
    };
    let note = if chained {
        format!(" (runs {} first)", hook::CHAINED)
    } else {
        String::new()
    };
    println!("{verb} {}{note}", path.display());
}
