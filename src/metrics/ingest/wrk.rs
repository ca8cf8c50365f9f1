//! wrk's text report, `wrk --latency URL` (wg/wrk `src/wrk.c`, `print_stats` and
//! `print_stats_latency`), and the JSON line of the `done()` script perfdoc ships
//! (`contrib/wrk/perfdoc.lua`). The text has the average and maximum latency, the 50/75/90/99th
//! percentiles (only with `--latency`), requests/sec, and error counts; perfdoc shows those and
//! invents no others (no p95 from the text; the script's JSON has it).

use super::Run;
use super::registry::{Format, ends_with_any};
use super::text::{at_line, error, json_number, number};
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "wrk",
    describe: "wrk text report (--latency), or the JSON of contrib/wrk/perfdoc.lua",
    command: "wrk --latency -d 30s URL > run.txt  (or -s contrib/wrk/perfdoc.lua)",
    looks_like: |t| {
        (t.starts_with("Running ") && t.contains(" test @ ")) || t.starts_with("{\"tool\":\"wrk\"")
    },
    named_like: |n| ends_with_any(n, &[".txt", ".wrk"]),
    parse,
};

const HINT: &str = "pass wrk's report as it printed it: `wrk --latency URL > FILE`";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    if let Some((n, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("{\"tool\":\"wrk\""))
    {
        return script_json(file, n + 1, line);
    }
    let f = FORMAT.name;
    let err = |n: usize, m: &str| error(file, f, &at_line(n as u64, 1), m, HINT);
    let mut run = Run::new(file, f, "wrk text report");
    let (mut avg, mut max, mut p50, mut p90, mut p99, mut rps) =
        (None, None, None, None, None, None);
    let (mut requests, mut failed) = (None, 0.0);
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let words: Vec<&str> = line.split_whitespace().collect();
        let dur = |w: &str| {
            duration_ms(w)
                .ok_or_else(|| err(n, &format!("`{w}` is not a wrk duration (like 6.82ms)")))
        };
        match words.as_slice() {
            ["Latency", a, _sd, m, ..] => {
                avg = Some(dur(a)?);
                max = Some(dur(m)?);
            }
            [p, v] if p.ends_with('%') && line.starts_with("     ") => {
                let d = dur(v)?;
                match *p {
                    "50%" => p50 = Some(d),
                    "90%" => p90 = Some(d),
                    "99%" => p99 = Some(d),
                    _ => {}
                }
            }
            ["Requests/sec:", v] => {
                rps = Some(number(v).map_err(|m| err(n, &format!("Requests/sec {m}")))?)
            }
            [count, "requests", "in", ..] => {
                requests =
                    Some(number(count).map_err(|m| err(n, &format!("the request count {m}")))?)
            }
            ["Non-2xx", "or", "3xx", "responses:", v] => {
                failed += number(v).map_err(|m| err(n, &format!("the non-2xx count {m}")))?
            }
            ["Socket", "errors:", rest @ ..] => {
                for w in rest.iter().skip(1).step_by(2) {
                    failed += number(w.trim_end_matches(','))
                        .map_err(|m| err(n, &format!("a socket error count {m}")))?;
                }
            }
            _ => {}
        }
    }
    // wrk always ends its report with Requests/sec: without it the report was cut.
    let (Some(avg), Some(requests), Some(rps)) = (avg, requests, rps) else {
        return Err(err(
            text.lines().count().max(1),
            "ends before wrk's Latency line, request count and Requests/sec (truncated?)",
        ));
    };
    run.push("avg_ms", Some(avg));
    run.push("med_ms", p50);
    run.push("p90_ms", p90);
    run.push("p99_ms", p99);
    run.push("max_ms", max);
    run.push(
        "error_rate_pct",
        (requests >= 1.0).then(|| failed / requests * 100.0),
    );
    run.push("throughput_rps", Some(rps));
    Ok(run)
}

fn script_json(file: &str, n: usize, line: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "write it again with `wrk -s contrib/wrk/perfdoc.lua URL`";
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        error(
            file,
            f,
            &at_line(n as u64, e.column()),
            &format!("the script's JSON line is broken: {e}"),
            hint,
        )
    })?;
    let get = |path: &[&str]| {
        let mut cur = Some(&v);
        for p in path {
            cur = cur.and_then(|c| c.get(p));
        }
        json_number(cur).map_err(|m| error(file, f, &path.join("."), &m, hint))
    };
    let requests = get(&["requests"])?;
    let seconds = get(&["duration_us"])? / 1e6;
    let mut failed = 0.0;
    for e in ["connect", "read", "write", "status", "timeout"] {
        failed += get(&["errors", e])?;
    }
    let mut run = Run::new(file, f, "wrk done() JSON (contrib/wrk/perfdoc.lua)");
    let us = |k: &str| get(&["latency_us", k]).map(|v| v / 1000.0);
    run.push("avg_ms", Some(us("mean")?));
    run.push("med_ms", Some(us("p50")?));
    run.push("p90_ms", Some(us("p90")?));
    run.push("p95_ms", Some(us("p95")?));
    run.push("p99_ms", Some(us("p99")?));
    run.push("max_ms", Some(us("max")?));
    run.push(
        "error_rate_pct",
        (requests >= 1.0).then(|| failed / requests * 100.0),
    );
    run.push(
        "throughput_rps",
        (seconds >= 1e-6).then(|| requests / seconds),
    );
    Ok(run)
}

/// A wrk duration (`6.82ms`, `512.00us`, `1.02s`, `2.00m`) in ms.
fn duration_ms(w: &str) -> Option<f64> {
    let (num, scale) = [
        ("us", 0.001),
        ("ms", 1.0),
        ("s", 1000.0),
        ("m", 60000.0),
        ("h", 3600000.0),
    ]
    .iter()
    .find_map(|(u, s)| w.strip_suffix(u).map(|n| (n, *s)))?;
    number(num).ok().map(|v| v * scale)
}
