//! Typed views of the metric fields of front matter: an optimization's `{before, after}` pairs
//! and a report's figures, joined with the catalog for unit, name and direction.

use std::ops::Range;

use serde::Serialize;

use super::Doc;
use super::yaml::{Node, Value};
use crate::config::{Better, Config, MetricClass};

/// One `name: {before, after}` metric of an optimization record.
#[derive(Debug, Clone, Serialize)]
pub struct MetricEntry {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// From the inline `better`, else the catalog; `None` when neither says.
    pub better: Option<Better>,
    /// The catalog's class; `other` for a metric the catalog does not hold.
    #[serde(skip)]
    pub class: MetricClass,
    pub before: Option<f64>,
    pub after: Option<f64>,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl MetricEntry {
    /// Improvement in percent: positive when the change went the good way.
    pub fn improvement_pct(&self) -> Option<f64> {
        let change = crate::metrics::format::change_pct(self.before?, self.after?)?;
        Some(match self.better? {
            Better::Lower => -change,
            Better::Higher => change,
        })
    }
}

/// One `name: number` figure of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub key: String,
    pub value: f64,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Doc {
    /// The `metrics` map of an optimization record. Entries whose value is not a map are left
    /// to the type rule; fields that are not numbers read as `None`.
    pub fn metrics(&self, config: &Config) -> Vec<MetricEntry> {
        let Some(entries) = self.field("metrics").and_then(Node::entries) else {
            return Vec::new();
        };
        entries
            .iter()
            .filter(|e| matches!(e.value.value, Value::Map(_)))
            .map(|e| {
                let m = &e.value;
                let catalog = config.metrics.get(&e.key);
                let inline_better = m
                    .get("better")
                    .and_then(Node::as_str)
                    .and_then(Better::parse);
                MetricEntry {
                    key: e.key.clone(),
                    name: catalog.map_or_else(|| e.key.clone(), |c| c.name.clone()),
                    unit: m
                        .get("unit")
                        .and_then(Node::as_str)
                        .map(str::to_string)
                        .or_else(|| catalog.map(|c| c.unit.clone()))
                        .unwrap_or_default(),
                    better: inline_better.or(catalog.map(|c| c.better)),
                    class: catalog.map_or(MetricClass::Other, |c| c.class),
                    before: m.get("before").and_then(Node::as_f64),
                    after: m.get("after").and_then(Node::as_f64),
                    span: e.key_span.start..e.value.span.end.max(e.key_span.end),
                }
            })
            .collect()
    }

    /// A report's figures under `field` (`metrics` or `baseline`).
    pub fn figures(&self, field: &str) -> Vec<Figure> {
        let Some(entries) = self.field(field).and_then(Node::entries) else {
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|e| {
                Some(Figure {
                    key: e.key.clone(),
                    value: e.value.as_f64()?,
                    span: e.value.span.clone(),
                })
            })
            .collect()
    }
}
