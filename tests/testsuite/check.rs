//! `perfdoc check`: the example practice passes; every kind of bad input gets a finding that
//! names a rule, a line and a fix (human output pinned as snapshots), and nothing is changed.

use crate::new::FILLED_RECORD;
use crate::support::{Repo, tree_state};

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo
}

/// Checks one file in a fresh practice; returns the human output. The tree must be unchanged.
fn check_one(rel: &str, content: &[u8]) -> (i32, String) {
    let repo = practice();
    repo.write(rel, content);
    let before = tree_state(repo.path());
    let run = repo.perfdoc(&["check", rel]);
    assert_eq!(before, tree_state(repo.path()), "check changed the tree");
    (run.code, run.stdout)
}

#[test]
fn the_example_practice_passes() {
    let repo = Repo::example();
    let run = repo.perfdoc(&["check"]);
    run.code(0);
    assert!(run.stderr.contains("0 errors"), "{}", run.stderr);
}

#[test]
fn broken_yaml_points_at_the_file_line() {
    let (code, out) = check_one(
        "reports/daily-2025-12-04.md",
        b"---\ntitle: Daily\ndate: 2025-12-04\nmetrics: {p95_ms: 285\n---\n## Overnight Metrics\n",
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn a_tab_in_yaml() {
    let (code, out) = check_one(
        "reports/daily-2025-12-04.md",
        b"---\ntitle: Daily\nmetrics:\n\tp95_ms: 285\n---\n",
    );
    assert_eq!(code, 1);
    assert!(out.contains("error[front-matter]"), "{out}");
    assert!(out.contains("daily-2025-12-04.md:4:"), "{out}");
    assert!(out.contains("tabs"), "{out}");
}

#[test]
fn no_front_matter() {
    let (code, out) = check_one(
        "optimizations/x-2025-12-04.md",
        b"# Just a heading\n\nText.\n",
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn unclosed_front_matter() {
    let (code, out) = check_one(
        "optimizations/x-2025-12-04.md",
        b"---\ntitle: X\ndate: 2025-12-04\n\n## Problem\n",
    );
    assert_eq!(code, 1);
    assert!(out.contains("front matter is not closed"), "{out}");
    assert!(out.contains("x-2025-12-04.md:1:1"), "{out}");
}

#[test]
fn an_empty_file() {
    let (code, out) = check_one("reports/daily-2025-12-04.md", b"");
    assert_eq!(code, 1);
    assert!(out.contains("file is empty"), "{out}");
}

#[test]
fn a_non_utf8_file() {
    let (code, out) = check_one("reports/daily-2025-12-04.md", b"---\ntitle: caf\xe9\n---\n");
    assert_eq!(code, 1);
    assert!(out.contains("error[file-encoding]"), "{out}");
    assert!(out.contains("line 2, column 11"), "{out}");
}

#[test]
fn a_bom_and_crlf_line_ends_are_fine() {
    let repo = practice();
    let crlf = FILLED_RECORD.replace('\n', "\r\n");
    let with_bom = format!("\u{feff}{crlf}");
    repo.write("optimizations/stripe-batching-2025-12-04.md", &with_bom);
    repo.perfdoc(&["check"]).code(0);
    // And a finding in such a file still points at the right line.
    let broken = with_bom.replace("(61% improvement)", "(75% improvement)");
    repo.write("optimizations/stripe-batching-2025-12-04.md", broken);
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("stripe-batching-2025-12-04.md:28:"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_50_mb_file_is_refused_quickly_and_clearly() {
    let repo = practice();
    let mut big = b"---\ntitle: big\n---\n".to_vec();
    big.resize(50 * 1024 * 1024, b'a');
    repo.write("reports/daily-2025-12-04.md", &big);
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("error[file-too-large]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("50.0 MiB"), "{}", run.stdout);
}

#[test]
fn a_document_in_the_wrong_folder() {
    let repo = practice();
    repo.write("optimizations/daily-2025-12-04.md", DAILY);
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn impossible_dates_and_bad_statuses() {
    let text = DAILY
        .replace("date: 2025-12-04", "date: 2025-02-30")
        .replace("status: GREEN", "status: green");
    let (code, out) = check_one("reports/daily-2025-12-04.md", text.as_bytes());
    assert_eq!(code, 1);
    assert!(
        out.contains("`date: 2025-02-30` is not a real date"),
        "{out}"
    );
    assert!(
        out.contains("`status: green` is not one of GREEN, YELLOW, RED"),
        "{out}"
    );
}

#[test]
fn wrong_math_in_prose_is_found() {
    let text = FILLED_RECORD.replace("(61% improvement)", "(75% improvement)");
    let (code, out) = check_one(
        "optimizations/stripe-batching-2025-12-04.md",
        text.as_bytes(),
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn missing_and_empty_sections_and_missing_after() {
    let text = FILLED_RECORD
        .replace("## Cost\n\n2.5 engineering hours.\n", "## Cost\n\n")
        .replace("## Next Steps\n\n- [ ] Monitor for 30 days.\n", "")
        .replace("after: 1600 ", "");
    let (code, out) = check_one(
        "optimizations/stripe-batching-2025-12-04.md",
        text.as_bytes(),
    );
    assert_eq!(code, 1);
    for needle in [
        "error[empty-section]: section `## Cost` is empty",
        "error[required-section]: section `## Next Steps` is missing",
        "error[metric-incomplete]: metric `p99_ms` has no `after` value",
    ] {
        assert!(out.contains(needle), "{needle}\n{out}");
    }
}

#[test]
fn proposed_records_may_wait_for_after() {
    let text = FILLED_RECORD
        .replace("status: deployed", "status: proposed")
        .replace(", after: 1600", "");
    let (code, out) = check_one(
        "optimizations/stripe-batching-2025-12-04.md",
        text.as_bytes(),
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn unknown_metric_direction_is_a_finding() {
    let text = FILLED_RECORD.replace(
        "  p99_ms:",
        "  queue_depth: { before: 40, after: 4 }\n  p99_ms:",
    );
    let (code, out) = check_one(
        "optimizations/stripe-batching-2025-12-04.md",
        text.as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("error[metric-unknown]: metric `queue_depth`"),
        "{out}"
    );
}

#[test]
fn broken_links_and_duplicate_slugs() {
    let repo = practice();
    repo.write("optimizations/stripe-batching-2025-12-04.md", FILLED_RECORD);
    let moved = FILLED_RECORD
        .replace("date: 2025-12-04", "date: 2025-12-09")
        .replace(
            "2.5 engineering hours.",
            "See [the first](stripe-batching-2025-12-05.md).",
        );
    repo.write("optimizations/stripe-batching-2025-12-09.md", moved);
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains(
            "error[broken-link]: link target `stripe-batching-2025-12-05.md` does not exist"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("error[duplicate-slug]: `stripe-batching` is also the optimization `optimizations/stripe-batching-2025-12-04.md`"), "{}", run.stdout);
}

#[test]
fn file_name_must_agree_with_the_date() {
    let (code, out) = check_one("reports/daily-2025-12-05.md", DAILY.as_bytes());
    assert_eq!(code, 1);
    assert!(
        out.contains("file name says 2025-12-05 but `date` is 2025-12-04"),
        "{out}"
    );
}

#[test]
fn staged_checks_the_index_not_the_working_tree() {
    let repo = practice();
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    let bad = FILLED_RECORD.replace("(61% improvement)", "(75% improvement)");
    repo.write("optimizations/stripe-batching-2025-12-04.md", &bad);
    repo.git(&["add", "optimizations/stripe-batching-2025-12-04.md"]);
    // The working tree is fixed, but the index still holds the bad version.
    repo.write("optimizations/stripe-batching-2025-12-04.md", FILLED_RECORD);
    let staged = repo.perfdoc(&["check", "--staged"]);
    staged.code(1);
    assert!(staged.stdout.contains("75%"), "{}", staged.stdout);
    repo.perfdoc(&["check"]).code(0);
    // Stage the fix: now the commit would be clean.
    repo.git(&["add", "optimizations/stripe-batching-2025-12-04.md"]);
    repo.perfdoc(&["check", "--staged"]).code(0);
}

#[test]
fn json_and_github_formats() {
    let text = FILLED_RECORD.replace("(61% improvement)", "(75% improvement)");
    let repo = practice();
    repo.write("optimizations/stripe-batching-2025-12-04.md", &text);
    let json = repo.perfdoc(&["check", "--format", "json"]);
    json.code(1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v[0]["rule"], "metric-math");
    assert_eq!(v[0]["location"]["line"], 28);
    let gh = repo.perfdoc(&["check", "--format", "github"]);
    gh.code(1);
    assert!(
        gh.stdout
            .starts_with("::error file=optimizations/stripe-batching-2025-12-04.md,line=28,col="),
        "{}",
        gh.stdout
    );
}

#[test]
fn explain_describes_a_rule() {
    let repo = practice();
    let run = repo.perfdoc(&["check", "--explain", "metric-math"]);
    run.code(0);
    assert!(run.stdout.contains("61%"), "{}", run.stdout);
    repo.perfdoc(&["check", "--explain", "no-such-rule"])
        .code(2);
}

#[test]
fn outside_a_practice_check_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::run_in(dir.path(), &["check"]).code(2);
}

pub const DAILY: &str = "---
title: Daily performance report 2025-12-04
kind: daily
date: 2025-12-04
owner: Priya Raman
status: GREEN
tags: [report, daily]
metrics:
  uptime_pct: 99.95
  error_rate_pct: 0.2
  success_rate_pct: 99.1
  p95_ms: 285
---

## Overnight Metrics

- Query latency p95: 285 ms

## Notable Events

None overnight.

## Action Items

None.
";
