//! The site's input view-model: everything the pages show that is not in a document itself
//! (git history, metric series, regressions, capacity, the baseline's versions), as plain
//! serde types. The site never reaches into `history` or `metrics` directly: `with_history` and
//! `with_metrics` below map those modules' results in, so the pages only draw.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::config::{Better, Period};
use crate::metrics::capacity::Projection;
use crate::metrics::format;
use crate::metrics::trends::{self, Overview};
use crate::practice::Practice;

/// What `site::build` renders.
pub struct SiteInput<'a> {
    pub practice: &'a Practice,
    /// Per document path (`optimizations/x.md`): its git history. A document missing here is
    /// shown as having no git history.
    pub history: BTreeMap<String, PageHistory>,
    /// One series per metric, sorted by catalog key.
    pub series: Vec<Series>,
    pub capacity: Option<CapacityView>,
    /// Regressions that the latest figures still show.
    pub open_regressions: Vec<RegressionView>,
    /// The baseline file's versions in git, oldest first.
    pub baseline_versions: Vec<BaselineVersionView>,
    /// The practice's folder inside its repository, for source links (`location::source_url`).
    pub repo_prefix: String,
    /// Every change point, oldest first, with the commits in its window.
    pub changes: Vec<ChangeView>,
}

/// A change point as the pages show it: pre-formatted, the commits' text made printable.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeView {
    pub metric: String,
    pub name: String,
    pub series: String,
    /// The first point after the change, `YYYY-MM-DD`.
    pub date: String,
    /// `P95 latency +28.0% since 2025-09-10`.
    pub headline: String,
    /// `412 ms → 527 ms`.
    pub levels: String,
    /// `p < 0.001`.
    pub p: String,
    pub regression: bool,
    /// The latest change of its series: the level it is at now.
    pub open: bool,
    /// The first point's source: a report's path, a run file, a baseline commit.
    pub source: String,
    pub commits: Vec<ChangeCommitView>,
    /// The commits are the practice's own (so its repository URL links them), not the
    /// `code-repository` clone's.
    pub own_commits: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeCommitView {
    pub id: String,
    pub short: String,
    pub summary: String,
    pub author: String,
    pub date: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageHistory {
    pub created: Option<StampView>,
    pub updated: Option<StampView>,
    pub revisions: usize,
    pub authors: Vec<String>,
    pub previous_paths: Vec<String>,
    /// Newest first.
    pub commits: Vec<RevisionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StampView {
    pub commit: String,
    /// RFC 3339.
    pub date: String,
    pub author: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub summary: String,
    /// The document's path at that commit.
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// `YYYY-MM-DD`.
    #[serde(serialize_with = "date_str", deserialize_with = "str_date")]
    pub date: Date,
    pub value: f64,
}

fn date_str<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

fn str_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub better: Option<Better>,
    /// Sorted by date.
    pub points: Vec<Point>,
    /// The reference in force over time, sorted by date.
    pub baseline_points: Vec<Point>,
    /// Points of `points` that crossed a threshold.
    pub regressions: Vec<Point>,
    /// Points of `baseline_points` where the reference changed.
    pub promotions: Vec<Point>,
    /// The period the chart spans: the practice's documents' first and last date, so every
    /// chart of a practice shares one axis and no stray git date stretches it. Not kept with
    /// the rest: it comes from the documents ([`chart_span`]).
    #[serde(skip)]
    pub span: Option<(Date, Date)>,
    /// The report kind the points come from (`daily`).
    pub kind: String,
    /// Change points of `points`, from the changes `with_changes` adds.
    pub changes: Vec<ChangeMark>,
}

/// A change point as a chart marks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeMark {
    /// The first point after the change.
    #[serde(serialize_with = "date_str", deserialize_with = "str_date")]
    pub date: Date,
    pub change_pct: Option<f64>,
    pub p_value: f64,
    /// The change goes the metric's bad way.
    pub regression: bool,
}

impl ChangeMark {
    /// The change as shown (`+49.5%`) and its p-value (`p < 0.001`, `p = 0.004`).
    pub fn shown(&self) -> (String, String) {
        let pct = self
            .change_pct
            .map_or_else(|| "changed".to_string(), format::change);
        (pct, crate::metrics::noise::p_text(self.p_value))
    }
}

impl Series {
    /// The reference in force on `date`: the latest baseline point not after it.
    pub fn baseline_on(&self, date: Date) -> Option<f64> {
        self.baseline_points
            .iter()
            .rev()
            .find(|p| p.date <= date)
            .map(|p| p.value)
    }
}

