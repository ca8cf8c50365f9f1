//! `perfdoc check`: runs every rule over the practice (documents in parallel) and returns the
//! findings sorted by file and line. Rendering them is `report`'s job; exit codes are `cmd`'s.

pub mod report;
pub mod rules;
pub mod staged;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::practice::Practice;

/// Checks the whole practice, or only the documents whose paths `only` lists. Practice-wide
/// rules (duplicates) still look at every document but report only on the selected ones.
pub fn check(practice: &Practice, only: Option<&[String]>) -> Vec<Diagnostic> {
    let selected = |path: &str| only.is_none_or(|paths| paths.iter().any(|p| p == path));
    let ctx = rules::Ctx {
        config: &practice.config,
        practice,
        now: jiff::ZonedDateTime::now().datetime(),
    };
    let mut out: Vec<Diagnostic> = practice
        .docs
        .par_iter()
        .filter(|d| selected(&d.path))
        .flat_map_iter(|doc| {
            let mut found = Vec::new();
            rules::check_doc(&ctx, doc, &mut found);
            found
        })
        .collect();
    out.extend(
        practice
            .problems
            .iter()
            .filter(|d| selected(&d.path))
            .cloned(),
    );
    let mut dups = Vec::new();
    rules::duplicates(practice, &mut dups);
    rules::tracking(practice, &mut dups);
    out.extend(dups.into_iter().filter(|d| selected(&d.path)));
    sort(&mut out);
    out
}

pub fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by(|a, b| {
        let key = |d: &Diagnostic| (d.location.as_ref().map_or(0, |l| l.start), d.rule);
        a.path.cmp(&b.path).then_with(|| key(a).cmp(&key(b)))
    });
}

/// Counts of errors and warnings, for the summary line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

pub fn tally(findings: &[Diagnostic]) -> Tally {
    let mut files: Vec<&str> = findings.iter().map(|d| d.path.as_str()).collect();
    files.dedup();
    Tally {
        errors: findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        files: files.len(),
    }
}
