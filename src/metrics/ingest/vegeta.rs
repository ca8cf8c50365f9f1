//! vegeta's `vegeta report -type=json` (tsenart/vegeta `lib/metrics.go`): latencies in ns,
//! `success` a ratio, `rate` the requests sent per second, `throughput` the successful ones.

use super::Run;
use super::registry::{Format, is_json};
use super::text::{json, json_at};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "vegeta",
    describe: "vegeta report -type=json",
    command: "vegeta attack -duration=30s < targets | vegeta report -type=json > run.json",
    looks_like: |t| t.contains("\"latencies\"") && t.contains("\"status_codes\""),
    named_like: is_json,
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "write the report again with `vegeta report -type=json`";
    let v = json(file, f, text, hint)?;
    let n = |p: &str| json_at(&v, p, file, f, hint);
    let ms = |p: &str| n(p).map(|ns| ns / 1e6);
    let mut run = Run::new(file, f, FORMAT.describe);
    run.push("avg_ms", Some(ms("/latencies/mean")?));
    run.push("med_ms", Some(ms("/latencies/50th")?));
    run.push("p90_ms", Some(ms("/latencies/90th")?));
    run.push("p95_ms", Some(ms("/latencies/95th")?));
    run.push("p99_ms", Some(ms("/latencies/99th")?));
    run.push("max_ms", Some(ms("/latencies/max")?));
    run.push("error_rate_pct", Some((1.0 - n("/success")?) * 100.0));
    // `rate` is requests sent per second; `throughput` only the successful ones.
    run.push("throughput_rps", Some(n("/rate")?));
    Ok(run)
}
