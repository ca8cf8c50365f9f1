//! Metrics over time, for the site, the review and the monthly report: one series per metric
//! and report kind from the reports' front matter (`metrics:` figures by report date), and
//! one per metric from the baseline file's git history; the latest week-over-week and
//! month-over-month change; points that crossed a threshold flagged.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::catalog;
use super::compare;
use super::format;
use crate::config::{Better, Config};
use crate::practice::Practice;

/// One value of a series.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub value: f64,
    /// The report's path, or the baseline commit's id.
    pub source: String,
    /// Why this point is a regression, when it is one.
    pub regression: Option<String>,
}

/// A metric over time, from one source.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub better: Option<Better>,
    /// The report kind (`daily`, `weekly`, `monthly`) or `baseline`.
    pub source: String,
    /// Oldest first.
    pub points: Vec<Point>,
    pub latest: Option<f64>,
    /// Latest value against the newest one at least 7 days older.
    pub wow_pct: Option<f64>,
    /// Latest value against the newest one at least 28 days older.
    pub mom_pct: Option<f64>,
}

impl Series {
    /// A series of `points` (in any order; sorted by date, stably).
    pub fn from_points(config: &Config, metric: &str, source: &str, points: Vec<Point>) -> Series {
        Series::new(config, metric, source, points)
    }

    fn new(config: &Config, metric: &str, source: &str, mut points: Vec<Point>) -> Series {
        // Stable, by date only: callers push points in order (reports by date then path,
        // baseline versions oldest first), and two baseline commits of one day must keep
        // their commit order, not their ids' order.
        points.sort_by(|a, b| a.date.cmp(&b.date));
        let def = config.metrics.get(metric);
        Series {
            metric: metric.to_string(),
            name: def.map_or_else(|| metric.to_string(), |d| d.name.clone()),
            unit: def.map_or_else(String::new, |d| d.unit.clone()),
            better: def.map(|d| d.better),
            source: source.to_string(),
            latest: points.last().map(|p| p.value),
            wow_pct: change_back(&points, 7),
            mom_pct: change_back(&points, 28),
            points,
        }
    }

    /// The point values as `(date, value)`, for fitting.
    pub fn dated(&self) -> Vec<(Date, f64)> {
        self.points
            .iter()
            .filter_map(|p| Some((p.date.parse().ok()?, p.value)))
            .collect()
    }
}

/// Change in % from the newest point at least `days` older than the latest to the latest.
pub fn change_back(points: &[Point], days: i64) -> Option<f64> {
    let last = points.last()?;
    let last_date: Date = last.date.parse().ok()?;
    let cutoff = last_date.checked_sub(jiff::Span::new().days(days)).ok()?;
    let earlier = points
        .iter()
        .rev()
        .find(|p| p.date.parse::<Date>().is_ok_and(|d| d <= cutoff))?;
    format::change_pct(earlier.value, last.value)
}

/// Series for every metric the reports of `kind` carry in their `metrics:` front matter.
/// A point is flagged when it crosses a threshold against the report's own `baseline:`
/// figure, or against the previous report when it has none.
pub fn report_series(practice: &Practice, kind: &str) -> Vec<Series> {
    let config = &practice.config;
    let mut docs: Vec<_> = practice
        .of_kind(kind)
        .filter_map(|d| Some((d.date()?, d)))
        .collect();
    docs.sort_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
    let mut by_metric: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    for (date, doc) in docs {
        let baseline = doc.figures("baseline");
        for f in doc.figures("metrics") {
            let points = by_metric.entry(f.key.clone()).or_default();
            let reference = baseline
                .iter()
                .find(|b| b.key == f.key)
                .map(|b| (b.value, "baseline"))
                .or_else(|| points.last().map(|p| (p.value, "previous report")));
            let regression = reference.and_then(|(r, what)| flag(config, &f.key, r, f.value, what));
            points.push(Point {
                date: date.to_string(),
                value: f.value,
                source: doc.path.clone(),
                regression,
            });
        }
    }
    by_metric
        .into_iter()
        .map(|(metric, points)| Series::new(config, &metric, kind, points))
        .collect()
}

/// Series of every report kind that has dated figures: daily, weekly, monthly and any report
/// kind a practice added.
pub fn all_report_series(practice: &Practice) -> Vec<Series> {
    practice
        .config
        .kinds
        .iter()
        .filter(|k| !k.is_record())
        .flat_map(|k| report_series(practice, &k.name))
        .collect()
}

