//! What a new report can know from the repository before anyone opens a dashboard: the latest
//! k6 run, the baseline, the mean of the week's daily reports, the month's trends, the
//! baseline decision and the capacity projection. Everything arrives pre-formatted for the
//! template (YAML-ready numbers, table cells); what cannot be known stays a placeholder such
//! as `[from dashboard]`, which `perfdoc check` then reports.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{MetricClass, Period};
use crate::metrics::{capacity, catalog, compare, format, ingest, promote, runs};
use crate::practice::Practice;

/// The figures a report's front matter and tables carry, in the seed's order.
pub const REPORT_KEYS: &[&str] = &[
    "avg_ms",
    "p95_ms",
    "success_rate_pct",
    "error_rate_pct",
    "throughput_rps",
];

/// The order of the seed's status message (Uptime, Error Rate, Message Success, Query
/// Latency P95) for given figures; the rest follow in catalog order.
const LISTED_ORDER: &[&str] = &[
    "uptime_pct",
    "error_rate_pct",
    "success_rate_pct",
    "p95_ms",
    "avg_ms",
    "throughput_rps",
];

/// The placeholder of a figure nobody could fill.
pub const UNKNOWN: &str = "[from dashboard]";

#[derive(Debug, Default, Serialize)]
pub struct Figures {
    /// The run the figures came from, when one did: `benchmarks/k6-baseline-2025-12-29.json`.
    pub run: Option<String>,
    /// A relative link from the new report to the run.
    pub run_link: Option<String>,
    /// The baseline file, when it could be read.
    pub baseline_file: Option<String>,
    /// Which version of it a weekly report compares with: `baseline of 2025-12-01, commit
    /// abc1234` (the version in force at the week's end, from git).
    pub baseline_version: Option<String>,
    /// Where "current" came from, in words.
    pub current_source: String,
    /// key → YAML value: a number, or the quoted placeholder.
    pub current: BTreeMap<String, String>,
    /// The baseline's figures as YAML values, in report order, only those it has.
    pub baseline: Vec<KeyValue>,
    /// key → text for prose: `245.1 ms`, or the placeholder.
    pub current_text: BTreeMap<String, String>,
    pub baseline_text: BTreeMap<String, String>,
    /// The Metrics Summary table.
    pub rows: Vec<Row>,
    /// Problems met on the way (a broken run file), shown in the report, never hidden.
    pub notes: Vec<String>,
    /// Weekly reports: key → `up (264 ms against 240 ms the week before)`, from the daily
    /// reports of this week and the one before; placeholders when either is missing.
    pub trend_text: BTreeMap<String, String>,
    /// Monthly reports only.
    pub month: Option<Month>,
    /// Whether the figures were given (`--figures`): then `listed` holds exactly them.
    pub given: bool,
    /// The given figures in catalog order, each with its mark.
    pub listed: Vec<Listed>,
    /// GREEN, YELLOW or RED by the rule of `metrics::status`, when any figure was judged.
    pub status: Option<String>,
}

/// One given figure, ready for the front matter and the Overnight Metrics list.
#[derive(Debug, Serialize)]
pub struct Listed {
    pub key: String,
    pub name: String,
    /// The YAML value.
    pub value: String,
    /// `0.2%`.
    pub text: String,
    /// ` ✅`, ` ⚠️ (above 0.5%)`, or nothing for a figure without a threshold.
    pub mark: String,
}

#[derive(Debug, Serialize)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub key: String,
    pub name: String,
    pub baseline: String,
    pub current: String,
    pub change: String,
    pub regression: String,
}

#[derive(Debug, Serialize)]
pub struct Month {
    pub trends: Vec<TrendRow>,
    /// `update` or `keep`, when a run and a baseline were there to decide on.
    pub decision: Option<String>,
    pub decision_reasons: Vec<String>,
    pub capacity: CapacityText,
}

#[derive(Debug, Serialize)]
pub struct TrendRow {
    pub name: String,
    pub first: String,
    pub last: String,
    pub mean: String,
    pub change: String,
    /// `up`, `down` or `stable`.
    pub direction: String,
    pub regressions: usize,
}

#[derive(Debug, Serialize)]
pub struct CapacityText {
    /// YAML values for the `capacity:` front matter.
    pub current_rps: String,
    pub peak_rps: String,
    pub growth_pct_month: String,
    /// Prose.
    pub current: String,
    pub peak: String,
    pub growth: String,
    pub crossing: String,
}

