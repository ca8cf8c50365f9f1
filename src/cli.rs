//! The command line, as clap derive types. Raw flags live here; `cmd/` turns them into work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Git-native docs-as-code for performance practices: scaffold reports and optimization
/// records, check them, index their history, publish them, review them in pull requests.
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
    /// Write a new document from its kind's template and print its path.
    #[command(
        after_help = "Examples:\n  perfdoc new optimization billing-stripe\n  perfdoc new daily\n  perfdoc new weekly 2025-W49\n  perfdoc new monthly --date 2026-01-05"
    )]
    New(NewArgs),
    /// Check documents: front matter, sections, placeholders, metrics, math, links.
    #[command(
        after_help = "Examples:\n  perfdoc check\n  perfdoc check reports/daily-2025-12-04.md\n  perfdoc check --staged            # what is being committed\n  perfdoc check --format github     # annotations in GitHub Actions\n  perfdoc check --explain metric-math"
    )]
    Check(CheckArgs),
    /// Start a practice here: book.toml and the folders (never overwrites).
    #[command(
        after_help = "Examples:\n  perfdoc init\n  perfdoc init --templates   # also copy the scaffold and site templates out for editing"
    )]
    Init(InitArgs),
    /// Build the static site: status, optimizations, reports, trends, learnings, search.
    #[command(
        after_help = "Examples:\n  perfdoc build\n  perfdoc build --out public --base-url https://org.github.io/repo/"
    )]
    Build(BuildArgs),
    /// Build the site, serve it on localhost, rebuild and reload on every change.
    #[command(after_help = "Examples:\n  perfdoc serve\n  perfdoc serve --port 8080")]
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of document: optimization, daily, weekly, monthly, or one from book.toml.
    pub kind: String,
    /// The record's slug (lowercase-kebab), or a report's period (2025-W49, 2025-12, 2025-12-04).
    pub slug: Option<String>,
    /// The document's date (YYYY-MM-DD); today by default.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The title; derived from the slug or period by default.
    #[arg(long)]
    pub title: Option<String>,
    /// The owner; git's user.name by default.
    #[arg(long)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; the whole practice by default.
    pub paths: Vec<PathBuf>,
    /// Check the content staged in git's index (what is being committed), not the working tree.
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Describe a rule and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// List every rule and exit.
    #[arg(long)]
    pub list_rules: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Also copy the embedded templates into templates/ for editing.
    #[arg(long)]
    pub templates: bool,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Where to write the site; book.toml's `out-dir` (`site`) by default. A non-empty folder
    /// perfdoc did not write is refused.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The URL the site is served under (`https://org.github.io/repo/` or `/repo/`); book.toml's
    /// `site-url`, else `/`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1.
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// Serve under this base path instead of `/`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}
