//! `metric-math`: numbers written in the prose agree with the front matter. A `2800ms → 1100ms`
//! pair must be some metric's before and after, and an improvement percentage must be the one
//! those numbers give, rounded as written. Estimates are left alone.

use std::sync::LazyLock;

use regex::Regex;

use crate::config::{Config, MetricClass};
use crate::diagnostic::Diagnostic;
use crate::doc::{Doc, MetricEntry};

const NUM: &str = r"\d[\d,]*(?:\.\d+)?";
const UNIT: &str = r"(?:ms|s|sec|secs|seconds|%|req/s|req/sec|rps|MB|KB)";

static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<a>{NUM})\s*(?P<ua>{UNIT})?\s*(?:→|->|⟶|=>)\s*(?P<b>{NUM})\s*(?P<ub>{UNIT})?"
    ))
    .expect("valid regex")
});
static PCT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<p>\d+(?:\.\d+)?)\s?%\s*(?:improvement|faster|reduction|lower|higher|better|increase|decrease|drop|gain|less|fewer|slower|worse|regression|cut|speed-?up)")
        .expect("valid regex")
});
static PCT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:improved|improvement of|reduced|reduction of|cut|increased|decreased|dropped|went up|went down)\s+(?:by\s+)?(?P<p>\d+(?:\.\d+)?)\s?%")
        .expect("valid regex")
});
static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)estimat|expect|target|project|goal|forecast|would|could|potential|aim")
        .expect("valid regex")
});

pub fn check(config: &Config, doc: &Doc, out: &mut Vec<Diagnostic>) {
    let metrics: Vec<MetricEntry> = doc
        .metrics(config)
        .into_iter()
        .filter(|m| m.before.is_some() && m.after.is_some() && m.better.is_some())
        .collect();
    if metrics.is_empty() {
        return;
    }
    let body = doc.body();
    let mut offset = doc.body_start;
    for line in body.split_inclusive('\n') {
        check_line(doc, &metrics, line, offset, out);
        offset += line.len();
    }
}

fn check_line(
    doc: &Doc,
    metrics: &[MetricEntry],
    line: &str,
    at: usize,
    out: &mut Vec<Diagnostic>,
) {
    // Most lines carry neither a percentage nor an arrow; skip them before any regex runs.
    let interesting = line.contains('%')
        || line.contains('→')
        || line.contains("->")
        || line.contains('⟶')
        || line.contains("=>");
    if !interesting || doc.outline.in_code(at) {
        return;
    }
    let mut paired: Vec<&MetricEntry> = Vec::new();
    for cap in PAIR.captures_iter(line) {
        let whole = cap.get(0).expect("match");
        if doc.outline.in_code(at + whole.start()) {
            continue;
        }
        let (Some(a), Some(b)) = (number(&cap["a"]), number(&cap["b"])) else {
            continue;
        };
        let exact = metrics.iter().find(|m| {
            FACTORS.iter().any(|f| {
                close(m.before.unwrap_or(f64::NAN), a * f)
                    && close(m.after.unwrap_or(f64::NAN), b * f)
            })
        });
        if let Some(m) = exact {
            paired.push(m);
            continue;
        }
        let near = metrics.iter().find(|m| {
            FACTORS.iter().any(|f| {
                close(m.before.unwrap_or(f64::NAN), a * f)
                    || close(m.after.unwrap_or(f64::NAN), b * f)
            })
        });
        if let Some(m) = near {
            out.push(
                Diagnostic::error(
                    &doc.path,
                    "metric-math",
                    format!(
                        "prose says {} → {} but `{}` goes from {} to {}",
                        &cap["a"],
                        &cap["b"],
                        m.key,
                        fmt(m.before),
                        fmt(m.after)
                    ),
                )
                .at(doc.locate(at + whole.start()..at + whole.end()))
                .hint("make the prose and the front-matter metric agree"),
            );
        }
    }
    if HEDGE.is_match(line) {
        return;
    }
    let named = metrics_named(metrics, line);
    for re in [&*PCT_AFTER, &*PCT_BEFORE] {
        for cap in re.captures_iter(line) {
            let p = cap.name("p").expect("group");
            if doc.outline.in_code(at + p.start()) {
                continue;
            }
            let Ok(written) = p.as_str().parse::<f64>() else {
                continue;
            };
            let decimals = p.as_str().split_once('.').map_or(0, |(_, d)| d.len());
            let candidates: Vec<&MetricEntry> = if !paired.is_empty() {
                paired.clone()
            } else if !named.is_empty() {
                named.clone()
            } else {
                metrics.iter().collect()
            };
            let agrees = candidates.iter().any(|m| {
                m.improvement_pct().is_some_and(|x| {
                    (x.abs() - written).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
                })
            });
            if !agrees {
                let expected: Vec<String> = candidates
                    .iter()
                    .filter_map(|m| {
                        Some(format!(
                            "`{}` {} → {} is {:.1}%",
                            m.key,
                            fmt(m.before),
                            fmt(m.after),
                            m.improvement_pct()?.abs()
                        ))
                    })
                    .collect();
                out.push(
                    Diagnostic::error(
                        &doc.path,
                        "metric-math",
                        format!(
                            "{}% does not follow from the front matter: {}",
                            p.as_str(),
                            expected.join("; ")
                        ),
                    )
                    .at(doc.locate(at + p.start()..at + p.end() + 1))
                    .hint("recompute the percentage from before and after, or fix the metric"),
                );
            }
        }
    }
}

