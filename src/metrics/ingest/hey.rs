//! hey's per-request CSV, `hey -o csv URL`: a header `response-time,DNS+dialup,DNS,
//! Request-write,Response-delay,Response-read,status-code,offset`, one row a request, times
//! in seconds (`offset` is when the request started). A request fails on a status of 400 or
//! more; the run lasts from the first start to the last end.

use super::Run;
use super::latency::Tally;
use super::registry::{Format, ends_with_any};
use super::text::{column, csv_headers, csv_number, csv_reader, csv_record, error};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "hey",
    describe: "hey per-request CSV (-o csv)",
    command: "hey -n 1000 -c 10 -o csv URL > run.csv",
    looks_like: |t| t.starts_with("response-time,DNS+dialup,"),
    named_like: |n| ends_with_any(n, &[".csv"]),
    parse,
};

const HINT: &str = "write the file again with `hey -o csv URL > FILE`";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let mut reader = csv_reader(text);
    let headers = csv_headers(file, f, &mut reader, HINT)?;
    let time = column(file, f, &headers, "response-time", HINT)?;
    let status = column(file, f, &headers, "status-code", HINT)?;
    let offset = column(file, f, &headers, "offset", HINT)?;
    let mut tally = Tally::default();
    let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in reader.records() {
        let r = csv_record(file, f, r, HINT)?;
        let t = csv_number(file, f, &r, time, "response-time", HINT)?;
        let s = csv_number(file, f, &r, status, "status-code", HINT)?;
        let o = csv_number(file, f, &r, offset, "offset", HINT)?;
        first = first.min(o);
        last = last.max(o + t);
        tally.add(None, Some(t * 1000.0), s >= 400.0);
    }
    if tally.all.requests == 0 {
        return Err(error(
            file,
            f,
            "line 2",
            "has a header but no requests",
            HINT,
        ));
    }
    Ok(tally.into_run(Run::new(file, f, FORMAT.describe), Some(last - first)))
}
