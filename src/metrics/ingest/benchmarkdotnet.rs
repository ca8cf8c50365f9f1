//! BenchmarkDotNet's full JSON exporter (`*-report-full.json`, dotnet/BenchmarkDotNet
//! `Exporters/Json`): `Benchmarks[{FullName, Statistics{Mean, Median, OriginalValues}}]`, ns.
//! Each benchmark's mean is the figure, its original values the samples.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_number, json_samples, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "benchmarkdotnet",
    describe: "BenchmarkDotNet full JSON report",
    command: "dotnet run -c Release -- --exporters json   (reads *-report-full.json)",
    looks_like: |t| t.contains("\"Benchmarks\"") && t.contains("\"Statistics\""),
    named_like: |n| n.ends_with("-report-full.json") || is_json(n),
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
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
    let mut run = Run::new(file, f, FORMAT.describe);
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
    with_benchmarks(run, "Benchmarks", hint)
}
