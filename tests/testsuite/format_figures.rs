//! The figures of every summary and harness format are the ones the tool wrote, converted
//! only to the catalog's unit, read off the fixture itself (table-driven); `formats.rs` does
//! the same for the formats perfdoc computes from single requests.

use std::path::Path;

use perfdoc::metrics::ingest;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

/// (fixture, figure, JSON pointer into the fixture, factor to the figure's unit)
const WRITTEN: &[(&str, &str, &str, f64)] = &[
    ("vegeta-slow.json", "avg_ms", "/latencies/mean", 1e-6),
    ("vegeta-slow.json", "p95_ms", "/latencies/95th", 1e-6),
    ("vegeta-slow.json", "throughput_rps", "/rate", 1.0),
    ("oha-slow.json", "p95_ms", "/latencyPercentiles/p95", 1000.0),
    ("oha-slow.json", "max_ms", "/summary/slowest", 1000.0),
    (
        "oha-slow.json",
        "throughput_rps",
        "/summary/requestsPerSec",
        1.0,
    ),
    (
        "jmeter-slow-statistics.json",
        "p95_ms",
        "/Total/pct2ResTime",
        1.0,
    ),
    (
        "jmeter-slow-statistics.json",
        "error_rate_pct",
        "/Total/errorPct",
        1.0,
    ),
    ("k6-v1-slow.json", "p95_ms", "", 1.0),
    (
        "jmh-fast.json",
        "org.sample.Encode.encode",
        "/0/primaryMetric/score",
        1.0,
    ),
    (
        "dotnet-fast-report-full.json",
        "App.Encode.Run",
        "/Benchmarks/0/Statistics/Mean",
        1.0,
    ),
    (
        "bmf-fast.json",
        "encode latency",
        "/encode/latency/value",
        1.0,
    ),
    (
        "bmf-fast.json",
        "encode throughput",
        "/encode/throughput/value",
        1.0,
    ),
    (
        "criterion-fast/encode/small/new/estimates.json",
        "small",
        "/mean/point_estimate",
        1.0,
    ),
    ("custom-bigger-slow.json", "encode", "/0/value", 1.0),
];

fn json(f: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(Path::new(DIR).join(f)).unwrap()).unwrap()
}

#[test]
fn summaries_and_harnesses_carry_the_figures_the_tool_wrote() {
    for (f, key, pointer, factor) in WRITTEN {
        let run = ingest::registry::read(&Path::new(DIR).join(f), f, None).unwrap();
        let written = if pointer.is_empty() {
            // k6 1.x writes its metrics as a list: find http_req_duration's p(95).
            json(f)["results"]["metrics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["name"] == "http_req_duration")
                .and_then(|m| m["values"]["p(95)"].as_f64())
        } else {
            json(f).pointer(pointer).and_then(Value::as_f64)
        };
        let written = written.unwrap_or_else(|| panic!("{f}: nothing at {pointer}")) * factor;
        let got = run
            .get(key)
            .unwrap_or_else(|| panic!("{f}: no {key} in {run:?}"));
        assert!(
            (got - written).abs() <= written.abs() * 1e-12,
            "{f} {key}: {got} ≠ {written}"
        );
    }
}

/// Gatling writes decimal strings; go's text is the median of its `-count` lines per unit.
#[test]
fn text_and_string_figures_are_read_as_written() {
    let read = |f: &str| ingest::registry::read(&Path::new(DIR).join(f), f, None).unwrap();
    let gatling = read("gatling-fast-stats.json");
    let stats = &json("gatling-fast-stats.json")["stats"];
    for (key, stat) in [
        ("avg_ms", "meanResponseTime"),
        ("max_ms", "maxResponseTime"),
        ("med_ms", "percentiles1"),
    ] {
        let written: f64 = stats[stat]["total"].as_str().unwrap().parse().unwrap();
        assert_eq!(gatling.get(key), Some(written), "gatling {key}");
    }
    let go = read("go-bench-fast.txt");
    assert_eq!(go.get("Encode ns/op"), Some(1200.0));
    assert_eq!(go.get("Encode B/op"), Some(512.0));
    assert_eq!(go.get("Encode allocs/op"), Some(3.0));
    assert_eq!(
        go.samples("Encode ns/op"),
        Some(&[1200.0, 1180.0, 1210.0][..])
    );
}
