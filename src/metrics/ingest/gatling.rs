//! Gatling's report data: `js/stats.json` (the `All Requests` group with each request under
//! `contents`) and `js/global_stats.json` (that group's `stats` alone), as Gatling's
//! `StatsJsonTemplate` writes them: every figure a `{total, ok, ko}` object whose values are
//! decimal *strings*, `"-"` where there is none. Percentiles 1–4 are Gatling's defaults
//! 50/75/95/99 (`gatling.charting.indicators.percentile1…4`); no p90 is written, so none is
//! shown. A string that is neither a decimal nor `"-"` is an error, as a number would be.

use serde_json::Value as Json;

use super::registry::{Format, ends_with_any};
use super::text::{error, in_range, json};
use super::{Endpoint, Run, Value};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "gatling",
    describe: "Gatling report js/stats.json or js/global_stats.json",
    command: "gatling run (reads target/gatling/RUN/js/stats.json)",
    looks_like: |t| t.contains("\"numberOfRequests\"") && t.contains("\"meanResponseTime\""),
    named_like: |n| ends_with_any(n, &["stats.json"]),
    parse,
};

const HINT: &str = "pass the js/stats.json or js/global_stats.json of a Gatling report";

/// Catalog key ← Gatling stat (its `total`).
const STATS: &[(&str, &str)] = &[
    ("avg_ms", "meanResponseTime"),
    ("med_ms", "percentiles1"),
    ("p95_ms", "percentiles3"),
    ("p99_ms", "percentiles4"),
    ("max_ms", "maxResponseTime"),
    ("throughput_rps", "meanNumberOfRequestsPerSecond"),
];

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let v = json(file, f, text, HINT)?;
    let (stats, at) = match v.get("stats") {
        Some(s) => (s, "stats"),
        None => (&v, ""),
    };
    let mut run = Run::new(file, f, FORMAT.describe);
    run.figures = figures(file, stats, at)?;
    if let Some(contents) = v.get("contents").and_then(Json::as_object) {
        for (key, c) in contents {
            let at = format!("contents.{key}.stats");
            let Some(s) = c.get("stats") else {
                return Err(error(file, f, &at, "a request has no `stats`", HINT));
            };
            let name = c.get("name").and_then(Json::as_str).unwrap_or(key);
            run.endpoints.push(Endpoint {
                name: name.to_string(),
                figures: figures(file, s, &at)?,
            });
        }
    }
    Ok(run)
}

fn figures(file: &str, stats: &Json, at: &str) -> Result<Vec<Value>> {
    let path = |k: &str, side: &str| {
        if at.is_empty() {
            format!("{k}.{side}")
        } else {
            format!("{at}.{k}.{side}")
        }
    };
    let get = |k: &str, side: &str| -> Result<Option<f64>> {
        match stats.get(k).and_then(|o| o.get(side)) {
            None => Err(error(file, FORMAT.name, &path(k, side), "is missing", HINT)),
            Some(Json::String(s)) if s == "-" => Ok(None),
            Some(Json::String(s)) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| in_range(*v))
                .map(Some)
                .ok_or_else(|| {
                    error(
                        file,
                        FORMAT.name,
                        &path(k, side),
                        &format!(
                            "`{}` is not a number or \"-\"",
                            s.chars().take(40).collect::<String>()
                        ),
                        HINT,
                    )
                }),
            Some(Json::Number(n)) => Ok(n.as_f64().filter(|v| in_range(*v))),
            Some(other) => Err(error(
                file,
                FORMAT.name,
                &path(k, side),
                &format!("expected a number, found {}", super::text::json_type(other)),
                HINT,
            )),
        }
    };
    let mut out = Vec::new();
    for (key, stat) in STATS {
        if let Some(v) = get(stat, "total")? {
            out.push(Value::catalog(key, v));
        }
    }
    let total = get("numberOfRequests", "total")?.unwrap_or(0.0);
    // `"-"` for a count means there were none.
    let ko = get("numberOfRequests", "ko")?.unwrap_or(0.0);
    if total >= 1.0 {
        let i = out
            .iter()
            .position(|v| v.key == "throughput_rps")
            .unwrap_or(out.len());
        out.insert(i, Value::catalog("error_rate_pct", ko / total * 100.0));
    }
    Ok(out)
}
