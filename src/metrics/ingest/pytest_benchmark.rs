//! pytest-benchmark's JSON (`--benchmark-json`): `{machine_info, benchmarks: [{fullname,
//! stats{median, …, data?}}]}`, seconds. Each test is a figure named by its full name, its
//! median the value; `--benchmark-save-data` keeps every round's time, the samples.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_list, json_number, json_samples, json_str, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "pytest-benchmark",
    describe: "pytest-benchmark JSON",
    command: "pytest --benchmark-json=run.json",
    looks_like: |t| {
        t.contains("\"benchmarks\"") && t.contains("\"machine_info\"") && t.contains("\"stats\"")
    },
    named_like: is_json,
    parse,
};

const HINT: &str = "write the file again with `pytest --benchmark-json=FILE`";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let v = json(file, f, text, HINT)?;
    let items = json_list(&v, Some("benchmarks"), file, f, HINT)?;
    let mut run = Run::new(file, f, FORMAT.describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("benchmarks[{i}]");
        let name = b
            .get("fullname")
            .and_then(Json::as_str)
            .map_or_else(|| json_str(b, "name", file, f, &at, HINT), Ok)?;
        let Some(stats) = b.get("stats") else {
            return Err(error(
                file,
                f,
                &format!("{at}.stats"),
                "has no `stats` object",
                HINT,
            ));
        };
        let median = json_number(stats.get("median"))
            .map_err(|m| error(file, f, &format!("{at}.stats.median"), &m, HINT))?;
        run.figures
            .push(Value::benchmark(name, median, "s", Better::Lower));
        let at = format!("{at}.stats.data");
        if let Some(samples) = json_samples(stats.get("data"), file, f, &at, HINT)? {
            run.samples.insert(name.to_string(), samples);
        }
    }
    with_benchmarks(run, "benchmarks", HINT)
}
