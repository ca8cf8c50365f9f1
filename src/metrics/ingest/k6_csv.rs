//! k6's raw CSV output, `k6 run --out csv=run.csv` (or `.csv.gz`): a header
//! `metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,
//! name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata`
//! (grafana/k6 `output/csv`), one sample a row, `timestamp` in Unix seconds. Read like the
//! JSON stream: latency from `http_req_duration`, errors from `http_req_failed`.

use super::Run;
use super::latency::Tally;
use super::registry::{Format, ends_with_any};
use super::text::{column, csv_headers, csv_number, csv_reader, csv_record, error};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "k6-csv",
    describe: "k6 raw metric stream (--out csv), plain or gzip",
    command: "k6 run --out csv=run.csv script.js",
    looks_like: |t| t.starts_with("metric_name,timestamp,metric_value"),
    named_like: |n| ends_with_any(n, &[".csv"]),
    parse,
};

const HINT: &str = "write the file again with `k6 run --out csv=FILE`";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let mut reader = csv_reader(text);
    let headers = csv_headers(file, f, &mut reader, HINT)?;
    let metric = column(file, f, &headers, "metric_name", HINT)?;
    let time = column(file, f, &headers, "timestamp", HINT)?;
    let value = column(file, f, &headers, "metric_value", HINT)?;
    let name = headers.iter().position(|h| h == "name");
    let url = headers.iter().position(|h| h == "url");
    let mut tally = Tally::default();
    let mut span: Option<(f64, f64)> = None;
    for r in reader.records() {
        let r = csv_record(file, f, r, HINT)?;
        let m = r.get(metric).unwrap_or("");
        if !matches!(m, "http_req_duration" | "http_req_failed") {
            continue;
        }
        let v = csv_number(file, f, &r, value, "metric_value", HINT)?;
        let t = csv_number(file, f, &r, time, "timestamp", HINT)?;
        span = Some(span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
        let endpoint = name
            .and_then(|i| r.get(i))
            .filter(|s| !s.is_empty())
            .or(url.and_then(|i| r.get(i)));
        if m == "http_req_duration" {
            tally.duration(endpoint, v);
        } else {
            tally.outcome(endpoint, v != 0.0);
        }
    }
    if tally.all.durations.is_empty() && tally.all.requests == 0 {
        return Err(error(
            file,
            f,
            "line 2",
            "has no http_req_duration or http_req_failed rows",
            HINT,
        ));
    }
    // Timestamps are whole seconds: the last second counts in full.
    let seconds = span.map(|(a, b)| b - a + 1.0);
    let mut run = tally.into_run(Run::new(file, f, FORMAT.describe), seconds);
    run.started = span.and_then(|(first, _)| jiff::Timestamp::from_second(first as i64).ok());
    Ok(run)
}
