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

/// The layers of `docs/architecture.md`, top first: a module imports only from its own layer
/// or the layers below it. `diagnostic`, `error`, `fs` and `markup` sit under every layer (any
/// module may use them); `fuzzing` is the fuzz targets' entry, above everything.
const LAYERS: &[&[&str]] = &[
    &["cmd", "cli"],
    &["review", "check", "summary", "hook"],
    &["site", "scaffold", "roadmap", "tracking"],
    &["metrics", "history"],
    &["practice", "location"],
    &["doc"],
    &["config"],
];

/// The imports that still point up, each with its reason; the test fails when one is gone, so
/// this list only shrinks.
const KNOWN_UPWARD: &[(&str, &str, &str)] = &[
    (
        "config",
        "metrics",
        "`[runs] formats` names are checked against the ingest registry as book.toml is read, so a typo is located in book.toml",
    ),
    (
        "doc",
        "metrics",
        "a record's improvement is computed with `metrics::format::change_pct`, the one place figures are rounded",
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The crate's top-level modules a file names (`crate::x::…`, each item of `crate::{x, y::z}`),
/// outside its `#[cfg(test)]` module: tests may reach anywhere.
fn crate_imports(text: &str) -> BTreeSet<String> {
    let body = text.split("#[cfg(test)]").next().unwrap_or(text);
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in body.match_indices("crate::") {
        let rest = &body[i + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                // The first name of each item at the group's own depth.
                let mut depth = 0;
                let mut start = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            out.insert(ident(&group[start..j]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.insert(ident(&group[start..j]));
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => {
                out.insert(ident(rest));
            }
        }
    }
    out.remove("");
    out
}

#[test]
fn modules_import_only_down_the_flow() {
    let mut upward: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut seen = 0;
    for file in rust_files(&src()) {
        let rel = file.strip_prefix(src()).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        let Some(from) = layer_of(&module) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("read");
        for target in crate_imports(&text) {
            let Some(to) = layer_of(&target) else {
                continue;
            };
            seen += 1;
            if to < from {
                upward
                    .entry((module.clone(), target))
                    .or_default()
                    .push(format!("src/{}", rel.display()));
            }
        }
    }
    assert!(seen > 100, "imports between layers were found: {seen}");
    let unexplained: Vec<String> = upward
        .iter()
        .filter(|((a, b), _)| !KNOWN_UPWARD.iter().any(|(x, y, _)| x == a && y == b))
        .map(|((a, b), files)| format!("{a} → {b}: {}", files.join(", ")))
        .collect();
    assert!(
        unexplained.is_empty(),
        "imports that point up the flow (cmd → review/check → site/scaffold → metrics/history → practice → doc → config); move what is shared down, or below every layer:\n{}",
        unexplained.join("\n")
    );
    let gone: Vec<String> = KNOWN_UPWARD
        .iter()
        .filter(|(a, b, _)| !upward.contains_key(&(a.to_string(), b.to_string())))
        .map(|(a, b, _)| format!("{a} → {b}"))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer imported up the flow; remove from KNOWN_UPWARD: {}",
        gone.join(", ")
    );
}

/// The longest a function may be: past this, split it into the steps it takes.
const MAX_FUNCTION_LINES: usize = 150;

/// Every `fn` in `text` with its first line and length: from its `fn` line to the `}` that
/// closes it at the same indentation (the layout rustfmt gives every function).
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else {
            continue;
        };
        let before_ok = words[..at]
            .iter()
            .all(|w| w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w));
        if !before_ok || trimmed.ends_with(';') || trimmed.starts_with("//") {
            continue;
        }
        let name: String = words
            .get(at + 1)
            .map(|w| {
                w.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .unwrap_or_default();
        let close = format!("{indent}}}");
        let end = if trimmed.ends_with('}') {
            i
        } else {
            match lines[i + 1..].iter().position(|l| *l == close) {
                Some(n) => i + 1 + n,
                None => continue,
            }
        };
        out.push((name, i + 1, end - i + 1));
    }
    out
}

#[test]
fn no_function_is_longer_than_150_lines() {
    let mut all = Vec::new();
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).expect("read");
        let rel = file.strip_prefix(src()).unwrap().display().to_string();
        all.extend(
            functions(&text)
                .into_iter()
                .map(|(name, line, len)| (format!("src/{rel}:{line} `{name}`"), len)),
        );
    }
    assert!(all.len() > 500, "the functions were found: {}", all.len());
    assert!(
        all.iter().any(|(_, len)| *len > 60),
        "long functions are measured, not only one-liners"
    );
    let long: Vec<String> = all
        .iter()
        .filter(|(_, len)| *len > MAX_FUNCTION_LINES)
        .map(|(at, len)| format!("{at}: {len} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "functions longer than {MAX_FUNCTION_LINES} lines; split each into the steps it takes:\n{}",
        long.join("\n")
    );
}
