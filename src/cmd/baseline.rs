//! `perfdoc baseline compare|promote`: the weekly comparison (exit 1 on a regression, so CI
//! can gate on it) and the monthly promotion decision, printed metric by metric.

use std::path::Path;
use std::process::ExitCode;

use super::output::{FINDINGS, OK};
use crate::cli::{BaselineAction, BaselineArgs, CompareFormat};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::metrics::noise::{Verdict, p_text};
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
            against,
            format,
            input_format,
        } => {
            let run_name = run.display().to_string();
            let current = load(config, &dir.join(&run), &run_name, input_format.as_deref())?;
            let reference = match (&against, &baseline) {
                (Some(spec), _) => {
                    metrics::against::reference(&practice, dir, spec, &dir.join(&run))?
                }
                (None, Some(b)) => {
                    let name = b.display().to_string();
                    load(config, &dir.join(b), &name, None)?
                }
                (None, None) => {
                    let path = practice.root.join(&config.folders.baseline);
                    if !path.exists() {
                        return Err(Error::NoBaseline {
                            baseline: config.folders.baseline.clone(),
                            run,
                        });
                    }
                    let name = &config.folders.baseline;
                    load(config, &path, name, None)?
                }
            };
            let mut cmp = metrics::compare(
                config,
                &reference.file,
                &reference.figures,
                &current.file,
                &current.figures,
            );
            metrics::noise::weigh(config, &mut cmp, &reference, &current);
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
                CompareFormat::Human => print_human(config, &cmp, &reference, &current),
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
    let mut candidate = load(
        config,
        &candidate_path,
        &candidate_name,
        input_format.as_deref(),
    )?;
    let (decisive, asked_by) = match (decide_on.is_empty(), config.decide_on.is_empty()) {
        (false, _) => (decide_on, Some("--decide-on")),
        (true, false) => (config.decide_on.clone(), Some("decide-on in book.toml")),
        (true, true) => (vec![promote::DEFAULT_DECISIVE.to_string()], None),
    };
    // A harness benchmark is decisive by the name the tool gives it, an endpoint's
    // figure as `ENDPOINT.KEY`.
    for key in decisive.iter().filter(|k| !config.metrics.contains_key(*k)) {
        if !metrics::ingest::configured::surface(config, &mut candidate, key)
            && let Some(flag) = asked_by
        {
            return Err(Error::UnknownMetric {
                flag,
                key: key.clone(),
            });
        }
    }
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
    let mut reference = load(config, &baseline_path, &baseline_rel, None)?;
    for key in &decisive {
        metrics::ingest::configured::surface(config, &mut reference, key);
    }
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

fn load(
    config: &crate::config::Config,
    path: &Path,
    display: &str,
    forced: Option<&str>,
) -> Result<Run> {
    metrics::ingest::read(config, path, display, forced)
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

fn print_human(config: &Config, cmp: &metrics::Comparison, reference: &Run, current: &Run) {
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
                verdict_cell(c),
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
    let threshold_only = cmp
        .metrics
        .iter()
        .any(|c| matches!(c.significance, Some(Verdict::ThresholdOnly { .. })));
    match cmp.samples {
        Some(n) => println!(
            "note: latency judged on {} and {} requests: a regression must be over its threshold and significant at p <= {} (Mann-Whitney U)",
            n.baseline,
            n.current,
            format::number(config.thresholds.significance)
        ),
        None if threshold_only => println!(
            "note: no raw samples on {}: the latency verdicts are the thresholds' alone (threshold only); k6 --out json or --out csv records them",
            match (reference.samples.is_empty(), current.samples.is_empty()) {
                (true, true) => "either side",
                (true, false) => "the baseline's side",
                _ => "the run's side",
            }
        ),
        None => {}
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

/// The verdict column: the threshold's rule, and what the samples said of it.
fn verdict_cell(c: &metrics::compare::Compared) -> String {
    if c.reason.is_trend() {
        return format!("trend: {}", metrics::compare::trend_word(c));
    }
    let reason = c.reason;
    match c.significance {
        Some(Verdict::Regression { p_value }) => {
            format!("REGRESSION ({reason}, {})", p_text(p_value))
        }
        Some(Verdict::WithinNoise { p_value }) => {
            format!("within noise ({}), though {reason}", p_text(p_value))
        }
        Some(Verdict::ThresholdOnly { regression: true }) => {
            format!("REGRESSION ({reason}, threshold only)")
        }
        Some(Verdict::ThresholdOnly { regression: false }) => {
            format!("ok ({reason}, threshold only)")
        }
        Some(Verdict::TooFewSamples { regression: true }) => {
            format!("REGRESSION ({reason}, threshold only: too few samples to test)")
        }
        Some(Verdict::TooFewSamples { regression: false }) => {
            format!("ok ({reason}, threshold only: too few samples to test)")
        }
        _ if c.regression => format!("REGRESSION ({reason})"),
        _ => format!("ok ({reason})"),
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
