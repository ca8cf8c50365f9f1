//! `perfdoc build`: the static site, written whole into the output folder.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use super::output::{FINDINGS, OK, stderr_color};
use crate::check::{self, report};
use crate::cli::BuildArgs;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::history::Session;
use crate::metrics::trends;
use crate::practice::Practice;
use crate::site::{self, Options, SiteInput};

pub fn run(dir: &Path, args: BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let practice = super::open_practice(dir)?;
    let (broken, others) = split_findings(&practice);
    if !broken.is_empty() {
        eprint!("{}", report::human(&broken, stderr_color()));
        eprintln!(
            "error: {} document(s) cannot be published; fix them and build again (nothing was written)",
            broken.len()
        );
        eprintln!("{}", others_line(&others));
        return Ok(ExitCode::from(FINDINGS));
    }
    let out = match &args.out {
        Some(out) => dir.join(out),
        None => practice.root.join(&practice.config.out_dir),
    };
    let out = site::check_target(&practice, &out)?;
    // On a terminal a long build says what it is doing on one status line, cleared at the end.
    let tty = std::io::stderr().is_terminal();
    let progress = |stage: &str| {
        if tty {
            eprint!("\r\x1b[2K{stage}…");
        }
    };
    let git = open_git(&practice);
    let input = with_changes(
        with_metrics(
            with_history(SiteInput::from_practice(&practice), &practice, &git),
            &practice,
            git.as_ref().ok().and_then(Option::as_ref),
        ),
        &practice,
        git.as_ref().ok().and_then(Option::as_ref),
    );
    let options = Options {
        base_url: base_url(&practice, args.base_url.as_deref()),
    };
    let built = site::build_reporting(&input, &options, &progress);
    progress(&format!(
        "writing {} files",
        built.as_ref().map_or(0, |b| b.files.len())
    ));
    let written = built.and_then(|b| site::write_site(&b, &out).map(|()| b));
    if tty {
        eprint!("\r\x1b[2K");
    }
    let built = written?;
    if others.errors + others.warnings > 0 {
        eprintln!("{}", others_line(&others));
    }
    warn_left_out(&built);
    println!("{}", summary(&built, started, &out.display().to_string()));
    Ok(ExitCode::from(OK))
}

/// Rules whose finding means a document cannot be read as what it claims to be: published,
/// its YAML would show as its title or its page would be missing its kind's parts. Files that
/// could not be loaded at all (unreadable, not UTF-8, too large) are in the same case.
const UNPUBLISHABLE: &[&str] = &["front-matter", "unknown-kind"];

/// `perfdoc check`'s findings split into the documents that must not be published and a
/// tally of the rest.
fn split_findings(practice: &Practice) -> (Vec<Diagnostic>, check::Tally) {
    let (broken, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
        check::check(practice, None).into_iter().partition(|d| {
            UNPUBLISHABLE.contains(&d.rule)
                || practice
                    .problems
                    .iter()
                    .any(|p| p.path == d.path && p.rule == d.rule)
        });
    (broken, check::tally(&others))
}

fn others_line(others: &check::Tally) -> String {
    format!(
        "{} error(s) and {} warning(s) from other rules; run `perfdoc check` for details",
        others.errors, others.warnings
    )
}

/// The base URL: the flag, else `site-url` from book.toml, else `/`.
pub fn base_url(practice: &Practice, flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| practice.config.site_url.clone())
        .unwrap_or_else(|| "/".to_string())
}

pub fn build(practice: &Practice, base_url: String) -> Result<site::Site> {
    let git = open_git(practice);
    let input = with_changes(
        with_metrics(
            with_history(SiteInput::from_practice(practice), practice, &git),
            practice,
            git.as_ref().ok().and_then(Option::as_ref),
        ),
        practice,
        git.as_ref().ok().and_then(Option::as_ref),
    );
    site::build(&input, &Options { base_url })
}

