//! oha's `--json` (hatoo/oha `src/printer.rs`): seconds, `summary.successRate`,
//! `latencyPercentiles.p50…`, `statusCodeDistribution` and `errorDistribution`.

use serde_json::Value as Json;

use super::Run;
use super::registry::{Format, is_json};
use super::text::{error, json, json_at, json_number};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "oha",
    describe: "oha --json",
    command: "oha -n 1000 --json URL > run.json",
    looks_like: |t| t.contains("\"latencyPercentiles\"") && t.contains("\"summary\""),
    named_like: is_json,
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "write the result again with `oha --json URL`";
    let v = json(file, f, text, hint)?;
    let n = |p: &str| json_at(&v, p, file, f, hint);
    let ms = |p: &str| n(p).map(|s| s * 1000.0);
    let mut run = Run::new(file, f, FORMAT.describe);
    run.push("avg_ms", Some(ms("/summary/average")?));
    run.push("med_ms", Some(ms("/latencyPercentiles/p50")?));
    run.push("p90_ms", Some(ms("/latencyPercentiles/p90")?));
    run.push("p95_ms", Some(ms("/latencyPercentiles/p95")?));
    run.push("p99_ms", Some(ms("/latencyPercentiles/p99")?));
    run.push("max_ms", Some(ms("/summary/slowest")?));
    // oha's successRate counts only transport errors; a 5xx is a failed request here too.
    let mut total = 0.0;
    let mut failed = 0.0;
    if let Some(codes) = v.get("statusCodeDistribution").and_then(Json::as_object) {
        for (code, c) in codes {
            let c = json_number(Some(c))
                .map_err(|m| error(file, f, &format!("statusCodeDistribution.{code}"), &m, hint))?;
            total += c;
            if code.parse::<u16>().is_ok_and(|s| s >= 400) {
                failed += c;
            }
        }
    }
    if let Some(errors) = v.get("errorDistribution").and_then(Json::as_object) {
        for (e, c) in errors {
            let c = json_number(Some(c))
                .map_err(|m| error(file, f, &format!("errorDistribution.{e}"), &m, hint))?;
            total += c;
            failed += c;
        }
    }
    run.push(
        "error_rate_pct",
        (total >= 1.0).then(|| failed / total * 100.0),
    );
    run.push("throughput_rps", Some(n("/summary/requestsPerSec")?));
    Ok(run)
}
