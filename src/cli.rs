//! The command line, as clap derive types. Raw flags live here; `cmd/` turns them into work.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Git-native docs-as-code for performance practices.
#[derive(Debug, Parser)]
#[command(name = "perfdoc", version, about, long_about = None)]
pub struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {}
