//! `perfdoc tracking [--write]`: the seed's optimization-tracking report from the records'
//! lifecycle data — SLA compliance, median and worst times, open items by severity, estimate
//! accuracy — kept in `reports/optimization-tracking.md`, which `check` reports when stale,
//! and the site's Tracking page.

use crate::support::{RECORD_BODY as BODY, Repo};

fn record(repo: &Repo, slug: &str, date: &str, front: &str) {
    repo.write(
        &format!("optimizations/{slug}-{date}.md"),
        format!("---\ntitle: {slug}\nkind: optimization\ndate: {date}\nowner: Jane Doe\n{front}---\n{BODY}"),
    );
}

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    record(
        &repo,
        "fast",
        "2025-12-04",
        "status: deployed\nseverity: high\nmetrics:\n  p95_ms: { before: 2800, after: 1100 }\nlifecycle:\n  started: 2025-12-01 10:00\n  detected: 2025-12-01 20:00\n  root_cause: 2025-12-02 20:00\n  deployed: 2025-12-04 20:00\noptions:\n  A: { estimate_pct: 60 }\nchosen: A\n",
    );
    record(
        &repo,
        "slow",
        "2025-12-20",
        "status: deployed\nseverity: medium\nmetrics:\n  avg_ms: { before: 300, after: 240 }\nlifecycle:\n  started: 2025-12-01 00:00\n  detected: 2025-12-05 00:00\n  root_cause: 2025-12-06 00:00\n  deployed: 2025-12-19 00:00\noptions:\n  B: { estimate_pct: 30 }\nchosen: B\n",
    );
    record(
        &repo,
        "idea",
        "2025-12-22",
        "status: proposed\nseverity: critical\npriority: high\nmetrics:\n  p99_ms: { before: 4200 }\nlifecycle:\n  detected: 2025-12-21 09:00\n",
    );
    record(
        &repo,
        "minor",
        "2025-12-23",
        "status: in-progress\nseverity: low\nmetrics:\n  p99_ms: { before: 900, after: 800 }\n",
    );
    repo
}

#[test]
fn tracking_prints_compliance_times_open_items_and_estimates() {
    let repo = practice();
    let run = repo.perfdoc(&["tracking"]);
    run.code(0);
    let out = &run.stdout;
    // Detect: 10 h (met) and 96 h (missed); median of the two is 53 h.
    assert!(
        out.contains("| Detect | 24.0 h | 1 | 1 | 50.0% | 2.2 d | 4.0 d ([slow]"),
        "{out}"
    );
    // Root cause: 24 h and 24 h.
    assert!(
        out.contains("| Root cause | 2.0 d | 2 | 0 | 100.0% | 24.0 h | 24.0 h"),
        "{out}"
    );
    // Fix: 72 h (met) and 14 days (missed).
    assert!(out.contains("| Fix | 7.0 d | 1 | 1 | 50.0% |"), "{out}");
    // Open items: critical first, then low.
    let critical = out.find("| critical | [idea]").expect(out);
    let low = out.find("| low | [minor]").expect(out);
    assert!(critical < low, "{out}");
    assert!(out.contains("| critical | [idea](../optimizations/idea-2025-12-22.md) | proposed | 2025-12-21 | Jane Doe |"), "{out}");
    // Estimates: 60 % estimated, 60.7 % measured; 30 % estimated, 20 % measured.
    assert!(
        out.contains("| A | p95&#95;ms | 60.0% | 60.7% | +0.7 pts |"),
        "{out}"
    );
    assert!(
        out.contains("| B | avg&#95;ms | 30.0% | 20.0% | -10.0 pts |"),
        "{out}"
    );
    assert!(out.contains("5.35 points away"), "{out}");
    assert!(
        !repo
            .path()
            .join("reports/optimization-tracking.md")
            .exists()
    );
}

