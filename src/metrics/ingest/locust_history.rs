//! Locust's `--csv PREFIX` history, `PREFIX_stats_history.csv` (locust `stats.py`,
//! `StatsCSVFileWriter`): a row every few seconds for the `Aggregated` total (and, with
//! `--csv-full-history`, for every request type), each stamped with its `Timestamp`. The
//! `Total …` columns are the run so far; the percentile columns and `Requests/s` are Locust's
//! current window (its last 10 s). Read as a series: one point per `Aggregated` row that
//! counted a request; the run's figures are the last one's, with throughput over the whole
//! history; the endpoints are each request type's last row.

use super::locust::{endpoint_name, field};
use super::registry::{Format, ends_with_any};
use super::text::{at_line, column, csv_headers, csv_reader, csv_record, error};
use super::{Endpoint, Point, Run, Value};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "locust-history",
    describe: "Locust --csv history (PREFIX_stats_history.csv)",
    command: "locust --headless -u 10 -t 1m --csv run --csv-full-history -H URL   (reads run_stats_history.csv)",
    looks_like: |t| t.starts_with("Timestamp,User Count,Type,Name,Requests/s,"),
    named_like: |n| ends_with_any(n, &["_stats_history.csv"]),
    parse,
};

const HINT: &str = "pass the `_stats_history.csv` Locust writes with `--csv PREFIX`";

/// Catalog key ← Locust column: the run so far, then the current window.
const COLUMNS: &[(&str, &str)] = &[
    ("avg_ms", "Total Average Response Time"),
    ("med_ms", "Total Median Response Time"),
    ("p90_ms", "90%"),
    ("p95_ms", "95%"),
    ("p99_ms", "99%"),
    ("max_ms", "Total Max Response Time"),
];

/// One row read: its time, its request and failure counts so far, its figures.
struct Row {
    at: f64,
    requests: f64,
    figures: Vec<Value>,
}

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let mut reader = csv_reader(text);
    let headers = csv_headers(file, f, &mut reader, HINT)?;
    let col = |name: &str| column(file, f, &headers, name, HINT);
    let (stamp, ty, name) = (col("Timestamp")?, col("Type")?, col("Name")?);
    let (count, failures) = (col("Total Request Count")?, col("Total Failure Count")?);
    let (rps, window_max) = (col("Requests/s")?, col("100%")?);
    let cols = COLUMNS
        .iter()
        .map(|(k, c)| Ok((*k, *c, col(c)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut run = Run::new(file, f, FORMAT.describe);
    let mut first_at = None;
    let mut last: Option<Row> = None;
    let mut endpoints: Vec<Endpoint> = Vec::new();
    for r in reader.records() {
        let r = csv_record(file, f, r, HINT)?;
        let field = |i: usize, what: &str| field(file, f, &r, i, what, HINT);
        let need = |i: usize, what: &str| {
            field(i, what)?.ok_or_else(|| {
                let line = r.position().map_or(0, |p| p.line());
                error(
                    file,
                    f,
                    &at_line(line, i + 1),
                    &format!("`{what}` is `N/A` where Locust writes a number"),
                    HINT,
                )
            })
        };
        let at = need(stamp, "Timestamp")?;
        let requests = need(count, "Total Request Count")?;
        let failed = need(failures, "Total Failure Count")?;
        let current_rps = field(rps, "Requests/s")?;
        // Before the window holds a request Locust writes its percentiles as 0: none yet.
        let window = field(window_max, "100%")?.is_some_and(|m| m > 0.0);
        let mut figures = Vec::new();
        for (key, c, i) in &cols {
            let v = field(*i, c)?;
            if c.ends_with('%') && !window {
                continue;
            }
            if let Some(v) = v {
                figures.push(Value::catalog(key, v));
            }
        }
        if requests >= 1.0 {
            figures.push(Value::catalog("error_rate_pct", failed / requests * 100.0));
        }
        let n = r.get(name).unwrap_or("");
        if n != "Aggregated" {
            let name = endpoint_name(r.get(ty).unwrap_or(""), n);
            match endpoints.iter_mut().find(|e| e.name == name) {
                Some(e) => e.figures = figures,
                None => endpoints.push(Endpoint { name, figures }),
            }
            continue;
        }
        first_at.get_or_insert(at);
        if requests < 1.0 {
            continue;
        }
        let mut point = figures.clone();
        if let Some(v) = current_rps {
            point.push(Value::catalog("throughput_rps", v));
        }
        run.series.push(Point {
            at: at as i64,
            figures: point,
        });
        last = Some(Row {
            at,
            requests,
            figures,
        });
    }
    let Some(last) = last else {
        return Err(error(
            file,
            f,
            "(end of file)",
            "has no `Aggregated` row that counted a request (truncated?)",
            HINT,
        ));
    };
    run.figures = last.figures;
    let seconds = last.at - first_at.unwrap_or(last.at);
    if seconds > 0.0 {
        run.figures
            .push(Value::catalog("throughput_rps", last.requests / seconds));
    }
    run.endpoints = endpoints;
    Ok(run)
}
