//! The JMeter HTML dashboard's `statistics.json` (apache/jmeter `StatisticsSummaryConsumer`):
//! one object per label and `Total`, ms, `errorPct` in %, the percentiles 90/95/99 as
//! `pct1…pct3ResTime`. `Total` gives the run's figures, the labels the endpoints.

use serde_json::Value as Json;

use super::registry::Format;
use super::text::{error, json, json_number};
use super::{Endpoint, Run, Value};
use crate::error::{Error, Result};

pub const FORMAT: Format = Format {
    name: "jmeter-statistics",
    describe: "JMeter HTML dashboard statistics.json",
    command: "jmeter -n -t plan.jmx -l run.jtl -e -o report/   (reads report/statistics.json)",
    looks_like: |t| t.contains("\"Total\"") && t.contains("\"sampleCount\""),
    named_like: |n| n.ends_with("statistics.json"),
    parse,
};

pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "pass the statistics.json of `jmeter -g run.jtl -o report/`";
    let v = json(file, f, text, hint)?;
    let Some(obj) = v.as_object() else {
        return Err(error(
            file,
            f,
            "(top level)",
            "is not an object of labels",
            hint,
        ));
    };
    let figures = |label: &str, s: &Json| -> Result<Vec<Value>, Error> {
        let n = |k: &str| {
            json_number(s.get(k)).map_err(|m| error(file, f, &format!("{label}.{k}"), &m, hint))
        };
        Ok(vec![
            Value::catalog("avg_ms", n("meanResTime")?),
            Value::catalog("med_ms", n("medianResTime")?),
            Value::catalog("p90_ms", n("pct1ResTime")?),
            Value::catalog("p95_ms", n("pct2ResTime")?),
            Value::catalog("p99_ms", n("pct3ResTime")?),
            Value::catalog("max_ms", n("maxResTime")?),
            Value::catalog("error_rate_pct", n("errorPct")?),
            Value::catalog("throughput_rps", n("throughput")?),
        ])
    };
    let Some(total) = obj.get("Total") else {
        return Err(error(file, f, "Total", "has no `Total` entry", hint));
    };
    let mut run = Run::new(file, f, FORMAT.describe);
    run.figures = figures("Total", total)?;
    for (label, s) in obj.iter().filter(|(k, _)| *k != "Total") {
        run.endpoints.push(Endpoint {
            name: label.clone(),
            figures: figures(label, s)?,
        });
    }
    Ok(run)
}