/// The figures for a report of `period` covering `from..=until`. A daily report's run may be
/// the previous night's; older runs are not "current" and are left out.
pub fn gather(
    practice: &Practice,
    period: Period,
    from: Date,
    until: Date,
    given: Option<&super::given::Given>,
) -> Figures {
    let config = &practice.config;
    let root = &practice.root;
    let mut out = Figures::default();
    let run_from = if period == Period::Day {
        from.yesterday().unwrap_or(from)
    } else {
        from
    };
    let latest =
        runs::latest(root, config, Some(until)).filter(|r| r.date.is_none_or(|d| d >= run_from));
    let run = latest
        .as_ref()
        .and_then(|r| match ingest::load(config, root, &r.path) {
            Ok(run) => Some(run),
            Err(e) => {
                out.notes.push(e.to_string());
                None
            }
        });
    // A week is judged against the baseline it was in force under; other reports, and a
    // week outside git, against today's.
    let in_force = (period == Period::Week)
        .then(|| crate::metrics::trends::in_force_on(practice, until))
        .flatten()
        .and_then(|v| v.map_err(|e| out.notes.push(e.to_string())).ok());
    let baseline = if let Some(v) = in_force {
        out.baseline_version = Some(v.label);
        Some(v.run)
    } else if root.join(&config.folders.baseline).is_file() {
        match ingest::load(config, root, &config.folders.baseline) {
            Ok(b) => Some(b),
            Err(e) => {
                out.notes.push(e.to_string());
                None
            }
        }
    } else {
        None
    };
    if period == Period::Week
        && out.baseline_version.is_none()
        && baseline.is_some()
        && crate::history::Session::discover(root).is_ok_and(|g| g.is_some())
    {
        out.baseline_version = Some(format!(
            "today's file; no version was committed by {until}, the week's end"
        ));
    }
    let mut current: BTreeMap<String, f64> = BTreeMap::new();
    match period {
        Period::Week => {
            let means = daily_means(practice, from, until);
            if let Some((n, m)) = &means {
                current = m.clone();
                out.current_source = format!("mean of {n} daily report{}", plural(*n));
            }
            if let Some(run) = &run {
                let mut used = false;
                for key in REPORT_KEYS {
                    if !current.contains_key(*key)
                        && let Some(v) = run.get(key)
                    {
                        current.insert(key.to_string(), v);
                        used = true;
                    }
                }
                if used {
                    out.run = Some(run.file.clone());
                    if out.current_source.is_empty() {
                        out.current_source = format!("the run {}", run.file);
                    } else {
                        out.current_source
                            .push_str(&format!(", the rest from {}", run.file));
                    }
                }
            }
        }
        Period::Day | Period::Month => {
            // Daily and monthly reports take the latest run: the overnight run, or the
            // month-end reference run.
            if let Some(run) = &run {
                for key in REPORT_KEYS {
                    if let Some(v) = run.get(key) {
                        current.insert(key.to_string(), v);
                    }
                }
                out.run = Some(run.file.clone());
                out.current_source = format!("the run {}", run.file);
            }
        }
    }
    if let Some(g) = given {
        // The team's figures are the report's: nothing from runs or daily means mixes in.
        current = g.values.clone();
        listed_given(config, g, baseline.as_ref(), &mut out);
    }
    out.baseline_file = baseline.as_ref().map(|b| b.file.clone());
    for key in REPORT_KEYS {
        let unit = config.metrics.get(*key).map_or("", |m| m.unit.as_str());
        let c = current.get(*key).copied();
        let b = baseline.as_ref().and_then(|b| b.get(key));
        out.current.insert(
            key.to_string(),
            c.map_or_else(|| format!("\"{UNKNOWN}\""), format::number),
        );
        out.current_text.insert(
            key.to_string(),
            c.map_or_else(|| UNKNOWN.into(), |v| format::with_unit(v, unit)),
        );
        if let Some(b) = b {
            out.baseline.push(KeyValue {
                key: key.to_string(),
                value: format::number(b),
            });
        }
        out.baseline_text.insert(
            key.to_string(),
            b.map_or_else(|| "[baseline]".into(), |v| format::with_unit(v, unit)),
        );
        out.rows.push(row(config, key, b, c));
    }
    if period == Period::Week {
        week_trends(practice, from, until, &mut out);
    }
    if period == Period::Month {
        out.month = Some(month(
            practice,
            from,
            until,
            baseline.as_ref(),
            run.as_ref(),
        ));
    }
    out
}

