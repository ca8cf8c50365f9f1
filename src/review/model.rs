//! What a review says, as data: the documents a change touches with their findings and
//! numbers, the benchmark files it touches, and the totals. `markdown` renders it for people;
//! `--format json` serializes it as is.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::history::{ChangeStatus, CommitRef};
use crate::metrics::noise::Verdict;
use crate::metrics::placement::Placement;

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub base: CommitRef,
    pub head: CommitRef,
    /// The default branch the base is the merge base with, when the base was not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_branch: Option<String>,
    pub summary: Summary,
    /// One row per kind (free pages under `page`), for the table that opens the review.
    pub kinds: Vec<KindRow>,
    /// Everything that got worse, worst first: optimization metrics that went the wrong way,
    /// benchmark rows past the regression threshold.
    pub regressions: Vec<Regression>,
    /// Links in documents the change did not touch that lead to a document it deleted or
    /// renamed away.
    pub broken_links: Vec<BrokenLink>,
    /// Documents with errors first, then regressions, warnings, and the rest by path.
    pub documents: Vec<DocReview>,
    pub benchmarks: Vec<BenchmarkChange>,
    /// Where each figure of the reports and runs the change adds or edits sits in its series.
    pub series: Vec<SeriesNote>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub added: usize,
    pub modified: usize,
    pub renamed: usize,
    pub deleted: usize,
    pub errors: usize,
    pub warnings: usize,
    pub regressions: usize,
    pub broken_links: usize,
    pub benchmarks: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KindRow {
    pub kind: String,
    pub added: usize,
    pub modified: usize,
    pub renamed: usize,
    pub deleted: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Regression {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The metric's display name.
    pub metric: String,
    pub unit: String,
    pub from: f64,
    pub to: f64,
    /// How much worse, in percent (positive).
    pub worse_pct: f64,
}

/// A link the change broke without touching the document that holds it.
#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    /// The document holding the link.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub line: usize,
    /// The link as written.
    pub dest: String,
    /// The path it leads to, which the change deleted or renamed.
    pub target: String,
    /// Where the target went, written as the link should now be (relative to the document).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocReview {
    pub status: ChangeStatus,
    /// The path at head, or the path it had when deleted.
    pub path: String,
    /// The path before a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The page on the published site (`{site-url}{path without .md}/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Diagnostic>,
    /// An optimization record's before → after metrics.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricRow>,
    /// A report's figures against the previous report of its kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<FigureComparison>,
}

impl DocReview {
    pub fn regressed(&self) -> bool {
        self.metrics.iter().any(MetricRow::regressed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// Positive when the change went the good way.
    pub improvement_pct: Option<f64>,
}

impl MetricRow {
    pub fn regressed(&self) -> bool {
        self.improvement_pct.is_some_and(|p| p < 0.0)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureComparison {
    /// The report of the same kind dated just before this one, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<DocRef>,
    pub rows: Vec<FigureRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocRef {
    pub path: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub previous: Option<f64>,
    pub current: f64,
    /// The relative change from the previous report, in percent (signed, not direction-aware).
    pub change_pct: Option<f64>,
    /// Whether the change went the good way, when the catalog says which way that is and the
    /// figure moved.
    pub better: Option<bool>,
}

/// A benchmark file (k6 summary, baseline) the change adds, modifies, renames or deletes.
/// The comparison against the baseline is filled in by the caller, which owns the metrics
/// engine; without one the file is listed as changed.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkChange {
    pub status: ChangeStatus,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<BenchmarkComparison>,
    /// Why a file that should have been compared was not (a k6 summary that does not parse, no
    /// baseline at base), so a broken run is seen rather than silently left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkComparison {
    /// What the run was compared against (`benchmarks/main-baseline.json`).
    pub against: String,
    /// The revision the baseline was read at: the review's base.
    pub at: CommitRef,
    pub rows: Vec<BenchmarkRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkRow {
    /// The catalog key (`p95_ms`), or a harness benchmark's name.
    pub key: String,
    pub metric: String,
    pub unit: String,
    pub baseline: f64,
    pub current: f64,
    /// The relative change from the baseline, in percent (signed); `None` when the baseline
    /// is zero (an error rate of 0 %), where only an absolute threshold can judge.
    pub change_pct: Option<f64>,
    /// Past the threshold and, where both sides carry raw samples, beyond chance.
    pub regression: bool,
    /// The samples' verdict, where the run and the baseline both carry raw samples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Verdict>,
}

/// Where a figure of a report or run the change adds or edits sits in its series (the
/// change-point finder of `perfdoc changes`), and for a run with raw samples how they compare
/// with the baseline's: one line per figure in the review.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesNote {
    /// The report or run.
    pub path: String,
    /// The metric's display name.
    pub metric: String,
    pub unit: String,
    /// The series: a report kind (`daily`) or `benchmarks`.
    pub series: String,
    /// `None` for a run outside any dated series (no date in its name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Verdict>,
}
