//! github-action-benchmark's custom JSON, `[{name, unit, value, range?}]`, under its two tool
//! names: `customSmallerIsBetter` and `customBiggerIsBetter`. The file does not say its
//! direction, so detection reads a rate unit (`ops/sec`, `req/s`) as bigger-is-better and
//! anything else as smaller; `--input-format` or `book.toml` overrides the guess. Each
//! entry is a figure named as the file names it, with its unit.

use serde_json::Value as Json;

use super::registry::{Format, is_json};
use super::text::{error, json, json_list, json_number, json_str, with_benchmarks};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const SMALLER: Format = Format {
    name: "custom-smaller-is-better",
    describe: "github-action-benchmark customSmallerIsBetter JSON",
    command: "a script writing [{\"name\", \"unit\", \"value\"}] (tool: customSmallerIsBetter)",
    looks_like: |t| looks_custom(t) && !rate_units(t),
    named_like: is_json,
    parse: |f, t| parse(f, t, Better::Lower),
};

pub const BIGGER: Format = Format {
    name: "custom-bigger-is-better",
    describe: "github-action-benchmark customBiggerIsBetter JSON",
    command: "a script writing [{\"name\", \"unit\", \"value\"}] (tool: customBiggerIsBetter)",
    looks_like: |t| looks_custom(t) && rate_units(t),
    named_like: is_json,
    parse: |f, t| parse(f, t, Better::Higher),
};

fn looks_custom(t: &str) -> bool {
    t.trim_start().starts_with('[') && t.contains("\"name\"") && t.contains("\"value\"")
}

/// Whether every entry's unit is a rate, so bigger is better.
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

fn parse(file: &str, text: &str, better: Better) -> Result<Run> {
    let format = if better == Better::Lower {
        &SMALLER
    } else {
        &BIGGER
    };
    let f = format.name;
    let hint = "write a JSON array of {\"name\": …, \"unit\": …, \"value\": NUMBER}";
    let v = json(file, f, text, hint)?;
    let items = json_list(&v, None, file, f, hint)?;
    let mut run = Run::new(file, f, format.describe);
    for (i, b) in items.iter().enumerate() {
        let at = format!("[{i}]");
        let name = json_str(b, "name", file, f, &at, hint)?;
        let unit = json_str(b, "unit", file, f, &at, hint)?;
        let value = json_number(b.get("value"))
            .map_err(|m| error(file, f, &format!("{at}.value"), &m, hint))?;
        run.figures
            .push(Value::benchmark(name, value, unit, better));
    }
    with_benchmarks(run, "(top level)", hint)
}
