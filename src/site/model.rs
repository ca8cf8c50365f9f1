//! The site's input view-model: everything the pages show that is not in a document itself
//! (git history, metric series, regressions, capacity), as plain serde types. The site never
//! reaches into `history` or `metrics` directly; the one builder at the bottom of this file is
//! where those modules' results are mapped in, so wiring them is a few lines here.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{Better, Config};
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
    /// Regressions against the baseline that the latest figures still show.
    pub open_regressions: Vec<RegressionView>,
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

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// `YYYY-MM-DD`.
    #[serde(serialize_with = "date_str")]
    pub date: Date,
    pub value: f64,
}

fn date_str<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct CapacityView {
    pub max_rps: f64,
    pub current_rps: f64,
    pub headroom_pct: f64,
    /// Growth of throughput per day, from a least-squares fit over the series.
    pub growth_rps_per_day: f64,
    /// When the trend reaches `max_rps`; `None` when throughput is not growing.
    pub reaches_max_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegressionView {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub date: String,
    pub value: f64,
    pub baseline: Option<f64>,
    pub rule: String,
    /// `812 ms`, `0.74%`.
    pub shown: String,
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

    /// The view-model computed from the practice alone: series from the reports' front-matter
    /// figures, no git history. This is the single place where the `history` and `metrics`
    /// modules' results are to be mapped in.
    pub fn from_practice(practice: &'a Practice) -> SiteInput<'a> {
        let series = series_from_reports(practice);
        let capacity = capacity(&practice.config, &series);
        let open_regressions = open_regressions(&practice.config, &series);
        SiteInput {
            practice,
            history: BTreeMap::new(),
            series,
            capacity,
            open_regressions,
        }
    }
}

/// Daily reports carry the day-by-day figures; weekly and monthly ones aggregate them, so they
/// feed the series only when a practice has no daily reports. Baselines come from any report's
/// `baseline` figures.
fn series_from_reports(practice: &Practice) -> Vec<Series> {
    let config = &practice.config;
    let reports: Vec<_> = practice
        .docs
        .iter()
        .filter(|d| d.kind.as_deref().is_some_and(|k| k != "optimization"))
        .filter_map(|d| Some((d.date()?, d)))
        .collect();
    let has_daily = reports
        .iter()
        .any(|(_, d)| d.kind.as_deref() == Some("daily"));
    let mut values: BTreeMap<String, BTreeMap<Date, f64>> = BTreeMap::new();
    let mut baselines: BTreeMap<String, BTreeMap<Date, f64>> = BTreeMap::new();
    for (date, doc) in &reports {
        if !has_daily || doc.kind.as_deref() == Some("daily") {
            for f in doc.figures("metrics") {
                values.entry(f.key).or_default().insert(*date, f.value);
            }
        }
        for f in doc.figures("baseline") {
            baselines.entry(f.key).or_default().insert(*date, f.value);
        }
    }
    values
        .into_iter()
        .map(|(key, points)| {
            let def = config.metrics.get(&key);
            let points: Vec<Point> = points
                .into_iter()
                .map(|(date, value)| Point { date, value })
                .collect();
            let baseline_points: Vec<Point> = baselines
                .remove(&key)
                .unwrap_or_default()
                .into_iter()
                .map(|(date, value)| Point { date, value })
                .collect();
            let promotions = baseline_points
                .windows(2)
                .filter(|w| w[0].value != w[1].value)
                .map(|w| w[1])
                .collect();
            let mut s = Series {
                name: def.map_or_else(|| key.clone(), |d| d.name.clone()),
                unit: def.map(|d| d.unit.clone()).unwrap_or_default(),
                better: def.map(|d| d.better),
                key,
                points,
                baseline_points,
                regressions: Vec::new(),
                promotions,
            };
            s.regressions = s
                .points
                .iter()
                .filter(|p| regression_rule(config, &s, **p).is_some())
                .copied()
                .collect();
            s
        })
        .collect()
}

/// The seed's thresholds: latency more than N % above the reference, message success below
/// its floor, error rate above its ceiling. Interim: the metrics module owns these rules.
fn regression_rule(config: &Config, s: &Series, p: Point) -> Option<String> {
    let t = &config.thresholds;
    match s.key.as_str() {
        "success_rate_pct" if p.value < t.min_success_rate_pct => {
            Some(format!("below {}%", t.min_success_rate_pct))
        }
        "error_rate_pct" if p.value > t.max_error_rate_pct => {
            Some(format!("above {}%", t.max_error_rate_pct))
        }
        k if k.ends_with("_ms") => {
            let base = s.baseline_on(p.date)?;
            (p.value > base * (1.0 + t.latency_regression_pct / 100.0))
                .then(|| format!("more than {}% above the baseline", t.latency_regression_pct))
        }
        _ => None,
    }
}

fn open_regressions(config: &Config, series: &[Series]) -> Vec<RegressionView> {
    series
        .iter()
        .filter_map(|s| {
            let last = s.points.last()?;
            s.regressions.last().filter(|r| *r == last)?;
            let rule = regression_rule(config, s, *last)?;
            Some(RegressionView {
                key: s.key.clone(),
                name: s.name.clone(),
                unit: s.unit.clone(),
                date: last.date.to_string(),
                value: last.value,
                baseline: s.baseline_on(last.date),
                rule,
                shown: super::svg::with_unit(last.value, &s.unit),
            })
        })
        .collect()
}

fn capacity(config: &Config, series: &[Series]) -> Option<CapacityView> {
    let max_rps = config.capacity_max_rps?;
    let s = series.iter().find(|s| s.key == "throughput_rps")?;
    let last = s.points.last()?;
    let first = s.points.first()?;
    let xs: Vec<f64> = s
        .points
        .iter()
        .map(|p| days_between(first.date, p.date))
        .collect();
    let n = xs.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = s.points.iter().map(|p| p.value).sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, p) in xs.iter().zip(&s.points) {
        num += (x - mean_x) * (p.value - mean_y);
        den += (x - mean_x) * (x - mean_x);
    }
    let slope = if den > 0.0 { num / den } else { 0.0 };
    let reaches_max_on = (slope > 0.0 && last.value < max_rps)
        .then(|| {
            let days = ((max_rps - last.value) / slope).ceil() as i64;
            last.date
                .checked_add(jiff::Span::new().days(days.min(365 * 50)))
                .ok()
        })
        .flatten()
        .map(|d| d.to_string());
    Some(CapacityView {
        max_rps,
        current_rps: last.value,
        headroom_pct: (max_rps - last.value) / max_rps * 100.0,
        growth_rps_per_day: slope,
        reaches_max_on,
    })
}

pub fn days_between(a: Date, b: Date) -> f64 {
    a.until(b).map_or(0.0, |s| s.get_days() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_counts_calendar_days() {
        let a: Date = "2025-12-01".parse().unwrap();
        let b: Date = "2026-01-02".parse().unwrap();
        assert_eq!(days_between(a, b), 32.0);
    }
}
