//! A weekly report compares with the baseline in force that week, as git has it: the version
//! of the baseline file committed by the week's end, not today's file; outside git, today's.

use crate::support::Repo;

fn baseline(avg: f64, p95: f64) -> String {
    format!(
        r#"{{"metrics": {{"http_req_duration": {{"avg": {avg}, "med": 150, "p(95)": {p95}}}, "http_reqs": {{"count": 3000, "rate": 5.2}}}}}}"#
    )
}

fn daily(date: &str, avg: f64) -> String {
    format!(
        "---\ntitle: Daily\nkind: daily\ndate: {date}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  avg_ms: {avg}\n---\n\n## Overnight Metrics\n\n- Average: {avg} ms\n\n## Notable Events\n\n- None.\n\n## Action Items\n\n- None.\n"
    )
}

/// A practice whose baseline is 245 ms from 2025-12-01 and 200 ms from 2025-12-10.
fn practice() -> (Repo, String, String) {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write("benchmarks/main-baseline.json", baseline(245.0, 512.0));
    repo.write("reports/daily-2025-12-01.md", daily("2025-12-01", 250.0));
    let first = repo.commit("November's baseline", "2025-12-01T09:00:00Z", "Jane Doe");
    repo.write("benchmarks/main-baseline.json", baseline(200.0, 400.0));
    repo.write("reports/daily-2025-12-10.md", daily("2025-12-10", 205.0));
    let second = repo.commit(
        "Promote the run of 2025-12-09",
        "2025-12-10T09:00:00Z",
        "Jane Doe",
    );
    (repo, first, second)
}

#[test]
fn a_weekly_report_compares_with_the_baseline_committed_by_its_end() {
    let (repo, first, second) = practice();
    repo.perfdoc(&["new", "weekly", "2025-W49", "--date", "2025-12-08"])
        .code(0);
    let w49 = repo.read("reports/weekly-2025-W49.md");
    assert!(w49.contains("baseline:\n  avg_ms: 245\n"), "{w49}");
    assert!(
        w49.contains("| Average latency | 245 ms | 250 ms |"),
        "{w49}"
    );
    assert!(
        w49.contains(&format!("baseline of 2025-12-01, commit {}", &first[..7])),
        "{w49}"
    );
    repo.perfdoc(&["new", "weekly", "2025-W50", "--date", "2025-12-15"])
        .code(0);
    let w50 = repo.read("reports/weekly-2025-W50.md");
    assert!(w50.contains("baseline:\n  avg_ms: 200\n"), "{w50}");
    assert!(
        w50.contains(&format!("baseline of 2025-12-10, commit {}", &second[..7])),
        "{w50}"
    );

    // The site's weekly page names the version in force, whatever the report's prose says.
    repo.perfdoc(&["build"]).code(0);
    for (week, commit, day) in [
        ("2025-W49", &first, "2025-12-01"),
        ("2025-W50", &second, "2025-12-10"),
    ] {
        let page = repo.read(&format!("site/reports/weekly-{week}/index.html"));
        assert!(
            page.contains(&format!(
                "In force at the week's end, from git: baseline of {day}, commit {}.",
                &commit[..7]
            )),
            "{page}"
        );
    }
}

#[test]
fn outside_git_or_before_any_commit_the_weekly_takes_todays_baseline() {
    let (repo, _, _) = practice();
    // A week before the baseline was first committed: today's file, and the report says so.
    repo.perfdoc(&["new", "weekly", "2025-W47", "--date", "2025-11-24"])
        .code(0);
    let w47 = repo.read("reports/weekly-2025-W47.md");
    assert!(w47.contains("baseline:\n  avg_ms: 200\n"), "{w47}");
    assert!(
        w47.contains("no version was committed by 2025-11-23"),
        "{w47}"
    );

    let plain = tempfile::tempdir().unwrap();
    crate::support::copy_tree(repo.path(), plain.path());
    std::fs::remove_dir_all(plain.path().join(".git")).unwrap();
    std::fs::remove_file(plain.path().join("reports/weekly-2025-W47.md")).unwrap();
    crate::support::run_in(
        plain.path(),
        &["new", "weekly", "2025-W49", "--date", "2025-12-08"],
    )
    .code(0);
    let w49 = std::fs::read_to_string(plain.path().join("reports/weekly-2025-W49.md")).unwrap();
    assert!(w49.contains("baseline:\n  avg_ms: 200\n"), "{w49}");
    assert!(!w49.contains("commit "), "{w49}");
}
