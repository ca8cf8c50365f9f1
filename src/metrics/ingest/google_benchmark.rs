//! Google Benchmark's JSON (`--benchmark_format=json` or `--benchmark_out`): `{context,
//! benchmarks: [{name, run_name, run_type, aggregate_name, real_time, time_unit}]}`. Each
//! benchmark is a figure named as the tool names it, in its `time_unit`; with repetitions the
//! median aggregate is the figure and the repetitions are the samples.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_list, json_number, json_str, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "google-benchmark",
    describe: "Google Benchmark JSON",
    command: "./bench --benchmark_format=json --benchmark_out=run.json",
    looks_like: |t| {
        t.contains("\"benchmarks\"") && t.contains("\"context\"") && t.contains("\"time_unit\"")
    },
    named_like: is_json,
    parse,
};

const HINT: &str = "write the file again with `--benchmark_format=json` (or --benchmark_out)";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let v = json(file, f, text, HINT)?;
    let items = json_list(&v, Some("benchmarks"), file, f, HINT)?;
    let mut run = Run::new(file, f, FORMAT.describe);
    // With repetitions, each repetition is an `iteration` row named like its aggregate's
    // `run_name`; the median aggregate is the figure, the repetitions are the samples.
    let has_median = items
        .iter()
        .any(|i| i.get("aggregate_name").and_then(Json::as_str) == Some("median"));
    for (i, b) in items.iter().enumerate() {
        let at = format!("benchmarks[{i}]");
        let name = json_str(b, "name", file, f, &at, HINT)?;
        let run_name = b.get("run_name").and_then(Json::as_str).unwrap_or(name);
        let run_type = b
            .get("run_type")
            .and_then(Json::as_str)
            .unwrap_or("iteration");
        let unit = b.get("time_unit").and_then(Json::as_str).unwrap_or("ns");
        let time = || {
            json_number(b.get("real_time"))
                .map_err(|m| error(file, f, &format!("{at}.real_time"), &m, HINT))
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
    with_benchmarks(run, "benchmarks", HINT)
}
