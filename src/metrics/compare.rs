//! A run against the baseline, metric by metric, with the verdicts of the practice's
//! thresholds, chosen by each metric's class: latency worse by more than
//! `latency_regression_pct`, success rates below `min_success_rate_pct`, error rates above
//! `max_error_rate_pct`, throughput and other figures a trend only. Works on catalog
//! figures, so a report's front matter compares the same way a k6 file does.

use serde::Serialize;

use super::catalog::Value;
use super::format;
use super::noise::{SampleCounts, Verdict};
use crate::config::{Better, Config, MetricClass, Thresholds};

/// Which way a metric moved, judged by its direction in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Movement {
    Better,
    Worse,
    Same,
}

/// One metric compared.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub better: Option<Better>,
    pub baseline: f64,
    pub current: f64,
    /// Signed change of the value as shown, `None` when the baseline shows as zero.
    pub change_pct: Option<f64>,
    pub movement: Movement,
    pub regression: bool,
    /// Why the verdict is what it is; in JSON, in words (`over +10%`, `below 98%`).
    pub reason: Rule,
    /// The verdict weighed against the noise (`noise::weigh`): set for figures that have
    /// samples to test (latency, a harness benchmark), absent for the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub significance: Option<Verdict>,
}

/// The rule a metric was judged by, with the limit it was held to (a percentage).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// A success rate below its minimum.
    Below(f64),
    AtOrAbove(f64),
    /// An error rate above its maximum.
    Above(f64),
    AtOrBelow(f64),
    /// Latency worse than the baseline by more than the limit.
    Over(f64),
    Within(f64),
    /// No threshold: throughput and other figures are watched as a trend.
    TrendOnly,
}

