//! The house's boundaries, read off the source: git is used only by `history`, and the site's
//! modules import each other without a circle (`docs/architecture.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn git2_is_used_only_under_history() {
    let history = src().join("history");
    let offenders: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|p| !p.starts_with(&history))
        .flat_map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            let name = p.strip_prefix(src()).unwrap().display().to_string();
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains("git2") || l.contains("Repository::"))
                .map(|(i, l)| format!("src/{name}:{}: {}", i + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "git is history's alone; ask a `history` function instead:\n{}",
        offenders.join("\n")
    );
}

/// The site module a file belongs to: `site/views.rs` → `views`, `site/pages/feed.rs` →
/// `pages`; `None` for `site/mod.rs`, the root every part may use.
fn site_part(site: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(site).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "mod").then_some(name)
}

/// The site parts a file names: after `crate::site::` or the `super::` that reaches the site
/// root from where the file is, one name or each name of a `{…}` group.
fn imports(site: &Path, file: &Path, text: &str) -> BTreeSet<String> {
    let rel = file.strip_prefix(site).unwrap();
    let depth = rel.components().count();
    let in_mod = rel.file_name().is_some_and(|n| n == "mod.rs");
    let ups = if depth == 1 || in_mod { 1 } else { 2 };
    let up = "super::".repeat(ups);
    let mut out = BTreeSet::new();
    for prefix in ["crate::site::", up.as_str()] {
        for (i, _) in text.match_indices(prefix) {
            // `super::super::x` seen from one level down is not this file's `super::`.
            if prefix.starts_with("super") && text[..i].ends_with("super::") {
                continue;
            }
            let rest = &text[i + prefix.len()..];
            let group = match rest.strip_prefix('{') {
                Some(g) => &g[..g.find('}').unwrap_or(g.len())],
                None => rest,
            };
            for item in group.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn the_site_modules_import_each_other_without_a_circle() {
    let site = src().join("site");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = rust_files(&site);
    let parts: BTreeSet<String> = files.iter().filter_map(|f| site_part(&site, f)).collect();
    assert!(parts.len() > 5, "the site's parts were found: {parts:?}");
    for file in &files {
        let Some(part) = site_part(&site, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        let to = edges.entry(part.clone()).or_default();
        to.extend(
            imports(&site, file, &text)
                .into_iter()
                .filter(|n| parts.contains(n) && *n != part),
        );
    }
    assert!(
        edges.values().any(|to| !to.is_empty()),
        "imports between the site's parts were found: {edges:?}"
    );
    // Depth-first: a part met again while still on the path closes a circle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut circle = path[i..].to_vec();
            circle.push(n.to_string());
            return Some(circle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(circle) = visit(n, &edges, &mut Vec::new(), &mut done) {
            panic!("site/ has an import circle: {}", circle.join(" → "));
        }
    }
}