/// The team's own figures (`--figures FILE`) as the report lists them, each marked against
/// the baseline, and the status they add up to.
fn listed_given(
    config: &crate::config::Config,
    g: &super::given::Given,
    baseline: Option<&crate::metrics::Run>,
    out: &mut Figures,
) {
    let current = &g.values;
    out.run = None;
    out.current_source = format!("the figures file `{}`", g.file.replace('`', "'"));
    out.given = true;
    let mut marks = Vec::new();
    let order = |k: &String| config.metrics.keys().position(|c| c == k);
    let mut keys: Vec<&String> = current.keys().collect();
    keys.sort_by_key(|k| {
        (
            LISTED_ORDER
                .iter()
                .position(|r| r == k)
                .unwrap_or(usize::MAX),
            order(k),
        )
    });
    for key in keys {
        let v = current[key];
        let def = config.metrics.get(key);
        let b = baseline.and_then(|b| b.get(key));
        let judged = crate::metrics::status::judge(config, key, v, b);
        let mark = match &judged {
            None => String::new(),
            Some(j) if j.mark == crate::metrics::status::Mark::Within => {
                format!(" {}", j.mark.symbol())
            }
            Some(j) => format!(" {} ({})", j.mark.symbol(), j.reason),
        };
        marks.extend(judged.map(|j| j.mark));
        out.listed.push(Listed {
            key: key.clone(),
            name: def.map_or_else(|| key.clone(), |d| d.name.clone()),
            value: format::number(v),
            text: format::with_unit(v, def.map_or("", |d| d.unit.as_str())),
            mark,
        });
    }
    out.status = crate::metrics::status::status(marks).map(str::to_string);
}

/// A weekly report's trend per figure: this week's daily means against the week before's.
fn week_trends(practice: &Practice, from: Date, until: Date, out: &mut Figures) {
    let config = &practice.config;
    let before = from
        .checked_sub(jiff::Span::new().days(7))
        .ok()
        .and_then(|f| Some((f, from.yesterday().ok()?)))
        .and_then(|(f, u)| daily_means(practice, f, u));
    let now = daily_means(practice, from, until);
    for key in REPORT_KEYS {
        let unit = config.metrics.get(*key).map_or("", |m| m.unit.as_str());
        let pair = now
            .as_ref()
            .and_then(|(_, n)| n.get(*key))
            .zip(before.as_ref().and_then(|(_, b)| b.get(*key)));
        let text = match pair {
            Some((n, b)) => format!(
                "{} ({} against {} the week before)",
                direction(*b, *n),
                format::with_unit(*n, unit),
                format::with_unit(*b, unit)
            ),
            None => "[up/down/stable]".into(),
        };
        out.trend_text.insert(key.to_string(), text);
    }
}

