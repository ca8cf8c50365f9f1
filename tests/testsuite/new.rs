//! `perfdoc new`: scaffolds land where their kind says, never overwrite, refuse bad slugs.

use crate::support::Repo;

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo
}

#[test]
fn new_optimization_as_typed_then_check_fails_then_passes() {
    let repo = practice();
    let run = repo.perfdoc(&[
        "new",
        "optimization",
        "billing-stripe",
        "--date",
        "2025-12-04",
    ]);
    run.code(0);
    assert_eq!(
        run.stdout.trim(),
        "optimizations/billing-stripe-2025-12-04.md"
    );
    let text = repo.read("optimizations/billing-stripe-2025-12-04.md");
    assert!(text.contains("owner: \"Jane Doe\""), "{text}");
    assert!(text.contains("date: 2025-12-04"), "{text}");

    let check = repo.perfdoc(&["check"]);
    check.code(1);
    for rule in ["placeholder", "metric-incomplete"] {
        assert!(
            check.stdout.contains(&format!("error[{rule}]")),
            "{}",
            check.stdout
        );
    }
    assert!(
        check
            .stdout
            .contains("--> optimizations/billing-stripe-2025-12-04.md:")
    );
    assert!(check.stdout.contains("help: "));

    repo.write("optimizations/billing-stripe-2025-12-04.md", FILLED_RECORD);
    repo.perfdoc(&["check"]).code(0);
}

#[test]
fn never_overwrites() {
    let repo = practice();
    repo.perfdoc(&["new", "daily", "--date", "2025-12-04"])
        .code(0);
    repo.write("reports/daily-2025-12-04.md", "mine");
    let run = repo.perfdoc(&["new", "daily", "--date", "2025-12-04"]);
    run.code(2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(repo.read("reports/daily-2025-12-04.md"), "mine");
}

#[test]
fn refuses_bad_slugs() {
    let repo = practice();
    for slug in ["../escape", "Billing", "a/b", "/abs", "a b"] {
        let run = repo.perfdoc(&["new", "optimization", slug]);
        run.code(2);
        assert!(
            run.stderr.contains("not a valid slug"),
            "{slug}: {}",
            run.stderr
        );
    }
    assert!(!repo.path().join("escape-2025-12-04.md").exists());
}

#[test]
fn refuses_to_run_outside_a_practice() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::run_in(dir.path(), &["new", "daily"]);
    run.code(2);
    assert!(run.stderr.contains("perfdoc init"), "{}", run.stderr);
}

#[test]
fn weekly_takes_iso_week_and_links_the_previous_report() {
    let repo = practice();
    repo.perfdoc(&["new", "weekly", "--date", "2025-12-03"])
        .code(0);
    let run = repo.perfdoc(&["new", "weekly", "2025-W50"]);
    run.code(0);
    assert_eq!(run.stdout.trim(), "reports/weekly-2025-W50.md");
    let text = repo.read("reports/weekly-2025-W50.md");
    assert!(text.contains("week: 2025-W50"), "{text}");
    assert!(text.contains("date: 2025-12-08"), "{text}");
    assert!(text.contains("(weekly-2025-W49.md)"), "{text}");
}

#[test]
fn year_boundary_week() {
    let repo = practice();
    let run = repo.perfdoc(&["new", "weekly", "--date", "2025-12-31"]);
    run.code(0);
    assert_eq!(run.stdout.trim(), "reports/weekly-2026-W01.md");
}

pub const FILLED_RECORD: &str = "---
title: Stripe API call batching
kind: optimization
date: 2025-12-04
status: deployed
owner: Jane Doe
endpoint: POST /api/billing/create-subscription
tags: [billing, stripe]
metrics:
  p95_ms: { before: 2800, after: 1100 }
  p99_ms: { before: 4200, after: 1600 }
---

## Problem

POST /api/billing/create-subscription took 2.8 s at p95.

## Root Cause

Three separate Stripe validation calls per request.

## Solution

One batched call behind a feature flag.

## Results

- Latency: 2800ms → 1100ms (61% improvement)

## Cost

2.5 engineering hours.

## Lessons Learned

1. Batch external API calls whenever possible.

## Next Steps

- [ ] Monitor for 30 days.
";
