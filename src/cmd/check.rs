//! `perfdoc check`: the pre-commit and CI gate.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use super::output::{FAILED, FINDINGS, OK, stdout_color};
use crate::check::{self, report, rules};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::history::Session;
use crate::practice::{self, Practice};

pub fn run(dir: &Path, args: CheckArgs) -> Result<ExitCode> {
    if args.list_rules {
        for r in rules::RULES {
            println!("{:<18} {}", r.id, r.summary);
        }
        return Ok(ExitCode::from(OK));
    }
    if let Some(id) = &args.explain {
        let rule = rules::info(id).ok_or_else(|| Error::UnknownRule { id: id.clone() })?;
        println!("{}: {}\n\n{}", rule.id, rule.summary, rule.explain);
        return Ok(ExitCode::from(OK));
    }
    let started = Instant::now();
    let root = Practice::discover(dir)?;
    // One git session for the command: `--staged` needs it, SARIF and GitLab paths are repository paths.
    let git = if args.staged {
        Some(Session::open(
            &root,
            "and `--staged` checks what git's index holds",
        )?)
    } else if matches!(args.format, CheckFormat::Sarif | CheckFormat::Gitlab) {
        Session::discover(&root)?
    } else {
        None
    };
    let loaded = match &git {
        Some(git) if args.staged => {
            check::staged::load(git, &root).map(|(p, touched)| (p, Some(touched)))
        }
        _ => Practice::load(&root).and_then(|mut practice| {
            let only = if args.paths.is_empty() {
                None
            } else {
                Some(select(&mut practice, dir, &args.paths)?)
            };
            Ok((practice, only))
        }),
    };
    let prefix = git.as_ref().map_or("", Session::prefix);
    let (practice, only) = match loaded {
        Ok(loaded) => loaded,
        // A tool reading JSON, workflow commands or SARIF would see an empty report and
        // miss the error on stderr: give it the finding in its own format too.
        Err(Error::Invalid(d)) if !matches!(args.format, CheckFormat::Human) => {
            super::output::print_error(&Error::Invalid(d.clone()));
            print_report(args.format, &[*d], prefix);
            return Ok(ExitCode::from(FAILED));
        }
        Err(e) => return Err(e),
    };
    let findings = check::check(&practice, only.as_deref());
    let checked = only
        .as_ref()
        .map_or(practice.docs.len() + practice.problems.len(), Vec::len);
    let tally = check::tally(&findings);
    match args.format {
        CheckFormat::Human => {
            print_report(args.format, &findings, prefix);
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            eprintln!(
                "checked {} in {:.2}s: {}, {}",
                plural(checked, "document"),
                started.elapsed().as_secs_f64(),
                plural(tally.errors, "error"),
                plural(tally.warnings, "warning"),
            );
        }
        format => print_report(format, &findings, prefix),
    }
    // The process ends here: freeing 10,000 documents one by one would only delay the exit.
    std::mem::forget((practice, findings));
    Ok(ExitCode::from(if tally.errors > 0 { FINDINGS } else { OK }))
}

/// Findings in one of the formats, on stdout. SARIF paths are repository paths: `prefix` is
/// the practice's place in the repository.
fn print_report(format: CheckFormat, findings: &[Diagnostic], prefix: &str) {
    match format {
        CheckFormat::Human => print!("{}", report::human(findings, stdout_color())),
        CheckFormat::Json => println!("{}", report::json(findings)),
        CheckFormat::Github => print!("{}", report::github(findings)),
        // Both resolve paths against the repository's root, not the practice's.
        CheckFormat::Sarif | CheckFormat::Gitlab => {
            let render = if format == CheckFormat::Sarif {
                report::sarif
            } else {
                report::gitlab
            };
            println!("{}", render(findings, prefix));
        }
    }
}

/// Resolves the paths given on the command line to practice documents. A folder means every
/// document under it; a Markdown file outside the practice's folders is loaded on its own.
fn select(
    practice: &mut Practice,
    dir: &Path,
    paths: &[std::path::PathBuf],
) -> Result<Vec<String>> {
    let root = practice.root.clone();
    let mut out = Vec::new();
    for p in paths {
        let full = dir.join(p);
        let full = full.canonicalize().map_err(|source| Error::Read {
            path: full.clone(),
            source,
        })?;
        let rel = full.strip_prefix(&root).map_err(|_| Error::Outside {
            path: p.clone(),
            what: "practice",
            root: root.clone(),
        })?;
        if rel.to_str().is_none() && !full.is_dir() {
            let d = practice::non_utf8_name(rel);
            if !practice.problems.iter().any(|p| p.path == d.path) {
                practice.problems.push(d.clone());
            }
            out.push(d.path);
            continue;
        }
        let rel = practice::to_slash(rel);
        if full.is_dir() {
            let prefix = if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            };
            out.extend(
                practice
                    .docs
                    .iter()
                    .map(|d| &d.path)
                    .chain(practice.problems.iter().map(|d| &d.path))
                    .chain([&practice.config.folders.tracking])
                    .filter(|path| path.starts_with(&prefix))
                    .cloned(),
            );
        } else if practice.config.is_generated(&rel) {
            // The tracking file perfdoc writes is no document: named (as pre-commit names every
            // staged file under the folders), only its own rule speaks of it.
            out.push(rel);
        } else {
            let known =
                practice.doc(&rel).is_some() || practice.problems.iter().any(|d| d.path == rel);
            if !known {
                match practice::read_doc(&root, &rel) {
                    Ok(doc) => practice
                        .docs
                        .push(practice::classify(&practice.config, doc)),
                    Err(d) => practice.problems.push(*d),
                }
            }
            out.push(rel);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}
