//! The optimization workflow's three SLAs (detect, root cause, fix) as targets with the team's
//! limits: what the `sla` rule checks every record against and what `perfdoc tracking`
//! measures, from one list.

use crate::config::Sla;

/// One SLA: a stage measured from another, its limit, and how a message names it.
pub struct Target {
    pub stage: &'static str,
    pub from: &'static str,
    pub hours: f64,
    /// `detected`, `root cause found`, `deployed`.
    pub done: &'static str,
    /// `no root cause yet`.
    pub missing: &'static str,
    /// `the problem started`, `detection`.
    pub from_words: &'static str,
}

/// The three SLAs in stage order, with the team's limits.
pub fn targets(sla: &Sla) -> [Target; 3] {
    [
        Target {
            stage: "detected",
            from: "started",
            hours: sla.detect_hours,
            done: "detected",
            missing: "not detected yet",
            from_words: "the problem started",
        },
        Target {
            stage: "root_cause",
            from: "detected",
            hours: sla.root_cause_hours,
            done: "root cause found",
            missing: "no root cause yet",
            from_words: "detection",
        },
        Target {
            stage: "deployed",
            from: "detected",
            hours: sla.fix_hours,
            done: "deployed",
            missing: "no fix deployed yet",
            from_words: "detection",
        },
    ]
}
