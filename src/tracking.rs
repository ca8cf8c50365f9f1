//! Optimization tracking, the seed's `reports/optimization-tracking.md`: SLA compliance per
//! stage, median and worst times to detect, to root cause and to fix, open items by severity
//! and age, and how the chosen options' estimates compared with what was measured. Computed
//! from the records' lifecycle data alone, never from the clock, so the file `--write` keeps
//! is stale only when a record changed, and `check` can say so.

use serde::Serialize;

use crate::doc::Doc;
use crate::doc::lifecycle::{self, Lifecycle, hours_between};
use crate::doc::sla;
use crate::location::relative_link;
use crate::markup::{markdown_href as href, markdown_text as cell};
use crate::metrics::format;
use crate::practice::Practice;

/// The severities, worst first: open items are listed in this order.
pub const SEVERITIES: &[&str] = &["critical", "high", "medium", "low"];

#[derive(Debug, Serialize)]
pub struct SlaRow {
    /// `Detect`, `Root cause`, `Fix`.
    pub stage: &'static str,
    pub limit_hours: f64,
    pub met: usize,
    pub missed: usize,
    /// Share met, when any record reached the stage.
    pub compliance_pct: Option<f64>,
    pub median_hours: Option<f64>,
    pub worst_hours: Option<f64>,
    /// The record that took longest.
    pub worst: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Debug, Serialize)]
pub struct OpenItem {
    pub record: Link,
    pub severity: String,
    pub status: String,
    /// When it was detected (else the record's date): its age reads from here.
    pub since: String,
    pub owner: String,
}

#[derive(Debug, Serialize)]
pub struct EstimateRow {
    pub record: Link,
    pub option: String,
    pub metric: String,
    pub estimate_pct: f64,
    pub measured_pct: f64,
    /// Measured minus estimated, in percentage points.
    pub difference: f64,
}

#[derive(Debug, Serialize)]
pub struct Tracking {
    pub records: usize,
    pub sla: Vec<SlaRow>,
    pub open: Vec<OpenItem>,
    pub estimates: Vec<EstimateRow>,
    /// The mean of |measured − estimated| over the estimates.
    pub mean_abs_difference: Option<f64>,
}

const STAGE_NAMES: [&str; 3] = ["Detect", "Root cause", "Fix"];

