//! Scaffolds that fill themselves: a week of the example practice gives a weekly report whose
//! comparison block matches the one the team wrote by hand; a month gives the seed's
//! baseline decision; a night gives the daily figures from the k6 run.

use crate::support::Repo;

/// The example practice as it stood before the 5 January update (November reference in
/// force), without the report about to be written.
fn practice_without(report: &str) -> Repo {
    let repo = Repo::example();
    let nov = repo.read("benchmarks/main-baseline-2025-11.json");
    std::fs::remove_file(repo.path().join("benchmarks/main-baseline-2025-11.json")).unwrap();
    repo.write("benchmarks/main-baseline.json", nov);
    std::fs::remove_file(repo.path().join(report)).unwrap();
    repo
}

/// `key: value` figures under a front-matter block.
fn figures(text: &str, block: &str) -> Vec<(String, f64)> {
    let front = text.split("---").nth(1).unwrap();
    let mut out = Vec::new();
    let mut inside = false;
    for line in front.lines() {
        if line.starts_with(&format!("{block}:")) {
            inside = true;
            continue;
        }
        if inside {
            let Some(rest) = line.strip_prefix("  ") else {
                break;
            };
            let (k, v) = rest.split_once(':').unwrap();
            if let Ok(v) = v.trim().parse() {
                out.push((k.to_string(), v));
            }
        }
    }
    out
}

#[test]
fn a_week_of_the_example_practice_fills_the_weekly_comparison() {
    let repo = practice_without("reports/weekly-2025-W49.md");
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/weekly-2025-W49.md"),
    )
    .unwrap();
    let run = repo.perfdoc(&["new", "weekly", "2025-W49", "--owner", "Marcus Chen"]);
    run.code(0);
    let text = repo.read("reports/weekly-2025-W49.md");
    // The figures the team computed by hand (rounded), from the same daily reports.
    for block in ["metrics", "baseline"] {
        let ours = figures(&text, block);
        let theirs = figures(&seed, block);
        assert_eq!(ours.len(), 5, "{block}: {text}");
        for (key, want) in theirs {
            let got = ours.iter().find(|(k, _)| *k == key).unwrap().1;
            assert!(
                (got - want).abs() <= want.abs() * 0.005 + 0.005,
                "{block}.{key}: {got} vs the seed's {want}"
            );
        }
    }
    // The same verdicts as the hand-written table.
    for row in [
        // Changes from the figures as shown: 245.1 → 264.6 is +8.0%, 0.1 → 0.15 is +50.0%.
        "| Average latency | 245.1 ms | 264.6 ms | +8.0% | No |",
        "| P95 latency | 512.3 ms | 577.4 ms | +12.7% | Yes (over +10%) |",
        "| Message success rate | 99.21% | 99.16% | -0.1% | No |",
        "| Error rate | 0.1% | 0.15% | +50.0% | No |",
        "| Throughput | 5.2 req/s | 5.2 req/s | 0.0% | n/a (trend: stable) |",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    insta::assert_snapshot!(text);
    // Only the prose is left to write: check finds placeholders, but none in the figures.
    let check = repo.perfdoc(&["check", "reports/weekly-2025-W49.md"]);
    check.code(1);
    assert!(
        !check.stdout.contains("[from dashboard]"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("[Issue 1]"), "{}", check.stdout);
}

#[test]
fn the_month_gives_the_seeds_decision_and_figures() {
    let repo = practice_without("reports/monthly-2025-12.md");
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/monthly-2025-12.md"),
    )
    .unwrap();
    repo.perfdoc(&[
        "new",
        "monthly",
        "2025-12",
        "--date",
        "2026-01-05",
        "--owner",
        "Jane Doe",
    ])
    .code(0);
    let text = repo.read("reports/monthly-2025-12.md");
    assert!(text.contains("baseline_decision: update"), "{text}");
    for block in ["metrics", "baseline"] {
        for (key, want) in figures(&seed, block) {
            let got = figures(&text, block)
                .into_iter()
                .find(|(k, _)| *k == key)
                .unwrap()
                .1;
            assert!(
                (got - want).abs() <= want.abs() * 0.005 + 0.005,
                "{block}.{key}: {got} vs {want}"
            );
        }
    }
    assert!(
        text.contains("- Average latency: improved by 19.1%: more than the 10% needed"),
        "{text}"
    );
    assert!(
        text.contains("- Growth: 4.27% per month (fitted over 22 daily figures"),
        "{text}"
    );
    // The true peak is not in daily averages: it stays for the dashboard.
    assert!(text.contains("peak_rps: \"[Y req/sec]\""), "{text}");
}

#[test]
fn a_night_fills_the_daily_from_the_k6_run() {
    let repo = practice_without("reports/daily-2025-12-02.md");
    repo.perfdoc(&["new", "daily", "2025-12-02", "--owner", "Priya Raman"])
        .code(0);
    let text = repo.read("reports/daily-2025-12-02.md");
    assert!(text.contains("  p95_ms: 515.6\n"), "{text}");
    assert!(text.contains("  error_rate_pct: 0.1\n"), "{text}");
    assert!(
        text.contains("  uptime_pct: \"[from dashboard]\""),
        "{text}"
    );
    assert!(
        text.contains(
            "[benchmarks/k6-baseline-2025-12-01.json](../benchmarks/k6-baseline-2025-12-01.json)"
        ),
        "{text}"
    );
    // Two weeks later there is no overnight run: placeholders, not stale figures.
    repo.perfdoc(&["new", "daily", "2025-12-10", "--owner", "Priya Raman"])
        .code(2); // exists in the example
    std::fs::remove_file(repo.path().join("reports/daily-2025-12-10.md")).unwrap();
    repo.perfdoc(&["new", "daily", "2025-12-10", "--owner", "Priya Raman"])
        .code(0);
    let text = repo.read("reports/daily-2025-12-10.md");
    assert!(text.contains("  p95_ms: \"[from dashboard]\""), "{text}");
}

#[test]
fn a_broken_run_is_named_in_the_report_not_read_as_zero() {
    let repo = practice_without("reports/daily-2025-12-02.md");
    repo.write(
        "benchmarks/k6-baseline-2025-12-02.json",
        "{\"metrics\": {\"http_reqs\": ",
    );
    repo.perfdoc(&["new", "daily", "2025-12-02", "--owner", "Priya Raman"])
        .code(0);
    let text = repo.read("reports/daily-2025-12-02.md");
    assert!(text.contains("  p95_ms: \"[from dashboard]\""), "{text}");
    assert!(
        text.contains("Could not read a benchmark file: `benchmarks/k6-baseline-2025-12-02.json`"),
        "{text}"
    );
}
