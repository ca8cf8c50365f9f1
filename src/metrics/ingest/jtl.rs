//! JMeter's JTL results in CSV (the default `jmeter.save.saveservice.output_format=csv`),
//! `jmeter -n -t plan.jmx -l run.jtl`: a header `timeStamp,elapsed,label,responseCode,…,
//! success,…` (JMeter `CSVSaveService`), one row a sample, `timeStamp` in epoch ms and
//! `elapsed` in ms. Statistics are computed from the samples; endpoints are the labels.

use super::Run;
use super::latency::Tally;
use super::registry::{Format, ends_with_any};
use super::text::{at_line, column, csv_headers, csv_number, csv_reader, csv_record, error};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "jmeter-jtl",
    describe: "JMeter JTL results (CSV)",
    command: "jmeter -n -t plan.jmx -l run.jtl",
    looks_like: |t| t.starts_with("timeStamp,elapsed,"),
    named_like: |n| ends_with_any(n, &[".jtl", ".csv"]),
    parse,
};

const HINT: &str = "write the results again with `jmeter -n -t PLAN -l FILE` (CSV output)";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let mut reader = csv_reader(text);
    let headers = csv_headers(file, f, &mut reader, HINT)?;
    let ts = column(file, f, &headers, "timeStamp", HINT)?;
    let elapsed = column(file, f, &headers, "elapsed", HINT)?;
    let label = column(file, f, &headers, "label", HINT)?;
    let success = column(file, f, &headers, "success", HINT)?;
    let mut tally = Tally::default();
    let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in reader.records() {
        let r = csv_record(file, f, r, HINT)?;
        let t = csv_number(file, f, &r, ts, "timeStamp", HINT)?;
        let e = csv_number(file, f, &r, elapsed, "elapsed", HINT)?;
        let line = r.position().map_or(0, |p| p.line());
        let ok = match r.get(success).map(str::trim) {
            Some("true") => true,
            Some("false") => false,
            None => {
                return Err(error(
                    file,
                    f,
                    &at_line(line, success + 1),
                    "the row ends before its `success` field (truncated?)",
                    HINT,
                ));
            }
            Some(other) => {
                return Err(error(
                    file,
                    f,
                    &at_line(line, success + 1),
                    &format!("`success` is {other:?}, not true or false"),
                    HINT,
                ));
            }
        };
        first = first.min(t);
        last = last.max(t + e);
        tally.add(r.get(label), Some(e), !ok);
    }
    if tally.all.requests == 0 {
        return Err(error(
            file,
            f,
            "line 2",
            "has a header but no samples",
            HINT,
        ));
    }
    let mut run = tally.into_run(
        Run::new(file, f, FORMAT.describe),
        Some((last - first) / 1000.0),
    );
    run.started = jiff::Timestamp::from_millisecond(first as i64).ok();
    Ok(run)
}