/// The versions of a practice file in git, as `baseline_series` takes them: `(commit, RFC 3339
/// date, content)`, oldest first, following renames. Empty outside git or for a file never
/// committed: history is a bonus here, not a requirement.
pub fn git_versions(root: &std::path::Path, rel: &str) -> Vec<(String, String, String)> {
    match crate::history::Session::discover(root) {
        Ok(Some(git)) => git_versions_in(&git, rel),
        _ => Vec::new(),
    }
}

/// [`git_versions`] in a session the caller already has open.
pub fn git_versions_in(git: &crate::history::Session, rel: &str) -> Vec<(String, String, String)> {
    // A run's bytes as the ingest layer reads them (a gzip baseline decompressed, under the
    // cap); bytes it cannot read stay as they are, for the parse to refuse by name.
    let text = |bytes: Vec<u8>| {
        super::ingest::registry::text_of(bytes.clone(), rel)
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned())
    };
    git.series(&git.repo_path(rel))
        .map(|versions| {
            versions
                .into_iter()
                .map(|(stamp, bytes)| (stamp.commit, stamp.date, text(bytes)))
                .collect()
        })
        .unwrap_or_default()
}

/// Everything the site and the review draw about metrics over time, in one value.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Per report kind and metric.
    pub reports: Vec<Series>,
    /// The baseline's history, when the caller read it from git (`baseline_series`).
    pub baseline: Option<BaselineHistory>,
    pub capacity: Option<super::capacity::Projection>,
}

/// The overview of a practice; `baseline_versions` as `baseline_series` takes them, e.g. from
/// `git_versions(root, &config.folders.baseline)` (pass `None` when the history is not
/// wanted).
pub fn overview(
    practice: &Practice,
    baseline_versions: Option<&[(String, String, String)]>,
) -> Overview {
    Overview {
        reports: all_report_series(practice),
        baseline: baseline_versions.map(|v| {
            let config = &practice.config;
            // The runs are read only when there is a baseline history to date by them.
            let runs = if v.is_empty() {
                Vec::new()
            } else {
                dated_runs(practice)
            };
            baseline_series(config, &config.folders.baseline, v, &runs)
        }),
        capacity: super::capacity::from_practice(practice, None),
    }
}

fn flag(config: &Config, key: &str, reference: f64, value: f64, what: &str) -> Option<String> {
    let c = compare::one(config, key, reference, value);
    c.regression.then(|| {
        format!(
            "{} {} is {} against the {what} ({})",
            c.name,
            format::with_unit(value, &c.unit),
            c.reason,
            format::with_unit(reference, &c.unit)
        )
    })
}

/// The baseline over time, from its versions in git: `(commit, RFC 3339 date, JSON text)`
/// as the history module's `series` gives them. Versions that do not parse are listed in
/// `skipped` with the reason, never read as zeros.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineHistory {
    pub series: Vec<Series>,
    /// Every version that parsed, oldest first: what the baseline was from when.
    pub versions: Vec<BaselineVersion>,
    pub skipped: Vec<String>,
}

/// One committed version of the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineVersion {
    pub commit: String,
    /// `YYYY-MM-DD`: the day of the run it holds (see `run_day`).
    pub date: String,
    /// `YYYY-MM-DD`: the day it was committed, from when it was in force.
    pub committed: String,
    pub figures: Vec<catalog::Value>,
    /// Its figures differ from the previous version's: the baseline was promoted here. The
    /// first version is the baseline's start, not a promotion; a commit that only reformats
    /// the file is neither.
    pub promoted: bool,
}

/// A dated run of the benchmarks folder with its figures: what a baseline version is matched
/// against to find the run it came from.
#[derive(Debug, Clone)]
pub struct DatedRun {
    pub date: Date,
    /// Relative to the practice root.
    pub path: String,
    pub figures: Vec<catalog::Value>,
}

/// The runs of the benchmarks folder with a date in their name, oldest first (a file without
/// one is overwritten in place: its history is its series, see `changes::all_series`). A run
/// that does not parse is left out (`check` reports it).
pub fn dated_runs(practice: &Practice) -> Vec<DatedRun> {
    super::runs::list(&practice.root, &practice.config)
        .into_iter()
        .filter_map(|file| {
            let date = file.date?;
            let run = super::ingest::load(&practice.config, &practice.root, &file.path).ok()?;
            Some(DatedRun {
                date,
                path: file.path,
                figures: run.figures,
            })
        })
        .collect()
}

