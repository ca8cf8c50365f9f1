//! The monthly baseline decision, and the promotion that follows it.
//!
//! **What "improves" means** (the runbook's rule, `content/runbooks/baseline-update.md`): the
//! decisive metric — average latency `avg_ms` by default, or the ones the caller names (p95
//! when the month's work targeted tail latency) — must improve on the baseline by *more than*
//! `baseline_improvement_pct`, **and** nothing may regress: no other latency metric worse than
//! the baseline (beyond a 0.5% noise band), message and check success not below
//! `min_success_rate_pct`, error rate not above `max_error_rate_pct`, and no k6 threshold of
//! the run crossed (the runbook's "check that the run was clean"). Throughput is reported but
//! never decides.
//!
//! Promotion archives the current baseline under the month it was recorded and only then
//! replaces it, each step an atomic write, so a failure half-way leaves the old baseline in
//! place (and at worst an extra archive copy), never a lost one. Promotions of one baseline
//! take turns (`lock`): each reads the baseline, decides and writes while holding the lock, so
//! two at once decide as they would one after the other.

use std::path::Path;

use serde::Serialize;

use super::catalog::Run;
use super::compare::{self, Movement};
use super::format;
use super::runs;
use crate::config::{Config, MetricClass};
use crate::error::{Error, Result};
use crate::fs::write::{Existing, atomic_write};

/// The metric that decides by default: the seed's "Baseline Avg Latency".
pub const DEFAULT_DECISIVE: &str = "avg_ms";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Must improve by more than the update threshold.
    Decisive,
    /// Must not regress.
    Guard,
    /// Shown, never decides.
    Info,
}

/// One metric's part in the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub candidate: f64,
    /// Positive when the candidate is better.
    pub improvement_pct: Option<f64>,
    pub role: Role,
    pub ok: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// Whether the candidate qualifies (before `--force`).
    pub qualifies: bool,
    pub decisive: Vec<String>,
    pub threshold_pct: f64,
    pub reasons: Vec<Reason>,
}

/// Decides whether `candidate` should replace `baseline`.
pub fn decide(config: &Config, baseline: &Run, candidate: &Run, decisive: &[String]) -> Decision {
    let t = &config.thresholds;
    let mut reasons = Vec::new();
    for c in &candidate.figures {
        let Some(b) = baseline.get(&c.key) else {
            continue;
        };
        let cmp = compare::one_of(config, &c.key, c.unit.as_deref().zip(c.better), b, c.value);
        let improvement_pct = cmp.change_pct.map(|p| match cmp.better {
            Some(crate::config::Better::Higher) => p,
            _ => -p,
        });
        let (role, ok, text) = if decisive.iter().any(|d| d == &c.key) {
            let imp = improvement_pct.unwrap_or(0.0);
            let ok = imp > t.baseline_improvement_pct;
            let text = format!(
                "{} by {}: {} the {}% needed",
                if imp >= 0.0 { "improved" } else { "worsened" },
                format::percent(imp.abs()),
                if ok { "more than" } else { "not more than" },
                format::number(t.baseline_improvement_pct)
            );
            (Role::Decisive, ok, text)
        } else if config.class_of(&c.key).is_rate() {
            (
                Role::Guard,
                !cmp.regression,
                format!("{} ({})", format::with_unit(c.value, &cmp.unit), cmp.reason),
            )
        } else if config.class_of(&c.key) == MetricClass::Latency {
            let ok = cmp.movement != Movement::Worse;
            let text = match cmp.movement {
                Movement::Worse => format!(
                    "worse than the baseline ({})",
                    cmp.change_pct.map_or_else(|| "n/a".into(), format::change)
                ),
                Movement::Same => "unchanged".into(),
                Movement::Better => format!(
                    "better ({})",
                    cmp.change_pct.map_or_else(|| "n/a".into(), format::change)
                ),
            };
            (Role::Guard, ok, text)
        } else {
            (
                Role::Info,
                true,
                format!(
                    "{} (does not decide)",
                    cmp.change_pct.map_or_else(|| "n/a".into(), format::change)
                ),
            )
        };
        reasons.push(Reason {
            metric: c.key.clone(),
            name: cmp.name.clone(),
            unit: cmp.unit.clone(),
            baseline: cmp.baseline,
            candidate: cmp.current,
            improvement_pct,
            role,
            ok,
            text,
        });
    }
    // The runbook's first check: a run that failed its own k6 thresholds is not a reference.
    for t in &candidate.crossed {
        reasons.push(Reason {
            metric: "k6-threshold".into(),
            name: "k6 threshold".into(),
            unit: String::new(),
            baseline: f64::NAN,
            candidate: f64::NAN,
            improvement_pct: None,
            role: Role::Guard,
            ok: false,
            text: format!("the run crossed {t}"),
        });
    }
    for d in decisive {
        if !reasons.iter().any(|r| &r.metric == d) {
            reasons.insert(
                0,
                Reason {
                    metric: d.clone(),
                    name: config
                        .metrics
                        .get(d)
                        .map_or_else(|| d.clone(), |m| m.name.clone()),
                    unit: String::new(),
                    baseline: f64::NAN,
                    candidate: f64::NAN,
                    improvement_pct: None,
                    role: Role::Decisive,
                    ok: false,
                    text: "missing from the baseline or the run, so it cannot improve".into(),
                },
            );
        }
    }
    let qualifies = reasons.iter().all(|r| r.ok);
    Decision {
        qualifies,
        decisive: decisive.to_vec(),
        threshold_pct: t.baseline_improvement_pct,
        reasons,
    }
}

