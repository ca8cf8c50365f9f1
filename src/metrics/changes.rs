//! Change points in every series the practice holds: each figure of each periodic report kind
//! by report date, each catalog figure across the k6 runs in `benchmarks/` by run date, and the
//! baseline file's figures across its git history. Returns data; `cmd::changes` prints it.

use serde::Serialize;

use super::stats::{self, Options};
use super::trends::{self, Point, Series};
use super::{catalog, runs};
use crate::config::Better;
use crate::history::{WindowCommit, in_window};
use crate::practice::Practice;

/// One change point, in the shape `perfdoc changes --format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub metric: String,
    /// The series: a report kind (`daily`), `benchmarks` or `baseline`.
    pub series: String,
    /// The first point after the change, `YYYY-MM-DD`.
    pub date: String,
    /// That point's position in the series, from 0.
    pub index: usize,
    pub before: f64,
    pub after: f64,
    pub change_pct: Option<f64>,
    pub p_value: f64,
    /// The change goes the metric's bad way (its catalog direction; an unknown metric has
    /// none and never regresses).
    pub regression: bool,
    /// Commits between the last point before and the first after, oldest first.
    pub commits: Vec<WindowCommit>,
    /// The point's source: the report's path, the run file, the baseline commit.
    pub source: String,
}

/// Every series `changes` looks at. `baseline_versions` as `trends::git_versions` gives them.
pub fn all_series(
    practice: &Practice,
    baseline_versions: &[(String, String, String)],
) -> Vec<Series> {
    let config = &practice.config;
    let mut out = trends::all_report_series(practice);
    out.extend(run_series(practice));
    out.extend(trends::baseline_series(config, &config.folders.baseline, baseline_versions).series);
    out
}

/// One series per catalog figure across the dated run files, oldest first. A run that does
/// not parse is left out of the series (`check` reports it).
fn run_series(practice: &Practice) -> Vec<Series> {
    let runs = runs::list(&practice.root, &practice.config)
        .into_iter()
        .filter_map(|file| {
            let date = file.date?;
            let run = catalog::load(&practice.root, &file.path).ok()?;
            Some((date.to_string(), file.path, run))
        });
    series_of_runs(&practice.config, runs)
}

/// One series per figure across `runs` (`(date, path, run)`, however they were read: from
/// disk, or as a revision has them).
pub fn series_of_runs(
    config: &crate::config::Config,
    runs: impl IntoIterator<Item = (String, String, catalog::Run)>,
) -> Vec<Series> {
    let mut by_metric: std::collections::BTreeMap<String, Vec<Point>> = Default::default();
    for (date, path, run) in runs {
        for v in &run.figures {
            by_metric.entry(v.key.clone()).or_default().push(Point {
                date: date.clone(),
                value: v.value,
                source: path.clone(),
                regression: None,
            });
        }
    }
    by_metric
        .into_iter()
        .map(|(metric, points)| trends::Series::from_points(config, &metric, "benchmarks", points))
        .collect()
}

/// The change points of one series; `commits` as `Session::dated_commits` gives them (empty
/// without git).
pub fn of_series(series: &Series, opts: &Options, commits: &[WindowCommit]) -> Vec<Change> {
    let points: Vec<&Point> = series
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .collect();
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    stats::change_points(&values, opts)
        .into_iter()
        .map(|cp| {
            let first = points[cp.index];
            let last_before = points[cp.index - 1];
            let regression = match series.better {
                Some(Better::Lower) => cp.after > cp.before,
                Some(Better::Higher) => cp.after < cp.before,
                None => false,
            };
            Change {
                metric: series.metric.clone(),
                series: series.source.clone(),
                date: first.date.clone(),
                index: cp.index,
                before: cp.before,
                after: cp.after,
                change_pct: cp.change_pct,
                p_value: cp.p_value,
                regression,
                commits: in_window(commits, &last_before.date, &first.date),
                source: first.source.clone(),
            }
        })
        .collect()
}

/// The change points of every series, by date then metric.
pub fn all(series: &[Series], opts: &Options, commits: &[WindowCommit]) -> Vec<Change> {
    let mut out: Vec<Change> = series
        .iter()
        .flat_map(|s| of_series(s, opts, commits))
        .collect();
    out.sort_by(|a, b| (&a.date, &a.metric, &a.series).cmp(&(&b.date, &b.metric, &b.series)));
    out
}