/// The capacity projection, pre-formatted (`5.6`, `4.3%`) so templates do no arithmetic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CapacityView {
    /// req/s.
    pub current_rps: String,
    pub peak_rps: String,
    /// Whether the peak is a reported one (a monthly report's) rather than the series' highest.
    pub peak_reported: bool,
    /// The practice's `max-rps`, when it set one.
    pub max_rps: Option<String>,
    /// Headroom of the peak under `max_rps`, in %.
    pub headroom_pct: Option<String>,
    /// Compound growth a month, `+4.3%`.
    pub growth_pct_month: Option<String>,
    /// Fitted over the series, or taken from a monthly report.
    pub growth_fitted: bool,
    /// `YYYY-MM` when the projected average load reaches `max_rps`.
    pub crossing_month: Option<String>,
    /// `YYYY-MM` when the projected peak reaches it: when scaling is needed by.
    pub peak_crossing_month: Option<String>,
    /// The series the projection was fitted over.
    pub points: usize,
    pub from: String,
    pub until: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegressionView {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub date: String,
    pub value: f64,
    /// The baseline in force on that date, from git.
    pub baseline: Option<f64>,
    /// Why it is a regression, in words (the metrics module's verdict).
    pub rule: String,
    /// `812 ms`, `0.74%`.
    pub shown: String,
}

/// One committed version of the baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BaselineVersionView {
    pub commit: String,
    #[serde(serialize_with = "date_str", deserialize_with = "str_date")]
    pub date: Date,
    /// Catalog key → value.
    pub figures: BTreeMap<String, f64>,
    /// Its figures differ from the version before: a promotion.
    pub promoted: bool,
    /// The day it was committed: from then on it was in force.
    #[serde(serialize_with = "date_str", deserialize_with = "str_date")]
    pub committed: Date,
}

impl<'a> SiteInput<'a> {
    /// Adds each document's git history from a walk over the repository. History paths are
    /// repository-relative; `prefix` is where the practice sits in the repository ("" at the
    /// root).
    pub fn with_history(mut self, index: &crate::history::HistoryIndex, prefix: &str) -> Self {
        let stamp = |s: &crate::history::Stamp| StampView {
            commit: s.commit.clone(),
            date: s.date.clone(),
            author: s.author.clone(),
        };
        for doc in &self.practice.docs {
            let key = if prefix.is_empty() {
                doc.path.clone()
            } else {
                format!("{prefix}/{}", doc.path)
            };
            let Some(h) = index.docs.get(&key) else {
                continue;
            };
            self.history.insert(
                doc.path.clone(),
                PageHistory {
                    created: Some(stamp(&h.created)),
                    updated: Some(stamp(&h.updated)),
                    revisions: h.revisions,
                    authors: h.authors.clone(),
                    previous_paths: h.previous_paths.clone(),
                    commits: h
                        .commits
                        .iter()
                        .map(|r| RevisionView {
                            commit: r.stamp.commit.clone(),
                            date: r.stamp.date.clone(),
                            author: r.stamp.author.clone(),
                            summary: r.summary.clone(),
                            path: r.path.clone(),
                        })
                        .collect(),
                },
            );
        }
        self
    }

