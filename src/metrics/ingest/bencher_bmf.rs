//! Bencher Metric Format (bencherdev/bencher, "Bencher Metric Format"): `{NAME: {MEASURE:
//! {value, lower_value?, upper_value?}}}`. Each benchmark and measure is a figure
//! (`encode latency`); Bencher's built-in `throughput` is higher-is-better, others lower.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_number, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "bencher-bmf",
    describe: "Bencher Metric Format JSON",
    command: "bencher run --adapter json … (a file of {NAME: {MEASURE: {value}}})",
    looks_like: looks_bmf,
    named_like: is_json,
    parse,
};

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

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
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
    let mut run = Run::new(file, f, FORMAT.describe);
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
    with_benchmarks(run, "(top level)", hint)
}
