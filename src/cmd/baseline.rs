//! `perfdoc baseline compare|promote`: the weekly comparison (exit 1 on a regression, so CI
//! can gate on it) and the monthly promotion decision, printed metric by metric.

use std::path::Path;
use std::process::ExitCode;

use super::output::{FINDINGS, OK};
use crate::cli::{BaselineAction, BaselineArgs, CompareFormat};
use crate::error::{Error, Result};
use crate::metrics::promote::{self, Role};
use crate::metrics::{self, Run, format};
use crate::practice::Practice;

pub fn run(dir: &Path, args: BaselineArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let config = &practice.config;
    match args.action {
        BaselineAction::Compare {
            run,
            baseline,
            format,
            input_format,
        } => {
            let (baseline_path, baseline_name) = match &baseline {
                Some(b) => (dir.join(b), b.display().to_string()),
                None => (
                    practice.root.join(&config.folders.baseline),
                    config.folders.baseline.clone(),
                ),
            };
            let run_name = run.display().to_string();
            let current = load(
                &dir.join(&run),
                &run_name,
                input_format
                    .as_deref()
                    .or_else(|| config.run_format(&run_name)),
            )?;
            if baseline.is_none() && !baseline_path.exists() {
                return Err(Error::NoBaseline {
                    baseline: baseline_name,
                    run,
                });
            }
            let reference = load(
                &baseline_path,
                &baseline_name,
                config.run_format(&baseline_name),
            )?;
            let cmp = metrics::compare(
                config,
                &reference.file,
                &reference.figures,
                &current.file,
                &current.figures,
            );
            if cmp.metrics.is_empty() {
                return Err(Error::NothingInCommon {
                    current: current.file,
                    reference: reference.file,
                });
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
            input_format,
            force,
            decide_on,
            archive_month,
        } => {
            let flags = PromoteFlags {
                run,
                input_format,
                force,
                decide_on,
                archive_month,
            };
            promote_run(dir, &practice, flags)
        }
    }
}

/// The flags of `baseline promote`, as clap gives them.
struct PromoteFlags {
    run: std::path::PathBuf,
    input_format: Option<String>,
    force: bool,
    decide_on: Vec<String>,
    archive_month: Option<String>,
}

/// `baseline promote`: the decision, then (when the run qualifies or `--force`) the archive
/// and the swap, all in this run's turn.
fn promote_run(dir: &Path, practice: &Practice, flags: PromoteFlags) -> Result<ExitCode> {
    let config = &practice.config;
    let PromoteFlags {
        run,
        input_format,
        force,
        decide_on,
        archive_month,
    } = flags;
    let baseline_rel = config.folders.baseline.clone();
    let candidate_path = dir.join(&run);
    let candidate_name = run.display().to_string();
    let baseline_path = practice.root.join(&baseline_rel);
    if same_file(&candidate_path, &baseline_path) {
        return Err(Error::CandidateIsBaseline {
            candidate: candidate_name,
        });
    }
    let candidate_format = input_format
        .as_deref()
        .or_else(|| config.run_format(&candidate_name));
    let candidate = load(&candidate_path, &candidate_name, candidate_format)?;
    // A harness benchmark is decisive by the name the tool gives it.
    for key in &decide_on {
        if !config.metrics.contains_key(key) && candidate.get(key).is_none() {
            return Err(Error::UnknownMetric {
                flag: "--decide-on",
                key: key.clone(),
            });
        }
    }
    let decisive = match (decide_on.is_empty(), config.decide_on.is_empty()) {
        (false, _) => decide_on,
        (true, false) => config.decide_on.clone(),
        (true, true) => vec![promote::DEFAULT_DECISIVE.to_string()],
    };
    // Everything from reading the baseline to replacing it happens in this run's turn.
    let _turn = promote::lock(&practice.root, &baseline_rel)?;
    if !baseline_path.exists() {
        // The first baseline: nothing to compare with, nothing to archive.
        let bytes = std::fs::read(&candidate_path).map_err(|source| Error::Read {
            path: candidate_path.clone(),
            source,
        })?;
        crate::fs::write::atomic_write(&baseline_path, &bytes, crate::fs::write::Existing::Refuse)?;
        println!("No baseline yet: {candidate_name} is now {baseline_rel}.");
        return Ok(ExitCode::from(OK));
    }
    let reference = load(
        &baseline_path,
        &baseline_rel,
        config.run_format(&baseline_rel),
    )?;
    let decision = promote::decide(config, &reference, &candidate, &decisive);
    print_decision(&decision, &reference, &candidate, force);
    if !decision.qualifies && !force {
        println!("\nKept {baseline_rel}; nothing was written. Pass --force to promote anyway.");
        return Ok(ExitCode::from(FINDINGS));
    }
    let month = match archive_month {
        Some(m) => {
            crate::doc::period::parse_month(&m).ok_or_else(|| Error::NotA {
                value: format!("--archive-month {m}"),
                expected: "a month",
                example: "2025-11",
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

fn load(path: &Path, display: &str, format: Option<&str>) -> Result<Run> {
    metrics::ingest::read(path, display, format)
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

fn print_human(cmp: &metrics::Comparison, reference: &Run, current: &Run) {
    println!(
        "Comparing {} ({}) against {} ({})\n",
        current.file, current.shape, reference.file, reference.shape
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
    let header = ["Metric", "Baseline", "Current", "Change", "Verdict"];
    print!("{}", super::table::render(&header, &rows, &[]));
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
    let header = ["", "Metric", "Baseline -> run", "Reason", "Role"];
    print!("{}", super::table::render(&header, &rows, &[]));
}
