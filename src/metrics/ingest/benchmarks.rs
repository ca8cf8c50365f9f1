//! Benchmark harnesses whose JSON is a list of named benchmarks: Google Benchmark
//! (`--benchmark_format=json`), pytest-benchmark (`--benchmark-json`) and
//! github-action-benchmark's custom JSON (`[{name, unit, value, range?}]`, read as
//! `customSmallerIsBetter` or, forced or by a rate unit, `customBiggerIsBetter`). Each
//! benchmark is a figure named as the tool names it, with its unit and direction.

use serde_json::Value as Json;

use super::registry::{Format, ends_with_any};
use super::text::{error, json, json_number, json_samples};
use super::{Run, Value};
use crate::config::Better;
use crate::error::{Error, Result};

fn is_json(n: &str) -> bool {
    ends_with_any(n, &[".json"])
}

pub const GOOGLE_BENCHMARK: Format = Format {
    name: "google-benchmark",
    describe: "Google Benchmark JSON",
    command: "./bench --benchmark_format=json --benchmark_out=run.json",
    looks_like: |t| {
        t.contains("\"benchmarks\"") && t.contains("\"context\"") && t.contains("\"time_unit\"")
    },
    named_like: is_json,
    parse: google_benchmark,
};

pub const PYTEST_BENCHMARK: Format = Format {
    name: "pytest-benchmark",
    describe: "pytest-benchmark JSON",
    command: "pytest --benchmark-json=run.json",
    looks_like: |t| {
        t.contains("\"benchmarks\"") && t.contains("\"machine_info\"") && t.contains("\"stats\"")
    },
    named_like: is_json,
    parse: pytest_benchmark,
};

pub const CUSTOM_SMALLER: Format = Format {
    name: "custom-smaller-is-better",
    describe: "github-action-benchmark customSmallerIsBetter JSON",
    command: "a script writing [{\"name\", \"unit\", \"value\"}] (tool: customSmallerIsBetter)",
    looks_like: |t| looks_custom(t) && !rate_units(t),
    named_like: is_json,
    parse: |f, t| custom(f, t, Better::Lower, CUSTOM_SMALLER.name),
};

pub const CUSTOM_BIGGER: Format = Format {
    name: "custom-bigger-is-better",
    describe: "github-action-benchmark customBiggerIsBetter JSON",
    command: "a script writing [{\"name\", \"unit\", \"value\"}] (tool: customBiggerIsBetter)",
    looks_like: |t| looks_custom(t) && rate_units(t),
    named_like: is_json,
    parse: |f, t| custom(f, t, Better::Higher, CUSTOM_BIGGER.name),
};

fn looks_custom(t: &str) -> bool {
    t.trim_start().starts_with('[') && t.contains("\"name\"") && t.contains("\"value\"")
}

/// The custom format does not say its direction; a rate unit (`ops/sec`, `req/s`) means
/// bigger is better, anything else smaller. `--input-format` overrides this guess.
fn rate_units(t: &str) -> bool {
    let Ok(Json::Array(items)) = serde_json::from_str::<Json>(t) else {
        return false;
    };
    !items.is_empty()
        && items.iter().all(|i| {
            i.get("unit")
                .and_then(Json::as_str)
                .is_some_and(|u| u.contains("/s") || u.contains("per sec") || u.contains("ops"))
        })
}

fn err(file: &str, format: &str, at: &str, m: &str, hint: &str) -> Error {
    error(file, format, at, m, hint)
}

fn string<'a>(
    v: &'a Json,
    key: &str,
    file: &str,
    format: &str,
    at: &str,
    hint: &str,
) -> Result<&'a str> {
    v.get(key).and_then(Json::as_str).ok_or_else(|| {
        err(
            file,
            format,
            &format!("{at}.{key}"),
            &format!("has no `{key}` string"),
            hint,
        )
    })
}

fn list<'a>(
    v: &'a Json,
    key: Option<&str>,
    file: &str,
    format: &str,
    hint: &str,
) -> Result<&'a Vec<Json>> {
    let target = match key {
        Some(k) => v.get(k),
        None => Some(v),
    };
    target.and_then(Json::as_array).ok_or_else(|| {
        err(
            file,
            format,
            key.unwrap_or("(top level)"),
            &format!("has no `{}` array", key.unwrap_or("top-level")),
            hint,
        )
    })
}

