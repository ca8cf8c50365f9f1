//! `duplicate-slug`: within a kind, no two documents share a slug (records) or a period
//! (reports) — `weekly-2025-W49.md` and `week-2025-W49.md` are the same report twice.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::practice::Practice;

pub fn check(practice: &Practice, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, String), &str> = HashMap::new();
    let mut docs: Vec<_> = practice.docs.iter().filter(|d| d.kind.is_some()).collect();
    docs.sort_by(|a, b| (a.date(), &a.path).cmp(&(b.date(), &b.path)));
    for doc in docs {
        let kind = doc.kind.as_deref().expect("filtered");
        let key = (kind, doc.identity());
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::error(
                    &doc.path,
                    "duplicate-slug",
                    format!("`{}` is also the {kind} `{first}`", key.1),
                )
                .at(doc.locate(0..0))
                .hint("merge the two documents, or give this one its own slug"),
            ),
            None => {
                seen.insert(key, &doc.path);
            }
        }
    }
}
