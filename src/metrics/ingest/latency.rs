//! Catalog figures computed from one row per request (k6's raw `--out json`/`--out csv`, hey,
//! a JMeter JTL): exact percentiles, error rate, throughput, and the same per endpoint.
//!
//! Percentiles are k6's definition, so a raw stream and k6's own summary of the same run
//! agree: over the n sorted values, p(q) sits at rank r = q/100 × (n − 1) and is interpolated
//! linearly between the values at floor(r) and ceil(r). The median is p(50).

use std::collections::BTreeMap;

use super::{Endpoint, LATENCY_SAMPLES, Run, Value};

/// The catalog figures computed from the request durations (`LATENCY_SAMPLES`), in order:
/// what a test of those samples speaks for.
pub const FROM_DURATIONS: [&str; 6] = ["avg_ms", "med_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms"];

/// Requests of one endpoint (or of the whole run).
#[derive(Debug, Default, Clone)]
pub struct Requests {
    /// Latencies in ms, in arrival order.
    pub durations: Vec<f64>,
    pub requests: u64,
    pub failed: u64,
}

impl Requests {
    fn figures(&self, seconds: Option<f64>) -> Vec<Value> {
        let mut sorted = self.durations.clone();
        sorted.sort_by(f64::total_cmp);
        let mut out = Vec::new();
        let mut push = |k: &str, v: Option<f64>| {
            if let Some(v) = v {
                out.push(Value::catalog(k, v));
            }
        };
        let n = sorted.len();
        let from_durations = [
            (n > 0).then(|| sorted.iter().sum::<f64>() / n as f64),
            percentile(&sorted, 50.0),
            percentile(&sorted, 90.0),
            percentile(&sorted, 95.0),
            percentile(&sorted, 99.0),
            sorted.last().copied(),
        ];
        for (key, v) in FROM_DURATIONS.iter().zip(from_durations) {
            push(key, v);
        }
        push(
            "error_rate_pct",
            (self.requests > 0).then(|| self.failed as f64 / self.requests as f64 * 100.0),
        );
        push(
            "throughput_rps",
            // Under a microsecond is no run length to divide by.
            seconds
                .filter(|s| *s >= 1e-6)
                .map(|s| self.requests as f64 / s),
        );
        out
    }
}

/// Every request of a run, by endpoint.
#[derive(Debug, Default)]
pub struct Tally {
    pub all: Requests,
    pub endpoints: BTreeMap<String, Requests>,
}

impl Tally {
    /// One request: its latency (when the tool timed it), whether it failed, its endpoint.
    pub fn add(&mut self, endpoint: Option<&str>, duration_ms: Option<f64>, failed: bool) {
        self.outcome(endpoint, failed);
        if let Some(d) = duration_ms {
            self.duration(endpoint, d);
        }
    }

    /// A request's outcome alone (k6 writes it apart from the latency).
    pub fn outcome(&mut self, endpoint: Option<&str>, failed: bool) {
        self.each(endpoint, |r| {
            r.requests += 1;
            r.failed += u64::from(failed);
        });
    }

    /// A request's latency alone.
    pub fn duration(&mut self, endpoint: Option<&str>, ms: f64) {
        self.each(endpoint, |r| r.durations.push(ms));
    }

    fn each(&mut self, endpoint: Option<&str>, f: impl Fn(&mut Requests)) {
        f(&mut self.all);
        if let Some(e) = endpoint.filter(|e| !e.is_empty()) {
            f(self.endpoints.entry(e.to_string()).or_default());
        }
    }

    /// Fills the run's figures, endpoints and latency samples; `seconds` is the run's length
    /// (throughput is left out when it is unknown).
    pub fn into_run(self, mut run: Run, seconds: Option<f64>) -> Run {
        run.figures = self.all.figures(seconds);
        run.endpoints = self
            .endpoints
            .iter()
            .map(|(name, r)| Endpoint {
                name: name.clone(),
                figures: r.figures(seconds),
            })
            .collect();
        if !self.all.durations.is_empty() {
            run.samples
                .insert(LATENCY_SAMPLES.to_string(), self.all.durations);
        }
        run
    }
}

/// p(q) of sorted values, k6's definition (see the module note); `None` when empty.
pub fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = q / 100.0 * last as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_k6() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(percentile(&v, 50.0), Some(5.5));
        assert_eq!(percentile(&v, 90.0), Some(9.1));
        assert_eq!(percentile(&v, 100.0), Some(10.0));
        assert_eq!(percentile(&[7.0], 95.0), Some(7.0));
        assert_eq!(percentile(&[], 95.0), None);
    }

    #[test]
    fn error_rate_and_throughput() {
        let mut t = Tally::default();
        t.add(Some("a"), Some(10.0), false);
        t.add(Some("a"), Some(30.0), true);
        t.add(Some("b"), None, true);
        let run = t.into_run(Run::new("f", "x", "x"), Some(2.0));
        assert_eq!(run.get("avg_ms"), Some(20.0));
        assert!((run.get("error_rate_pct").unwrap() - 66.666).abs() < 0.01);
        assert_eq!(run.get("throughput_rps"), Some(1.5));
        assert_eq!(run.endpoints.len(), 2);
        assert_eq!(run.samples(LATENCY_SAMPLES), Some(&[10.0, 30.0][..]));
    }
}
