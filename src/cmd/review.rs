//! `perfdoc review`: gathers what git knows about a change (the two revisions, the files
//! between them, the practice as it is at head) and prints the review `review::build` makes of
//! it, as Markdown or JSON.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{ReviewArgs, ReviewFormat};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::history::{ChangeStatus, CommitRef, Session};
use crate::metrics::{self, ingest};
use crate::practice::{self, Practice};
use crate::review::{self, BenchmarkChange, BenchmarkComparison, BenchmarkRow, Input};

pub fn run(dir: &Path, args: ReviewArgs) -> Result<ExitCode> {
    let root = Practice::discover(dir)?;
    let git = Session::open(&root, "and a review compares two revisions")?;
    let head = git.resolve(&args.head)?;
    let (base, base_branch) = match &args.base {
        Some(rev) => (git.merge_base(rev, &head.id)?, None),
        None => {
            let (base, branch) = git.merge_base_with_default(&head.id)?;
            (base, Some(branch))
        }
    };
    let practice = practice_at(&git, &root, &head)?;
    let changes = git.changes(&base.id, &head.id)?;
    let mut benchmarks = review::benchmark_changes(&practice.config, &changes);
    for change in &mut benchmarks {
        match compare_benchmark(&git, &practice, &head, change)? {
            Ok(comparison) => change.comparison = comparison,
            Err(note) => change.note = Some(note),
        }
    }
    let mut deleted = Vec::new();
    for change in changes.iter().filter(|c| c.status == ChangeStatus::Deleted) {
        let path = change.path();
        if !practice.is_doc_path(path) {
            continue;
        }
        if let Some(bytes) = git.read_at(&base.id, path)? {
            let doc = Doc::parse(path, String::from_utf8_lossy(&bytes).into_owned());
            deleted.push(practice::classify(&practice.config, doc));
        }
    }
    let review = review::build(Input {
        base,
        head,
        base_branch,
        practice: &practice,
        changes,
        deleted,
        benchmarks,
    });
    match args.format {
        ReviewFormat::Markdown => print!("{}", review::markdown::render(&review)),
        ReviewFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&review).expect("a review serializes")
        ),
    }
    Ok(ExitCode::from(OK))
}

/// The practice as it is committed at `head`: its `book.toml` (with `PERFDOC_*` overrides, so
/// CI can give an absolute site URL) and every document under the configured folders.
fn practice_at(git: &Session, root: &Path, head: &CommitRef) -> Result<Practice> {
    let book = git.read_at(&head.id, CONFIG_FILE)?;
    let text = book.map(|b| String::from_utf8_lossy(&b).into_owned());
    let display = format!("{CONFIG_FILE} at {}", head.short);
    let mut config = Config::from_sources(root, text.as_deref().map(|t| (display.as_str(), t)))?;
    if text.is_some() {
        config.file = Some(root.join(CONFIG_FILE));
    }
    config.apply_env(|k| std::env::var(k).ok());
    let folders: Vec<String> = config
        .doc_folders()
        .into_iter()
        .map(|f| format!("{f}/"))
        .collect();
    let files = git.files_at(&head.id, |p| {
        p.ends_with(".md") && folders.iter().any(|f| p.starts_with(f.as_str()))
    })?;
    let mut texts = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (path, bytes) in files {
        match String::from_utf8(bytes) {
            Ok(text) => texts.push((path, text)),
            Err(_) => problems.push(
                Diagnostic::error(&path, "file-encoding", "file is not UTF-8")
                    .hint("save the file as UTF-8"),
            ),
        }
    }
    let mut practice = Practice::from_files(root, config, texts);
    practice.problems = problems;
    Ok(practice)
}

/// The comparison of a changed benchmark file, as committed at `head`, against the practice's
/// baseline at `head`, by the configured thresholds; regressions first. `Ok(None)` for what is
/// not a run: a deleted file, the baseline itself and its monthly archives
/// (`main-baseline-2025-11.json`), a file no run format recognises.
/// `Err(note)` for what should have compared and could not: a run that does not parse,
/// a missing or broken baseline, nothing in common with it. Git errors are errors.
fn compare_benchmark(
    git: &Session,
    practice: &Practice,
    head: &CommitRef,
    change: &BenchmarkChange,
) -> Result<std::result::Result<Option<BenchmarkComparison>, String>> {
    let baseline = practice.config.folders.baseline.as_str();
    let stem = baseline.rsplit_once('.').map_or(baseline, |(s, _)| s);
    let archive_prefix = format!("{stem}-");
    if change.status == ChangeStatus::Deleted
        || change.path == baseline
        || change.path.starts_with(&archive_prefix)
    {
        return Ok(Ok(None));
    }
    let Some(bytes) = git.read_at(&head.id, &change.path)? else {
        return Ok(Ok(None));
    };
    let config = &practice.config;
    let text = match ingest::registry::text_of(bytes, &change.path) {
        Ok(text) => text,
        Err(e) => return Ok(Err(unreadable(&e))),
    };
    // A file no format recognises (a targets list, notes) is not a run; one that a format
    // recognises and that breaks it is reported.
    if !ingest::recognises(config, &change.path, &text) {
        return Ok(Ok(None));
    }
    let run = match ingest::parse(config, &change.path, &change.path, &text) {
        Ok(run) => run,
        Err(e) => return Ok(Err(unreadable(&e))),
    };
    let Some(base_bytes) = git.read_at(&head.id, baseline)? else {
        return Ok(Err(format!(
            "there is no baseline `{baseline}` at {}",
            head.short
        )));
    };
    let reference = match ingest::registry::text_of(base_bytes, baseline)
        .and_then(|t| ingest::parse(config, baseline, baseline, &t))
    {
        Ok(run) => run,
        Err(e) => return Ok(Err(format!("the baseline {}", unreadable(&e)))),
    };
    let cmp = metrics::compare(
        &practice.config,
        baseline,
        &reference.figures,
        &change.path,
        &run.figures,
    );
    if cmp.metrics.is_empty() {
        return Ok(Err(format!("it shares no figure with `{baseline}`")));
    }
    let mut rows: Vec<BenchmarkRow> = cmp
        .metrics
        .iter()
        .map(|c| BenchmarkRow {
            metric: c.name.clone(),
            unit: c.unit.clone(),
            baseline: c.baseline,
            current: c.current,
            change_pct: c.change_pct,
            regression: c.regression,
        })
        .collect();
    // Stable: regressions first, the rest in the catalog's order.
    rows.sort_by_key(|r| !r.regression);
    Ok(Ok(Some(BenchmarkComparison {
        against: baseline.to_string(),
        rows,
    })))
}

/// A run's parse error in one line: what is wrong and where.
fn unreadable(e: &Error) -> String {
    match e {
        Error::Benchmark {
            message, json_path, ..
        } => format!("is not a readable run: {message} (at `{json_path}`)"),
        other => format!("is not a readable run: {other}"),
    }
}
