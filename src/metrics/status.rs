//! A report's status from its figures, by one stated rule. Each figure with a threshold gets a
//! mark: ✅ within it, ⚠️ past it, ❌ past it by more than the margin again (error rate above
//! twice its maximum; failures above twice what the success minimum allows; latency worse
//! than the baseline by more than twice the regression limit). The report is RED when any
//! figure is ❌, YELLOW when any is ⚠️, GREEN when every judged figure is ✅, and has no
//! status when no figure could be judged (latency needs a baseline to be judged against).

use serde::Serialize;

use super::{compare, format};
use crate::config::{Config, MetricClass};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Mark {
    Within,
    Past,
    FarPast,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Within => "✅",
            Mark::Past => "⚠️",
            Mark::FarPast => "❌",
        }
    }
}

/// A figure judged: its mark and the threshold in words (`above 0.5%`).
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub mark: Mark,
    pub reason: String,
}

/// Judges one figure against the thresholds (and, for latency, the baseline's figure).
/// `None` for a figure without a threshold (throughput, uptime), or latency without a baseline.
pub fn judge(config: &Config, key: &str, value: f64, baseline: Option<f64>) -> Option<Judged> {
    let t = &config.thresholds;
    let class = config.class_of(key);
    let (past, far) = match class {
        MetricClass::SuccessRate => {
            let allowed = 100.0 - t.min_success_rate_pct;
            let failed = 100.0 - format::shown(value);
            (failed > allowed, failed > 2.0 * allowed)
        }
        MetricClass::ErrorRate => {
            let v = format::shown(value);
            (v > t.max_error_rate_pct, v > 2.0 * t.max_error_rate_pct)
        }
        MetricClass::Latency => {
            let c = compare::one(config, key, baseline?, value);
            let worse = c.change_pct.unwrap_or_default();
            (
                c.regression,
                c.regression && worse > 2.0 * t.latency_regression_pct,
            )
        }
        _ => return None,
    };
    let mark = match (past, far) {
        (_, true) => Mark::FarPast,
        (true, false) => Mark::Past,
        _ => Mark::Within,
    };
    let reason = match baseline {
        Some(b) if class == MetricClass::Latency => compare::one(config, key, b, value).reason,
        _ => compare::one(config, key, value, value).reason,
    }
    .to_string();
    Some(Judged { mark, reason })
}

/// GREEN, YELLOW or RED from the marks, by the rule above; `None` when nothing was judged.
pub fn status(marks: impl IntoIterator<Item = Mark>) -> Option<&'static str> {
    marks.into_iter().max().map(|m| match m {
        Mark::Within => "GREEN",
        Mark::Past => "YELLOW",
        Mark::FarPast => "RED",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_sources(std::path::Path::new("."), None).unwrap()
    }

    #[test]
    fn the_rule() {
        let c = config();
        let m = |k, v, b| judge(&c, k, v, b).map(|j| j.mark);
        assert_eq!(m("error_rate_pct", 0.5, None), Some(Mark::Within));
        assert_eq!(m("error_rate_pct", 0.51, None), Some(Mark::Past));
        assert_eq!(m("error_rate_pct", 1.01, None), Some(Mark::FarPast));
        assert_eq!(m("success_rate_pct", 98.0, None), Some(Mark::Within));
        assert_eq!(m("success_rate_pct", 97.0, None), Some(Mark::Past));
        assert_eq!(m("success_rate_pct", 95.9, None), Some(Mark::FarPast));
        assert_eq!(m("p95_ms", 300.0, None), None);
        assert_eq!(m("p95_ms", 300.0, Some(285.0)), Some(Mark::Within));
        assert_eq!(m("p95_ms", 320.0, Some(285.0)), Some(Mark::Past));
        assert_eq!(m("p95_ms", 350.0, Some(285.0)), Some(Mark::FarPast));
        assert_eq!(m("throughput_rps", 1.0, Some(5.0)), None);
        assert_eq!(status([Mark::Within, Mark::Past]), Some("YELLOW"));
        assert_eq!(status([]), None);
    }
}
