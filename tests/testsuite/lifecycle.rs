//! The optimization lifecycle in a record's front matter (`lifecycle:`, `severity:`,
//! `options:`, `chosen:`) and the SLAs on it: dates in order, the chosen option among the
//! options, and a finding of its own for every SLA a record misses.

use crate::support::{RECORD_BODY as BODY, Repo};

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo
}

/// A deployed record whose front matter ends with `extra`.
fn record(extra: &str) -> String {
    format!(
        "---
title: Stripe batching
kind: optimization
date: 2025-12-04
status: deployed
owner: Jane Doe
metrics:
  p95_ms: {{ before: 2800, after: 1100 }}
{extra}---
{BODY}"
    )
}

const GOOD: &str = "severity: high
customers_affected: 50
lifecycle:
  started: 2025-12-01 10:30
  detected: 2025-12-02 08:00
  root_cause: 2025-12-03 14:10
  deployed: 2025-12-04 15:20
  feature_flag: billing.batch_stripe_validation
  rollback: turn the flag off
options:
  A: { summary: Batch the calls, estimate_pct: 60, risk: low, effort_hours: 2.5 }
  B: { summary: Cache validation, estimate_pct: 80, risk: medium, effort_hours: 1.5 }
chosen: A
";

const PATH: &str = "optimizations/stripe-batching-2025-12-04.md";

fn check(repo: &Repo, text: &str) -> crate::support::Run {
    repo.write(PATH, text);
    repo.perfdoc(&["check", PATH])
}

