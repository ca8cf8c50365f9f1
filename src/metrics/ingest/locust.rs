//! Locust's `--csv PREFIX` statistics, `PREFIX_stats.csv` (locust `stats.py`,
//! `requests_csv_columns` and the percentile columns `50%`…`100%`): one row per request name
//! and an `Aggregated` row for the whole run, times in ms. The aggregated row gives the run's
//! figures, the others the endpoints; percentiles Locust left as `N/A` stay absent.

use super::registry::{Format, ends_with_any};
use super::text::{at_line, column, csv_headers, csv_reader, csv_record, error, number};
use super::{Endpoint, Run, Value};
use crate::error::Result;

/// A numeric Locust field: `N/A` (and an empty field) is Locust's "none", absent here; a
/// row cut before the field is an error, as is anything else that is not a number.
pub fn field(
    file: &str,
    f: &str,
    r: &csv::StringRecord,
    i: usize,
    what: &str,
    hint: &str,
) -> Result<Option<f64>> {
    let line = r.position().map_or(0, |p| p.line());
    match r.get(i).map(str::trim) {
        None => Err(error(
            file,
            f,
            &at_line(line, i + 1),
            &format!("the row ends before `{what}` (truncated?)"),
            hint,
        )),
        Some("N/A") | Some("") => Ok(None),
        Some(s) => number(s).map(Some).map_err(|m| {
            error(
                file,
                f,
                &at_line(line, i + 1),
                &format!("`{what}` {m}"),
                hint,
            )
        }),
    }
}

/// An endpoint's name as Locust shows it: `GET /api` (the type, then the name).
pub fn endpoint_name(ty: &str, name: &str) -> String {
    if ty.is_empty() {
        name.to_string()
    } else {
        format!("{ty} {name}")
    }
}

pub const FORMAT: Format = Format {
    name: "locust",
    describe: "Locust --csv statistics (PREFIX_stats.csv)",
    command: "locust --headless -u 10 -t 1m --csv run -H URL   (reads run_stats.csv)",
    looks_like: |t| t.starts_with("Type,Name,Request Count,Failure Count,"),
    named_like: |n| ends_with_any(n, &["_stats.csv"]),
    parse,
};

const HINT: &str = "pass the `_stats.csv` Locust writes with `--csv PREFIX`";

/// Catalog key ← Locust column.
const COLUMNS: &[(&str, &str)] = &[
    ("avg_ms", "Average Response Time"),
    ("med_ms", "Median Response Time"),
    ("p90_ms", "90%"),
    ("p95_ms", "95%"),
    ("p99_ms", "99%"),
    ("max_ms", "Max Response Time"),
    ("throughput_rps", "Requests/s"),
];

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let mut reader = csv_reader(text);
    let headers = csv_headers(file, f, &mut reader, HINT)?;
    let ty = column(file, f, &headers, "Type", HINT)?;
    let name = column(file, f, &headers, "Name", HINT)?;
    let count = column(file, f, &headers, "Request Count", HINT)?;
    let failures = column(file, f, &headers, "Failure Count", HINT)?;
    let cols = COLUMNS
        .iter()
        .map(|(k, c)| Ok((*k, *c, column(file, f, &headers, c, HINT)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut run = Run::new(file, f, FORMAT.describe);
    let mut total = None;
    for r in reader.records() {
        let r = csv_record(file, f, r, HINT)?;
        let field = |i: usize, what: &str| field(file, f, &r, i, what, HINT);
        let requests = field(count, "Request Count")?;
        let failed = field(failures, "Failure Count")?;
        let mut figures = Vec::new();
        for (key, col, i) in &cols {
            if let Some(v) = field(*i, col)? {
                figures.push(Value::catalog(key, v));
            }
        }
        if let (Some(n), Some(e)) = (requests, failed)
            && n >= 1.0
        {
            figures.insert(
                figures.len().saturating_sub(1),
                Value::catalog("error_rate_pct", e / n * 100.0),
            );
        }
        let n = r.get(name).unwrap_or("");
        if n == "Aggregated" {
            total = Some(figures);
        } else {
            run.endpoints.push(Endpoint {
                name: endpoint_name(r.get(ty).unwrap_or(""), n),
                figures,
            });
        }
    }
    let Some(total) = total else {
        return Err(error(
            file,
            f,
            "(end of file)",
            "has no `Aggregated` row (truncated?)",
            HINT,
        ));
    };
    run.figures = total;
    Ok(run)
}