pub fn utc_date(t: jiff::Timestamp) -> Date {
    jiff::tz::Offset::UTC.to_datetime(t).date()
}

/// The day a baseline version measures: the run's own start where its format records one;
/// else the newest dated run of the benchmarks folder, not after the commit, whose figures it
/// carries unchanged (the run it was promoted from); else the commit's day. A baseline
/// committed a year after its run is drawn at the run.
fn run_day(run: &catalog::Run, committed: &str, runs: &[DatedRun]) -> String {
    let day = committed.get(..10).unwrap_or(committed);
    if let Some(t) = run.started {
        return utc_date(t).to_string();
    }
    let commit_day: Option<Date> = day.parse().ok();
    let from = runs.iter().rev().find(|r| {
        commit_day.is_none_or(|c| r.date <= c)
            && !run.figures.is_empty()
            && run.figures.iter().all(|f| {
                r.figures
                    .iter()
                    .any(|g| g.key == f.key && g.value == f.value)
            })
    });
    from.map_or_else(|| day.to_string(), |r| r.date.to_string())
}

/// The version of the baseline file in force on a day.
pub struct InForce {
    pub run: catalog::Run,
    /// `baseline of 2025-12-01, commit abc1234`: the day of the run it holds and the commit.
    pub label: String,
}

/// How a report names a baseline version: `baseline of 2025-12-01, commit abc1234`.
pub fn version_label(run_day: &str, commit: &str) -> String {
    let short: String = commit.chars().take(7).collect();
    format!("baseline of {run_day}, commit {short}")
}

/// The baseline as committed by the end of `day` (the last version committed on or before
/// it), read from git; `None` outside git or when no version was committed by then, an error
/// when that version does not parse.
pub fn in_force_on(practice: &Practice, day: Date) -> Option<crate::error::Result<InForce>> {
    let config = &practice.config;
    let versions = git_versions(&practice.root, &config.folders.baseline);
    let day = day.to_string();
    let (commit, date, text) = versions
        .iter()
        .rev()
        .find(|(_, date, _)| date.get(..10).is_some_and(|d| d <= day.as_str()))?;
    let short: String = commit.chars().take(7).collect();
    let file = &config.folders.baseline;
    Some(
        super::ingest::parse(config, file, &format!("{file}@{short}"), text).map(|mut run| {
            let label = version_label(&run_day(&run, date, &dated_runs(practice)), commit);
            run.file = file.clone();
            InForce { run, label }
        }),
    )
}

/// The baseline's history: `versions` as `git_versions` gives them, each dated by the run it
/// came from (`runs`, from `dated_runs`; pass none to date by commit).
pub fn baseline_series(
    config: &Config,
    file: &str,
    versions: &[(String, String, String)],
    runs: &[DatedRun],
) -> BaselineHistory {
    file_series(config, file, "baseline", versions, runs)
}

