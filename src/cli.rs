//! The command line, as clap derive types. Raw flags live here; `cmd/` turns them into work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Git-native docs-as-code for performance practices: scaffold reports and optimization
/// records, check them, index their history, publish them, review them in pull requests.
#[derive(Debug, Parser)]
#[command(name = "perfdoc", version = env!("PERFDOC_LONG_VERSION"), about, long_about = None)]
pub struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to colour output: on a terminal (auto, which honours NO_COLOR and
    /// CLICOLOR_FORCE), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it elsewhere.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Accepts any kind name (a practice defines its own in book.toml) but offers the built-in
/// kinds to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct KindName;

impl clap::builder::TypedValueParser for KindName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        // Computed once per process; clap wants `'static` names.
        static NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
            crate::config::Config::from_sources(std::path::Path::new("."), None)
                .map(|c| {
                    c.kind_names()
                        .into_iter()
                        .map(|n| &*Box::leak(n.to_string().into_boxed_str()))
                        .collect()
                })
                .unwrap_or_default()
        });
        Some(Box::new(
            NAMES.iter().copied().map(clap::builder::PossibleValue::new),
        ))
    }
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
    /// Start a practice here: book.toml, the folders, CI files and .gitignore (never overwrites).
    #[command(
        after_help = "Examples:\n  perfdoc init\n  perfdoc init --templates   # also copy the scaffold and site templates out for editing\n  perfdoc init --hook        # also install the pre-commit hook\n  perfdoc init --ci gitlab   # .gitlab-ci.yml instead of GitHub workflows"
    )]
    Init(InitArgs),
    /// Compare a run (k6, hey, wrk, Locust, hyperfine, …) against the baseline, or promote it to be the new baseline.
    #[command(
        after_help = "Examples:\n  perfdoc baseline compare benchmarks/k6-baseline-2025-12-29.json\n  perfdoc baseline compare run.json --format json      # exit 1 on a regression, for CI\n  perfdoc baseline promote benchmarks/baseline-latest.json\n  perfdoc baseline promote run.json --decide-on p95_ms # when the month targeted tail latency"
    )]
    Baseline(BaselineArgs),
    /// Change points in every series: report figures by date, k6 runs, the baseline's history,
    /// with the commits that landed in each change's window.
    #[command(after_help = CHANGES_HELP)]
    Changes(ChangesArgs),
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
    /// List every run format perfdoc reads, with the command that writes it.
    #[command(
        after_help = "Examples:\n  perfdoc formats\n  perfdoc baseline compare run.csv --input-format hey   # force a format"
    )]
    Formats,
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

