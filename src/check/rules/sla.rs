//! `sla`: the optimization workflow's success metrics, checked on every record — detected
//! within `detect-hours` of the problem starting, root cause within `root-cause-hours` and the
//! fix deployed within `fix-hours` of detection. A record still `in-progress` misses an SLA as
//! soon as its deadline passes without the stage. A warning unless `[sla] level = "error"`.

use jiff::civil::DateTime;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::Doc;
use crate::doc::lifecycle::{self, Lifecycle, hours_between};
use crate::doc::sla::targets;

pub fn check(config: &Config, doc: &Doc, now: DateTime, out: &mut Vec<Diagnostic>) {
    if !lifecycle::applies(config, doc) {
        return;
    }
    let life = Lifecycle::read(doc);
    let open = doc.status() == Some("in-progress");
    for t in targets(&config.sla) {
        let Some(from) = life.stage(t.from) else {
            continue;
        };
        let (hours, span, what) = match life.stage(t.stage) {
            Some(done) => (hours_between(from.at, done.at), done.span.clone(), t.done),
            None if open => (hours_between(from.at, now), from.span.clone(), t.missing),
            None => continue,
        };
        if hours <= t.hours {
            continue;
        }
        let message = format!(
            "{what} {hours:.1} h after {}; the SLA is within {} h",
            t.from_words,
            trim(t.hours)
        );
        let d = match config.sla.level {
            Severity::Error => Diagnostic::error(&doc.path, "sla", message),
            Severity::Warning => Diagnostic::warning(&doc.path, "sla", message),
        };
        out.push(d.at(doc.locate(span)).hint(
            "if the times are right, say in the record what held the stage up; the limits are `[preprocessor.perfdoc.sla]` in book.toml",
        ));
    }
}

/// `24` rather than `24.0` for whole hours.
fn trim(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h}")
    }
}
