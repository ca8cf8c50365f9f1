//! More benchmark harnesses, each benchmark a figure named as the tool names it:
//! `go test -bench` text (golang/go `testing/benchmark.go`: `BenchmarkName-P  N  X ns/op
//! [Y B/op  Z allocs/op]`, with `-count` repeating lines), JMH's JSON (`-rf json`:
//! `[{benchmark, mode, primaryMetric{score, scoreUnit, rawData}}]`, `thrpt` higher is better),
//! BenchmarkDotNet's full JSON exporter (`Benchmarks[{FullName, Statistics{Mean, Median,
//! OriginalValues}}]`, ns), Bencher Metric Format (`{NAME: {MEASURE: {value, lower_value,
//! upper_value}}}`, throughput higher is better) and criterion's `estimates.json`.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::latency::percentile;
use super::registry::{Format, ends_with_any};
use super::text::{at_line, error, json, json_number, json_samples, number};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

fn is_json(n: &str) -> bool {
    ends_with_any(n, &[".json"])
}

pub const GO_BENCH: Format = Format {
    name: "go-test-bench",
    describe: "go test -bench text output",
    command: "go test -bench=. -benchmem -count=5 ./... > run.txt",
    looks_like: |t| {
        t.lines()
            .any(|l| l.starts_with("Benchmark") && l.contains(" ns/op"))
    },
    named_like: |n| ends_with_any(n, &[".txt"]),
    parse: go_bench,
};

pub const JMH: Format = Format {
    name: "jmh",
    describe: "JMH JSON results (-rf json)",
    command: "java -jar benchmarks.jar -rf json -rff run.json",
    looks_like: |t| t.trim_start().starts_with('[') && t.contains("\"primaryMetric\""),
    named_like: is_json,
    parse: jmh,
};

pub const DOTNET: Format = Format {
    name: "benchmarkdotnet",
    describe: "BenchmarkDotNet full JSON report",
    command: "dotnet run -c Release -- --exporters json   (reads *-report-full.json)",
    looks_like: |t| t.contains("\"Benchmarks\"") && t.contains("\"Statistics\""),
    named_like: |n| n.ends_with("-report-full.json") || is_json(n),
    parse: dotnet,
};

pub const BMF: Format = Format {
    name: "bencher-bmf",
    describe: "Bencher Metric Format JSON",
    command: "bencher run --adapter json … (a file of {NAME: {MEASURE: {value}}})",
    looks_like: looks_bmf,
    named_like: is_json,
    parse: bmf,
};

pub const CRITERION: Format = Format {
    name: "criterion",
    describe: "criterion estimates.json (or its target/criterion folder)",
    command: "cargo bench   (reads target/criterion/**/new/estimates.json)",
    looks_like: |t| t.contains("\"point_estimate\"") && t.contains("\"mean\""),
    named_like: |n| n == "estimates.json",
    parse: criterion,
};