const CHANGES_HELP: &str = "How a change is decided: E-Divisive means over windows of --window points (half \
overlapping), each split tested with Welch's t-test (deterministic, no permutations), weak \
candidates dropped bottom-up until every change left has p <= --p-value. A change must also \
move the mean by at least 2 standard deviations of the two segments' noise AND by at least \
1 % of the mean before it, so a flat series with noise reports nothing.\n\n\
Commits: those dated after the last point before the change and up to the first point after \
it, from the practice's repository (or `code-repository` in [preprocessor.perfdoc]).\n\n\
Examples:\n  perfdoc changes\n  perfdoc changes --metric p95_ms --since 2025-09-01\n  \
perfdoc changes --format json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    /// One line per change, its commits below.
    Human,
    /// An array of {metric, series, date, index, before, after, change_pct, p_value,
    /// regression, commits}.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// Only this catalog metric (`p95_ms`).
    #[arg(long, value_name = "KEY")]
    pub metric: Option<String>,
    /// Only changes dated on or after DATE.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// The largest p-value a change may have.
    #[arg(long = "p-value", value_name = "P", default_value_t = crate::metrics::stats::edivisive::DEFAULT_P_VALUE)]
    pub p_value: f64,
    /// Points per window.
    #[arg(long, value_name = "N", default_value_t = crate::metrics::stats::edivisive::DEFAULT_WINDOW)]
    pub window: usize,
    #[arg(long, value_enum, default_value_t = ChangesFormat::Human)]
    pub format: ChangesFormat,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of document: optimization, daily, weekly, monthly, or one from book.toml.
    #[arg(value_parser = KindName)]
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
    /// Source line and caret for each finding, like rustc.
    Human,
    /// One JSON array of findings, for scripts.
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request's lines.
    Github,
    /// SARIF 2.1.0, for code-scanning upload.
    Sarif,
    /// A GitLab Code Quality report (the `codequality` artifact of a merge request).
    Gitlab,
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
    /// The CI the practice runs on: which workflow files to write.
    #[arg(long, value_enum, default_value_t = CiKind::Github)]
    pub ci: CiKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiKind {
    /// .github/workflows/: check and review pull requests, publish to GitHub Pages.
    Github,
    /// .gitlab-ci.yml: Code Quality report, merge-request note, GitLab Pages.
    Gitlab,
    /// No CI files.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Markdown for a pull-request comment or step summary.
    Markdown,
    /// One JSON object, for tools.
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
    #[command(
        after_help = "Examples:\n  perfdoc hook install\n  perfdoc hook install --chain   # an existing hook runs first, then perfdoc\n  perfdoc -C docs/perf hook install   # a practice in a sub-folder of the repository"
    )]
    Install {
        /// Keep an existing hook: rename it to pre-commit.local and run it before perfdoc.
        #[arg(long)]
        chain: bool,
    },
    /// Remove perfdoc's hook, putting back a hook it chained.
    #[command(after_help = "Examples:\n  perfdoc hook uninstall")]
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
    /// An aligned table for people.
    Human,
    /// A Markdown table for a report or pull request.
    Markdown,
    /// One JSON object, for CI.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Every metric of RUN against the baseline, with the thresholds' verdicts; exit 1 on a
    /// regression.
    #[command(
        after_help = "Examples:\n  perfdoc baseline compare benchmarks/k6-run-2025-12-29.json\n  perfdoc baseline compare run.json --baseline benchmarks/main-baseline-2025-11.json\n  perfdoc baseline compare run.json --against last:5      # the median of the last 5 runs\n  perfdoc baseline compare run.json --against origin/main # the baseline on the PR's base\n  perfdoc baseline compare run.json --format markdown >> report.md\n  perfdoc baseline compare run.json --format json   # exit 1 on a regression, for CI"
    )]
    Compare {
        /// A run of any format `perfdoc formats` lists (a k6 summary, hey CSV, hyperfine JSON…).
        run: PathBuf,
        /// The reference; the configured baseline (benchmarks/main-baseline.json) by default.
        #[arg(long, value_name = "FILE", conflicts_with = "against")]
        baseline: Option<PathBuf>,
        /// The reference: `last:N` (the median of the last N runs in benchmarks/ by run date,
        /// RUN itself left out), a git revision (the baseline file as it was there, e.g. a
        /// pull request's base), or a FILE (as --baseline). An existing file wins over a
        /// revision of the same name.
        #[arg(long, value_name = "last:N|REV|FILE")]
        against: Option<String>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Human)]
        format: CompareFormat,
        /// Read RUN as this format instead of detecting it (`perfdoc formats` lists them);
        /// the baseline's format is always detected.
        #[arg(long, value_name = "NAME")]
        input_format: Option<String>,
    },
    /// Archive the baseline as main-baseline-YYYY-MM.json and replace it with RUN, if RUN
    /// improves on it by more than the update threshold and nothing regressed.
    #[command(
        after_help = "Examples:\n  perfdoc baseline promote benchmarks/k6-run-2025-12-29.json\n  perfdoc baseline promote run.json --decide-on p95_ms --decide-on avg_ms\n  perfdoc baseline promote run.json --archive-month 2025-12\n  perfdoc baseline promote run.json --force   # even when it does not qualify"
    )]
    Promote {
        /// The run to promote.
        run: PathBuf,
        /// Read RUN as this format instead of detecting it (`perfdoc formats` lists them).
        #[arg(long, value_name = "NAME")]
        input_format: Option<String>,
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
    /// An aligned table for people.
    Table,
    /// One JSON array, for scripts.
    Json,
    /// Comma-separated values with a header row, for spreadsheets.
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
    #[arg(long, value_parser = KindName)]
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
