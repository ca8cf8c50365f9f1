//! The command line, as clap derive types. Raw flags live here; `cmd/` turns them into work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
pub enum Command {
    /// Show when each document was created and updated, by whom, and how often it changed,
    /// following renames and copies through git history.
    Log(LogArgs),
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Documents or folders to show (default: Markdown under reports/, optimizations/ and
    /// content/). A folder means every Markdown file under it tracked at HEAD.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Human)]
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// An aligned table for people.
    Human,
    /// One JSON array, for scripts.
    Json,
}