/// The repository around the practice, opened once for the whole build; `Ok(None)` outside
/// git (file times stand in for history). A repository that cannot be opened is said once on
/// stderr, and the pages then have no history.
fn open_git(practice: &Practice) -> Result<Option<Session>, ()> {
    Session::discover(&practice.root).map_err(|e| {
        super::warn(format!("no git history on the pages: {e}"));
    })
}

/// Walks git once for the history of every document (cached under `.git/perfdoc/`); outside
/// a repository the pages simply have no history. Warnings (a shallow clone) go to stderr.
fn with_history<'a>(
    mut input: SiteInput<'a>,
    practice: &Practice,
    git: &Result<Option<Session>, ()>,
) -> SiteInput<'a> {
    let Ok(git) = git.as_ref().map(Option::as_ref) else {
        return input;
    };
    let prefix = git.map_or("", Session::prefix);
    // Source links name the practice's folder inside the repository, as git sees it.
    input.repo_prefix = prefix.to_string();
    let docs: std::collections::HashSet<String> = practice
        .docs
        .iter()
        .map(|d| git.map_or_else(|| d.path.clone(), |g| g.repo_path(&d.path)))
        .collect();
    let bar = super::progress::Bar::for_stderr();
    let progress: &dyn crate::history::Progress = match &bar {
        Some(bar) => bar,
        None => &crate::history::NoProgress,
    };
    match crate::history::index(git, &practice.root, &|p| docs.contains(p), progress) {
        Ok(index) => {
            for w in &index.warnings {
                super::warn(w);
            }
            input.with_history(&index, prefix)
        }
        Err(e) => {
            super::warn(format!("no git history on the pages: {e}"));
            input
        }
    }
}

/// The metrics over time: the reports' series, the baseline file's versions in git (none
/// outside a repository) and the capacity projection. Baseline versions that do not parse are
/// left off the charts and named on stderr.
fn with_metrics<'a>(
    input: SiteInput<'a>,
    practice: &Practice,
    git: Option<&Session>,
) -> SiteInput<'a> {
    let versions = git.map_or_else(Vec::new, |g| {
        trends::git_versions_in(g, &practice.config.folders.baseline)
    });
    let overview = trends::overview(practice, Some(&versions));
    if let Some(b) = &overview.baseline {
        for skipped in &b.skipped {
            super::warn(format!(
                "a baseline version is left off the trends: {skipped}"
            ));
        }
    }
    input.with_metrics(&overview)
}

/// The change points at `perfdoc changes`' defaults, with their commits. Commits that cannot
/// be read (a `code-repository` clone missing here) are said once on stderr; the changes are
/// shown without them.
fn with_changes<'a>(
    input: SiteInput<'a>,
    practice: &Practice,
    git: Option<&Session>,
) -> SiteInput<'a> {
    use crate::metrics::changes;
    let mut found = changes::points(practice, git, &changes::Query::default());
    match changes::commits_for(practice, git, &found) {
        Ok(commits) => changes::attribute(&mut found, &commits),
        Err(e) => super::warn(format!(
            "change points are shown without their commits: {e}"
        )),
    }
    input.with_changes(&found)
}

/// `built 61 pages (70 files) in 0.21 s → site/`
pub fn summary(site: &site::Site, started: Instant, place: &str) -> String {
    format!(
        "built {} pages ({} files) in {:.2} s → {place}",
        site.pages,
        site.files.len(),
        started.elapsed().as_secs_f64()
    )
}

/// The links the site did not follow, and why (a symlink out of the practice, an HTML file).
pub fn warn_left_out(site: &site::Site) {
    for line in &site.left_out {
        eprintln!("warning: {line}");
    }
}

pub fn warn_problems(practice: &Practice) {
    if !practice.problems.is_empty() {
        eprintln!(
            "warning: {} file(s) could not be read and were left out; run `perfdoc check` for details",
            practice.problems.len()
        );
    }
}
