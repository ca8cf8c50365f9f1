//! What `serve` keeps of the site's input between rebuilds: each document's history, and the
//! metrics over time with their change points, each under the key of what it was read from.
//! A saved document changes neither key unless it is new, gone or its front matter changed,
//! so the edit costs none of the git walks; a new commit, a moved ref or another set of
//! documents changes them, and that part is read again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::digest::parts as digest;
use super::model::{
    BaselineVersionView, CapacityView, ChangeView, PageHistory, RegressionView, Series, SiteInput,
};
use crate::practice::Practice;

/// The parts of a `SiteInput` that outlive one build, with their keys.
#[derive(Default)]
pub struct Kept {
    history: Option<Part<History>>,
    metrics: Option<Part<Metrics>>,
}

/// A part as it was read: its key, and its value while no build holds it. The warnings
/// reading it gave were said then; using it again says nothing new.
struct Part<T> {
    key: String,
    value: Option<T>,
}

struct History {
    pages: BTreeMap<String, PageHistory>,
    repo_prefix: String,
}

/// The metrics over time and their change points: the part of a `SiteInput` that
/// `with_metrics` and `with_changes` read, kept here and on disk (`metrics_cache`).
#[derive(Serialize, Deserialize)]
pub(super) struct Metrics {
    series: Vec<Series>,
    capacity: Option<CapacityView>,
    open_regressions: Vec<RegressionView>,
    baseline_versions: Vec<BaselineVersionView>,
    changes: Vec<ChangeView>,
}

impl Metrics {
    /// Moves the metrics out of `input`, leaving it without any.
    pub(super) fn take(input: &mut SiteInput) -> Metrics {
        Metrics {
            series: std::mem::take(&mut input.series),
            capacity: input.capacity.take(),
            open_regressions: std::mem::take(&mut input.open_regressions),
            baseline_versions: std::mem::take(&mut input.baseline_versions),
            changes: std::mem::take(&mut input.changes),
        }
    }

    /// Moves the metrics into `input`.
    pub(super) fn put(self, input: &mut SiteInput) {
        input.series = self.series;
        input.capacity = self.capacity;
        input.open_regressions = self.open_regressions;
        input.baseline_versions = self.baseline_versions;
        input.changes = self.changes;
    }

    /// Each series' span, which is not kept with them: it comes from the documents.
    pub(super) fn span_from(&mut self, practice: &Practice) {
        let span = super::model::chart_span(practice);
        for s in &mut self.series {
            s.span = span;
        }
    }
}

/// The key of the documents' history: HEAD and what else the walk reads (`head_state`), the
/// practice's place in the repository and which documents there are.
pub fn history_key(head_state: &str, prefix: &str, practice: &Practice) -> String {
    let mut parts = vec!["history", head_state, prefix];
    parts.extend(practice.docs.iter().map(|d| d.path.as_str()));
    digest(&parts)
}

/// The key of the metrics and change points: what git holds (`head_state`, `None` outside
/// git), and each document's path, kind and front matter, where figures, dates and capacity
/// are read from. The benchmarks folder and the configuration are not in it: a change there
/// is told with [`Kept::forget_metrics`].
pub fn metrics_key(head_state: Option<&str>, practice: &Practice) -> String {
    let mut parts = vec!["metrics", head_state.unwrap_or("no git")];
    for doc in &practice.docs {
        parts.push(&doc.path);
        parts.push(doc.kind.as_deref().unwrap_or(""));
        parts.push(doc.text.get(..doc.body_start).unwrap_or(&doc.text));
    }
    digest(&parts)
}

impl Kept {
    /// Moves the history kept under `key` into `input`; false (and nothing moved) when none
    /// is kept under it.
    pub fn history_into(&mut self, key: &str, input: &mut SiteInput) -> bool {
        let Some(h) = take(&mut self.history, key) else {
            return false;
        };
        input.history = h.pages;
        input.repo_prefix = h.repo_prefix;
        true
    }

    /// Moves the metrics kept under `key` into `input`, as `history_into` does.
    pub fn metrics_into(&mut self, key: &str, input: &mut SiteInput) -> bool {
        let Some(m) = take(&mut self.metrics, key) else {
            return false;
        };
        m.put(input);
        true
    }

    /// Remembers that the history read now has `key`; its value comes back with
    /// [`Kept::keep`].
    pub fn history_read(&mut self, key: Option<String>) {
        self.history = key.map(Part::new);
    }

    /// Remembers that the metrics read now have `key`.
    pub fn metrics_read(&mut self, key: Option<String>) {
        self.metrics = key.map(Part::new);
    }

    /// The benchmarks folder or the configuration changed: the metrics are read again.
    pub fn forget_metrics(&mut self) {
        self.metrics = None;
    }

    /// Takes back the parts of `input` once its build is done, for the next one.
    pub fn keep(&mut self, mut input: SiteInput) {
        if let Some(part) = &mut self.metrics {
            part.value = Some(Metrics::take(&mut input));
        }
        if let Some(part) = &mut self.history {
            part.value = Some(History {
                pages: input.history,
                repo_prefix: input.repo_prefix,
            });
        }
    }
}

impl<T> Part<T> {
    fn new(key: String) -> Part<T> {
        Part { key, value: None }
    }
}

/// The value of `slot` when it is kept under `key`.
fn take<T>(slot: &mut Option<Part<T>>, key: &str) -> Option<T> {
    slot.as_mut().filter(|p| p.key == key)?.value.take()
}
