//! JMH's JSON results (`-rf json`, openjdk/jmh `ResultFormatType.JSON`): `[{benchmark, mode,
//! primaryMetric{score, scoreUnit, rawData}}]`. `thrpt` is higher-is-better, every other mode
//! lower; `rawData`'s iterations of every fork are the samples.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_number, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "jmh",
    describe: "JMH JSON results (-rf json)",
    command: "java -jar benchmarks.jar -rf json -rff run.json",
    looks_like: |t| t.trim_start().starts_with('[') && t.contains("\"primaryMetric\""),
    named_like: is_json,
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
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
    let mut run = Run::new(file, f, FORMAT.describe);
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
    with_benchmarks(run, "(top level)", hint)
}
