//! `unknown-kind`, `wrong-folder`, `kind-mismatch`: every document in a kind's folder is of a
//! known kind, lives in its kind's folder, and its `kind:` field agrees with its file name.

use super::Ctx;
use crate::config::KindDef;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;

/// Returns the document's kind when it has one.
pub fn check<'a>(ctx: &Ctx<'a>, doc: &Doc, out: &mut Vec<Diagnostic>) -> Option<&'a KindDef> {
    let config = ctx.config;
    let named = doc.str_field("kind");
    let whole_file = || doc.locate(0..0);
    let Some(kind) = doc.kind.as_deref().and_then(|k| config.kind(k)) else {
        if let Some(named) = named {
            let span = doc.field("kind").map(|n| n.span.clone()).unwrap_or(0..0);
            out.push(
                Diagnostic::error(&doc.path, "unknown-kind", format!("unknown kind `{named}`"))
                    .at(doc.locate(span))
                    .hint(format!(
                        "use one of {} or add `[preprocessor.perfdoc.kinds.{named}]` to book.toml",
                        config.kind_names().join(", ")
                    )),
            );
        } else if !in_content(ctx, doc) {
            let expected: Vec<String> = config
                .kinds
                .iter()
                .filter(|k| doc.path.starts_with(&format!("{}/", k.folder)))
                .map(|k| format!("{} ({})", k.pattern.source, k.name))
                .collect();
            out.push(
                Diagnostic::error(
                    &doc.path,
                    "unknown-kind",
                    format!("`{}` matches no document kind", doc.file_name()),
                )
                .at(whole_file())
                .hint(if expected.is_empty() {
                    "add a `kind:` field, or move free pages to the content folder".to_string()
                } else {
                    format!(
                        "name it like {}, or add a `kind:` field",
                        expected.join(" or ")
                    )
                }),
            );
        }
        return None;
    };
    if !doc.path.starts_with(&format!("{}/", kind.folder)) {
        out.push(
            Diagnostic::error(
                &doc.path,
                "wrong-folder",
                format!(
                    "a {} belongs in `{}/`",
                    kind.title.to_lowercase(),
                    kind.folder
                ),
            )
            .at(whole_file())
            .hint(format!("move it to `{}/{}`", kind.folder, doc.file_name())),
        );
    }
    if let Some(named) = named
        && named != kind.name
    {
        let span = doc.field("kind").map(|n| n.span.clone()).unwrap_or(0..0);
        out.push(
            Diagnostic::error(
                &doc.path,
                "kind-mismatch",
                format!(
                    "`kind: {named}` but the file is named like a {} ({})",
                    kind.name, kind.pattern.source
                ),
            )
            .at(doc.locate(span))
            .hint(format!(
                "set `kind: {}` or rename the file to the {named} pattern",
                kind.name
            )),
        );
    }
    Some(kind)
}

fn in_content(ctx: &Ctx, doc: &Doc) -> bool {
    doc.path
        .starts_with(&format!("{}/", ctx.config.folders.content))
}

/// Whether a document must carry front matter: all but free pages.
pub fn needs_front_matter(ctx: &Ctx, doc: &Doc) -> bool {
    doc.kind.is_some() || !in_content(ctx, doc)
}