/// Where the archive's month came from.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub source: String,
}

/// The month the current baseline was recorded: the date of the dated run whose figures it
/// repeats (`k6-baseline-2025-12-29.json` → `2025-12`); else the date of the last commit that
/// changed it; else `today`'s month.
pub fn archive_month(
    root: &Path,
    config: &Config,
    baseline_rel: &str,
    baseline: &Run,
    today: jiff::civil::Date,
) -> ArchiveMonth {
    for run in runs::list(root, config).iter().rev() {
        let Some(date) = run.date else { continue };
        let Ok(r) = super::ingest::load(config, root, &run.path) else {
            continue;
        };
        if same_figures(baseline, &r) {
            return ArchiveMonth {
                month: crate::doc::period::month(date),
                source: format!("recorded by the run {}", run.path),
            };
        }
    }
    let versions = super::trends::git_versions(root, baseline_rel);
    if let Some((_, date, _)) = versions.last()
        && let Some(month) = date.get(..7)
    {
        return ArchiveMonth {
            month: month.to_string(),
            source: format!("last committed on {}", &date[..10.min(date.len())]),
        };
    }
    ArchiveMonth {
        month: crate::doc::period::month(today),
        source: "the current month (no dated run or commit records it)".into(),
    }
}

/// Two runs are the same run when every figure they share is equal and they share the
/// figures that identify a run (request rate and average latency).
fn same_figures(a: &Run, b: &Run) -> bool {
    let shared: Vec<_> = a
        .figures
        .iter()
        .filter_map(|f| Some((f.value, b.get(&f.key)?)))
        .collect();
    ["avg_ms", "throughput_rps"]
        .iter()
        .all(|k| a.get(k).is_some() && b.get(k).is_some())
        && shared
            .iter()
            .all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0))
}

/// `benchmarks/main-baseline.json` + `2025-11` → `benchmarks/main-baseline-2025-11.json`, or
/// `…-2025-11-2.json` (then `-3`, …) when that exists.
pub fn archive_path(baseline_rel: &str, month: &str, exists: impl Fn(&str) -> bool) -> String {
    let (stem, ext) = match baseline_rel.rsplit_once('.') {
        Some((s, e)) if !e.contains('/') => (s, format!(".{e}")),
        _ => (baseline_rel, String::new()),
    };
    let first = format!("{stem}-{month}{ext}");
    if !exists(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{stem}-{month}-{n}{ext}"))
        .find(|p| !exists(p))
        .expect("some suffix is free")
}

/// Waits for this baseline's turn: the lock on the folder that holds it and its archives
/// (made if missing, as the first baseline would make it). Hold it from before the baseline
/// is read until the promotion is written, so the decision is made against what is there.
pub fn lock(root: &Path, baseline_rel: &str) -> Result<crate::fs::lock::Held> {
    let folder = root
        .join(baseline_rel)
        .parent()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    let werr = |source| Error::Write {
        path: folder.clone(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(werr)?;
    crate::fs::lock::take(&folder).map_err(werr)
}

/// Archives the baseline under `month` (never overwriting an archive), then atomically
/// replaces it with the candidate's bytes. Returns the archive's path.
pub fn promote(
    root: &Path,
    baseline_rel: &str,
    candidate_rel: &str,
    month: &str,
) -> Result<String> {
    let read = |rel: &str| {
        std::fs::read(root.join(rel)).map_err(|source| Error::Read {
            path: root.join(rel),
            source,
        })
    };
    let old = read(baseline_rel)?;
    let new = read(candidate_rel)?;
    let mut archive;
    let mut tries = 0;
    loop {
        archive = archive_path(baseline_rel, month, |p| {
            root.join(p).symlink_metadata().is_ok()
        });
        match atomic_write(&root.join(&archive), &old, Existing::Refuse) {
            Ok(()) => break,
            // Lost a race for the name: take the next suffix.
            Err(_) if root.join(&archive).exists() && tries < 100 => tries += 1,
            Err(e) => return Err(e),
        }
    }
    atomic_write(&root.join(baseline_rel), &new, Existing::Replace)?;
    Ok(archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_never_collide() {
        let taken = ["benchmarks/main-baseline-2025-11.json".to_string()];
        assert_eq!(
            archive_path("benchmarks/main-baseline.json", "2025-12", |p| taken
                .contains(&p.to_string())),
            "benchmarks/main-baseline-2025-12.json"
        );
        assert_eq!(
            archive_path("benchmarks/main-baseline.json", "2025-11", |p| taken
                .contains(&p.to_string())),
            "benchmarks/main-baseline-2025-11-2.json"
        );
    }
}
