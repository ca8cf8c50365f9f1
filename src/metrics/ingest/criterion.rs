//! criterion's `target/criterion/GROUP/FUNCTION/new/estimates.json` (bheisler/criterion.rs
//! `src/estimate.rs`), one file or the whole folder: each benchmark is named by its folder,
//! its mean point estimate (ns) the figure.

use super::registry::Format;
use super::text::{error, json, json_number};
use super::{Run, Value};
use crate::config::Better;
use crate::error::Result;

pub const FORMAT: Format = Format {
    name: "criterion",
    describe: "criterion estimates.json (or its target/criterion folder)",
    command: "cargo bench   (reads target/criterion/**/new/estimates.json)",
    looks_like: |t| t.contains("\"point_estimate\"") && t.contains("\"mean\""),
    named_like: |n| n == "estimates.json",
    parse,
};

/// One `estimates.json`; the benchmark is named by its folder (`group/function/param`), given
/// as `file` by the folder reader, else by the file.
pub fn parse(file: &str, text: &str) -> Result<Run> {
    let f = FORMAT.name;
    let hint = "pass target/criterion (the folder) or one of its new/estimates.json files";
    let v = json(file, f, text, hint)?;
    let point = |k: &str| {
        json_number(v.pointer(&format!("/{k}/point_estimate")))
            .map_err(|m| error(file, f, &format!("{k}.point_estimate"), &m, hint))
    };
    let name = file
        .strip_suffix("/new/estimates.json")
        .map(|n| match n.rsplit_once("criterion/") {
            Some((_, b)) => b,
            // A lone file outside target/criterion: its benchmark's own folder names it.
            None => n.rsplit('/').next().unwrap_or(n),
        })
        .unwrap_or(file);
    let mut run = Run::new(file, f, FORMAT.describe);
    run.figures
        .push(Value::benchmark(name, point("mean")?, "ns", Better::Lower));
    let _ = point("median")?;
    Ok(run)
}

/// A `target/criterion` folder: every `new/estimates.json` under it, one benchmark each.
pub fn folder(dir: &std::path::Path, display: &str) -> Result<Run> {
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((d, depth)) = stack.pop() {
        // Deep enough for group/function/parameter/new; a symlink is never followed.
        if depth > 8 {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(ty) = e.file_type() else { continue };
            let p = e.path();
            if ty.is_dir() {
                stack.push((p, depth + 1));
            } else if ty.is_file() && p.ends_with("new/estimates.json") {
                found.push(p);
            }
        }
    }
    found.sort();
    let mut files = Vec::new();
    for p in found {
        let rel = p
            .strip_prefix(dir)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = format!("{}/{rel}", display.trim_end_matches('/'));
        files.push((rel, super::registry::read_text(&p, &shown)?));
    }
    from_files(display, files)
}

/// A criterion folder given as its `new/estimates.json` files, each `(path inside the folder,
/// text)`: what [`folder`] reads from disk, or a review from a revision's tree.
pub fn from_files(display: &str, files: Vec<(String, String)>) -> Result<Run> {
    let mut run = Run::new(display, FORMAT.name, "criterion target/criterion folder");
    for (rel, text) in files {
        let shown = format!("{}/{rel}", display.trim_end_matches('/'));
        let one = parse(&format!("criterion/{rel}"), &text).map_err(|e| rename(e, &shown))?;
        run.figures.extend(one.figures);
    }
    if run.figures.is_empty() {
        return Err(error(
            display,
            FORMAT.name,
            "(folder)",
            "holds no new/estimates.json",
            "run `cargo bench` first, then pass target/criterion",
        ));
    }
    Ok(run)
}

fn rename(e: crate::error::Error, file: &str) -> crate::error::Error {
    match e {
        crate::error::Error::Benchmark {
            json_path,
            message,
            hint,
            ..
        } => crate::error::Error::Benchmark {
            file: file.to_string(),
            json_path,
            message,
            hint,
        },
        other => other,
    }
}