#[test]
fn a_full_lifecycle_passes_without_findings() {
    let repo = practice();
    let run = check(&repo, &record(GOOD));
    run.code(0);
    assert!(!run.stdout.contains("warning["), "{}", run.stdout);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn a_proposed_record_needs_only_what_is_known() {
    let repo = practice();
    let text = record("severity: medium\nlifecycle:\n  detected: 2025-12-02\n")
        .replace("status: deployed", "status: proposed")
        .replace(", after: 1100", "");
    let run = check(&repo, &text);
    run.code(0);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn dates_out_of_order_point_at_the_later_stage() {
    let repo = practice();
    let text = record(&GOOD.replace("root_cause: 2025-12-03 14:10", "root_cause: 2025-11-30"));
    let run = check(&repo, &text);
    run.code(1);
    assert!(run.stdout.contains("error[lifecycle]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("stripe-batching-2025-12-04.md:14:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("before `detected`"), "{}", run.stdout);
}

#[test]
fn a_time_that_is_not_one_is_an_error() {
    let repo = practice();
    for bad in [
        "2025-12-32",
        "yesterday",
        "2025-12-03 25:00",
        "2025-12-03T14",
    ] {
        let text = record(&GOOD.replace("2025-12-03 14:10", bad));
        let run = check(&repo, &text);
        run.code(1);
        assert!(
            run.stdout.contains("error[lifecycle]"),
            "{bad}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("YYYY-MM-DD HH:MM"),
            "{bad}: {}",
            run.stdout
        );
    }
}

#[test]
fn an_unknown_stage_is_named_with_the_known_ones() {
    let repo = practice();
    let text = record(&GOOD.replace("detected:", "detectd:"));
    let run = check(&repo, &text);
    run.code(1);
    assert!(run.stdout.contains("`detectd`"), "{}", run.stdout);
    assert!(run.stdout.contains("root_cause"), "{}", run.stdout);
}

#[test]
fn the_chosen_option_must_be_among_the_options() {
    let repo = practice();
    let text = record(&GOOD.replace("chosen: A", "chosen: C"));
    let run = check(&repo, &text);
    run.code(1);
    assert!(run.stdout.contains("error[lifecycle]"), "{}", run.stdout);
    assert!(run.stdout.contains("`C`"), "{}", run.stdout);
    assert!(run.stdout.contains("A, B"), "{}", run.stdout);
}

#[test]
fn an_option_with_a_bad_estimate_or_risk() {
    let repo = practice();
    for (from, to) in [
        ("estimate_pct: 60", "estimate_pct: lots"),
        ("risk: low", "risk: tiny"),
        ("effort_hours: 2.5", "effort_hours: -1"),
    ] {
        let run = check(&repo, &record(&GOOD.replace(from, to)));
        run.code(1);
        assert!(
            run.stdout.contains("error[lifecycle]"),
            "{to}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_record_deployed_without_its_deploy_time() {
    let repo = practice();
    let text = record(&GOOD.replace("  deployed: 2025-12-04 15:20\n", ""));
    let run = check(&repo, &text);
    run.code(1);
    assert!(run.stdout.contains("error[lifecycle]"), "{}", run.stdout);
    assert!(run.stdout.contains("`deployed`"), "{}", run.stdout);
}

#[test]
fn a_late_detection_is_an_sla_warning() {
    let repo = practice();
    let text = record(&GOOD.replace("detected: 2025-12-02 08:00", "detected: 2025-12-02 11:00"));
    let run = check(&repo, &text);
    run.code(0);
    assert!(run.stdout.contains("warning[sla]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("detected 24.5 h after"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("within 24 h"), "{}", run.stdout);
}

#[test]
fn a_slow_root_cause_and_fix_are_sla_warnings() {
    let repo = practice();
    let text = record(
        &GOOD
            .replace(
                "root_cause: 2025-12-03 14:10",
                "root_cause: 2025-12-05 09:00",
            )
            .replace("deployed: 2025-12-04 15:20", "deployed: 2025-12-10 09:00"),
    );
    let run = check(&repo, &text);
    run.code(0);
    assert_eq!(
        run.stdout.matches("warning[sla]").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("root cause found 73.0 h after"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("deployed 193.0 h after"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_team_can_make_sla_misses_errors_and_change_the_limits() {
    let repo = practice();
    let late = record(&GOOD.replace("detected: 2025-12-02 08:00", "detected: 2025-12-03 08:00"));
    let toml = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!("{toml}\n[preprocessor.perfdoc.sla]\nlevel = \"error\"\n"),
    );
    let run = check(&repo, &late);
    run.code(1);
    assert!(run.stdout.contains("error[sla]"), "{}", run.stdout);

    repo.write(
        "book.toml",
        format!("{toml}\n[preprocessor.perfdoc.sla]\nlevel = \"error\"\ndetect-hours = 72\n"),
    );
    let run = check(&repo, &late);
    run.code(0);
    assert!(!run.stdout.contains("[sla]"), "{}", run.stdout);
}

#[test]
fn a_bad_sla_setting_names_its_line() {
    let repo = practice();
    let toml = repo.read("book.toml");
    for bad in ["level = \"fatal\"", "fix-hours = -3", "detect-hour = 2"] {
        repo.write(
            "book.toml",
            format!("{toml}\n[preprocessor.perfdoc.sla]\n{bad}\n"),
        );
        let run = repo.perfdoc(&["check"]);
        run.code(2);
        assert!(run.stderr.contains("book.toml:"), "{bad}: {}", run.stderr);
    }
}

#[test]
fn an_in_progress_record_past_its_deadline_misses_the_sla() {
    let repo = practice();
    let text = record("lifecycle:\n  started: 2025-01-01\n  detected: 2025-01-01\n")
        .replace("status: deployed", "status: in-progress");
    let run = check(&repo, &text);
    run.code(0);
    assert!(run.stdout.contains("warning[sla]"), "{}", run.stdout);
    assert!(run.stdout.contains("no root cause yet"), "{}", run.stdout);
}

#[test]
fn an_estimate_on_a_metric_the_record_does_not_measure() {
    let repo = practice();
    let text = record(&GOOD.replace("risk: low,", "risk: low, metric: p90_ms,"));
    let run = check(&repo, &text);
    run.code(1);
    assert!(run.stdout.contains("estimates `p90_ms`"), "{}", run.stdout);
}