fn google_benchmark(file: &str, text: &str) -> Result<Run> {
    let f = GOOGLE_BENCHMARK.name;
    let hint = "write the file again with `--benchmark_format=json` (or --benchmark_out)";
    let v = json(file, f, text, hint)?;
    let items = list(&v, Some("benchmarks"), file, f, hint)?;
    let mut run = Run::new(file, f, GOOGLE_BENCHMARK.describe);
    // With repetitions, each repetition is an `iteration` row named like its aggregate's
    // `run_name`; the median aggregate is the figure, the repetitions are the samples.
    let has_median = items
        .iter()
        .any(|i| i.get("aggregate_name").and_then(Json::as_str) == Some("median"));
    for (i, b) in items.iter().enumerate() {
        let at = format!("benchmarks[{i}]");
        let name = string(b, "name", file, f, &at, hint)?;
        let run_name = b.get("run_name").and_then(Json::as_str).unwrap_or(name);
        let run_type = b
            .get("run_type")
            .and_then(Json::as_str)
            .unwrap_or("iteration");
        let unit = b.get("time_unit").and_then(Json::as_str).unwrap_or("ns");
        let time = || {
            json_number(b.get("real_time"))
                .map_err(|m| err(file, f, &format!("{at}.real_time"), &m, hint))
        };
        match (run_type, b.get("aggregate_name").and_then(Json::as_str)) {
            ("aggregate", Some("median")) => {
                run.figures
                    .push(Value::benchmark(run_name, time()?, unit, Better::Lower));
            }
            ("aggregate", _) => {}
            _ => {
                let t = time()?;
                run.samples.entry(run_name.to_string()).or_default().push(t);
                if !has_median {
                    run.figures
                        .push(Value::benchmark(name, t, unit, Better::Lower));
                }
            }
        }
    }
    if !has_median {
        // Without repetitions one row is one benchmark: no sample set to test.
        run.samples.retain(|_, s| s.len() > 1);
    }
    if run.figures.is_empty() {
        return Err(err(file, f, "benchmarks", "has no benchmark", hint));
    }
    Ok(run)
}

fn pytest_benchmark(file: &str, text: &str) -> Result<Run> {
    let f = PYTEST_BENCHMARK.name;
    let hint = "write the file again with `pytest --benchmark-json=FILE`";
    let v = json(file, f, text, hint)?;
    let items = list(&v, Some("benchmarks"), file, f, hint)?;
    let mut run = Run::new(file, f, PYTEST_BENCHMARK.describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("benchmarks[{i}]");
        let name = b
            .get("fullname")
            .and_then(Json::as_str)
            .map_or_else(|| string(b, "name", file, f, &at, hint), Ok)?;
        let Some(stats) = b.get("stats") else {
            return Err(err(
                file,
                f,
                &format!("{at}.stats"),
                "has no `stats` object",
                hint,
            ));
        };
        let median = json_number(stats.get("median"))
            .map_err(|m| err(file, f, &format!("{at}.stats.median"), &m, hint))?;
        run.figures
            .push(Value::benchmark(name, median, "s", Better::Lower));
        // `--benchmark-save-data` keeps every round's time.
        let at = format!("{at}.stats.data");
        if let Some(samples) = json_samples(stats.get("data"), file, f, &at, hint)? {
            run.samples.insert(name.to_string(), samples);
        }
    }
    if run.figures.is_empty() {
        return Err(err(file, f, "benchmarks", "has no benchmark", hint));
    }
    Ok(run)
}

fn custom(file: &str, text: &str, better: Better, f: &'static str) -> Result<Run> {
    let hint = "write a JSON array of {\"name\": …, \"unit\": …, \"value\": NUMBER}";
    let v = json(file, f, text, hint)?;
    let items = list(&v, None, file, f, hint)?;
    let describe = if better == Better::Lower {
        CUSTOM_SMALLER.describe
    } else {
        CUSTOM_BIGGER.describe
    };
    let mut run = Run::new(file, f, describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("[{i}]");
        let name = string(b, "name", file, f, &at, hint)?;
        let unit = string(b, "unit", file, f, &at, hint)?;
        let value = json_number(b.get("value"))
            .map_err(|m| err(file, f, &format!("{at}.value"), &m, hint))?;
        run.figures
            .push(Value::benchmark(name, value, unit, better));
    }
    if run.figures.is_empty() {
        return Err(err(
            file,
            f,
            "(top level)",
            "is an empty list: no benchmark",
            hint,
        ));
    }
    Ok(run)
}