pub fn compute(practice: &Practice) -> Tracking {
    let config = &practice.config;
    let mut records: Vec<&Doc> = practice
        .docs
        .iter()
        .filter(|d| lifecycle::applies(config, d))
        .collect();
    records.sort_by(|a, b| (a.date(), &a.path).cmp(&(b.date(), &b.path)));
    let lives: Vec<(&Doc, Lifecycle)> = records.iter().map(|d| (*d, Lifecycle::read(d))).collect();
    let link = |d: &Doc| Link {
        title: d.title(),
        path: d.path.clone(),
    };
    let sla = sla::targets(&config.sla)
        .iter()
        .zip(STAGE_NAMES)
        .map(|(t, stage)| {
            let mut times: Vec<(f64, &Doc)> = lives
                .iter()
                .filter_map(|(d, l)| {
                    let (from, to) = (l.time(t.from)?, l.time(t.stage)?);
                    Some((hours_between(from, to), *d))
                })
                .filter(|(h, _)| *h >= 0.0)
                .collect();
            times.sort_by(|a, b| a.0.total_cmp(&b.0));
            let met = times.iter().filter(|(h, _)| *h <= t.hours).count();
            let n = times.len();
            SlaRow {
                stage,
                limit_hours: t.hours,
                met,
                missed: n - met,
                compliance_pct: (n > 0).then(|| met as f64 * 100.0 / n as f64),
                median_hours: median(&times.iter().map(|(h, _)| *h).collect::<Vec<_>>()),
                worst_hours: times.last().map(|(h, _)| *h),
                worst: times.last().map(|(_, d)| link(d)),
            }
        })
        .collect();
    let mut open: Vec<OpenItem> = lives
        .iter()
        .filter(|(d, _)| matches!(d.status(), Some("proposed" | "in-progress")))
        .map(|(d, l)| OpenItem {
            record: link(d),
            severity: d.str_field("severity").unwrap_or("unrated").to_string(),
            status: d.status().unwrap_or_default().to_string(),
            since: l
                .time("detected")
                .map(|t| t.date().to_string())
                .or_else(|| d.date().map(|x| x.to_string()))
                .unwrap_or_default(),
            owner: d.owner().unwrap_or_default().to_string(),
        })
        .collect();
    let rank = |s: &str| {
        SEVERITIES
            .iter()
            .position(|x| *x == s)
            .unwrap_or(SEVERITIES.len())
    };
    open.sort_by(|a, b| (rank(&a.severity), &a.since).cmp(&(rank(&b.severity), &b.since)));
    let estimates: Vec<EstimateRow> = lives
        .iter()
        .filter_map(|(d, l)| {
            let a = l.accuracy(d, config)?;
            Some(EstimateRow {
                record: link(d),
                difference: a.error_points(),
                option: a.option,
                metric: a.metric,
                estimate_pct: a.estimate_pct,
                measured_pct: a.measured_pct,
            })
        })
        .collect();
    let mean_abs_difference = (!estimates.is_empty()).then(|| {
        estimates.iter().map(|e| e.difference.abs()).sum::<f64>() / estimates.len() as f64
    });
    Tracking {
        records: records.len(),
        sla,
        open,
        estimates,
        mean_abs_difference,
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Hours as the tracking reads them: `13.5 h`, or days past two days (`3.2 d`).
pub fn duration(hours: f64) -> String {
    if hours >= 48.0 {
        format!("{:.1} d", hours / 24.0)
    } else {
        format!("{hours:.1} h")
    }
}

/// The first line after the title of every tracking file perfdoc writes: a file without it
/// is the team's own, never replaced nor checked.
pub const MARKER: &str = "Written by `perfdoc tracking --write`";

/// What is at the tracking file's place.
pub enum OnDisk {
    Absent,
    /// A file perfdoc wrote, with its text.
    Ours(String),
    /// The team's own file, a symlink, or something that is not a regular file.
    Foreign(&'static str),
}

/// Reads the tracking file without following a symlink or reading more than a document can be.
pub fn on_disk(practice: &Practice) -> OnDisk {
    use std::io::Read;
    let path = practice.root.join(&practice.config.folders.tracking);
    match std::fs::symlink_metadata(&path) {
        Err(_) => return OnDisk::Absent,
        Ok(m) if m.file_type().is_symlink() => return OnDisk::Foreign("is a symlink"),
        Ok(m) if !m.is_file() => return OnDisk::Foreign("is not a regular file"),
        Ok(_) => {}
    }
    let mut text = String::new();
    let read = std::fs::File::open(&path).and_then(|f| {
        f.take(crate::practice::MAX_DOC_BYTES)
            .read_to_string(&mut text)
    });
    match read {
        Ok(_) if text.lines().nth(2).is_some_and(|l| l.starts_with(MARKER)) => OnDisk::Ours(text),
        Ok(_) => OnDisk::Foreign("was not written by perfdoc"),
        Err(_) => OnDisk::Foreign("cannot be read as UTF-8 text"),
    }
}

/// The tracking file's text, links relative to `path` (where it is written).
pub fn markdown(t: &Tracking, path: &str) -> String {
    let link = |l: &Link| {
        format!(
            "[{}]({})",
            cell(&l.title),
            href(&relative_link(path, &l.path))
        )
    };
    let mut out = String::from("# Optimization tracking\n\n");
    out.push_str(MARKER);
    out.push_str(" from the records' lifecycle data; `perfdoc check` reports it when it is out of date. Do not edit by hand.\n");
    out.push_str(&format!(
        "\n## SLA compliance\n\nFrom {} record{}.\n\n| Stage | SLA | Met | Missed | Compliance | Median | Worst |\n|---|---|---|---|---|---|---|\n",
        t.records,
        if t.records == 1 { "" } else { "s" }
    ));
    for r in &t.sla {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.stage,
            duration(r.limit_hours),
            r.met,
            r.missed,
            r.compliance_pct
                .map_or_else(|| "n/a".into(), format::percent),
            r.median_hours.map_or_else(|| "n/a".into(), duration),
            match (&r.worst_hours, &r.worst) {
                (Some(h), Some(l)) => format!("{} ({})", duration(*h), link(l)),
                _ => "n/a".into(),
            }
        ));
    }
    out.push_str(
        "\nDetect is from `started` to `detected`; root cause and fix are from `detected`.\n",
    );
    out.push_str("\n## Open items\n\n");
    if t.open.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("| Severity | Record | Status | Since | Owner |\n|---|---|---|---|---|\n");
        for o in &t.open {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cell(&o.severity),
                link(&o.record),
                cell(&o.status),
                cell(&o.since),
                cell(&o.owner)
            ));
        }
    }
    out.push_str("\n## Estimate accuracy\n\n");
    if t.estimates.is_empty() {
        out.push_str("No record has both a chosen option's estimate and a measured result yet.\n");
    } else {
        out.push_str("| Record | Option | Metric | Estimated | Measured | Difference |\n|---|---|---|---|---|---|\n");
        for e in &t.estimates {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                link(&e.record),
                cell(&e.option),
                cell(&e.metric),
                format::percent(e.estimate_pct),
                format::percent(e.measured_pct),
                format::change(e.difference).replace('%', " pts")
            ));
        }
        if let Some(m) = t.mean_abs_difference {
            out.push_str(&format!(
                "\nOn average the measured improvement was {} points away from the estimate.\n",
                format::number(m)
            ));
        }
    }
    out
}
