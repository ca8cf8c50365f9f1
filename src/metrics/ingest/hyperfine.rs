//! hyperfine's `--export-json`: `{"results": [{"command", "mean", "stddev", "median", "min",
//! "max", "times": [...], "exit_codes": [...]}]}`, seconds throughout. Each command is a
//! benchmark named by its command line, its mean the figure, its `times` the samples.

use super::registry::{Format, is_json};
use super::text::{error, json, json_number, json_samples};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "hyperfine",
    describe: "hyperfine --export-json",
    command: "hyperfine --export-json run.json 'CMD'",
    looks_like: |t| {
        t.trim_start().starts_with('{') && t.contains("\"results\"") && t.contains("\"command\"")
    },
    named_like: is_json,
    parse,
};

const HINT: &str = "write the file again with `hyperfine --export-json FILE CMD`";

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let err = |at: &str, m: &str| error(file, f, at, m, HINT);
    let v = json(file, f, text, HINT)?;
    let Some(results) = v.get("results").and_then(|r| r.as_array()) else {
        return Err(err("results", "has no `results` array"));
    };
    let mut run = Run::new(file, f, FORMAT.describe);
    for (i, r) in results.iter().enumerate() {
        let at = format!("results[{i}]");
        let Some(command) = r.get("command").and_then(|c| c.as_str()) else {
            return Err(err(&format!("{at}.command"), "has no `command` string"));
        };
        let mean = json_number(r.get("mean")).map_err(|m| err(&format!("{at}.mean"), &m))?;
        run.figures
            .push(Value::benchmark(command, mean, "s", Better::Lower));
        let at = format!("{at}.times");
        if let Some(samples) = json_samples(r.get("times"), file, f, &at, HINT)? {
            run.samples.insert(command.to_string(), samples);
        }
    }
    if run.figures.is_empty() {
        return Err(err("results", "is empty: no command was benchmarked"));
    }
    Ok(run)
}
