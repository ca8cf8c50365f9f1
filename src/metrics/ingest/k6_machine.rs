//! k6 1.x's machine-readable summary, the `handleSummary` data (and `--summary-export`) of
//! `k6 run --new-machine-readable-summary` (grafana/k6 `internal/lib/summary/machinereadable`,
//! schema 1.0.0): `{version, metadata{k6Version}, config{duration (s)}, results{metrics:
//! [{name, type, contains, values}], checks}}`. Trends carry avg/min/med/max/p(90)/p(95),
//! rates `{matches, total, rate}`, counters only `count`, so throughput is `http_reqs.count`
//! over the run's duration. No p(99) is written, so none is shown.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_number};
use super::{Endpoint, Run, Value};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "k6-summary-v1",
    describe: "k6 1.x machine-readable summary (--new-machine-readable-summary)",
    command: "k6 run --new-machine-readable-summary --summary-export=run.json script.js",
    looks_like: |t| {
        t.contains("\"k6Version\"") && t.contains("\"results\"") && t.contains("\"metrics\"")
    },
    named_like: |n| n.starts_with("k6") && is_json(n),
    parse,
};

const HINT: &str =
    "write the file again with `k6 run --new-machine-readable-summary --summary-export=FILE`";

/// Catalog key ← (metric, stat, scale).
const MAPPINGS: &[(&str, &str, &str, f64)] = &[
    ("avg_ms", "http_req_duration", "avg", 1.0),
    ("med_ms", "http_req_duration", "med", 1.0),
    ("p90_ms", "http_req_duration", "p(90)", 1.0),
    ("p95_ms", "http_req_duration", "p(95)", 1.0),
    ("p99_ms", "http_req_duration", "p(99)", 1.0),
    ("max_ms", "http_req_duration", "max", 1.0),
    ("error_rate_pct", "http_req_failed", "rate", 100.0),
    ("checks_pct", "checks", "rate", 100.0),
];

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let err = |at: &str, m: &str| error(file, f, at, m, HINT);
    let v = json(file, f, text, HINT)?;
    let Some(metrics) = v.pointer("/results/metrics").and_then(Json::as_array) else {
        return Err(err("results.metrics", "has no `results.metrics` array"));
    };
    let duration = v.pointer("/config/duration");
    let seconds = match duration {
        None => None,
        Some(d) => Some(json_number(Some(d)).map_err(|m| err("config.duration", &m))?),
    };
    let mut values: Vec<(String, String, f64)> = Vec::new();
    for (i, m) in metrics.iter().enumerate() {
        let at = format!("results.metrics[{i}]");
        let Some(name) = m.get("name").and_then(Json::as_str) else {
            return Err(err(&format!("{at}.name"), "has no `name` string"));
        };
        let Some(vals) = m.get("values").and_then(Json::as_object) else {
            return Err(err(&format!("{at}.values"), "has no `values` object"));
        };
        for (stat, x) in vals {
            let n = json_number(Some(x)).map_err(|e| err(&format!("{at}.values.{stat}"), &e))?;
            values.push((name.to_string(), stat.clone(), n));
        }
    }
    let get = |metric: &str, stat: &str| {
        values
            .iter()
            .find(|(m, s, _)| m == metric && s == stat)
            .map(|(_, _, v)| *v)
    };
    let mut run = Run::new(file, f, FORMAT.describe);
    for (key, metric, stat, scale) in MAPPINGS {
        run.push(key, get(metric, stat).map(|v| v * scale));
    }
    let count = get("http_reqs", "count");
    run.push(
        "throughput_rps",
        count
            .zip(seconds.filter(|s| *s >= 1e-6))
            .map(|(c, s)| c / s),
    );
    // Sub-metrics named by request (`http_req_duration{name:/api}`) are the endpoints.
    let mut endpoints: Vec<Endpoint> = Vec::new();
    for (metric, stat, v) in &values {
        let Some((base, tags)) = metric.split_once('{') else {
            continue;
        };
        let Some(name) = tags.trim_end_matches('}').strip_prefix("name:") else {
            continue;
        };
        for (key, m, s, scale) in MAPPINGS {
            if *m == base && s == stat {
                let figure = Value::catalog(key, v * scale);
                match endpoints.iter_mut().find(|e| e.name == name) {
                    Some(e) => e.figures.push(figure),
                    None => endpoints.push(Endpoint {
                        name: name.to_string(),
                        figures: vec![figure],
                    }),
                }
            }
        }
    }
    run.endpoints = endpoints;
    run.tool = values
        .iter()
        .map(|(m, s, v)| (format!("{m}.{s}"), *v))
        .collect();
    if run.figures.is_empty() {
        return Err(err(
            "results.metrics",
            "has none of http_req_duration, http_req_failed, http_reqs or checks",
        ));
    }
    Ok(run)
}
