//! `required-section`, `empty-section` and `duplicate-section`: the kind's `##` sections are all
//! there, once each, and each says something.

use crate::config::KindDef;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;

pub fn check(doc: &Doc, kind: &KindDef, out: &mut Vec<Diagnostic>) {
    for required in &kind.sections {
        match doc.outline.section(required) {
            None => {
                let at = doc.text.len()..doc.text.len();
                out.push(
                    Diagnostic::error(
                        &doc.path,
                        "required-section",
                        format!("section `## {required}` is missing"),
                    )
                    .at(doc.locate(at))
                    .hint(format!(
                        "add a `## {required}` heading with its content; a {} has: {}",
                        kind.name,
                        kind.sections.join(", ")
                    )),
                );
            }
            Some(section) => {
                let repeats = doc
                    .outline
                    .sections
                    .iter()
                    .filter(|s| crate::doc::markdown::section_matches(&s.title, required));
                if let Some(second) = repeats.clone().nth(1) {
                    out.push(
                        Diagnostic::error(
                            &doc.path,
                            "duplicate-section",
                            format!("section `## {required}` appears {} times", repeats.count()),
                        )
                        .at(doc.locate(second.heading.clone()))
                        .hint("merge the sections into one"),
                    );
                }
                if doc.text[section.body.clone()].trim().is_empty() {
                    out.push(
                        Diagnostic::error(
                            &doc.path,
                            "empty-section",
                            format!("section `## {}` is empty", section.title),
                        )
                        .at(doc.locate(section.heading.clone()))
                        .hint("write what happened, or `None.` if there was nothing"),
                    );
                }
            }
        }
    }
}
