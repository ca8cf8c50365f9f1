//! `go test -bench` text (golang/go `testing/benchmark.go`): `BenchmarkName-P  N  X ns/op
//! [Y B/op  Z allocs/op]`, with `-count` repeating lines. Each benchmark and unit is a figure
//! (`Encode ns/op`), the median of its lines the value, the lines the samples.

use std::collections::BTreeMap;

use super::latency::percentile;
use super::registry::{Format, ends_with_any};
use super::text::{at_line, error, number};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "go-test-bench",
    describe: "go test -bench text output",
    command: "go test -bench=. -benchmem -count=5 ./... > run.txt",
    looks_like: |t| {
        t.lines()
            .any(|l| l.starts_with("Benchmark") && l.contains(" ns/op"))
    },
    named_like: |n| ends_with_any(n, &[".txt"]),
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "pass `go test -bench` output as it printed it";
    let mut order: Vec<String> = Vec::new();
    let mut samples: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with("Benchmark") {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        // A bare `BenchmarkX` line is the name printed before a -v run's result.
        if words.len() < 4 {
            continue;
        }
        let name = words[0].strip_prefix("Benchmark").unwrap_or(words[0]);
        // `-8` is GOMAXPROCS, not part of the name a team compares.
        let name = match name.rsplit_once('-') {
            Some((n, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() => n,
            _ => name,
        };
        number(words[1]).map_err(|m| {
            error(
                file,
                f,
                &at_line(i as u64 + 1, 2),
                &format!("the iteration count {m}"),
                hint,
            )
        })?;
        for pair in words[2..].chunks(2) {
            let [value, unit] = pair else {
                return Err(error(
                    file,
                    f,
                    &at_line(i as u64 + 1, 1),
                    "a value has no unit (truncated?)",
                    hint,
                ));
            };
            let v = number(value).map_err(|m| {
                error(
                    file,
                    f,
                    &at_line(i as u64 + 1, 1),
                    &format!("`{unit}` {m}"),
                    hint,
                )
            })?;
            let key = format!("{name} {unit}");
            if !samples.contains_key(&key) {
                order.push(key.clone());
            }
            samples.entry(key).or_default().push(v);
        }
    }
    // `go test` ends with PASS / FAIL and an `ok` line: without them the output was cut, and
    // its last benchmark line may be too.
    let finished = text
        .lines()
        .any(|l| l == "PASS" || l.starts_with("ok ") || l.starts_with("FAIL"));
    if !finished {
        return Err(error(
            file,
            f,
            &at_line(text.lines().count().max(1) as u64, 1),
            "ends before go test's PASS / ok line (truncated?)",
            hint,
        ));
    }
    let mut run = Run::new(file, f, FORMAT.describe);
    for key in order {
        let mut s = samples.remove(&key).unwrap_or_default();
        let unit = key.rsplit(' ').next().unwrap_or("").to_string();
        let mut sorted = s.clone();
        sorted.sort_by(f64::total_cmp);
        let better = if unit.ends_with("/s") {
            Better::Higher
        } else {
            Better::Lower
        };
        run.figures.push(Value::benchmark(
            &key,
            percentile(&sorted, 50.0).unwrap_or(0.0),
            &unit,
            better,
        ));
        if s.len() > 1 {
            run.samples.insert(key, std::mem::take(&mut s));
        }
    }
    if run.figures.is_empty() {
        return Err(error(
            file,
            f,
            "line 1",
            "has no `BenchmarkNAME  N  X ns/op` line",
            hint,
        ));
    }
    Ok(run)
}
