//! One number formatter: a figure reads the same in the command output, the JSON and on the
//! site, changes are computed from the figures as shown, and JSON carries rounded values.

use crate::support::{Repo, Run};

/// A k6 `--summary-export` file with the given latency and error rate.
fn k6(avg_ms: f64, p95_ms: f64, error_rate: f64) -> String {
    format!(
        r#"{{"metrics": {{"http_req_duration": {{"avg": {avg_ms}, "med": {avg_ms}, "p(95)": {p95_ms}}}, "http_req_failed": {{"passes": 1, "fails": 99, "value": {error_rate}}}, "http_reqs": {{"count": 3, "rate": 5.2}}}}}}"#
    )
}

/// `perfdoc baseline compare after.json --baseline before.json`, with `extra` arguments.
fn compare(repo: &Repo, extra: &[&str]) -> Run {
    let mut args = vec![
        "baseline",
        "compare",
        "after.json",
        "--baseline",
        "before.json",
    ];
    args.extend_from_slice(extra);
    repo.perfdoc(&args)
}

#[test]
fn a_figure_reads_the_same_in_baseline_compare_and_on_the_site() {
    let repo = Repo::example();
    // The example's baseline measured p95 at 390.217305 ms.
    let cli = repo.perfdoc(&[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-01.json",
    ]);
    cli.code(1);
    assert!(cli.stdout.contains("390.2 ms"), "{}", cli.stdout);
    // A daily report that measured the same figure, over its own baseline: a regression the
    // trends page, its chart and the home page all show.
    repo.write(
        "reports/daily-2026-01-01.md",
        "---\ntitle: Daily performance report 2026-01-01\nkind: daily\ndate: 2026-01-01\nowner: Priya Raman\nstatus: RED\ntags: [report, daily]\nmetrics:\n  p95_ms: 390.217\nbaseline:\n  p95_ms: 300\n---\n\nRED.\n",
    );
    repo.perfdoc(&["build"]).code(0);
    let read = |p: &str| std::fs::read_to_string(repo.path().join("site").join(p)).unwrap();
    let trends = read("trends/index.html");
    let start = trends
        .find("<section class=\"trend\" id=\"p95_ms\">")
        .expect("a p95 trend");
    let p95 = &trends[start..start + trends[start..].find("</section>").unwrap()];
    assert!(p95.contains("Latest 390.2 ms on 2026-01-01"), "{p95}");
    assert!(
        p95.contains("<title>regression 2026-01-01: 390.2</title>"),
        "the chart: {p95}"
    );
    let home = read("index.html");
    assert!(home.contains("390.2 ms"), "{home}");
    for (name, page) in [("trends", &trends), ("home", &home)] {
        assert!(!page.contains("390.22"), "{name} has a second formatter");
    }
}

#[test]
fn a_change_is_computed_from_the_figures_as_shown() {
    let repo = Repo::example();
    // 0.0901% shows as 0.09% and 0.1189% as 0.12%: +33.3% is what a reader can check, the
    // +32.0% of the unrounded digits is not.
    repo.write("before.json", k6(200.0, 300.0, 0.000901));
    repo.write("after.json", k6(200.0, 300.0, 0.001189));
    let run = compare(&repo, &[]);
    run.code(0);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Error rate"))
        .unwrap_or_else(|| panic!("no error rate:\n{}", run.stdout));
    assert!(row.contains("0.09%") && row.contains("0.12%"), "{row}");
    assert!(row.contains("+33.3%"), "{row}");
    let md = compare(&repo, &["--format", "markdown"]);
    assert!(
        md.stdout
            .contains("| Error rate | 0.09% | 0.12% | +33.3% |"),
        "{}",
        md.stdout
    );
}

#[test]
fn json_carries_rounded_values() {
    let repo = Repo::example();
    // 1 → 1.3 ms is 30.000000000000004% in floating point.
    repo.write("before.json", k6(1.0, 2.0, 0.0));
    repo.write("after.json", k6(1.3, 2.0, 0.0));
    let run = compare(&repo, &["--format", "json"]);
    run.code(1);
    assert!(!run.stdout.contains("0000000"), "{}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let avg = v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "avg_ms")
        .unwrap();
    assert_eq!(avg["change_pct"], 30.0, "{avg}");
    assert_eq!(avg["current"], 1.3, "{avg}");

    // A record's improvement, in `list --format json`.
    repo.write(
        "optimizations/cache-warmup-2025-12-30.md",
        "---\ntitle: Cache warm-up\nkind: optimization\ndate: 2025-12-30\nstatus: deployed\nowner: Priya Raman\ntags: [cache]\nmetrics:\n  throughput_rps: { before: 1, after: 1.3 }\n---\n\nWarm.\n",
    );
    let list = repo.perfdoc(&["list", "--kind", "optimization", "--format", "json"]);
    list.code(0);
    assert!(!list.stdout.contains("0000000"), "{}", list.stdout);
    let rows: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "optimizations/cache-warmup-2025-12-30.md")
        .unwrap();
    assert_eq!(row["improvement_pct"], 30.0, "{row}");
}
