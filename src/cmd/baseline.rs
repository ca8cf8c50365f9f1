//! `perfdoc baseline compare|promote`: the weekly comparison (exit 1 on a regression, so CI
//! can gate on it) and the monthly promotion decision, printed metric by metric.

use std::path::Path;
use std::process::ExitCode;

use super::output::{FINDINGS, OK};
use crate::cli::{BaselineAction, BaselineArgs, CompareFormat};
use crate::error::{Error, Result};
use crate::metrics::promote::{self, Role};
use crate::metrics::{self, Run, catalog, format};

pub fn run(dir: &Path, args: BaselineArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let config = &practice.config;
    match args.action {
        BaselineAction::Compare {
            run,
            baseline,
            format,
        } => {
            let (baseline_path, baseline_name) = match &baseline {
                Some(b) => (dir.join(b), b.display().to_string()),
                None => (
                    practice.root.join(&config.folders.baseline),
                    config.folders.baseline.clone(),
                ),
            };
            let current = load(&dir.join(&run), &run.display().to_string())?;
            if baseline.is_none() && !baseline_path.exists() {
                return Err(Error::Usage(format!(
                    "there is no baseline yet at `{baseline_name}`\n  help: make this run the baseline with `perfdoc baseline promote {}`, or pass --baseline FILE",
                    run.display()
                )));
            }
            let reference = load(&baseline_path, &baseline_name)?;
            let cmp = metrics::compare(
                config,
                &reference.file,
                &reference.figures,
                &current.file,
                &current.figures,
            );
            if cmp.metrics.is_empty() {
                return Err(Error::Usage(format!(
                    "nothing to compare: `{}` and `{}` share no figure of the catalog\n  help: both need k6's http_req_duration, http_req_failed or http_reqs",
                    current.file, reference.file
                )));
            }
            match format {
                CompareFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&cmp).expect("comparison serializes")
                ),
                CompareFormat::Markdown => {
                    print!("{}", metrics::compare::markdown_table(&cmp.metrics))
                }
                CompareFormat::Human => print_human(&cmp, &reference, &current),
            }
            Ok(ExitCode::from(if cmp.regressed() { FINDINGS } else { OK }))
        }
        BaselineAction::Promote {
            run,
            force,
            decide_on,
            archive_month,
        } => {
            let baseline_rel = config.folders.baseline.clone();
            let candidate_path = dir.join(&run);
            let candidate_name = run.display().to_string();
            let baseline_path = practice.root.join(&baseline_rel);
            if same_file(&candidate_path, &baseline_path) {
                return Err(Error::Usage(format!(
                    "`{candidate_name}` is the baseline itself\n  help: pass the new run, e.g. benchmarks/baseline-latest.json"
                )));
            }
            for key in &decide_on {
                if !config.metrics.contains_key(key) {
                    return Err(Error::Usage(format!(
                        "`--decide-on {key}`: no such metric in the catalog\n  help: use avg_ms, p95_ms or another key from book.toml"
                    )));
                }
            }
            let decisive = if decide_on.is_empty() {
                vec![promote::DEFAULT_DECISIVE.to_string()]
            } else {
                decide_on
            };
            let candidate = load(&candidate_path, &candidate_name)?;
            // Everything from reading the baseline to replacing it happens in this run's turn.
            let _turn = promote::lock(&practice.root, &baseline_rel)?;
            if !baseline_path.exists() {
                // The first baseline: nothing to compare with, nothing to archive.
                let bytes = std::fs::read(&candidate_path).map_err(|source| Error::Read {
                    path: candidate_path.clone(),
                    source,
                })?;
                crate::fs::write::atomic_write(
                    &baseline_path,
                    &bytes,
                    crate::fs::write::Existing::Refuse,
                )?;
                println!("No baseline yet: {candidate_name} is now {baseline_rel}.");
                return Ok(ExitCode::from(OK));
            }
            let reference = load(&baseline_path, &baseline_rel)?;
            let decision = promote::decide(config, &reference, &candidate, &decisive);
            print_decision(&decision, &reference, &candidate, force);
            if !decision.qualifies && !force {
                println!(
                    "\nKept {baseline_rel}; nothing was written. Pass --force to promote anyway."
                );
                return Ok(ExitCode::from(FINDINGS));
            }
            let month = match archive_month {
                Some(m) => {
                    crate::doc::period::parse_month(&m).ok_or_else(|| {
                        Error::Usage(format!(
                            "`--archive-month {m}` is not a month\n  help: write it as 2025-11"
                        ))
                    })?;
                    promote::ArchiveMonth {
                        month: m,
                        source: "given with --archive-month".into(),
                    }
                }
                None => promote::archive_month(
                    &practice.root,
                    config,
                    &baseline_rel,
                    &reference,
                    jiff::ZonedDateTime::now().date(),
                ),
            };
            let candidate_abs = candidate_path
                .canonicalize()
                .map_err(|source| Error::Read {
                    path: candidate_path.clone(),
                    source,
                })?;
            let archive = promote::promote(
                &practice.root,
                &baseline_rel,
                &candidate_abs.to_string_lossy(),
                &month.month,
            )?;
            println!(
                "\nArchived {baseline_rel} as {archive} (month {}: {}).",
                month.month, month.source
            );
            println!("Replaced {baseline_rel} with {candidate_name}.");
            Ok(ExitCode::from(OK))
        }
    }
}