#[test]
fn write_keeps_the_file_and_check_reports_it_stale() {
    let repo = practice();
    repo.perfdoc(&["tracking", "--write"]).code(0);
    let file = repo.read("reports/optimization-tracking.md");
    assert!(file.contains("## SLA compliance"), "{file}");
    let run = repo.perfdoc(&["check"]);
    assert!(!run.stdout.contains("tracking-stale"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("optimization-tracking.md"),
        "{}",
        run.stdout
    );

    record(
        &repo,
        "minor",
        "2025-12-23",
        "status: deployed\nseverity: low\nmetrics:\n  p99_ms: { before: 900, after: 800 }\n",
    );
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("error[tracking-stale]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("perfdoc tracking --write"),
        "{}",
        run.stdout
    );
    repo.perfdoc(&["tracking", "--write"]).code(0);
    let run = repo.perfdoc(&["check"]);
    assert!(!run.stdout.contains("tracking-stale"), "{}", run.stdout);
}

#[test]
fn a_hostile_title_cannot_break_the_table_or_add_a_link() {
    let repo = practice();
    record(
        &repo,
        "evil",
        "2025-12-24",
        "status: proposed\nmetrics:\n  p99_ms: { before: 1 }\n",
    );
    let path = "optimizations/evil-2025-12-24.md";
    let text = repo.read(path).replace(
        "title: evil",
        "title: \"x | y](javascript:alert(1)) <img src=x>\"",
    );
    repo.write(path, text);
    let out = repo.perfdoc(&["tracking"]).stdout;
    let line = out
        .lines()
        .find(|l| l.contains("evil-2025-12-24"))
        .expect(&out);
    assert!(!line.contains("<img"), "{line}");
    assert!(!line.contains("](javascript"), "{line}");
    assert_eq!(line.matches(" | ").count(), 4, "{line}");
}

#[test]
fn the_site_has_a_tracking_page() {
    let repo = practice();
    repo.perfdoc(&["build"]).code(0);
    let html = std::fs::read_to_string(repo.path().join("site/tracking/index.html")).unwrap();
    assert!(html.contains("SLA compliance"), "{html}");
    assert!(html.contains("50.0%"), "{html}");
    assert!(html.contains("idea"), "{html}");
    let home = std::fs::read_to_string(repo.path().join("site/index.html")).unwrap();
    assert!(home.contains("tracking/"), "nav links the page");
}

#[test]
fn write_never_replaces_the_teams_own_file_or_a_symlink() {
    let repo = practice();
    repo.write(
        "reports/optimization-tracking.md",
        "# Our tracking, by hand\n",
    );
    let run = repo.perfdoc(&["tracking", "--write"]);
    run.code(2);
    assert!(
        run.stderr.contains("was not written by perfdoc"),
        "{}",
        run.stderr
    );
    assert_eq!(
        repo.read("reports/optimization-tracking.md"),
        "# Our tracking, by hand\n"
    );
    // The team's file is neither a document nor stale.
    let check = repo.perfdoc(&["check"]);
    assert!(
        !check.stdout.contains("optimization-tracking.md"),
        "{}",
        check.stdout
    );

    std::fs::remove_file(repo.path().join("reports/optimization-tracking.md")).unwrap();
    repo.write("outside.md", "mine\n");
    std::os::unix::fs::symlink(
        repo.path().join("outside.md"),
        repo.path().join("reports/optimization-tracking.md"),
    )
    .unwrap();
    let run = repo.perfdoc(&["tracking", "--write"]);
    run.code(2);
    assert!(run.stderr.contains("is a symlink"), "{}", run.stderr);
    assert_eq!(repo.read("outside.md"), "mine\n");
}

#[test]
fn the_example_practice_shows_the_whole_routine() {
    let repo = Repo::example();
    // Its tracking file is current, one record misses the detection SLA, one is on the roadmap.
    let run = repo.perfdoc(&["check"]);
    run.code(0);
    assert!(!run.stdout.contains("tracking-stale"), "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("warning[sla]").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("auth-session-pooling"),
        "{}",
        run.stdout
    );
    let tracking = repo.read("reports/optimization-tracking.md");
    assert!(
        tracking.contains("| Detect | 24.0 h | 3 | 1 | 75.0% |"),
        "{tracking}"
    );
    // The figures file gives the same daily report the team wrote.
    std::fs::remove_file(repo.path().join("reports/daily-2025-12-31.md")).unwrap();
    repo.perfdoc(&[
        "new",
        "daily",
        "--date",
        "2025-12-31",
        "--figures",
        "benchmarks/figures-2025-12-31.json",
    ])
    .code(0);
    let daily = repo.read("reports/daily-2025-12-31.md");
    assert!(daily.contains("status: GREEN"), "{daily}");
    assert!(daily.contains("  p95_ms: 385\n  avg_ms: 197\n"), "{daily}");
    repo.perfdoc(&["build"]).code(0);
    let roadmap = std::fs::read_to_string(repo.path().join("site/roadmap/index.html")).unwrap();
    assert!(roadmap.contains("Webhook and retry backoff"), "{roadmap}");
}
