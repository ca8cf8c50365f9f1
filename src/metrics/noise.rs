//! A threshold verdict weighed against the noise, when both sides have raw samples (a run's
//! request durations): a regression only when the change is beyond the threshold AND the
//! samples differ significantly (Mann–Whitney U, two-sided). Summary-only comparisons keep
//! the threshold's verdict, marked as such.

use serde::Serialize;

use super::compare::Comparison;
use super::ingest::{LATENCY_SAMPLES, Run};
use super::stats::mann_whitney;
use crate::config::{Config, MetricClass};

/// What a comparison concluded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Verdict {
    /// Beyond the threshold and significant.
    Regression { p_value: f64 },
    /// Beyond the threshold, but the samples do not differ beyond chance.
    WithinNoise { p_value: f64 },
    /// Within the threshold (whatever the samples say).
    Fine,
    /// No samples on one side: the threshold decides alone.
    ThresholdOnly { regression: bool },
}

impl Verdict {
    pub fn is_regression(&self) -> bool {
        matches!(
            self,
            Verdict::Regression { .. } | Verdict::ThresholdOnly { regression: true }
        )
    }

    /// In words, for the human output (`within noise (p = 0.41)`).
    pub fn describe(&self) -> String {
        match self {
            Verdict::Regression { p_value } => format!("regression ({})", p_text(*p_value)),
            Verdict::WithinNoise { p_value } => format!("within noise ({})", p_text(*p_value)),
            Verdict::Fine => "within the threshold".to_string(),
            Verdict::ThresholdOnly { regression: true } => {
                "regression (threshold only: no raw samples)".to_string()
            }
            Verdict::ThresholdOnly { regression: false } => {
                "within the threshold (threshold only: no raw samples)".to_string()
            }
        }
    }
}

/// A p-value as people read it: `p = 0.412`, or `p < 0.001` below what three decimals show.
pub fn p_text(v: f64) -> String {
    if v < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {v:.3}")
    }
}

/// `beyond_threshold`: the threshold verdict on the summary figures. `baseline` and `current`:
/// the raw samples (empty when a side has only a summary); `alpha`: the significance level.
pub fn judge(beyond_threshold: bool, baseline: &[f64], current: &[f64], alpha: f64) -> Verdict {
    if baseline.is_empty() || current.is_empty() {
        return Verdict::ThresholdOnly {
            regression: beyond_threshold,
        };
    }
    if !beyond_threshold {
        return Verdict::Fine;
    }
    match mann_whitney(baseline, current) {
        None => Verdict::ThresholdOnly { regression: true },
        Some(t) if t.p_value <= alpha => Verdict::Regression { p_value: t.p_value },
        Some(t) => Verdict::WithinNoise { p_value: t.p_value },
    }
}

/// How many raw samples each side of a comparison carried (requests, for a load tool).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SampleCounts {
    pub baseline: usize,
    pub current: usize,
}

/// The samples behind a compared figure: a load tool's request durations for every latency
/// figure of the catalog, a harness benchmark's own timings for that benchmark. Error and
/// success rates and throughput have none: their limits are absolute and stay the verdict.
fn sample_key<'a>(config: &Config, key: &'a str) -> Option<&'a str> {
    match config.metrics.get(key) {
        Some(_) if config.class_of(key) == MetricClass::Latency => Some(LATENCY_SAMPLES),
        Some(_) => None,
        None => Some(key),
    }
}

/// Weighs every threshold verdict of `cmp` against the noise in the two runs' samples, at the
/// practice's `significance` level: a latency regression stands only when it is significant.
pub fn weigh(config: &Config, cmp: &mut Comparison, reference: &Run, current: &Run) {
    let alpha = config.thresholds.significance;
    for m in &mut cmp.metrics {
        let Some(key) = sample_key(config, &m.metric) else {
            continue;
        };
        let (b, c) = (
            reference.samples(key).unwrap_or_default(),
            current.samples(key).unwrap_or_default(),
        );
        let verdict = judge(m.regression, b, c, alpha);
        m.regression = verdict.is_regression();
        m.significance = Some(verdict);
    }
    cmp.regressions = cmp
        .metrics
        .iter()
        .filter(|m| m.regression)
        .cloned()
        .collect();
    cmp.samples = match (
        reference.samples(LATENCY_SAMPLES),
        current.samples(LATENCY_SAMPLES),
    ) {
        (Some(b), Some(c)) => Some(SampleCounts {
            baseline: b.len(),
            current: c.len(),
        }),
        _ => None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latency-like samples: a deterministic generator, skewed like request durations.
    fn durations(seed: u64, n: usize, scale: f64) -> Vec<f64> {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let u = ((s >> 11) as f64 + 1.0) / ((1u64 << 53) as f64 + 1.0);
                scale * (200.0 - 40.0 * u.ln())
            })
            .collect()
    }

    fn p95(xs: &[f64]) -> f64 {
        let mut v = xs.to_vec();
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64) * 0.95) as usize - 1]
    }

    #[test]
    fn a_small_run_slower_by_chance_is_within_noise() {
        let base = durations(16, 20, 1.0);
        let run = durations(116, 20, 1.0);
        // The precondition: by chance alone this run's p95 is more than 15 % worse.
        assert!(
            p95(&run) > 1.15 * p95(&base),
            "{} vs {}",
            p95(&run),
            p95(&base)
        );
        let v = judge(true, &base, &run, 0.05);
        assert!(
            matches!(v, Verdict::WithinNoise { p_value } if p_value > 0.05),
            "{v:?}"
        );
        assert!(!v.is_regression());
        assert!(v.describe().starts_with("within noise (p = 0."));
    }

    #[test]
    fn a_shift_over_many_requests_is_a_regression() {
        let base = durations(21, 2000, 1.0);
        let run = durations(22, 2000, 1.15);
        let v = judge(true, &base, &run, 0.05);
        assert!(
            matches!(v, Verdict::Regression { p_value } if p_value < 1e-10),
            "{v:?}"
        );
        assert_eq!(v.describe(), "regression (p < 0.001)");
    }

    #[test]
    fn summaries_keep_the_threshold_verdict_marked() {
        assert_eq!(
            judge(true, &[], &[1.0], 0.05),
            Verdict::ThresholdOnly { regression: true }
        );
        assert_eq!(
            judge(false, &[], &[1.0], 0.05),
            Verdict::ThresholdOnly { regression: false }
        );
        assert_eq!(judge(false, &[1.0; 5], &[9.0; 5], 0.05), Verdict::Fine);
    }
}
