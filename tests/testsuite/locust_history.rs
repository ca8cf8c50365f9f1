//! Locust's `_stats_history.csv` (`--csv PREFIX`, here with `--csv-full-history`) read as a
//! series: one time-stamped point per `Aggregated` row, the run's figures from the last one,
//! the endpoints from each request type's last row. The fixtures are Locust's real output
//! (tests/fixtures/formats/make.sh).

use std::path::Path;

use perfdoc::metrics::ingest;

use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn rows(f: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(Path::new(DIR).join(f))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn the_history_is_a_series_ending_in_the_figures_locust_wrote() {
    let f = "locust-slow_stats_history.csv";
    let run = ingest::registry::read(&Path::new(DIR).join(f), f, None).unwrap();
    assert_eq!(run.format, "locust-history");
    let rows = rows(f);
    let aggregated: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "Aggregated").collect();
    let last = aggregated.last().unwrap();
    let n = |r: &Vec<String>, i: usize| r[i].parse::<f64>().unwrap();
    // Columns: 11 `95%`, 17 Total Request Count, 18 Total Failure Count, 19 Total Median,
    // 20 Total Average, 22 Total Max.
    assert_eq!(run.get("p95_ms"), Some(n(last, 11)));
    assert_eq!(run.get("med_ms"), Some(n(last, 19)));
    assert_eq!(run.get("avg_ms"), Some(n(last, 20)));
    assert_eq!(run.get("max_ms"), Some(n(last, 22)));
    let rate = n(last, 18) / n(last, 17) * 100.0;
    assert!((run.get("error_rate_pct").unwrap() - rate).abs() < 1e-9);
    // Throughput over the whole history: requests over the seconds from its first row.
    let span = n(last, 0) - n(aggregated[0], 0);
    assert!((run.get("throughput_rps").unwrap() - n(last, 17) / span).abs() < 1e-9);
    // One point per Aggregated row that counted a request, oldest first.
    let counted = aggregated.iter().filter(|r| n(r, 17) > 0.0).count();
    assert_eq!(run.series.len(), counted, "{:?}", run.series);
    assert!(run.series.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(run.series.last().unwrap().at, n(last, 0) as i64);
    // A point before Locust's percentile window filled has no percentiles, never zeros.
    assert!(
        run.series
            .iter()
            .flat_map(|p| &p.figures)
            .all(|v| v.key != "p95_ms" || v.value > 0.0),
        "{:?}",
        run.series
    );
    assert_eq!(run.endpoints.len(), 1);
    assert_eq!(run.endpoints[0].name, "GET /api");
}

#[test]
fn a_history_compared_with_the_summary_of_the_same_run_shares_its_figures() {
    let repo = Repo::example();
    for f in [
        "locust-fast_stats_history.csv",
        "locust-slow_stats_history.csv",
    ] {
        repo.write(
            &format!("runs/{f}"),
            std::fs::read(Path::new(DIR).join(f)).unwrap(),
        );
    }
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "runs/locust-slow_stats_history.csv",
        "--baseline",
        "runs/locust-fast_stats_history.csv",
    ]);
    out.code(1);
    assert!(
        out.stdout.contains("Locust --csv history"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("REGRESSION"), "{}", out.stdout);
}
