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
        after_help = "Examples:\n  perfdoc new optimization billing-stripe\n  perfdoc new daily\n  perfdoc new weekly 2025-W49\n  perfdoc new monthly --date 2026-01-05   # early in January: December's report\n  perfdoc new monthly 2025-12"
    )]
    New(NewArgs),
    /// Check documents: front matter, sections, placeholders, metrics, math, links.
    #[command(
        after_help = "Examples:\n  perfdoc check\n  perfdoc check reports/daily-2025-12-04.md\n  perfdoc check --staged            # what is being committed\n  perfdoc check --format github     # annotations in GitHub Actions\n  perfdoc check --format sarif > perfdoc.sarif   # for code scanning\n  perfdoc check --explain metric-math"
    )]
    Check(CheckArgs),
    /// Start a practice here: book.toml, the folders and GitHub workflows (never overwrites).
    #[command(
        after_help = "Examples:\n  perfdoc init\n  perfdoc init --templates   # also copy the scaffold and site templates out for editing\n  perfdoc init --hook        # also install the pre-commit hook"
    )]
    Init(InitArgs),
    /// Compare a k6 run against the baseline, or promote it to be the new baseline.
    #[command(
        after_help = "Examples:\n  perfdoc baseline compare benchmarks/k6-baseline-2025-12-29.json\n  perfdoc baseline compare run.json --format json      # exit 1 on a regression, for CI\n  perfdoc baseline promote benchmarks/baseline-latest.json\n  perfdoc baseline promote run.json --decide-on p95_ms # when the month targeted tail latency"
    )]
    Baseline(BaselineArgs),
    /// The practice as a table: documents with kind, date, owner, status, tags, improvement.
    #[command(
        after_help = "Examples:\n  perfdoc list\n  perfdoc list --kind optimization --status deployed\n  perfdoc list --since 2025-12-01 --until 2025-12-31 --format csv\n  perfdoc list --tag billing --format json"
    )]
    List(ListArgs),
    /// Optimization tracking: SLA compliance, times to detect, root-cause and fix, open items,
    /// estimate accuracy.
    #[command(
        after_help = "Examples:\n  perfdoc tracking\n  perfdoc tracking --write   # keep reports/optimization-tracking.md up to date"
    )]
    Tracking(TrackingArgs),
    /// The chat message for a document: a daily report's status, a weekly summary, a record's
    /// share (problem, solution, results), as Slack Block Kit JSON, Markdown or text.
    #[command(
        after_help = "Examples:\n  perfdoc summary reports/daily-2025-12-04.md\n  perfdoc summary reports/weekly-2025-W49.md --format markdown\n  perfdoc summary optimizations/billing-stripe-batching-2025-12-04.md --format slack \\\n    | curl -sS -X POST -H 'Content-Type: application/json' --data @- \"$SLACK_WEBHOOK_URL\""
    )]
    Summary(SummaryArgs),
    /// Show when each document was created and updated, by whom, and how often it changed,
    /// following renames and copies through git history.
    #[command(
        after_help = "Examples:\n  perfdoc log\n  perfdoc log optimizations/ --format json\n  perfdoc log reports/weekly-2025-W49.md"
    )]
    Log(LogArgs),
    /// Summarise what a change does to the practice, as Markdown for a pull request.
    #[command(
        after_help = "Compares HEAD with its merge base with the default branch (origin/HEAD, main, master,\norigin/main or origin/master, the first that exists) unless told otherwise. Exits 0 once the review is printed: `perfdoc check` is the gate.\n\nExamples:\n  perfdoc review\n  perfdoc review --base main --head my-branch\n  perfdoc review >> \"$GITHUB_STEP_SUMMARY\"\n  perfdoc review --format json"
    )]
    Review(ReviewArgs),
    /// Install or remove the git pre-commit hook that runs `perfdoc check --staged`.
    #[command(
        after_help = "Examples:\n  perfdoc hook install\n  perfdoc hook install --chain   # keep an existing hook, run it first\n  perfdoc hook uninstall"
    )]
    Hook(HookArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  perfdoc completions bash > ~/.local/share/bash-completion/completions/perfdoc\n  perfdoc completions zsh > \"${fpath[1]}/_perfdoc\"\n  perfdoc completions fish > ~/.config/fish/completions/perfdoc.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff) to stdout.
    #[command(
        after_help = "Examples:\n  perfdoc man | man -l -\n  perfdoc man > ~/.local/share/man/man1/perfdoc.1"
    )]
    Man,
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
    /// A report's figures: JSON, YAML or CSV of catalog keys to values, a New Relic NRQL
    /// result or a Prometheus query response (mapped in book.toml); `-` reads stdin.
    #[arg(long, value_name = "FILE|-")]
    pub figures: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
    /// SARIF 2.1.0, for code-scanning upload.
    Sarif,
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
    /// Also write the weekday-morning workflow (daily, Monday weekly, first-Monday monthly,
    /// a pull request) and the figures script it runs.
    #[arg(long)]
    pub schedule: bool,
    /// Also install the git pre-commit hook (as `perfdoc hook install` does).
    #[arg(long)]
    pub hook: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The branch the change is compared with: the review starts at its merge base with the
    /// head. The default branch (origin/HEAD, main, master, origin/main, origin/master) by
    /// default.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The revision the change ends at (committed content; the working tree is not read).
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub head: String,
    /// Markdown for a PR comment or step summary; JSON for tools.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
    pub format: ReviewFormat,
}

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    #[command(subcommand)]
    pub action: HookAction,
}

#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Write .git/hooks/pre-commit (or into core.hooksPath). Never replaces another hook.
    Install {
        /// Keep an existing hook: rename it to pre-commit.local and run it before perfdoc.
        #[arg(long)]
        chain: bool,
    },
    /// Remove perfdoc's hook, putting back a hook it chained.
    Uninstall,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    #[command(subcommand)]
    pub action: BaselineAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Every metric of RUN against the baseline, with the thresholds' verdicts; exit 1 on a
    /// regression.
    Compare {
        /// A k6 summary (handleSummary JSON or legacy --summary-export).
        run: PathBuf,
        /// The reference; the configured baseline (benchmarks/main-baseline.json) by default.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Human)]
        format: CompareFormat,
    },
    /// Archive the baseline as main-baseline-YYYY-MM.json and replace it with RUN, if RUN
    /// improves on it by more than the update threshold and nothing regressed.
    Promote {
        /// The run to promote.
        run: PathBuf,
        /// Promote even when the run does not qualify.
        #[arg(long)]
        force: bool,
        /// The metric(s) that must improve by more than the threshold (avg_ms by default).
        #[arg(long = "decide-on", value_name = "KEY")]
        decide_on: Vec<String>,
        /// The month to archive the old baseline under (YYYY-MM); by default the month it
        /// was recorded.
        #[arg(long, value_name = "YYYY-MM")]
        archive_month: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Slack,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The report or record, by its path from the practice's root.
    pub doc: String,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, clap::Args)]
pub struct TrackingArgs {
    /// Write the tracking file (`reports/optimization-tracking.md`) instead of printing it.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only documents of this kind.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only documents with this status.
    #[arg(long)]
    pub status: Option<String>,
    /// Only documents dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only documents dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
