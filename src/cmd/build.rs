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
use crate::practice::Practice;
use crate::site::{self, Git, Memo, Options, SiteInput, memo};

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
    let repo = open_repository(&practice);
    let input = gather(&practice, &repo);
    let options = Options {
        base_url: base_url(&practice, args.base_url.as_deref()),
    };
    // Inside git the last build's memo is kept under `.git/perfdoc/`: pages whose inputs
    // did not change are kept as they are on disk. Outside git every build is cold.
    let cache = repo.session().map(|s| site::cache::path(&s.git_dir()));
    let memo = cache
        .as_ref()
        .map_or_else(Memo::default, |f| site::cache::load(f, &out));
    let reusable =
        |rel: &str, e: &memo::Entry| e.stat.is_some() && memo::Stat::of(&out.join(rel)) == e.stat;
    // Pages go to disk as they are rendered, into a folder swapped in whole at the end.
    let written = site::Staging::begin(&out).and_then(|staging| {
        let built = site::build_with(&input, &options, &memo, &reusable, &staging, &progress)?;
        progress(&format!("swapping in {} files", built.file_count()));
        staging.finish()?;
        Ok(built)
    });
    if tty {
        eprint!("\r\x1b[2K");
    }
    let mut built = written?;
    if let Some(cache) = cache {
        site::record_stats(&mut built.memo, &out);
        // Nothing to save when nothing changed, not even a file's stat.
        let same = built.memo.same_as(&memo);
        drop(memo);
        if let Err(e) = (!same)
            .then(|| site::cache::save(&cache, &out, &built.memo))
            .transpose()
        {
            super::warn(format!("the site cache was not kept: {e}"));
        }
    }
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
    let (broken, others): (Vec<Diagnostic>, Vec<Diagnostic>) = check::check(practice, None)
        .into_iter()
        .partition(|d| is_unpublishable(practice, d));
    (broken, check::tally(&others))
}

/// Whether finding `d` means its document must not be published (see `UNPUBLISHABLE`).
pub fn is_unpublishable(practice: &Practice, d: &Diagnostic) -> bool {
    UNPUBLISHABLE.contains(&d.rule)
        || practice
            .problems
            .iter()
            .any(|p| p.path == d.path && p.rule == d.rule)
}

pub fn others_line(others: &check::Tally) -> String {
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

/// The repository around the practice, opened once; a repository that cannot be opened is
/// said once on stderr, and the pages then have no history.
pub fn open_repository(practice: &Practice) -> Git {
    let mut warnings = Vec::new();
    let repo = Git::open(practice, &mut warnings);
    warnings.into_iter().for_each(super::warn);
    repo
}

/// The site's input (`SiteInput::gather`), with a progress bar on a terminal while git is
/// walked and the warnings said on stderr.
pub fn gather<'a>(practice: &'a Practice, repo: &Git) -> SiteInput<'a> {
    let bar = super::progress::Bar::for_stderr();
    let progress: &dyn crate::history::Progress = match &bar {
        Some(bar) => bar,
        None => &crate::history::NoProgress,
    };
    let mut warnings = Vec::new();
    let input = SiteInput::gather(practice, repo, progress, &mut warnings);
    warnings.into_iter().for_each(super::warn);
    input
}

/// `built 61 pages (70 files) in 0.21 s → site/`
pub fn summary(site: &site::Site, started: Instant, place: &str) -> String {
    format!(
        "built {} pages ({} files) in {:.2} s → {place}",
        site.pages,
        site.file_count(),
        started.elapsed().as_secs_f64()
    )
}

/// The links the site did not follow, and why (a symlink out of the practice, an HTML file).
pub fn warn_left_out(site: &site::Site) {
    for line in &site.left_out {
        eprintln!("warning: {line}");
    }
}
