//! From k6's metric names to the practice's catalog keys: the headline figures a report or a
//! baseline comparison talks about (`p95_ms`, `error_rate_pct`, …), in the catalog's units.

use std::path::Path;

use serde::Serialize;

use super::k6::{self, Shape, Summary};
use crate::error::Result;

/// One mapping: catalog key ← stat of a k6 metric, scaled into the catalog's unit.
pub struct Mapping {
    pub key: &'static str,
    pub metric: &'static str,
    pub stat: &'static str,
    pub scale: f64,
}

/// The order here is the order figures are shown in. Latency comes from `http_req_duration`
/// (k6 records time in ms whatever `summaryTimeUnit` says); rates are fractions, shown in %.
/// `http_req_failed`'s rate is already the error rate: its "passes" are failed requests.
pub const MAPPINGS: &[Mapping] = &[
    m("avg_ms", "http_req_duration", "avg", 1.0),
    m("med_ms", "http_req_duration", "med", 1.0),
    m("p90_ms", "http_req_duration", "p(90)", 1.0),
    m("p95_ms", "http_req_duration", "p(95)", 1.0),
    m("p99_ms", "http_req_duration", "p(99)", 1.0),
    m("max_ms", "http_req_duration", "max", 1.0),
    m("error_rate_pct", "http_req_failed", "rate", 100.0),
    m(
        "success_rate_pct",
        "message_delivery_success",
        "rate",
        100.0,
    ),
    m("checks_pct", "checks", "rate", 100.0),
    m("throughput_rps", "http_reqs", "rate", 1.0),
];

const fn m(key: &'static str, metric: &'static str, stat: &'static str, scale: f64) -> Mapping {
    Mapping {
        key,
        metric,
        stat,
        scale,
    }
}

/// A catalog key and its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    pub key: String,
    pub value: f64,
}

/// A benchmark run as catalog figures.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// The file as named to the user.
    pub file: String,
    pub shape: Shape,
    /// In `MAPPINGS` order; a figure the run does not have is absent, never zero.
    pub figures: Vec<Value>,
    /// Thresholds the run crossed, as `metric: expression`.
    pub crossed: Vec<String>,
}

impl Run {
    pub fn get(&self, key: &str) -> Option<f64> {
        self.figures.iter().find(|f| f.key == key).map(|f| f.value)
    }

    pub fn from_summary(summary: &Summary) -> Run {
        let figures = MAPPINGS
            .iter()
            .filter_map(|m| {
                Some(Value {
                    key: m.key.to_string(),
                    value: summary.value(m.metric, m.stat)? * m.scale,
                })
            })
            .collect();
        Run {
            file: summary.file.clone(),
            shape: summary.shape,
            figures,
            crossed: summary
                .crossed()
                .into_iter()
                .map(|(m, e)| format!("{m}: {e}"))
                .collect(),
        }
    }
}

/// Reads `root/rel` as a k6 summary and maps it onto the catalog.
pub fn load(root: &Path, rel: &str) -> Result<Run> {
    let summary = k6::read(&root.join(rel), rel)?;
    Ok(Run::from_summary(&summary))
}

/// The same, from text (for files read out of git history).
pub fn parse(file: &str, text: &str) -> Result<Run> {
    Ok(Run::from_summary(&k6::parse(file, text)?))
}
