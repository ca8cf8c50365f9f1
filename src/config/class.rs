//! Metric classes: what kind of figure a catalog metric is, which decides how a run is judged
//! against the baseline, instead of matching on metric keys or units.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricClass {
    /// A regression when worse than the baseline by more than `latency-regression-pct`.
    Latency,
    /// A regression when below `min-success-rate-pct`.
    SuccessRate,
    /// A regression when above `max-error-rate-pct`.
    ErrorRate,
    /// A trend, never a regression: load follows traffic, not code.
    Throughput,
    /// A trend only, until the practice gives it one of the classes above.
    Other,
}

impl MetricClass {
    pub const NAMES: &'static [&'static str] = &[
        "latency",
        "success-rate",
        "error-rate",
        "throughput",
        "other",
    ];

    pub fn parse(name: &str) -> Option<MetricClass> {
        Some(match name {
            "latency" => MetricClass::Latency,
            "success-rate" => MetricClass::SuccessRate,
            "error-rate" => MetricClass::ErrorRate,
            "throughput" => MetricClass::Throughput,
            "other" => MetricClass::Other,
            _ => return None,
        })
    }

    /// Success and error rates are held to absolute limits: they guard a promotion.
    pub fn is_rate(self) -> bool {
        matches!(self, MetricClass::SuccessRate | MetricClass::ErrorRate)
    }
}