/// Scale factors tried between a prose number and a metric: same unit, seconds for
/// milliseconds, and back.
const FACTORS: [f64; 3] = [1.0, 1000.0, 0.001];

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

fn number(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

fn fmt(x: Option<f64>) -> String {
    x.map_or_else(|| "?".into(), |v| format!("{v}"))
}

/// Metrics a line speaks of by key, display name or a short word for it.
fn metrics_named<'a>(metrics: &'a [MetricEntry], line: &str) -> Vec<&'a MetricEntry> {
    let lower = line.to_lowercase();
    metrics
        .iter()
        .filter(|m| {
            let short = m.key.split('_').next().unwrap_or(&m.key);
            let latency = m.class == MetricClass::Latency && lower.contains("latency");
            lower.contains(&m.key)
                || lower.contains(&m.name.to_lowercase())
                || (short.len() >= 3 && lower.contains(short))
                || latency
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn findings(body: &str) -> Vec<String> {
        let config = Config::from_sources(Path::new("/p"), None).unwrap();
        let text = format!(
            "---\ntitle: t\nmetrics:\n  p95_ms: {{ before: 2800, after: 1100 }}\n  throughput_rps: {{ before: 5.2, after: 5.5 }}\n---\n{body}"
        );
        let doc = Doc::parse("optimizations/t-2025-12-04.md", text);
        let mut out = Vec::new();
        check(&config, &doc, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn the_seed_is_right() {
        assert!(findings("- Latency: 2800ms → 1100ms (61% improvement)\n").is_empty());
        assert!(findings("- Latency: 2.8 sec → 1.1 sec (61% faster)\n").is_empty());
    }

    #[test]
    fn a_wrong_percentage_is_found() {
        let f = findings("- Latency: 2800ms → 1100ms (75% improvement)\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("60.7%"), "{f:?}");
        assert_eq!(findings("- p95 latency improved by 60%\n").len(), 1);
    }

    #[test]
    fn a_wrong_pair_is_found() {
        let f = findings("- Latency: 2800ms → 1000ms\n");
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn estimates_and_other_numbers_are_left_alone() {
        assert!(findings("- Option B: estimated 80% latency reduction\n").is_empty());
        assert!(findings("- We went from 3 calls → 1 call\n").is_empty());
        assert!(findings("- Throughput increased by 5.8%\n").is_empty());
    }
}