    /// The view-model of the practice alone: its documents, no git history and no metrics.
    /// Cheap; `with_history` and `with_metrics` add the rest.
    pub fn from_practice(practice: &'a Practice) -> SiteInput<'a> {
        SiteInput {
            practice,
            history: BTreeMap::new(),
            series: Vec::new(),
            capacity: None,
            open_regressions: Vec::new(),
            baseline_versions: Vec::new(),
            repo_prefix: String::new(),
            changes: Vec::new(),
        }
    }

    /// Adds the change points `metrics::changes::find` found.
    pub fn with_changes(mut self, found: &[crate::metrics::changes::Change]) -> Self {
        let config = &self.practice.config;
        let open = crate::metrics::changes::open(found);
        let printable = |s: &str| s.replace(char::is_control, "?");
        self.changes = found
            .iter()
            .map(|c| {
                let name = config
                    .metrics
                    .get(&c.metric)
                    .map_or_else(|| c.metric.clone(), |d| d.name.clone());
                ChangeView {
                    headline: c.headline(config),
                    levels: c.levels(config),
                    p: crate::metrics::noise::p_text(c.p_value),
                    metric: c.metric.clone(),
                    name,
                    series: c.series.clone(),
                    date: c.date.clone(),
                    regression: c.regression,
                    open: open.iter().any(|o| std::ptr::eq(*o, c)),
                    source: c.source.clone(),
                    commits: c
                        .commits
                        .iter()
                        .map(|k| ChangeCommitView {
                            short: k.id.chars().take(7).collect(),
                            id: k.id.clone(),
                            summary: printable(&k.summary),
                            author: printable(&k.author),
                            date: k.date.clone(),
                        })
                        .collect(),
                    own_commits: config.code_repository.is_none(),
                }
            })
            .collect();
        // Each chart marks the change points of the series it draws.
        for s in &mut self.series {
            s.changes = found
                .iter()
                .filter(|c| c.metric == s.key && c.series == s.kind)
                .filter_map(|c| {
                    Some(ChangeMark {
                        date: c.date.parse().ok()?,
                        change_pct: c.change_pct,
                        p_value: c.p_value,
                        regression: c.regression,
                    })
                })
                .collect();
        }
        self
    }

    /// Adds the metrics module's overview: the daily reports' series (another kind's when a
    /// practice has no daily reports) with their flagged points, the baseline's history from
    /// git as each chart's reference line with its promotions, and the capacity projection.
    pub fn with_metrics(mut self, overview: &Overview) -> Self {
        let kind = overview
            .reports
            .iter()
            .find(|s| self.practice.config.period_of(&s.source) == Some(Period::Day))
            .or(overview.reports.first())
            .map(|s| s.source.clone());
        let reports: Vec<&trends::Series> = overview
            .reports
            .iter()
            .filter(|s| Some(&s.source) == kind.as_ref())
            .collect();
        let baseline = overview.baseline.as_ref();
        self.baseline_versions = baseline
            .map(|b| {
                b.versions
                    .iter()
                    .filter_map(|v| {
                        Some(BaselineVersionView {
                            commit: v.commit.clone(),
                            date: v.date.parse().ok()?,
                            figures: v.figures.iter().map(|f| (f.key.clone(), f.value)).collect(),
                            promoted: v.promoted,
                            committed: v.committed.parse().ok()?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let promoted: std::collections::HashSet<&str> = self
            .baseline_versions
            .iter()
            .filter(|v| v.promoted)
            .map(|v| v.commit.as_str())
            .collect();
        let span = chart_span(self.practice);
        self.series = reports
            .iter()
            .map(|s| {
                let reference = baseline
                    .and_then(|b| b.series.iter().find(|r| r.metric == s.metric))
                    .map_or(&[][..], |r| r.points.as_slice());
                Series {
                    key: s.metric.clone(),
                    name: s.name.clone(),
                    unit: s.unit.clone(),
                    better: s.better,
                    points: points(s.points.iter()),
                    baseline_points: points(reference.iter()),
                    regressions: points(s.points.iter().filter(|p| p.regression.is_some())),
                    promotions: points(
                        reference
                            .iter()
                            .filter(|p| promoted.contains(p.source.as_str())),
                    ),
                    span,
                    kind: s.source.clone(),
                    changes: Vec::new(),
                }
            })
            .collect();
        self.open_regressions = reports
            .iter()
            .zip(&self.series)
            .filter_map(|(s, view)| {
                let last = s.points.last()?;
                let rule = last.regression.clone()?;
                let date: Date = last.date.parse().ok()?;
                Some(RegressionView {
                    key: s.metric.clone(),
                    name: s.name.clone(),
                    unit: s.unit.clone(),
                    date: last.date.clone(),
                    value: last.value,
                    baseline: view.baseline_on(date),
                    rule,
                    shown: format::with_unit(last.value, &s.unit),
                })
            })
            .collect();
        self.capacity = overview.capacity.as_ref().map(capacity_view);
        self
    }

    /// The baseline version in force at the end of `day`: the last one committed by then.
    pub fn baseline_committed_by(&self, day: Date) -> Option<&BaselineVersionView> {
        self.baseline_versions.iter().rfind(|v| v.committed <= day)
    }

    /// The baseline around `date`: the version in force before that day, and the version
    /// that followed it (the first one committed on or after `date`). Either may be missing.
    pub fn baseline_around(
        &self,
        date: Date,
    ) -> (Option<&BaselineVersionView>, Option<&BaselineVersionView>) {
        let at = self.baseline_versions.partition_point(|v| v.date < date);
        (
            at.checked_sub(1)
                .and_then(|i| self.baseline_versions.get(i)),
            self.baseline_versions.get(at),
        )
    }
}

/// The period every chart of `practice` spans (`Series::span`): its documents' first and
/// last date.
pub fn chart_span(practice: &Practice) -> Option<(Date, Date)> {
    let dates = practice.docs.iter().filter_map(|d| d.date());
    dates.clone().min().zip(dates.max())
}

/// The metrics module's points as the chart's, dropping any whose date does not parse.
fn points<'p>(from: impl Iterator<Item = &'p trends::Point>) -> Vec<Point> {
    from.filter_map(|p| {
        Some(Point {
            date: p.date.parse().ok()?,
            value: p.value,
        })
    })
    .collect()
}

fn capacity_view(p: &Projection) -> CapacityView {
    use format::number;
    CapacityView {
        current_rps: number(p.current_rps),
        peak_rps: number(p.peak_rps),
        peak_reported: p.peak_reported,
        max_rps: p.max_rps.map(number),
        headroom_pct: p
            .max_rps
            .filter(|m| *m > 0.0)
            .map(|m| format::percent((m - p.peak_rps) / m * 100.0)),
        growth_pct_month: p.growth_pct_month.map(format::change),
        growth_fitted: p.growth_fitted,
        crossing_month: p.crossing_month.clone(),
        peak_crossing_month: p.peak_crossing_month.clone(),
        points: p.points,
        from: p.from.clone(),
        until: p.until.clone(),
    }
}
