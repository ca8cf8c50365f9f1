//! `lifecycle`: an optimization record's lifecycle data holds together — each stage a real
//! time, the stages in the order they happen, a deployed record with its deploy time, and the
//! chosen option one of the options considered.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::doc::lifecycle::{self, Lifecycle};

pub fn check(config: &Config, doc: &Doc, out: &mut Vec<Diagnostic>) {
    if !lifecycle::applies(config, doc) {
        return;
    }
    let life = Lifecycle::read(doc);
    let error = |span, message: String, hint: String| {
        Diagnostic::error(&doc.path, "lifecycle", message)
            .at(doc.locate(span))
            .hint(hint)
    };
    for p in &life.problems {
        out.push(error(p.span.clone(), p.message.clone(), p.hint.clone()));
    }
    for (i, later) in life.stages.iter().enumerate().skip(1) {
        let Some(earlier) = life.stages[..i].iter().rev().find(|e| e.at > later.at) else {
            continue;
        };
        out.push(error(
            later.span.clone(),
            format!(
                "`{}` ({}) is before `{}` ({})",
                later.name,
                show(later.at),
                earlier.name,
                show(earlier.at)
            ),
            format!(
                "the stages happen in the order {}; correct the time that is wrong",
                lifecycle::STAGES.join(", ")
            ),
        ));
    }
    if let Some(node) = doc.field("lifecycle")
        && matches!(doc.status(), Some("deployed" | "reverted"))
        && life.time("deployed").is_none()
        && !life
            .problems
            .iter()
            .any(|p| p.message.contains("lifecycle.deployed"))
    {
        out.push(error(
            node.span.clone(),
            format!(
                "the record is `status: {}` but its lifecycle has no `deployed` time",
                doc.status().unwrap_or_default()
            ),
            "add `deployed: YYYY-MM-DD HH:MM` under `lifecycle:`, when the fix went live".into(),
        ));
    }
    let measured = doc.metrics(config);
    for o in &life.options {
        if let Some(key) = &o.metric
            && !measured.iter().any(|m| &m.key == key)
        {
            out.push(error(
                o.id_span.clone(),
                format!(
                    "option `{}` estimates `{key}`, which the record's `metrics:` do not have",
                    o.id
                ),
                "name one of the record's metrics in `metric:`, or add that metric".into(),
            ));
        }
    }
    if let Some((id, span)) = &life.chosen
        && life.chosen_option().is_none()
    {
        let ids: Vec<&str> = life.options.iter().map(|o| o.id.as_str()).collect();
        out.push(error(
            span.clone(),
            if ids.is_empty() {
                format!("the chosen option `{id}` is not listed: the record has no `options:`")
            } else {
                format!(
                    "the chosen option `{id}` is not among the options ({})",
                    ids.join(", ")
                )
            },
            "name one of the keys under `options:`, or add the option there".into(),
        ));
    }
}

/// A time as the record writes it.
pub fn show(at: jiff::civil::DateTime) -> String {
    at.strftime("%Y-%m-%d %H:%M").to_string()
}
