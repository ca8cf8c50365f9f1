//! What a review is built from, read from git: the two revisions, the files between them, the
//! practice as it is committed at head, the documents the change deleted as they were at base,
//! each changed run compared with the baseline at base, and the run series at head. `build`
//! stays pure; this is its one reader.

use std::path::Path;

use super::build::{Input, benchmark_changes};
use super::model::{BenchmarkChange, BenchmarkComparison, BenchmarkRow};
use crate::config::{CONFIG_FILE, Config};
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::history::{ChangeStatus, CommitRef, Session};
use crate::metrics::ingest;
use crate::metrics::noise::{self, Verdict};
use crate::metrics::trends::{DatedRun, Series};
use crate::metrics::{self, changes, runs};
use crate::practice::{self, Practice};

/// The two revisions a review compares, as the user named them: `base` `None` means the merge
/// base with the default branch.
pub struct Revisions<'a> {
    pub base: Option<&'a str>,
    pub head: &'a str,
}

/// Everything `build` needs, read from `git` for the practice at `root`.
pub fn gather(git: &Session, root: &Path, revs: Revisions<'_>) -> Result<Input> {
    let head = git.resolve(revs.head)?;
    let (base, base_branch) = match revs.base {
        Some(rev) => (git.merge_base(rev, &head.id)?, None),
        None => {
            let (base, branch) = git.merge_base_with_default(&head.id)?;
            (base, Some(branch))
        }
    };
    let practice = practice_at(git, root, &head)?;
    let changes = git.changes(&base.id, &head.id)?;
    let mut benchmarks = benchmark_changes(&practice.config, &changes);
    for change in &mut benchmarks {
        match compare(git, &practice.config, (&base, &head), change)? {
            Outcome::NotARun => {}
            Outcome::Compared(comparison) => change.comparison = Some(comparison),
            Outcome::NotCompared(why) => change.note = Some(why.to_string()),
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
    let run_series = runs_at(git, &practice.config, &head)?;
    Ok(Input {
        base,
        head,
        base_branch,
        practice,
        changes,
        deleted,
        benchmarks,
        run_series,
    })
}

/// The practice as it is committed at `head`: its `book.toml` (with `PERFDOC_*` overrides, so
/// CI can give an absolute site URL) and every document under the configured folders.
fn practice_at(git: &Session, root: &Path, head: &CommitRef) -> Result<Practice> {
    let book = git.read_at(&head.id, CONFIG_FILE)?;
    let text = book.map(|b| String::from_utf8_lossy(&b).into_owned());
    let display = format!("{CONFIG_FILE} at {}", head.short);
    let config = Config::from_book(root, &display, text.as_deref())?;
    let folders: Vec<String> = config
        .doc_folders()
        .into_iter()
        .map(|f| format!("{f}/"))
        .collect();
    let files = git.files_at(&head.id, |p| {
        p.ends_with(".md") && folders.iter().any(|f| p.starts_with(f.as_str()))
    })?;
    // As on disk: a document that is not UTF-8 is a finding at its first bad byte.
    let loaded = files
        .into_iter()
        .map(|(path, bytes)| practice::decode(&path, bytes))
        .collect();
    Ok(Practice::from_loaded(root, config, loaded))
}

/// What became of one changed benchmark file.
enum Outcome {
    /// Not a run: a deleted file, the baseline itself and its monthly archives
    /// (`main-baseline-2025-11.json`), a file no run format recognises.
    NotARun,
    Compared(BenchmarkComparison),
    /// It should have been compared and could not be.
    NotCompared(NotCompared),
}

/// Why a run was not compared, said in the review.
enum NotCompared {
    Unreadable(String),
    NoBaseline { baseline: String, at: String },
    BaselineUnreadable(String),
    NothingInCommon { baseline: String },
}

impl std::fmt::Display for NotCompared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotCompared::Unreadable(why) => write!(f, "is not a readable run: {why}"),
            NotCompared::NoBaseline { baseline, at } => {
                write!(f, "there is no baseline `{baseline}` at {at}")
            }
            NotCompared::BaselineUnreadable(why) => {
                write!(f, "the baseline is not a readable run: {why}")
            }
            NotCompared::NothingInCommon { baseline } => {
                write!(f, "it shares no figure with `{baseline}`")
            }
        }
    }
}

/// A run's parse error in one line: what is wrong and where.
fn unreadable(e: &Error) -> String {
    match e {
        Error::Benchmark {
            message, json_path, ..
        } => format!("{message} (at `{json_path}`)"),
        other => other.to_string(),
    }
}

