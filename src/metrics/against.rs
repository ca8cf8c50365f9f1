//! What `baseline compare --against SPEC` compares with: `last:N`, the median of the last N
//! runs in the benchmarks folder (their samples pooled); a git revision, the baseline file as
//! it was there (a pull request's base); or a file, as `--baseline` names one.

use std::path::Path;

use super::ingest::{self, Run, Value};
use super::runs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::history::Session;
use crate::practice::Practice;

const HINT: &str = "write `--against last:5` (the median of the last 5 runs), a revision such as \
`origin/main`, or a run file";

/// The reference `spec` names, for the run at `run` (which a pool leaves out). `dir` is where
/// relative file names start (the `-C` folder).
pub fn reference(practice: &Practice, dir: &Path, spec: &str, run: &Path) -> Result<Run> {
    let config = &practice.config;
    if let Some(n) = spec.strip_prefix("last:") {
        let n = n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad(spec, "needs a count of runs, 1 or more", HINT))?;
        return pooled(practice, spec, n, run);
    }
    let file = dir.join(spec);
    if std::fs::symlink_metadata(&file).is_ok() {
        return ingest::read(config, &file, spec, None);
    }
    at_revision(practice, spec)
}

fn bad(spec: &str, why: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::BadAgainst {
        spec: spec.to_string(),
        why: why.into(),
        hint: hint.into(),
    }
}

/// The baseline file as the revision `rev` has it.
fn at_revision(practice: &Practice, rev: &str) -> Result<Run> {
    let baseline = &practice.config.folders.baseline;
    let neither = |why: String| {
        bad(
            rev,
            format!("is neither a file nor a revision ({why})"),
            HINT,
        )
    };
    let git = crate::history::Session::discover(&practice.root)?
        .ok_or_else(|| neither("the practice is not in a git repository".into()))?;
    git.resolve(rev).map_err(|e| neither(e.to_string()))?;
    let display = format!("{baseline}@{rev}");
    baseline_at(&git, &practice.config, rev, &display)?.ok_or_else(|| {
        bad(
            rev,
            format!("the revision has no `{baseline}`"),
            "name a revision that has a baseline (`git log -- BASELINE` lists them), or pass a file",
        )
    })?
}

/// The practice's baseline as committed at `rev`: a file, or a criterion folder read from the
/// revision's tree; `None` when the revision has neither, the inner error when it does not
/// parse. `display` names it in errors.
pub fn baseline_at(
    git: &Session,
    config: &Config,
    rev: &str,
    display: &str,
) -> Result<Option<Result<Run>>> {
    let baseline = config.folders.baseline.as_str();
    if let Some(bytes) = git.read_at(rev, baseline)? {
        return Ok(Some(
            ingest::registry::text_of(bytes, display)
                .and_then(|t| ingest::parse(config, baseline, display, &t)),
        ));
    }
    let folder = format!("{}/", baseline.trim_end_matches('/'));
    let files = git.files_at(rev, |p| {
        p.starts_with(&folder) && p.ends_with("new/estimates.json")
    })?;
    if files.is_empty() {
        return Ok(None);
    }
    let texts: Result<Vec<(String, String)>> = files
        .into_iter()
        .map(|(path, bytes)| {
            let text = ingest::registry::text_of(bytes, &path)?;
            Ok((path[folder.len()..].to_string(), text))
        })
        .collect();
    Ok(Some(
        texts.and_then(|t| ingest::criterion::from_files(display, t)),
    ))
}

/// The median of each figure over the last `n` runs by run date, `run` itself left out; the
/// raw samples pooled when every run has them (a pool with a summary-only run has none).
fn pooled(practice: &Practice, spec: &str, n: usize, run: &Path) -> Result<Run> {
    let config = &practice.config;
    let own = run.canonicalize().ok();
    let files: Vec<runs::RunFile> = runs::list(&practice.root, config)
        .into_iter()
        .filter(|f| own.is_none() || practice.root.join(&f.path).canonicalize().ok() != own)
        .collect();
    if files.len() < n {
        let have = files.len();
        return Err(bad(
            spec,
            format!(
                "`{}` holds {have} run{} besides the one compared, fewer than {n}",
                config.folders.benchmarks,
                if have == 1 { "" } else { "s" }
            ),
            if have == 0 {
                "commit runs to the benchmarks folder first, or compare against the baseline file"
                    .to_string()
            } else {
                format!(
                    "ask for at most {have} (`--against last:{have}`), or compare against the baseline file"
                )
            },
        ));
    }
    let chosen = &files[files.len() - n..];
    let loaded: Vec<Run> = chosen
        .iter()
        .map(|f| ingest::read(config, &practice.root.join(&f.path), &f.path, None))
        .collect::<Result<_>>()?;
    let newest = loaded.last().expect("n > 0");
    let names: Vec<&str> = chosen.iter().map(|f| f.path.as_str()).collect();
    let mut out = Run::new(
        &format!("the median of the last {n} runs"),
        newest.format,
        names.join(", "),
    );
    out.figures = newest
        .figures
        .iter()
        .filter_map(|f| {
            let values: Vec<f64> = loaded.iter().filter_map(|r| r.get(&f.key)).collect();
            Some(Value {
                value: median(values)?,
                ..f.clone()
            })
        })
        .collect();
    for key in newest.samples.keys() {
        let all: Option<Vec<&[f64]>> = loaded.iter().map(|r| r.samples(key)).collect();
        if let Some(all) = all {
            out.samples.insert(key.clone(), all.concat());
        }
    }
    Ok(out)
}

/// The middle value; the mean of the middle two for an even count.
fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
