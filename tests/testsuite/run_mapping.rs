//! Catalog metrics a team adds in book.toml take their value from a format's own metric
//! (`[metrics.KEY] from = "METRIC.STAT"`, an endpoint's figure `ENDPOINT.KEY`, or a benchmark's
//! name), and every reader of runs sees them: compare, promote, review and the site; `[runs]
//! decide-on` may name an endpoint's figure. A broken mapping is refused at its line.

use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

const DELIVERY: &str = "\n[preprocessor.perfdoc.metrics.delivery_p95_ms]\nname = \"Delivery p95\"\nunit = \"ms\"\nbetter = \"lower\"\nclass = \"latency\"\nfrom = \"message_delivery_duration.p(95)\"\n";

fn with_book(extra: &str) -> Repo {
    let repo = Repo::example();
    let book = repo.read("book.toml");
    repo.write("book.toml", format!("{book}{extra}"));
    repo
}

/// The p(95) of k6's `message_delivery_duration` trend, in either summary shape.
fn p95(v: &mut serde_json::Value) -> &mut serde_json::Value {
    let m = &mut v["metrics"]["message_delivery_duration"];
    if m.get("values").is_some() {
        &mut m["values"]["p(95)"]
    } else {
        &mut m["p(95)"]
    }
}

fn delivery_p95(text: &str) -> f64 {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    p95(&mut v).as_f64().unwrap()
}

/// The run with its delivery trend `factor` times slower.
fn slower_delivery(text: &str, factor: f64) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    let p = p95(&mut v);
    *p = serde_json::json!(p.as_f64().unwrap() * factor);
    serde_json::to_string_pretty(&v).unwrap()
}

fn compared(repo: &Repo, run: &str) -> (i32, serde_json::Value) {
    let out = repo.perfdoc(&["baseline", "compare", run, "--format", "json"]);
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    (out.code, json)
}

fn metric<'a>(v: &'a serde_json::Value, field: &str, key: &str) -> Option<&'a serde_json::Value> {
    v[field]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == key)
}

#[test]
fn a_catalog_metric_takes_its_value_from_a_k6_custom_trend() {
    let repo = with_book(DELIVERY);
    let run = "benchmarks/k6-baseline-2025-12-29.json";
    let (code, v) = compared(&repo, run);
    assert_eq!(code, 0, "{v}");
    let m = metric(&v, "metrics", "delivery_p95_ms").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(m["name"], "Delivery p95");
    // As the tool wrote them, to the rounding compare shows.
    let near = |shown: &serde_json::Value, exact: f64| {
        (shown.as_f64().unwrap() - exact).abs() <= exact * 1e-3
    };
    let base = delivery_p95(&repo.read("benchmarks/main-baseline.json"));
    assert!(near(&m["baseline"], base), "{m} {base}");
    assert!(near(&m["current"], delivery_p95(&repo.read(run))), "{m}");
    // Without the mapping there is no such figure: nothing is invented.
    let (_, plain) = compared(&Repo::example(), run);
    assert!(
        metric(&plain, "metrics", "delivery_p95_ms").is_none(),
        "{plain}"
    );
}

