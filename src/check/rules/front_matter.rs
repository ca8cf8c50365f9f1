//! `front-matter`: the YAML block is there, closed and valid. Free pages may go without one.

use crate::diagnostic::Diagnostic;
use crate::doc::{Doc, FrontMatter};

pub fn check(doc: &Doc, required: bool, out: &mut Vec<Diagnostic>) {
    match &doc.front {
        FrontMatter::Parsed { .. } => {}
        FrontMatter::Missing if !required => {}
        FrontMatter::Missing => {
            let what = if doc.text.trim().is_empty() {
                "file is empty; a document needs front matter and sections"
            } else {
                "document has no front matter"
            };
            out.push(
                Diagnostic::error(&doc.path, "front-matter", what)
                    .at(doc.locate(doc.body_start..doc.body_start))
                    .hint("open the file with a `---` line, the YAML fields, and another `---` line; `perfdoc new KIND` writes a complete document"),
            );
        }
        FrontMatter::Unclosed { open } => out.push(
            Diagnostic::error(&doc.path, "front-matter", "front matter is not closed")
                .at(doc.locate(open.clone()))
                .hint("Did you forget the closing `---` line after the YAML fields?"),
        ),
        FrontMatter::Invalid {
            message, at, hint, ..
        } => {
            let mut d = Diagnostic::error(&doc.path, "front-matter", message.clone())
                .at(doc.locate(at.clone()));
            d.hint = hint.clone();
            out.push(d);
        }
    }
}
