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
use crate::error::Result;
use crate::history::{self, ChangeStatus, CommitRef};
use crate::practice::{self, Practice};
use crate::review::{self, BenchmarkChange, BenchmarkComparison, Input};

pub fn run(dir: &Path, args: ReviewArgs) -> Result<ExitCode> {
    let root = Practice::discover(dir)?;
    let head = history::resolve(&root, &args.head)?;
    let (base, base_branch) = match &args.base {
        Some(rev) => (history::merge_base(&root, rev, &head.id)?, None),
        None => {
            let (base, branch) = history::merge_base_with_default(&root, &head.id)?;
            (base, Some(branch))
        }
    };
    let practice = practice_at(&root, &head)?;
    let changes = history::changes(&root, &base.id, &head.id)?;
    let mut benchmarks = review::benchmark_changes(&practice.config, &changes);
    for change in &mut benchmarks {
        change.comparison = compare_benchmark(&practice, &head, change)?;
    }
    let mut deleted = Vec::new();
    for change in changes.iter().filter(|c| c.status == ChangeStatus::Deleted) {
        let path = change.path();
        if !practice.is_doc_path(path) {
            continue;
        }
        if let Some(bytes) = history::read_at(&root, &base.id, path)? {
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
fn practice_at(root: &Path, head: &CommitRef) -> Result<Practice> {
    let book = history::read_at(root, &head.id, CONFIG_FILE)?;
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
    let files = history::files_at(root, &head.id, |p| {
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

/// The comparison of a changed benchmark file against the baseline. This is the hook point for
/// the metrics engine: the integrator wires it to `metrics::compare` (the run as committed at
/// `head` against the practice's baseline at `head`, regressions by the configured thresholds).
/// Until then it compares nothing and the review lists the file as added or changed.
fn compare_benchmark(
    _practice: &Practice,
    _head: &CommitRef,
    _change: &BenchmarkChange,
) -> Result<Option<BenchmarkComparison>> {
    Ok(None)
}
