//! `broken-link`: relative links between documents (and to benchmark files) resolve to files
//! inside the practice. External links are not fetched.

use super::Ctx;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;

pub fn check(ctx: &Ctx, doc: &Doc, out: &mut Vec<Diagnostic>) {
    for link in &doc.outline.links {
        let Some(target) = local_target(&doc.path, &link.dest) else {
            continue;
        };
        let what = if link.image { "image" } else { "link" };
        let problem = match &target {
            Err(()) => Some(format!("{what} `{}` leads outside the practice", link.dest)),
            Ok(rel) if !ctx.practice.root.join(rel).exists() => {
                Some(format!("{what} target `{}` does not exist", link.dest))
            }
            Ok(_) => None,
        };
        if let Some(message) = problem {
            out.push(
                Diagnostic::error(&doc.path, "broken-link", message)
                    .at(doc.locate(link.span.clone()))
                    .hint("fix the path (relative to this file) or remove the link"),
            );
        }
    }
}

/// The practice-relative path a link points at: `None` for external links and in-page anchors,
/// `Err` for a path that climbs out of the practice.
pub fn local_target(from: &str, dest: &str) -> Option<Result<String, ()>> {
    let dest = dest.trim();
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || dest.contains("://") || dest.contains(':') {
        return None;
    }
    let mut parts: Vec<String> = from.split('/').map(str::to_string).collect();
    parts.pop(); // the file itself
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(()));
                }
            }
            p => parts.push(crate::paths::percent_decode(p)),
        }
    }
    Some(Ok(parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            local_target(
                "reports/weekly-2025-W49.md",
                "../optimizations/a.md#results"
            ),
            Some(Ok("optimizations/a.md".into()))
        );
        assert_eq!(
            local_target("reports/a.md", "../../etc/passwd"),
            Some(Err(()))
        );
        assert_eq!(local_target("reports/a.md", "https://example.com/x"), None);
        assert_eq!(local_target("reports/a.md", "#top"), None);
        assert_eq!(local_target("reports/a.md", "mailto:a@b.c"), None);
    }
}