impl Rule {
    pub fn is_trend(self) -> bool {
        self == Rule::TrendOnly
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |x: &f64| format::number(*x);
        match self {
            Rule::Below(x) => write!(f, "below {}%", n(x)),
            Rule::AtOrAbove(x) => write!(f, "at or above {}%", n(x)),
            Rule::Above(x) => write!(f, "above {}%", n(x)),
            Rule::AtOrBelow(x) => write!(f, "at or below {}%", n(x)),
            Rule::Over(x) => write!(f, "over +{}%", n(x)),
            Rule::Within(x) => write!(f, "within +{}%", n(x)),
            Rule::TrendOnly => f.write_str("trend only"),
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub baseline_file: String,
    pub current_file: String,
    pub regressions: Vec<Compared>,
    pub metrics: Vec<Compared>,
    /// Figures only one side has, so they could not be compared (`p99_ms` when the baseline
    /// was exported without it).
    pub only_in_baseline: Vec<String>,
    pub only_in_current: Vec<String>,
    /// The raw request samples of both sides, when both had them (`noise::weigh` sets it);
    /// `null` when a side is a summary and the thresholds decided alone.
    pub samples: Option<SampleCounts>,
}

impl Comparison {
    pub fn regressed(&self) -> bool {
        !self.regressions.is_empty()
    }
}

/// Changes smaller than this (in %) count as "same": noise, not movement.
const SAME_BAND_PCT: f64 = 0.5;

/// Compares every figure present in both lists, in the order of `current`.
pub fn compare(
    config: &Config,
    baseline_file: &str,
    baseline: &[Value],
    current_file: &str,
    current: &[Value],
) -> Comparison {
    let metrics: Vec<Compared> = current
        .iter()
        .filter_map(|c| {
            let b = baseline.iter().find(|b| b.key == c.key)?;
            let own = c.unit.as_deref().zip(c.better);
            Some(one_of(config, &c.key, own, b.value, c.value))
        })
        .collect();
    let missing = |a: &[Value], b: &[Value]| -> Vec<String> {
        a.iter()
            .filter(|x| !b.iter().any(|y| y.key == x.key))
            .map(|x| x.key.clone())
            .collect()
    };
    Comparison {
        baseline_file: baseline_file.to_string(),
        current_file: current_file.to_string(),
        regressions: metrics.iter().filter(|m| m.regression).cloned().collect(),
        metrics,
        only_in_baseline: missing(baseline, current),
        only_in_current: missing(current, baseline),
        samples: None,
    }
}

/// One catalog metric's verdict.
pub fn one(config: &Config, key: &str, baseline: f64, current: f64) -> Compared {
    one_of(config, key, None, baseline, current)
}

/// One figure's verdict; `own` is a harness benchmark's unit and direction, used when the
/// catalog does not define the key. A benchmark is judged like latency: worse by more than
/// `latency_regression_pct` in its own direction is a regression.
pub fn one_of(
    config: &Config,
    key: &str,
    own: Option<(&str, Better)>,
    baseline: f64,
    current: f64,
) -> Compared {
    let def = config.metrics.get(key);
    let own = if def.is_some() { None } else { own };
    let better = def.map(|d| d.better).or(own.map(|o| o.1));
    let unit = def.map_or_else(
        || own.map_or_else(String::new, |o| o.0.to_string()),
        |d| d.unit.clone(),
    );
    // Verdicts, output and JSON all work on the figures as shown, so they agree.
    let (baseline, current) = (format::shown(baseline), format::shown(current));
    let change_pct = format::change_pct(baseline, current);
    let movement = match (change_pct, better) {
        (Some(c), _) if c.abs() < SAME_BAND_PCT => Movement::Same,
        (None, _) if current == baseline => Movement::Same,
        (_, Some(Better::Lower)) if current < baseline => Movement::Better,
        (_, Some(Better::Higher)) if current > baseline => Movement::Better,
        (_, Some(_)) => Movement::Worse,
        (_, None) => Movement::Same,
    };
    // A harness benchmark outside the catalog is judged like latency, in its own direction.
    let class = if own.is_some() {
        MetricClass::Latency
    } else {
        config.class_of(key)
    };
    let (regression, reason) = verdict(&config.thresholds, class, current, change_pct, better);
    Compared {
        metric: key.to_string(),
        name: def.map_or_else(|| key.to_string(), |d| d.name.clone()),
        unit,
        better,
        baseline,
        current,
        change_pct,
        movement,
        regression,
        reason,
        significance: None,
    }
}

/// The thresholds of the seed's weekly block, as rules, one per metric class.
fn verdict(
    t: &Thresholds,
    class: MetricClass,
    current: f64,
    change_pct: Option<f64>,
    better: Option<Better>,
) -> (bool, Rule) {
    match class {
        MetricClass::SuccessRate => {
            let min = t.min_success_rate_pct;
            if current < min {
                (true, Rule::Below(min))
            } else {
                (false, Rule::AtOrAbove(min))
            }
        }
        MetricClass::ErrorRate => {
            let max = t.max_error_rate_pct;
            if current > max {
                (true, Rule::Above(max))
            } else {
                (false, Rule::AtOrBelow(max))
            }
        }
        MetricClass::Latency => {
            let limit = t.latency_regression_pct;
            // Worse means up for lower-is-better metrics; latency always is.
            let worse = match (change_pct, better) {
                (Some(c), Some(Better::Higher)) => -c,
                (Some(c), _) => c,
                (None, _) => 0.0,
            };
            if worse > limit {
                (true, Rule::Over(limit))
            } else {
                (false, Rule::Within(limit))
            }
        }
        MetricClass::Throughput | MetricClass::Other => (false, Rule::TrendOnly),
    }
}

/// The seed's "Trend: increasing/stable/decreasing" for a metric without a threshold.
pub fn trend_word(c: &Compared) -> &'static str {
    match c.change_pct {
        Some(p) if p >= SAME_BAND_PCT => "increasing",
        Some(p) if p <= -SAME_BAND_PCT => "decreasing",
        _ => "stable",
    }
}

/// The "Regression?" cell of the seed's table: `No`, `Yes (over +10%)`, `n/a (trend: stable)`.
pub fn regression_cell(c: &Compared) -> String {
    if c.reason.is_trend() {
        return format!("n/a (trend: {})", trend_word(c));
    }
    match c.significance {
        Some(Verdict::Regression { p_value }) => {
            format!("Yes ({}, {})", c.reason, super::noise::p_text(p_value))
        }
        Some(Verdict::WithinNoise { p_value }) => {
            format!("No (within noise, {})", super::noise::p_text(p_value))
        }
        _ if c.regression => format!("Yes ({})", c.reason),
        _ => "No".into(),
    }
}

/// The comparison as the Markdown table of the weekly report's Metrics Summary.
pub fn markdown_table(metrics: &[Compared]) -> String {
    let mut out = String::from(
        "| Metric | Baseline | Current | Change | Regression? |\n|---|---|---|---|---|\n",
    );
    for c in metrics {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            c.name,
            format::with_unit(c.baseline, &c.unit),
            format::with_unit(c.current, &c.unit),
            c.change_pct.map_or_else(|| "n/a".into(), format::change),
            regression_cell(c)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_sources(std::path::Path::new("."), None).unwrap()
    }

    #[test]
    fn the_seeds_rules() {
        let c = config();
        let p95 = one(&c, "p95_ms", 512.0, 577.0);
        assert!(p95.regression, "{p95:?}");
        assert_eq!(regression_cell(&p95), "Yes (over +10%)");
        let avg = one(&c, "avg_ms", 245.0, 265.0);
        assert!(!avg.regression);
        assert_eq!(avg.movement, Movement::Worse);
        // Errors up 50% is still no regression: the limit is absolute.
        assert!(!one(&c, "error_rate_pct", 0.1, 0.15).regression);
        assert!(one(&c, "error_rate_pct", 0.1, 0.6).regression);
        assert!(one(&c, "success_rate_pct", 99.2, 97.9).regression);
        let tp = one(&c, "throughput_rps", 5.2, 5.2);
        assert_eq!(regression_cell(&tp), "n/a (trend: stable)");
        assert_eq!(one(&c, "avg_ms", 245.0, 198.4).movement, Movement::Better);
    }
}
