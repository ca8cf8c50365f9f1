//! Change points in every series the practice holds: each figure of each periodic report kind
//! by report date, each catalog figure across the dated runs in `benchmarks/` by run date, the
//! baseline file's figures and each undated run file's (one overwritten in place, say
//! `k6-nightly.json`) across their git history; and the commits in each change's window, from
//! the practice's repository or the `code-repository` clone. Returns data; `cmd::changes`,
//! the site and the monthly scaffold show it.

use serde::Serialize;

use super::runs;
use super::stats::{self, Options};
use super::trends::{self, Point, Series};
use crate::config::Better;
use crate::error::{Error, Result};
use crate::history::{Session, WindowCommit, in_window};
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
    /// The date of the last point before the change: the window's start (excluded).
    #[serde(skip)]
    pub last_before: String,
    /// The point's source: the report's path, the run file, the baseline commit.
    pub source: String,
}

impl Change {
    /// `P95 latency +28.0% since 2025-09-10`, the metric named as the catalog names it.
    pub fn headline(&self, config: &crate::config::Config) -> String {
        let name = config
            .metrics
            .get(&self.metric)
            .map_or(self.metric.as_str(), |d| d.name.as_str());
        let pct = self
            .change_pct
            .map_or_else(|| "changed".to_string(), super::format::change);
        format!("{name} {pct} since {}", self.date)
    }

    /// `412 ms → 527 ms`: the two levels, in the metric's unit.
    pub fn levels(&self, config: &crate::config::Config) -> String {
        let unit = config
            .metrics
            .get(&self.metric)
            .map_or("", |d| d.unit.as_str());
        format!(
            "{} → {}",
            super::format::with_unit(self.before, unit),
            super::format::with_unit(self.after, unit)
        )
    }
}

/// Every series `changes` looks at; the histories in git when `git` is given.
pub fn all_series(practice: &Practice, git: Option<&Session>) -> Vec<Series> {
    let config = &practice.config;
    let runs = trends::dated_runs(practice);
    let mut out = trends::all_report_series(practice);
    out.extend(run_series(&runs, config));
    let Some(git) = git else {
        return out;
    };
    let versions = trends::git_versions_in(git, &config.folders.baseline);
    out.extend(trends::baseline_series(config, &config.folders.baseline, &versions, &runs).series);
    // A run file without a date in its name is one a job overwrites in place: its history is
    // the series. A dated file is one run and a point of the series above.
    for file in runs::list(&practice.root, config) {
        if file.date.is_some() {
            continue;
        }
        let versions = trends::git_versions_in(git, &file.path);
        if versions.len() > 1 {
            out.extend(
                trends::file_series(config, &file.path, &file.path, &versions, &runs).series,
            );
        }
    }
    out
}

/// One series per catalog figure across the dated runs, oldest first (from disk, or as a
/// revision has them).
pub fn run_series(runs: &[trends::DatedRun], config: &crate::config::Config) -> Vec<Series> {
    let mut by_metric: std::collections::BTreeMap<String, Vec<Point>> = Default::default();
    for run in runs {
        for v in &run.figures {
            by_metric.entry(v.key.clone()).or_default().push(Point {
                date: run.date.to_string(),
                value: v.value,
                source: run.path.clone(),
                regression: None,
            });
        }
    }
    by_metric
        .into_iter()
        .map(|(metric, points)| trends::Series::from_points(config, &metric, "benchmarks", points))
        .collect()
}

/// The change points of one series, without their commits ([`attribute`] adds them).
pub fn of_series(series: &Series, opts: &Options) -> Vec<Change> {
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
                commits: Vec::new(),
                last_before: last_before.date.clone(),
                source: first.source.clone(),
            }
        })
        .collect()
}

/// The change points of every series, by date then metric.
pub fn all(series: &[Series], opts: &Options) -> Vec<Change> {
    let mut out: Vec<Change> = series.iter().flat_map(|s| of_series(s, opts)).collect();
    out.sort_by(|a, b| (&a.date, &a.metric, &a.series).cmp(&(&b.date, &b.metric, &b.series)));
    out
}

/// What to look for: the statistics' options, one metric or all, the dates a change's first
/// point may have (`YYYY-MM-DD`, both ends included, either open).
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    pub opts: Options,
    pub metric: Option<&'a str>,
    pub from: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// Every change point the query asks for, with its commits: what `perfdoc changes` prints,
/// the site shows and the monthly scaffold lists.
pub fn find(practice: &Practice, git: Option<&Session>, q: &Query) -> Result<Vec<Change>> {
    let mut found = points(practice, git, q);
    let commits = commits_for(practice, git, &found)?;
    attribute(&mut found, &commits);
    Ok(found)
}

/// [`find`] without the commits.
pub fn points(practice: &Practice, git: Option<&Session>, q: &Query) -> Vec<Change> {
    let mut series = all_series(practice, git);
    if let Some(m) = q.metric {
        series.retain(|s| s.metric == m);
    }
    let mut found = all(&series, &q.opts);
    found.retain(|c| {
        q.from.is_none_or(|f| c.date.as_str() >= f) && q.until.is_none_or(|u| c.date.as_str() <= u)
    });
    found
}

/// The change each series is in now: the latest of each metric's series in `found`.
pub fn open(found: &[Change]) -> Vec<&Change> {
    let mut latest: std::collections::BTreeMap<(&str, &str), &Change> = Default::default();
    for c in found {
        let slot = latest.entry((&c.metric, &c.series)).or_insert(c);
        if c.date > slot.date {
            *slot = c;
        }
    }
    let mut out: Vec<&Change> = latest.into_values().collect();
    out.sort_by(|a, b| (&b.date, &a.metric).cmp(&(&a.date, &b.metric)));
    out
}

/// Fills each change's commits: those in its window, oldest first.
pub fn attribute(found: &mut [Change], commits: &[WindowCommit]) {
    for c in found {
        c.commits = in_window(commits, &c.last_before, &c.date);
    }
}

/// The commits the windows of `found` need, from the `code-repository` clone when the
/// practice names one, else from the practice's own repository (`git`; none without it). The
/// walk goes back only to the earliest window.
pub fn commits_for(
    practice: &Practice,
    git: Option<&Session>,
    found: &[Change],
) -> Result<Vec<WindowCommit>> {
    let code = match &practice.config.code_repository {
        Some(code) => Some(code_repository(practice, code)?),
        None => None,
    };
    let Some(since) = found.iter().map(|c| c.last_before.as_str()).min() else {
        return Ok(Vec::new());
    };
    match (&code, git) {
        (Some(code), _) => Ok(code.dated_commits(Some(since))?),
        (None, Some(git)) => Ok(git.dated_commits(Some(since)).unwrap_or_default()),
        (None, None) => Ok(Vec::new()),
    }
}

/// Opens the clone `code-repository` names, relative to the practice: it must exist and be
/// a git repository itself (never one found by climbing from it).
fn code_repository(practice: &Practice, code: &crate::config::CodeRepository) -> Result<Session> {
    let path = practice.root.join(&code.path);
    let refuse = |why: &str| Error::CodeRepository {
        at: code.at.clone(),
        path: code.path.clone(),
        why: why.to_string(),
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return Err(refuse("does not exist"));
    };
    if !meta.is_dir() {
        return Err(refuse("is not a folder"));
    }
    let path = path.canonicalize().unwrap_or(path);
    Session::open_exact(&path)
        .map_err(|e| refuse(&format!("cannot be opened: {e}")))?
        .ok_or_else(|| refuse("is not a git repository (a clone's top folder)"))
}