fn go_bench(file: &str, text: &str) -> Result<Run> {
    let f = GO_BENCH.name;
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
    let mut run = Run::new(file, f, GO_BENCH.describe);
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

fn jmh(file: &str, text: &str) -> Result<Run> {
    let f = JMH.name;
    let hint = "write the results again with `-rf json -rff FILE`";
    let v = json(file, f, text, hint)?;
    let Some(items) = v.as_array() else {
        return Err(error(
            file,
            f,
            "(top level)",
            "is not an array of benchmarks",
            hint,
        ));
    };
    let mut run = Run::new(file, f, JMH.describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("[{i}]");
        let Some(name) = b.get("benchmark").and_then(Json::as_str) else {
            return Err(error(
                file,
                f,
                &format!("{at}.benchmark"),
                "has no `benchmark` string",
                hint,
            ));
        };
        let score = json_number(b.pointer("/primaryMetric/score"))
            .map_err(|m| error(file, f, &format!("{at}.primaryMetric.score"), &m, hint))?;
        let unit = b
            .pointer("/primaryMetric/scoreUnit")
            .and_then(Json::as_str)
            .unwrap_or("");
        let better = match b.get("mode").and_then(Json::as_str) {
            Some("thrpt") => Better::Higher,
            _ => Better::Lower,
        };
        run.figures
            .push(Value::benchmark(name, score, unit, better));
        if let Some(raw) = b.pointer("/primaryMetric/rawData").and_then(Json::as_array) {
            let mut s = Vec::new();
            for (j, fork) in raw.iter().enumerate() {
                for (k, x) in fork.as_array().into_iter().flatten().enumerate() {
                    s.push(json_number(Some(x)).map_err(|m| {
                        error(
                            file,
                            f,
                            &format!("{at}.primaryMetric.rawData[{j}][{k}]"),
                            &m,
                            hint,
                        )
                    })?);
                }
            }
            run.samples.insert(name.to_string(), s);
        }
    }
    if run.figures.is_empty() {
        return Err(error(
            file,
            f,
            "(top level)",
            "is an empty list: no benchmark",
            hint,
        ));
    }
    Ok(run)
}

fn dotnet(file: &str, text: &str) -> Result<Run> {
    let f = DOTNET.name;
    let hint = "pass the `*-report-full.json` of BenchmarkDotNet's JSON exporter";
    let v = json(file, f, text, hint)?;
    let Some(items) = v.get("Benchmarks").and_then(Json::as_array) else {
        return Err(error(
            file,
            f,
            "Benchmarks",
            "has no `Benchmarks` array",
            hint,
        ));
    };
    let mut run = Run::new(file, f, DOTNET.describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("Benchmarks[{i}]");
        let Some(name) = b.get("FullName").and_then(Json::as_str) else {
            return Err(error(
                file,
                f,
                &format!("{at}.FullName"),
                "has no `FullName` string",
                hint,
            ));
        };
        let mean = json_number(b.pointer("/Statistics/Mean"))
            .map_err(|m| error(file, f, &format!("{at}.Statistics.Mean"), &m, hint))?;
        run.figures
            .push(Value::benchmark(name, mean, "ns", Better::Lower));
        let at = format!("{at}.Statistics.OriginalValues");
        let raw = b.pointer("/Statistics/OriginalValues");
        if let Some(samples) = json_samples(raw, file, f, &at, hint)? {
            run.samples.insert(name.to_string(), samples);
        }
    }
    if run.figures.is_empty() {
        return Err(error(file, f, "Benchmarks", "is empty: no benchmark", hint));
    }
    Ok(run)
}

fn looks_bmf(t: &str) -> bool {
    let Ok(Json::Object(top)) = serde_json::from_str::<Json>(t) else {
        return false;
    };
    !top.is_empty()
        && top.values().all(|m| {
            m.as_object()
                .is_some_and(|ms| !ms.is_empty() && ms.values().all(|x| x.get("value").is_some()))
        })
}

fn bmf(file: &str, text: &str) -> Result<Run> {
    let f = BMF.name;
    let hint = "write {\"NAME\": {\"latency\": {\"value\": NUMBER}}}";
    let v = json(file, f, text, hint)?;
    let Some(top) = v.as_object() else {
        return Err(error(
            file,
            f,
            "(top level)",
            "is not an object of benchmarks",
            hint,
        ));
    };
    let mut run = Run::new(file, f, BMF.describe);
    for (name, measures) in top {
        let Some(measures) = measures.as_object() else {
            return Err(error(file, f, name, "is not an object of measures", hint));
        };
        for (measure, m) in measures {
            let value = json_number(m.get("value"))
                .map_err(|e| error(file, f, &format!("{name}.{measure}.value"), &e, hint))?;
            // Bencher's built-in measures: latency in ns, throughput in operations/s.
            let (unit, better) = match measure.as_str() {
                "throughput" => ("ops/s", Better::Higher),
                "latency" => ("ns", Better::Lower),
                _ => ("", Better::Lower),
            };
            run.figures.push(Value::benchmark(
                &format!("{name} {measure}"),
                value,
                unit,
                better,
            ));
        }
    }
    if run.figures.is_empty() {
        return Err(error(
            file,
            f,
            "(top level)",
            "is empty: no benchmark",
            hint,
        ));
    }
    Ok(run)
}

/// One `estimates.json`; the benchmark is named by its folder (`group/function/param`), given
/// as `file` by the folder reader, else by the file.
fn criterion(file: &str, text: &str) -> Result<Run> {
    let f = CRITERION.name;
    let hint = "pass target/criterion (the folder) or one of its new/estimates.json files";
    let v = json(file, f, text, hint)?;
    let point = |k: &str| {
        json_number(v.pointer(&format!("/{k}/point_estimate")))
            .map_err(|m| error(file, f, &format!("{k}.point_estimate"), &m, hint))
    };
    let name = file
        .strip_suffix("/new/estimates.json")
        .map(|n| match n.rsplit_once("criterion/") {
            Some((_, b)) => b,
            // A lone file outside target/criterion: its benchmark's own folder names it.
            None => n.rsplit('/').next().unwrap_or(n),
        })
        .unwrap_or(file);
    let mut run = Run::new(file, f, CRITERION.describe);
    run.figures
        .push(Value::benchmark(name, point("mean")?, "ns", Better::Lower));
    let _ = point("median")?;
    Ok(run)
}

/// A `target/criterion` folder: every `new/estimates.json` under it, one benchmark each.
pub fn criterion_folder(dir: &std::path::Path, display: &str) -> Result<Run> {
    let mut run = Run::new(display, CRITERION.name, "criterion target/criterion folder");
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((d, depth)) = stack.pop() {
        // Deep enough for group/function/parameter/new; a symlink is never followed.
        if depth > 8 {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(ty) = e.file_type() else { continue };
            let p = e.path();
            if ty.is_dir() {
                stack.push((p, depth + 1));
            } else if ty.is_file() && p.ends_with("new/estimates.json") {
                found.push(p);
            }
        }
    }
    found.sort();
    for p in found {
        let rel = p
            .strip_prefix(dir)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = format!("{}/{rel}", display.trim_end_matches('/'));
        let text = super::registry::read_text(&p, &shown)?;
        let one = criterion(&format!("criterion/{rel}"), &text).map_err(|e| rename(e, &shown))?;
        run.figures.extend(one.figures);
    }
    if run.figures.is_empty() {
        return Err(error(
            display,
            CRITERION.name,
            "(folder)",
            "holds no new/estimates.json",
            "run `cargo bench` first, then pass target/criterion",
        ));
    }
    Ok(run)
}

fn rename(e: crate::error::Error, file: &str) -> crate::error::Error {
    match e {
        crate::error::Error::Benchmark {
            json_path,
            message,
            hint,
            ..
        } => crate::error::Error::Benchmark {
            file: file.to_string(),
            json_path,
            message,
            hint,
        },
        other => other,
    }
}