fn load(path: &Path, display: &str) -> Result<Run> {
    let summary = metrics::k6::read(path, display)?;
    Ok(catalog::Run::from_summary(&summary))
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

fn print_human(cmp: &metrics::Comparison, reference: &Run, current: &Run) {
    println!(
        "Comparing {} ({}) against {} ({})\n",
        current.file,
        current.shape.describe(),
        reference.file,
        reference.shape.describe()
    );
    let rows: Vec<[String; 5]> = cmp
        .metrics
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                format::with_unit(c.baseline, &c.unit),
                format::with_unit(c.current, &c.unit),
                c.change_pct.map_or_else(|| "n/a".into(), format::change),
                if c.reason.is_trend() {
                    format!("trend: {}", metrics::compare::trend_word(c))
                } else if c.regression {
                    format!("REGRESSION ({})", c.reason)
                } else {
                    format!("ok ({})", c.reason)
                },
            ]
        })
        .collect();
    print_table(
        &["Metric", "Baseline", "Current", "Change", "Verdict"],
        &rows,
    );
    for t in &current.crossed {
        println!("note: the run crossed its k6 threshold {t}");
    }
    for (keys, side) in [
        (&cmp.only_in_current, "the run"),
        (&cmp.only_in_baseline, "the baseline"),
    ] {
        if !keys.is_empty() {
            println!("note: only {side} has {}; not compared", keys.join(", "));
        }
    }
    match cmp.regressions.len() {
        0 => println!("\nNo regressions."),
        n => println!(
            "\n{n} regression{}: {}",
            if n == 1 { "" } else { "s" },
            cmp.regressions
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn print_decision(d: &promote::Decision, reference: &Run, candidate: &Run, force: bool) {
    let verdict = match (d.qualifies, force) {
        (true, _) => "UPDATE",
        (false, true) => "UPDATE (forced; the run does not qualify)",
        (false, false) => "KEEP",
    };
    println!("Baseline decision: {verdict}");
    println!("  {} against {}", candidate.file, reference.file);
    println!(
        "  Rule: {} must improve by more than {}%, and nothing may regress.\n",
        d.decisive.join(" and "),
        format::number(d.threshold_pct)
    );
    let rows: Vec<[String; 5]> = d
        .reasons
        .iter()
        .map(|r| {
            let mark = match (r.role, r.ok) {
                (Role::Info, _) => "info",
                (_, true) => "ok",
                (_, false) => "FAIL",
            };
            let role = match r.role {
                Role::Decisive => "decides",
                Role::Guard => "must not regress",
                Role::Info => "",
            };
            [
                mark.to_string(),
                r.name.clone(),
                if r.baseline.is_nan() {
                    "n/a".into()
                } else {
                    format!(
                        "{} -> {}",
                        format::with_unit(r.baseline, &r.unit),
                        format::with_unit(r.candidate, &r.unit)
                    )
                },
                r.text.clone(),
                role.to_string(),
            ]
        })
        .collect();
    print_table(&["", "Metric", "Baseline -> run", "Reason", "Role"], &rows);
}

fn print_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|h| h.chars().count());
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == N {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        println!("{}", s.trim_end());
    };
    line(header.to_vec());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
}
