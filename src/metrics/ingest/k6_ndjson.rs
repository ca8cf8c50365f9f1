//! k6's raw metric stream, `k6 run --out json=run.json` (or `run.json.gz`): one JSON object
//! a line, `{"type":"Metric",…}` declaring a metric and `{"type":"Point","metric":NAME,
//! "data":{"time":RFC3339,"value":N,"tags":{…}}}` for each sample. Latency comes from the
//! `http_req_duration` points, errors from `http_req_failed` (1 = failed), the run's length
//! from the first and last point's time; endpoints are the `name` tag (k6 sets it to the URL
//! unless the script names the request).

use super::Run;
use super::latency::Tally;
use super::registry::{Format, ends_with_any};
use super::text::{at_line, error, json_number};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "k6-json",
    describe: "k6 raw metric stream (--out json), plain or gzip",
    command: "k6 run --out json=run.json script.js",
    looks_like,
    named_like: |n| ends_with_any(n, &[".json", ".ndjson", ".jsonl"]),
    parse,
};

const HINT: &str =
    "write the stream again with `k6 run --out json=FILE`; each line is one JSON object";

pub fn looks_like(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.trim_start().starts_with('{')
        && serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| {
            matches!(
                v.get("type").and_then(|t| t.as_str()),
                Some("Metric" | "Point")
            ) && v.get("metric").is_some()
        })
}

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let err = |line: usize, col: usize, m: &str| {
        error(file, FORMAT.name, &at_line(line as u64, col), m, HINT)
    };
    let mut tally = Tally::default();
    let mut span: Option<(jiff::Timestamp, jiff::Timestamp)> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            let what = if e.classify() == serde_json::error::Category::Eof {
                "ends early (truncated?)"
            } else {
                "is not valid JSON"
            };
            err(n, e.column(), &format!("{what}: {e}"))
        })?;
        let Some(obj) = v.as_object() else {
            return Err(err(
                n,
                1,
                &format!(
                    "is {}, not a k6 metric or point",
                    super::text::json_type(&v)
                ),
            ));
        };
        match obj.get("type").and_then(|t| t.as_str()) {
            Some("Point") => {}
            Some("Metric") => continue,
            _ => return Err(err(n, 1, "has no `type` of \"Metric\" or \"Point\"")),
        }
        let metric = obj.get("metric").and_then(|m| m.as_str()).unwrap_or("");
        if !matches!(metric, "http_req_duration" | "http_req_failed") {
            continue;
        }
        let data = obj.get("data").and_then(|d| d.as_object());
        let Some(data) = data else {
            return Err(err(n, 1, "a point has no `data` object"));
        };
        let value =
            json_number(data.get("value")).map_err(|m| err(n, 1, &format!("data.value {m}")))?;
        let time = data
            .get("time")
            .and_then(|t| t.as_str())
            .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        let Some(time) = time else {
            return Err(err(n, 1, "data.time is not an RFC 3339 time"));
        };
        span = Some(match span {
            None => (time, time),
            Some((a, b)) => (a.min(time), b.max(time)),
        });
        let tags = data.get("tags").and_then(|t| t.as_object());
        let tag = |k: &str| tags.and_then(|t| t.get(k)).and_then(|v| v.as_str());
        let endpoint = tag("name").or(tag("url"));
        if metric == "http_req_duration" {
            tally.duration(endpoint, value);
        } else {
            tally.outcome(endpoint, value != 0.0);
        }
    }
    if tally.all.durations.is_empty() && tally.all.requests == 0 {
        return Err(err(
            1,
            1,
            "has no http_req_duration or http_req_failed points",
        ));
    }
    let seconds = span.map(|(a, b)| b.duration_since(a).as_secs_f64());
    let mut run = tally.into_run(Run::new(file, FORMAT.name, FORMAT.describe), seconds);
    run.started = span.map(|(first, _)| first);
    Ok(run)
}