/// [`baseline_series`] of any run file kept in git (one a job overwrites in place), its
/// series named `source`.
pub fn file_series(
    config: &Config,
    file: &str,
    source: &str,
    versions: &[(String, String, String)],
    runs: &[DatedRun],
) -> BaselineHistory {
    let mut by_metric: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut parsed: Vec<BaselineVersion> = Vec::new();
    for (commit, date, text) in versions {
        let short = &commit[..commit.len().min(8)];
        let display = format!("{file}@{short}");
        let run = match super::ingest::parse(config, file, &display, text) {
            Ok(run) => run,
            Err(e) => {
                skipped.push(e.to_string());
                continue;
            }
        };
        let day = run_day(&run, date, runs);
        parsed.push(BaselineVersion {
            commit: commit.clone(),
            date: day.clone(),
            committed: date.get(..10).unwrap_or(date).to_string(),
            promoted: parsed
                .last()
                .is_some_and(|prev| prev.figures != run.figures),
            figures: run.figures.clone(),
        });
        for f in run.figures {
            let points = by_metric.entry(f.key.clone()).or_default();
            let regression = points
                .last()
                .and_then(|p| flag(config, &f.key, p.value, f.value, "previous baseline"));
            points.push(Point {
                date: day.clone(),
                value: f.value,
                source: commit.clone(),
                regression,
            });
        }
    }
    BaselineHistory {
        series: by_metric
            .into_iter()
            .map(|(metric, points)| Series::new(config, &metric, source, points))
            .collect(),
        versions: parsed,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(date: &str, value: f64) -> Point {
        Point {
            date: date.into(),
            value,
            source: String::new(),
            regression: None,
        }
    }

    fn example() -> Practice {
        Practice::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_example_practices_series() {
        let practice = example();
        let weekly = report_series(&practice, "weekly");
        let p95 = weekly.iter().find(|s| s.metric == "p95_ms").unwrap();
        let values: Vec<f64> = p95.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [577.0, 492.0, 519.0, 418.0, 392.0]);
        // W49 is over +10% against its own baseline figure (512), as its table says.
        let flagged: Vec<&str> = p95
            .points
            .iter()
            .filter(|p| p.regression.is_some())
            .map(|p| p.source.as_str())
            .collect();
        assert_eq!(flagged, ["reports/weekly-2025-W49.md"]);
        // 418 → 392 and 577 → 392, to the one decimal a change is shown with.
        assert_eq!(p95.wow_pct, Some(-6.2));
        assert_eq!(p95.mom_pct, Some(-32.1));

        // The Telnyx outage: the one RED day, message success below 98%.
        let daily = report_series(&practice, "daily");
        let success = daily
            .iter()
            .find(|s| s.metric == "success_rate_pct")
            .unwrap();
        let red: Vec<&str> = success
            .points
            .iter()
            .filter(|p| p.regression.is_some())
            .map(|p| p.date.as_str())
            .collect();
        assert_eq!(red, ["2025-12-16"]);
        assert!(all_report_series(&practice).len() > daily.len() + weekly.len());
        let o = overview(&practice, Some(&[]));
        assert!(o.baseline.unwrap().series.is_empty());
        assert_eq!(o.capacity.unwrap().peak_rps, 14.2);
        assert!(
            serde_json::to_string(&o.reports)
                .unwrap()
                .contains("\"wow_pct\"")
        );
    }

    #[test]
    fn week_and_month_back() {
        let points = [
            p("2025-12-01", 200.0),
            p("2025-12-08", 220.0),
            p("2025-12-29", 198.0),
            p("2026-01-05", 180.0),
        ];
        assert_eq!(change_back(&points, 7), Some(-9.1), "198 → 180");
        assert_eq!(change_back(&points, 28), Some(-18.2), "220 → 180");
        assert!(change_back(&points[..1], 7).is_none());
    }

    #[test]
    fn baseline_history_skips_broken_versions_loudly() {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let good = |avg: f64| {
            format!(
                r#"{{"metrics": {{"http_req_duration": {{"avg": {avg}, "med": 1, "p(95)": 2}}, "http_reqs": {{"count": 3, "rate": 5.2}}}}}}"#
            )
        };
        let versions = vec![
            (
                "aaaaaaaa11".into(),
                "2025-11-03T09:00:00+00:00".into(),
                good(245.0),
            ),
            (
                "bbbbbbbb22".into(),
                "2025-11-20T09:00:00+00:00".into(),
                "{\"metrics\": ".into(),
            ),
            (
                "cccccccc33".into(),
                "2026-01-05T09:00:00+00:00".into(),
                good(300.0),
            ),
        ];
        let h = baseline_series(&config, "benchmarks/main-baseline.json", &versions, &[]);
        assert_eq!(h.skipped.len(), 1);
        assert!(
            h.skipped[0].contains("main-baseline.json@bbbbbbbb"),
            "{:?}",
            h.skipped
        );
        let avg = h.series.iter().find(|s| s.metric == "avg_ms").unwrap();
        assert_eq!(avg.points.len(), 2);
        assert!(avg.points[1].regression.is_some());
        assert_eq!(avg.points[1].date, "2026-01-05");
        let promoted: Vec<bool> = h.versions.iter().map(|v| v.promoted).collect();
        assert_eq!(promoted, [false, true]);
    }

    #[test]
    fn same_day_baseline_commits_keep_their_order_and_rewrites_are_no_promotion() {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let run = |p95: f64| {
            format!(r#"{{"metrics": {{"http_req_duration": {{"avg": 200, "p(95)": {p95}}}}}}}"#)
        };
        // Commit ids in the opposite order of the commits.
        let versions = vec![
            (
                "ffff0001".into(),
                "2025-12-01T09:00:00+00:00".into(),
                run(500.0),
            ),
            (
                "eeee0002".into(),
                "2025-12-01T17:00:00+00:00".into(),
                run(450.0),
            ),
            (
                "dddd0003".into(),
                "2025-12-08T09:00:00+00:00".into(),
                format!("{}\n", run(450.0)),
            ),
        ];
        let h = baseline_series(&config, "benchmarks/main-baseline.json", &versions, &[]);
        let p95 = h.series.iter().find(|s| s.metric == "p95_ms").unwrap();
        let values: Vec<f64> = p95.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [500.0, 450.0, 450.0]);
        assert_eq!(p95.latest, Some(450.0));
        let promoted: Vec<(&str, bool)> = h
            .versions
            .iter()
            .map(|v| (v.commit.as_str(), v.promoted))
            .collect();
        assert_eq!(
            promoted,
            [("ffff0001", false), ("eeee0002", true), ("dddd0003", false)]
        );
    }

    #[test]
    fn a_baseline_whose_format_records_its_start_is_dated_by_it() {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        for fixture in ["k6-raw-fast.json", "k6-raw-fast.csv", "jmeter-fast.jtl"] {
            let text = std::fs::read_to_string(format!(
                "{}/tests/fixtures/formats/{fixture}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let versions = vec![("aaaa0001".into(), "2026-06-01T09:00:00+00:00".into(), text)];
            let h = baseline_series(&config, "benchmarks/main-baseline.json", &versions, &[]);
            assert!(h.skipped.is_empty(), "{fixture}: {:?}", h.skipped);
            // The fixtures ran on 2026-01-05 from 10:00 UTC (their first sample's time).
            assert_eq!(h.versions[0].date, "2026-01-05", "{fixture}");
            assert_eq!(h.versions[0].committed, "2026-06-01", "{fixture}");
        }
    }

    #[test]
    fn a_summary_baseline_is_dated_by_the_run_it_carries_else_by_its_commit() {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let text = r#"{"metrics": {"http_req_duration": {"avg": 198.4, "p(95)": 390.2}}}"#;
        let run = |date: &str, avg: f64| DatedRun {
            date: date.parse().unwrap(),
            path: format!("benchmarks/k6-{date}.json"),
            figures: vec![
                catalog::Value::catalog("avg_ms", avg),
                catalog::Value::catalog("p95_ms", 390.2),
                catalog::Value::catalog("throughput_rps", 5.5),
            ],
        };
        let versions = vec![(
            "aaaa0001".into(),
            "2026-11-28T09:00:00+00:00".into(),
            text.into(),
        )];
        // The run it was promoted from carries its figures (and more); a later one does not count.
        let runs = [
            run("2025-12-15", 221.8),
            run("2025-12-29", 198.4),
            run("2026-12-01", 198.4),
        ];
        let h = baseline_series(&config, "benchmarks/main-baseline.json", &versions, &runs);
        assert_eq!(h.versions[0].date, "2025-12-29");
        assert_eq!(h.series[0].points[0].date, "2025-12-29");
        let h = baseline_series(
            &config,
            "benchmarks/main-baseline.json",
            &versions,
            &runs[..1],
        );
        assert_eq!(h.versions[0].date, "2026-11-28");
    }

    #[test]
    fn a_baseline_of_another_tool_has_a_history_too() {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let fixture = |n: &str| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/formats/{n}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let versions = vec![
            (
                "aaaa0001".into(),
                "2025-12-01T09:00:00+00:00".into(),
                fixture("vegeta-slow.json"),
            ),
            (
                "bbbb0002".into(),
                "2025-12-08T09:00:00+00:00".into(),
                fixture("vegeta-fast.json"),
            ),
        ];
        let h = baseline_series(&config, "benchmarks/main-baseline.json", &versions, &[]);
        assert!(h.skipped.is_empty(), "{:?}", h.skipped);
        let p95 = h.series.iter().find(|s| s.metric == "p95_ms").unwrap();
        let values: Vec<f64> = p95.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [84.15, 28.05]);
        assert!(h.versions[1].promoted);
    }
}