#[test]
fn a_slower_custom_trend_is_a_regression_in_compare_and_review() {
    let repo = with_book(DELIVERY);
    let run = "benchmarks/k6-run-2026-01-05.json";
    let slow = slower_delivery(&repo.read("benchmarks/k6-baseline-2025-12-29.json"), 2.0);
    repo.write(run, &slow);
    let (code, v) = compared(&repo, run);
    assert_eq!(code, 1, "{v}");
    assert!(
        metric(&v, "regressions", "delivery_p95_ms").is_some(),
        "{v}"
    );
    // review reads the run added on a branch through the same entry point.
    std::fs::remove_file(repo.path().join(run)).unwrap();
    repo.commit("Baseline", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write(run, &slow);
    repo.commit("January run", "2026-01-05T09:00:00+00:00", "Marcus Chen");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    assert!(out.contains("Delivery p95"), "{out}");
    assert!(
        out.contains(&format!("<code>{run}</code> | added | 📉")),
        "{out}"
    );
}

/// An optimization record's page shows the baseline before and after it for the record's
/// metrics: a mapped metric is among them, read from the baseline's versions in git.
#[test]
fn the_site_shows_a_mapped_metric_of_the_baseline() {
    let repo = with_book(DELIVERY);
    let record = "optimizations/message-delivery-caching-2025-12-11.md";
    let text = repo.read(record);
    repo.write(
        record,
        text.replacen(
            "metrics:\n",
            "metrics:\n  delivery_p95_ms: { before: 4000, after: 3000 }\n",
            1,
        ),
    );
    repo.commit("Practice", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.perfdoc(&["build", "--out", "out"]).code(0);
    let page = std::fs::read_dir(repo.path().join("out/optimizations"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("message-delivery-caching"))
        .expect("the record's page");
    let html = std::fs::read_to_string(page.join("index.html")).unwrap();
    let shown = crate_format(delivery_p95(&repo.read("benchmarks/main-baseline.json")));
    let row = html
        .split("Delivery p95")
        .skip(1)
        .find(|rest| rest.contains(&shown))
        .map(|_| ());
    assert!(row.is_some(), "no baseline row with {shown}:\n{html}");
}

/// A value as the site shows milliseconds (to the nearest unit at this size).
fn crate_format(v: f64) -> String {
    perfdoc::metrics::format::number(v)
}

#[test]
fn promote_decides_on_a_mapped_metric_or_an_endpoint() {
    let fixture = |f: &str| std::fs::read(format!("{DIR}/{f}")).unwrap();
    let setup = |runs: &str| {
        let repo = with_book(&format!("\n[preprocessor.perfdoc.runs]\n{runs}\n"));
        repo.write(
            "benchmarks/main-baseline.json",
            fixture("jmeter-slow-statistics.json"),
        );
        repo.write(
            "runs/statistics.json",
            fixture("jmeter-fast-statistics.json"),
        );
        repo
    };
    // An endpoint's figure decides: the candidate's /health p95 is faster, it is promoted.
    let repo = setup("decide-on = [\"GET /health.p95_ms\"]");
    let out = repo.perfdoc(&["baseline", "promote", "runs/statistics.json"]);
    out.code(0);
    assert!(out.stdout.contains("GET /health.p95_ms"), "{}", out.stdout);
    assert_eq!(
        repo.read("benchmarks/main-baseline.json").as_bytes(),
        fixture("jmeter-fast-statistics.json")
    );
    // An endpoint the run does not have is refused, naming where it was asked for.
    let repo = setup("decide-on = [\"GET /nowhere.p95_ms\"]");
    let out = repo.perfdoc(&["baseline", "promote", "runs/statistics.json"]);
    out.code(2);
    assert!(out.stderr.contains("GET /nowhere.p95_ms"), "{}", out.stderr);
    assert!(out.stderr.contains("decide-on"), "{}", out.stderr);
    assert_eq!(
        repo.read("benchmarks/main-baseline.json").as_bytes(),
        fixture("jmeter-slow-statistics.json")
    );
}

#[test]
fn a_broken_mapping_is_refused_at_its_line() {
    for (table, words) in [
        ("from = \"\"", "`from` of `x_ms` is empty"),
        ("from = \"a.p(95)\"\nscale = 0", "scale of `x_ms`"),
        ("from = \"a\\u0007b\"", "control character"),
    ] {
        let repo = with_book(&format!(
            "\n[preprocessor.perfdoc.metrics.x_ms]\nbetter = \"lower\"\n{table}\n"
        ));
        let out = repo.perfdoc(&[
            "baseline",
            "compare",
            "benchmarks/k6-baseline-2025-12-29.json",
        ]);
        out.code(2);
        assert!(out.stderr.contains(words), "{table}: {}", out.stderr);
        assert!(out.stderr.contains("book.toml:"), "{table}: {}", out.stderr);
    }
}