/// `up`, `down` or `stable` (within 1%).
fn direction(before: f64, now: f64) -> &'static str {
    if before == 0.0 {
        return if now == 0.0 { "stable" } else { "up" };
    }
    let c = format::change_pct(before, now).unwrap_or_default();
    if c >= 1.0 {
        "up"
    } else if c <= -1.0 {
        "down"
    } else {
        "stable"
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn row(config: &crate::config::Config, key: &str, b: Option<f64>, c: Option<f64>) -> Row {
    let def = config.metrics.get(key);
    let name = def.map_or_else(|| key.to_string(), |d| d.name.clone());
    let unit = def.map_or("", |d| d.unit.as_str());
    let t = &config.thresholds;
    let hint = match config.class_of(key) {
        MetricClass::SuccessRate => {
            format!("[< {}% = yes]", format::number(t.min_success_rate_pct))
        }
        MetricClass::ErrorRate => format!("[> {}% = yes]", format::number(t.max_error_rate_pct)),
        MetricClass::Throughput | MetricClass::Other => "[trend]".into(),
        MetricClass::Latency => format!(
            "[> {}% increase = yes]",
            format::number(t.latency_regression_pct)
        ),
    };
    match (b, c) {
        (Some(b), Some(c)) => {
            let cmp = compare::one(config, key, b, c);
            Row {
                key: key.into(),
                name,
                baseline: format::with_unit(b, unit),
                current: format::with_unit(c, unit),
                change: cmp.change_pct.map_or_else(|| "n/a".into(), format::change),
                regression: compare::regression_cell(&cmp),
            }
        }
        _ => Row {
            key: key.into(),
            name,
            baseline: b.map_or_else(|| "[baseline]".into(), |v| format::with_unit(v, unit)),
            current: c.map_or_else(|| UNKNOWN.into(), |v| format::with_unit(v, unit)),
            change: "[change]".into(),
            regression: hint,
        },
    }
}

/// The mean of each figure over the daily reports dated `from..=until`, with their count.
pub fn daily_means(
    practice: &Practice,
    from: Date,
    until: Date,
) -> Option<(usize, BTreeMap<String, f64>)> {
    let days: Vec<_> = practice
        .of_period(Period::Day)
        .filter(|d| d.date().is_some_and(|d| d >= from && d <= until))
        .collect();
    if days.is_empty() {
        return None;
    }
    let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for d in &days {
        for f in d.figures("metrics") {
            let e = sums.entry(f.key).or_default();
            e.0 += f.value;
            e.1 += 1;
        }
    }
    Some((
        days.len(),
        sums.into_iter()
            .map(|(k, (s, n))| (k, s / n as f64))
            .collect(),
    ))
}

fn month(
    practice: &Practice,
    from: Date,
    until: Date,
    baseline: Option<&catalog::Run>,
    run: Option<&catalog::Run>,
) -> Month {
    let config = &practice.config;
    let series: Vec<_> = config
        .kinds_of_period(Period::Day)
        .flat_map(|k| crate::metrics::trends::report_series(practice, &k.name))
        .collect();
    let mut trends = Vec::new();
    for key in REPORT_KEYS {
        let Some(s) = series.iter().find(|s| s.metric == *key) else {
            continue;
        };
        let points: Vec<_> = s
            .points
            .iter()
            .filter(|p| {
                p.date
                    .parse::<Date>()
                    .is_ok_and(|d| d >= from && d <= until)
            })
            .collect();
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            continue;
        };
        let mean = points.iter().map(|p| p.value).sum::<f64>() / points.len() as f64;
        let change = format::change_pct(first.value, last.value);
        trends.push(TrendRow {
            name: s.name.clone(),
            first: format::with_unit(first.value, &s.unit),
            last: format::with_unit(last.value, &s.unit),
            mean: format::with_unit(mean, &s.unit),
            change: change.map_or_else(|| "n/a".into(), format::change),
            direction: direction(first.value, last.value).into(),
            regressions: points.iter().filter(|p| p.regression.is_some()).count(),
        });
    }
    let (decision, decision_reasons) = match (baseline, run) {
        (Some(b), Some(r)) => {
            let d = promote::decide(config, b, r, &[promote::DEFAULT_DECISIVE.to_string()]);
            let reasons = d
                .reasons
                .iter()
                .filter(|r| r.role != promote::Role::Info)
                .map(|x| format!("{}: {}", x.name, x.text))
                .collect();
            (
                Some(if d.qualifies { "update" } else { "keep" }.to_string()),
                reasons,
            )
        }
        _ => (None, Vec::new()),
    };
    let projection = capacity::from_practice(practice, Some(until));
    let yaml = |v: Option<f64>, placeholder: &str| {
        v.map_or_else(|| format!("\"{placeholder}\""), format::number)
    };
    let cap = projection.as_ref();
    let capacity = CapacityText {
        current_rps: yaml(cap.map(|p| p.current_rps), "[X req/sec]"),
        // The highest daily average is not a peak: leave the real one to the dashboard.
        peak_rps: yaml(
            cap.filter(|p| p.peak_reported).map(|p| p.peak_rps),
            "[Y req/sec]",
        ),
        growth_pct_month: yaml(cap.and_then(|p| p.growth_pct_month), "[Z% per month]"),
        current: cap.map_or_else(
            || "[X req/sec]".into(),
            |p| format!("{} req/s", format::number(p.current_rps)),
        ),
        peak: match cap {
            Some(p) if p.peak_reported => format!("{} req/s", format::number(p.peak_rps)),
            Some(p) => format!(
                "[Y req/sec] (the highest daily figure was {} req/s)",
                format::number(p.peak_rps)
            ),
            None => "[Y req/sec]".into(),
        },
        growth: cap
            .and_then(|p| {
                Some(format!(
                    "{}% per month ({})",
                    format::number(p.growth_pct_month?),
                    if p.growth_fitted {
                        format!("fitted over {} daily figures, {} to {}", p.points, p.from, p.until)
                    } else {
                        "from the last monthly report".to_string()
                    }
                ))
            })
            .unwrap_or_else(|| "[Z% per month]".into()),
        crossing: match cap {
            Some(p) => match (p.max_rps, &p.peak_crossing_month, &p.crossing_month) {
                (None, ..) => "[needed by DATE] (set `max-rps` under [preprocessor.perfdoc.capacity] in book.toml to project it)".into(),
                (Some(max), Some(peak), avg) => format!(
                    "{} reaches the {} req/s capacity in {peak}{}",
                    if p.peak_reported { "peak load" } else { "the highest daily load" },
                    format::number(max),
                    avg.as_ref()
                        .map(|a| format!(", average load in {a}"))
                        .unwrap_or_default()
                ),
                (Some(max), None, _) => format!(
                    "no crossing of the {} req/s capacity projected (load is not growing)",
                    format::number(max)
                ),
            },
            None => "[needed by DATE]".into(),
        },
    };
    Month {
        trends,
        decision,
        decision_reasons,
        capacity,
    }
}