/// A changed benchmark file, as committed at `head`, against the practice's baseline as it is
/// at `base`, by the configured thresholds; regressions first. The baseline at base, not at
/// head: a change that edits the baseline along with a run must not be judged by its own edit.
/// Git errors are errors.
fn compare(
    git: &Session,
    config: &Config,
    (base, head): (&CommitRef, &CommitRef),
    change: &BenchmarkChange,
) -> Result<Outcome> {
    let baseline = config.folders.baseline.as_str();
    let name = change.path.rsplit('/').next().unwrap_or(&change.path);
    // The baseline itself and its monthly archives (`main-baseline-2025-11.json`) by their
    // path: a run in another folder may share the baseline's file name (criterion's
    // `estimates.json`).
    let stem = baseline.rsplit_once('.').map_or(baseline, |(s, _)| s);
    let by_name = runs::run_by_name(name, config).filter(|&yes| yes);
    if change.status == ChangeStatus::Deleted
        || change.path == baseline
        || change.path.starts_with(&format!("{stem}-"))
        || name.starts_with('.')
    {
        return Ok(Outcome::NotARun);
    }
    let Some(bytes) = git.read_at(&head.id, &change.path)? else {
        return Ok(Outcome::NotARun);
    };
    let unread = |e: &Error| Ok(Outcome::NotCompared(NotCompared::Unreadable(unreadable(e))));
    let text = match ingest::registry::text_of(bytes, &change.path) {
        Ok(text) => text,
        Err(e) => return unread(&e),
    };
    // A file no format recognises (a targets list, notes) is not a run; one that a format
    // recognises and that breaks it is reported.
    if by_name.is_none() && !ingest::recognises(config, name, &text) {
        return Ok(Outcome::NotARun);
    }
    let run = match ingest::parse(config, &change.path, &change.path, &text) {
        Ok(run) => run,
        Err(e) => return unread(&e),
    };
    let Some(reference) = metrics::against::baseline_at(git, config, &base.id, baseline)? else {
        return Ok(Outcome::NotCompared(NotCompared::NoBaseline {
            baseline: baseline.to_string(),
            at: base.short.clone(),
        }));
    };
    let reference = match reference {
        Ok(run) => run,
        Err(e) => {
            return Ok(Outcome::NotCompared(NotCompared::BaselineUnreadable(
                unreadable(&e),
            )));
        }
    };
    let mut cmp = metrics::compare(
        config,
        baseline,
        &reference.figures,
        &change.path,
        &run.figures,
    );
    if cmp.metrics.is_empty() {
        return Ok(Outcome::NotCompared(NotCompared::NothingInCommon {
            baseline: baseline.to_string(),
        }));
    }
    // Where both sides carry raw samples, a regression must also be beyond chance.
    noise::weigh(config, &mut cmp, &reference, &run);
    let mut rows: Vec<BenchmarkRow> = cmp
        .metrics
        .iter()
        .map(|c| BenchmarkRow {
            key: c.metric.clone(),
            metric: c.name.clone(),
            unit: c.unit.clone(),
            baseline: c.baseline,
            current: c.current,
            change_pct: c.change_pct,
            regression: c.regression,
            samples: c
                .significance
                .filter(|v| !matches!(v, Verdict::ThresholdOnly { .. })),
        })
        .collect();
    // Stable: regressions first, the rest in the catalog's order.
    rows.sort_by_key(|r| !r.regression);
    Ok(Outcome::Compared(BenchmarkComparison {
        against: baseline.to_string(),
        at: base.clone(),
        rows,
    }))
}

/// One series per figure across the dated runs committed at `head`, as `perfdoc changes`
/// builds them from disk. A run that does not parse is left out (the review notes it).
fn runs_at(git: &Session, config: &Config, head: &CommitRef) -> Result<Vec<Series>> {
    let folder = format!("{}/", config.folders.benchmarks);
    let files = git.files_at(&head.id, |p| {
        p.strip_prefix(&folder).is_some_and(|name| {
            !name.contains('/') && runs::run_by_name(name, config) != Some(false)
        })
    })?;
    let runs: Vec<DatedRun> = files
        .into_iter()
        .filter_map(|(path, bytes)| {
            let name = path.rsplit('/').next().unwrap_or(&path);
            let text = ingest::registry::text_of(bytes, &path).ok()?;
            let by_name = runs::run_by_name(name, config);
            if by_name.is_none() && !ingest::recognises(config, name, &text) {
                return None;
            }
            let run = ingest::parse(config, &path, &path, &text).ok()?;
            // Dated as `perfdoc changes` dates a run on disk: by its name (a file without a
            // date is overwritten in place, a series of its own history).
            let date = runs::date_in_name(name)?;
            Some(DatedRun {
                date,
                path,
                figures: run.figures,
            })
        })
        .collect();
    Ok(changes::run_series(&runs, config))
}
