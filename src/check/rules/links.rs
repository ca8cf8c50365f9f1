//! `broken-link`, `link-outside`, `active-content`: every relative link (to a document, a
//! benchmark file, an image) leads to a file inside the practice that the site can publish.
//! What a link means and what may be published is `location::vet_link`'s to say, so `check`
//! refuses exactly what the build leaves out. External links are not fetched.

use std::sync::OnceLock;

use super::Ctx;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::location::{Root, vet_link};

pub fn check(ctx: &Ctx, doc: &Doc, out: &mut Vec<Diagnostic>) {
    // Canonicalized once per document, and only for one that has links.
    let root = OnceLock::new();
    for link in &doc.outline.links {
        let root = root.get_or_init(|| Root::new(&ctx.practice.root));
        let Some(refusal) = vet_link(root, &doc.path, &link.dest) else {
            continue;
        };
        let what = if link.image { "image" } else { "link" };
        out.push(
            Diagnostic::error(
                &doc.path,
                refusal.rule(),
                refusal.describe(what, &link.dest),
            )
            .at(doc.locate(link.span.clone()))
            .hint(refusal.hint()),
        );
    }
}
