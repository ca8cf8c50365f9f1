//! Findings for people: `error[rule]: message`, then `--> file:line:col`, the source line with
//! a caret under the place, and the hint.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};

pub fn render(findings: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Each finding is drawn on its own, so a practice with thousands of them (a first run
    // over an old repository) draws them in parallel; the order is the findings'.
    let drawn: Vec<String> = findings.par_iter().map(|d| one(&renderer, d)).collect();
    let mut out = String::with_capacity(drawn.iter().map(|s| s.len() + 2).sum());
    for d in drawn {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

fn one(renderer: &Renderer, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.rule);
    let group = match &d.location {
        Some(loc) => {
            let len = loc.end.saturating_sub(loc.start).max(1);
            let start = loc.line_offset.min(loc.line_text.len());
            let end = (start + len).min(loc.line_text.len()).max(start);
            title.element(
                Snippet::source(loc.line_text.as_str())
                    .line_start(loc.line)
                    .path(d.path.as_str())
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        None => title.element(Level::NOTE.message(format!("in {}", d.path))),
    };
    let mut report = vec![group];
    if let Some(hint) = &d.hint {
        report.push(Group::with_title(
            Level::HELP.secondary_title(hint.as_str()),
        ));
    }
    renderer.render(&report)
}
