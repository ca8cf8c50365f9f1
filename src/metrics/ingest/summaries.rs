//! Load tools that write their own summary as JSON: vegeta (`vegeta report -type=json`,
//! tsenart/vegeta `lib/metrics.go`: latencies in ns, `success` a ratio, `throughput` the
//! successful requests per second), oha (`oha --json`, hatoo/oha `src/printer.rs`: seconds,
//! `summary.successRate`, `latencyPercentiles.p50…`, `statusCodeDistribution`) and the JMeter
//! HTML dashboard's `statistics.json` (apache/jmeter `StatisticsSummaryConsumer`: one object
//! per label and `Total`, ms, `errorPct` in %, percentiles 90/95/99 as `pct1…pct3ResTime`).

use serde_json::Value as Json;

use super::registry::{Format, ends_with_any};
use super::text::{error, json, json_number};
use super::{Endpoint, Run, Value};
use crate::error::{Error, Result};

fn is_json(n: &str) -> bool {
    ends_with_any(n, &[".json"])
}

pub const VEGETA: Format = Format {
    name: "vegeta",
    describe: "vegeta report -type=json",
    command: "vegeta attack -duration=30s < targets | vegeta report -type=json > run.json",
    looks_like: |t| t.contains("\"latencies\"") && t.contains("\"status_codes\""),
    named_like: is_json,
    parse: vegeta,
};

pub const OHA: Format = Format {
    name: "oha",
    describe: "oha --json",
    command: "oha -n 1000 --json URL > run.json",
    looks_like: |t| t.contains("\"latencyPercentiles\"") && t.contains("\"summary\""),
    named_like: is_json,
    parse: oha,
};

pub const JMETER_DASHBOARD: Format = Format {
    name: "jmeter-statistics",
    describe: "JMeter HTML dashboard statistics.json",
    command: "jmeter -n -t plan.jmx -l run.jtl -e -o report/   (reads report/statistics.json)",
    looks_like: |t| t.contains("\"Total\"") && t.contains("\"sampleCount\""),
    named_like: |n| n.ends_with("statistics.json"),
    parse: jmeter_statistics,
};

/// A number at a JSON pointer, or the error naming its path (`latencies.95th`).
fn at(v: &Json, pointer: &str, file: &str, f: &str, hint: &str) -> Result<f64> {
    json_number(v.pointer(pointer)).map_err(|m| {
        let path = pointer.trim_start_matches('/').replace('/', ".");
        error(file, f, &path, &m, hint)
    })
}

fn vegeta(file: &str, text: &str) -> Result<Run> {
    let f = VEGETA.name;
    let hint = "write the report again with `vegeta report -type=json`";
    let v = json(file, f, text, hint)?;
    let n = |p: &str| at(&v, p, file, f, hint);
    let ms = |p: &str| n(p).map(|ns| ns / 1e6);
    let mut run = Run::new(file, f, VEGETA.describe);
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

fn oha(file: &str, text: &str) -> Result<Run> {
    let f = OHA.name;
    let hint = "write the result again with `oha --json URL`";
    let v = json(file, f, text, hint)?;
    let n = |p: &str| at(&v, p, file, f, hint);
    let ms = |p: &str| n(p).map(|s| s * 1000.0);
    let mut run = Run::new(file, f, OHA.describe);
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

fn jmeter_statistics(file: &str, text: &str) -> Result<Run> {
    let f = JMETER_DASHBOARD.name;
    let hint = "pass the statistics.json of `jmeter -g run.jtl -o report/`";
    let v = json(file, f, text, hint)?;
    let Some(obj) = v.as_object() else {
        return Err(error(
            file,
            f,
            "(top level)",
            "is not an object of labels",
            hint,
        ));
    };
    let figures = |label: &str, s: &Json| -> Result<Vec<Value>, Error> {
        let n = |k: &str| {
            json_number(s.get(k)).map_err(|m| error(file, f, &format!("{label}.{k}"), &m, hint))
        };
        Ok(vec![
            Value::catalog("avg_ms", n("meanResTime")?),
            Value::catalog("med_ms", n("medianResTime")?),
            Value::catalog("p90_ms", n("pct1ResTime")?),
            Value::catalog("p95_ms", n("pct2ResTime")?),
            Value::catalog("p99_ms", n("pct3ResTime")?),
            Value::catalog("max_ms", n("maxResTime")?),
            Value::catalog("error_rate_pct", n("errorPct")?),
            Value::catalog("throughput_rps", n("throughput")?),
        ])
    };
    let Some(total) = obj.get("Total") else {
        return Err(error(file, f, "Total", "has no `Total` entry", hint));
    };
    let mut run = Run::new(file, f, JMETER_DASHBOARD.describe);
    run.figures = figures("Total", total)?;
    for (label, s) in obj.iter().filter(|(k, _)| *k != "Total") {
        run.endpoints.push(Endpoint {
            name: label.clone(),
            figures: figures(label, s)?,
        });
    }
    Ok(run)
}
