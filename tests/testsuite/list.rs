//! `perfdoc list`: the example practice as a table, filtered, in each format.

use crate::support::Repo;

#[test]
fn records_with_their_headline_improvement() {
    let repo = Repo::example();
    let run = repo.perfdoc(&["list", "--kind", "optimization"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn filters_combine_and_formats_parse() {
    let repo = Repo::example();
    let run = repo.perfdoc(&[
        "list", "--tag", "Billing", "--status", "deployed", "--format", "json",
    ]);
    run.code(0);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "optimizations/billing-stripe-batching-2025-12-04.md",
            "optimizations/subscription-query-index-2025-12-09.md"
        ]
    );
    assert_eq!(rows[1]["improvement_pct"], 69.4);
    assert_eq!(rows[1]["improvement_metric"], "avg_ms");

    let csv = repo.perfdoc(&[
        "list",
        "--kind",
        "weekly",
        "--since",
        "2025-12-08",
        "--until",
        "2025-12-21",
        "--format",
        "csv",
    ]);
    csv.code(0);
    assert_eq!(
        csv.stdout,
        "path,kind,date,title,owner,status,tags,improvement_pct,improvement_metric\n\
         reports/weekly-2025-W50.md,weekly,2025-12-08,Weekly performance report 2025-W50,Priya Raman,GREEN,\"report, weekly\",,\n\
         reports/weekly-2025-W51.md,weekly,2025-12-15,Weekly performance report 2025-W51,Tomás Alvarez,YELLOW,\"report, weekly\",,\n"
    );
    let bad = repo.perfdoc(&["list", "--since", "yesterday"]);
    bad.code(2);
    assert!(bad.stderr.contains("not a date"), "{}", bad.stderr);
    repo.perfdoc(&["list", "--kind", "nope"]).code(2);
}
