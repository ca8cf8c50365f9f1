//! `perfdoc review` says where each figure of a report or run the change adds sits in its
//! series (the change-point finder behind `perfdoc changes`), and for a run whose tool keeps
//! every request, whether it differs from the baseline's requests beyond chance.

use crate::review::stable;
use crate::support::Repo;

const BASE_DATE: &str = "2025-12-30T09:00:00+00:00";
const HEAD_DATE: &str = "2026-01-05T09:00:00+00:00";

fn daily(repo: &Repo, date: &str, p95: f64) {
    repo.write(
        &format!("reports/daily-{date}.md"),
        format!(
            "---\ntitle: Daily {date}\nkind: daily\ndate: {date}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  error_rate_pct: 0.1\n  p95_ms: {p95}\n---\n\n## Summary\n\nQuiet day.\n"
        ),
    );
}

/// Eight December dailies at p95 ≈ 500 ms on `main`; on `topic`, a daily each for the
/// January `p95s` given.
fn dailies_then(p95s: &[f64]) -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    for i in 0..8 {
        daily(
            &repo,
            &format!("2025-12-{:02}", i + 10),
            500.0 + (i % 3) as f64,
        );
    }
    repo.commit("December dailies", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    for (i, p95) in p95s.iter().enumerate() {
        daily(&repo, &format!("2026-01-{:02}", i + 1), *p95);
    }
    repo.commit("January dailies", HEAD_DATE, "Marcus Chen");
    repo
}

fn review(repo: &Repo) -> String {
    stable(repo, &repo.perfdoc(&["review"]).code(0).stdout)
}

#[test]
fn a_daily_far_off_its_level_is_beyond_the_noise_and_needs_attention() {
    let repo = dailies_then(&[650.0]);
    let out = review(&repo);
    let line = "<code>reports/daily-2026-01-01.md</code> · P95 latency (ms) (daily): beyond the noise of the 8 points before it 📉: 650 against a level of 500.9 ms, +29.8%; a change point if the next ones stay there";
    assert!(out.contains(&format!("- {line}\n")), "{out}");
    let attention = out.split("### Needs attention").nth(1).unwrap_or_default();
    assert!(
        attention.contains(
            "- 📉 <code>reports/daily-2026-01-01.md</code> — P95 latency: beyond the noise"
        ),
        "{out}"
    );
    // The error rate did not move: it sits within the noise, folded away.
    assert!(
        out.contains("- <code>reports/daily-2026-01-01.md</code> · Error rate (%) (daily): within the noise of its level (8 points)"),
        "{out}"
    );
}

#[test]
fn dailies_that_stay_on_a_new_level_start_a_change_point_at_the_first() {
    let repo = dailies_then(&[650.0, 651.0, 649.0, 650.0]);
    let out = review(&repo);
    assert!(
        out.contains("- <code>reports/daily-2026-01-01.md</code> · P95 latency (ms) (daily): starts a change point 📉: the level moves from 500.9 to 650 ms, +29.8%, p = "),
        "{out}"
    );
    // The later ones sit on the new level.
    assert!(
        out.contains("- <code>reports/daily-2026-01-02.md</code> · P95 latency (ms) (daily): within the noise of its level"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&repo.perfdoc(&["review", "--format", "json"]).code(0).stdout)
            .unwrap();
    let first = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["path"] == "reports/daily-2026-01-01.md" && n["metric"] == "P95 latency")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(first["placement"]["placement"], "starts-change", "{first}");
    assert_eq!(first["placement"]["regression"], true, "{first}");
}

#[test]
fn a_daily_like_the_rest_sits_within_the_noise_and_asks_for_nothing() {
    let repo = dailies_then(&[501.0]);
    let out = review(&repo);
    assert!(
        out.contains("<details><summary>2 figures within the noise or too new to tell</summary>"),
        "{out}"
    );
    assert!(
        out.contains("- <code>reports/daily-2026-01-01.md</code> · P95 latency (ms) (daily): within the noise of its level (8 points)"),
        "{out}"
    );
    assert!(!out.contains("- 📉"), "{out}");
}

/// A `hey -o csv` file of requests taking `ms` milliseconds each.
fn hey(ms: &[f64]) -> String {
    let mut out = String::from(
        "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset\n",
    );
    for (i, t) in ms.iter().enumerate() {
        let s = t / 1000.0;
        out.push_str(&format!(
            "{s:.4},0.0001,0.0000,0.0000,{s:.4},0.0001,200,{:.4}\n",
            i as f64 * 0.01
        ));
    }
    out
}

/// The example practice with a hey baseline of `base` on `main`, and a hey run of `run` on
/// `topic`.
fn hey_review(base: &[f64], run: &[f64]) -> (Repo, String) {
    let repo = Repo::example();
    let book = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!(
            "{book}\n[preprocessor.perfdoc.folders]\nbaseline = \"benchmarks/main-baseline.csv\"\n"
        ),
    );
    repo.write("benchmarks/main-baseline.csv", hey(base));
    repo.commit("hey baseline", BASE_DATE, "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write("benchmarks/hey-2026-01-05.csv", hey(run));
    repo.commit("January run", HEAD_DATE, "Marcus Chen");
    let out = review(&repo);
    (repo, out)
}

const STEADY: [f64; 10] = [
    100.0, 102.0, 98.0, 101.0, 99.0, 103.0, 97.0, 100.0, 104.0, 96.0,
];

#[test]
fn a_run_slower_at_the_tail_by_one_request_is_within_noise_not_a_regression() {
    let mut run = STEADY;
    run[9] = 150.0;
    let (_repo, out) = hey_review(&STEADY, &run);
    let row = out
        .lines()
        .find(|l| l.starts_with("| P95 latency (ms) |"))
        .unwrap_or_else(|| panic!("no P95 row:\n{out}"));
    assert!(row.contains("| within noise (p = 0."), "{row}\n{out}");
    assert!(
        out.contains(
            "| <code>benchmarks/hey-2026-01-05.csv</code> | added | ✅ no regression against"
        ),
        "{out}"
    );
    let note = out
        .lines()
        .find(|l| {
            l.starts_with(
                "- <code>benchmarks/hey-2026-01-05.csv</code> · P95 latency (ms) (benchmarks): ",
            )
        })
        .unwrap_or_else(|| panic!("no series line for the run's P95:\n{out}"));
    assert!(
        note.ends_with("; its samples against the baseline's: within noise (p = 0.494)"),
        "{note}"
    );
}

#[test]
fn a_run_slower_on_every_request_is_a_regression_beyond_chance() {
    let base: Vec<f64> = (0..200)
        .map(|i| STEADY[i % 10] + (i / 10) as f64 * 0.1)
        .collect();
    let run: Vec<f64> = base.iter().map(|t| t * 1.2).collect();
    let (_repo, out) = hey_review(&base, &run);
    let row = out
        .lines()
        .find(|l| l.starts_with("| P95 latency (ms) |"))
        .unwrap_or_else(|| panic!("no P95 row:\n{out}"));
    assert!(row.ends_with("| 📉 regression (p < 0.001) |"), "{row}");
    assert!(
        out.contains("| <code>benchmarks/hey-2026-01-05.csv</code> | added | 📉"),
        "{out}"
    );
}
