//! Broken files of every format: truncated, the wrong shape, strings where the tool writes
//! numbers. Each is refused naming the file, the format tried and the place, never read as
//! numbers; and every prefix of every fixture either parses into finite numbers or is refused
//! that way.

use std::path::Path;

use perfdoc::metrics::ingest;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn text(f: &str) -> String {
    std::fs::read_to_string(Path::new(DIR).join(f)).unwrap()
}

#[track_caller]
fn refused(format: &str, text: &str, words: &str) {
    let f = ingest::registry::by_name(format).unwrap();
    let e = (f.parse)("runs/broken", text)
        .map(|_| ())
        .map_err(|e| e.to_string())
        .err()
        .unwrap_or_else(|| panic!("{format}: a broken file must not parse"));
    assert!(e.starts_with("`runs/broken`: "), "{format}: {e}");
    assert!(e.contains("\n  at: "), "{format}: {e}");
    assert!(e.contains(words), "{format}: {e}");
    if format != "k6-summary" {
        assert!(e.contains(&format!("read as {format}")), "{format}: {e}");
    }
}

/// The file cut in the middle of a line (a cut between lines of a CSV is a shorter run).
fn truncated(text: &str) -> &str {
    let mid = text.len() / 2;
    let cut = (mid..text.len())
        .find(|&i| text.as_bytes()[i] == b',')
        .unwrap_or(mid);
    &text[..cut]
}

#[test]
fn truncated_files_are_refused() {
    for (format, f, words) in [
        ("gatling", "gatling-fast-stats.json", "ends early"),
        ("go-test-bench", "go-bench-fast.txt", "truncated"),
        ("jmh", "jmh-fast.json", "ends early"),
        (
            "benchmarkdotnet",
            "dotnet-fast-report-full.json",
            "ends early",
        ),
        ("bencher-bmf", "bmf-fast.json", "ends early"),
        (
            "criterion",
            "criterion-fast/encode/small/new/estimates.json",
            "ends early",
        ),
        ("k6-summary-v1", "k6-v1-fast.json", "ends early"),
        ("k6-json", "k6-raw-fast.json", "ends early"),
        ("k6-csv", "k6-raw-fast.csv", "truncated"),
        ("hey", "hey-fast.csv", "truncated"),
        ("jmeter-jtl", "jmeter-fast.jtl", "truncated"),
        ("locust", "locust-fast_stats.csv", "Aggregated"),
        (
            "locust-history",
            "locust-fast_stats_history.csv",
            "truncated",
        ),
        ("wrk", "wrk-fast.txt", "truncated"),
        ("hyperfine", "hyperfine-fast.json", "ends early"),
        ("vegeta", "vegeta-fast.json", "ends early"),
        ("oha", "oha-fast.json", "ends early"),
        (
            "jmeter-statistics",
            "jmeter-fast-statistics.json",
            "ends early",
        ),
        (
            "google-benchmark",
            "google-benchmark-fast.json",
            "ends early",
        ),
        (
            "pytest-benchmark",
            "pytest-benchmark-fast.json",
            "ends early",
        ),
        (
            "custom-smaller-is-better",
            "custom-smaller-fast.json",
            "ends early",
        ),
        (
            "custom-bigger-is-better",
            "custom-bigger-fast.json",
            "ends early",
        ),
    ] {
        let t = text(f);
        let cut = if format == "locust" {
            &t[..t.find("\n,Aggregated").unwrap() + 1]
        } else {
            truncated(&t)
        };
        refused(format, cut, words);
    }
}

#[test]
fn the_wrong_shape_is_refused() {
    for (format, body, words) in [
        (
            "gatling",
            "{\"numberOfRequests\": {}, \"meanResponseTime\": {}}",
            "meanResponseTime.total",
        ),
        (
            "k6-json",
            "{\"type\":\"Point\",\"metric\":\"http_req_duration\"}\n",
            "no `data`",
        ),
        ("k6-json", "[1, 2]\n", "not a k6 metric or point"),
        (
            "k6-csv",
            "metric_name,value\nhttp_reqs,1\n",
            "no `timestamp` column",
        ),
        (
            "hey",
            "response-time,offset\n0.1,0.2\n",
            "no `status-code` column",
        ),
        (
            "jmeter-jtl",
            "timeStamp,elapsed\n1,2\n",
            "no `label` column",
        ),
        ("locust", "Type,Name\nGET,/\n", "no `Request Count` column"),
        (
            "locust-history",
            "Timestamp,User Count,Type,Name\n1,1,,Aggregated\n",
            "no `Total Request Count` column",
        ),
        (
            "locust-history",
            text("locust-fast_stats_history.csv")
                .replace(",Aggregated,", ",Total,")
                .as_str(),
            "no `Aggregated` row",
        ),
        ("wrk", "Running 2s test @ http://x\n", "truncated"),
        ("hyperfine", "{\"results\": {}}", "no `results` array"),
        ("vegeta", "{\"latencies\": []}", "latencies.mean"),
        ("oha", "{\"summary\": 1}", "summary.average"),
        ("jmeter-statistics", "{\"GET /\": {}}", "no `Total`"),
        (
            "hyperfine",
            "{\"results\": [{\"mean\": 1}]}",
            "no `command`",
        ),
        (
            "google-benchmark",
            "{\"context\": {}, \"benchmarks\": 3}",
            "no `benchmarks` array",
        ),
        (
            "pytest-benchmark",
            "{\"benchmarks\": [{\"name\": \"x\"}]}",
            "no `stats`",
        ),
        (
            "custom-smaller-is-better",
            "{\"name\": \"x\"}",
            "no `top-level` array",
        ),
        ("custom-bigger-is-better", "[]", "has no benchmark"),
        ("go-test-bench", "goos: linux\nPASS\n", "no `BenchmarkNAME"),
        (
            "go-test-bench",
            "BenchmarkX-8 100 5 ns/op 3\nPASS\n",
            "no unit",
        ),
        ("jmh", "{}", "not an array"),
        ("benchmarkdotnet", "{\"Benchmarks\": [{}]}", "no `FullName`"),
        (
            "bencher-bmf",
            "{\"encode\": 3}",
            "not an object of measures",
        ),
        ("criterion", "{\"median\": {}}", "mean.point_estimate"),
        (
            "k6-summary-v1",
            "{\"k6Version\": \"1.0.0\", \"results\": {\"metrics\": {}}}",
            "no `results.metrics` array",
        ),
        ("k6-summary", "{\"metrics\": []}", "metrics"),
    ] {
        refused(format, body, words);
    }
}

#[test]
fn strings_for_numbers_are_refused() {
    let swap = |f: &str, from: &str, to: &str| {
        let t = text(f);
        assert!(t.contains(from), "{f} has no {from}");
        t.replacen(from, to, 1)
    };
    for (format, body, words) in [
        (
            "gatling",
            swap(
                "gatling-fast-stats.json",
                "\"total\": \"29\"",
                "\"total\": \"29ms\"",
            ),
            "`29ms` is not a number",
        ),
        (
            "go-test-bench",
            swap("go-bench-fast.txt", "1200 ns/op", "fast ns/op"),
            "`ns/op` `fast`",
        ),
        (
            "jmh",
            swap("jmh-fast.json", "\"score\": ", "\"score\": \"1\", \"x\": "),
            "found the string",
        ),
        (
            "benchmarkdotnet",
            swap(
                "dotnet-fast-report-full.json",
                "\"Mean\": ",
                "\"Mean\": \"1\", \"x\": ",
            ),
            "Statistics.Mean",
        ),
        (
            "bencher-bmf",
            swap("bmf-fast.json", "\"value\": 1200.0", "\"value\": \"1200\""),
            "encode.latency.value",
        ),
        (
            "criterion",
            swap(
                "criterion-fast/encode/small/new/estimates.json",
                "\"point_estimate\": 1500.0",
                "\"point_estimate\": \"1500\"",
            ),
            "found the string",
        ),
        (
            "k6-json",
            swap("k6-raw-fast.json", "\"value\": 10.0", "\"value\": \"10.0\""),
            "found the string",
        ),
        (
            "k6-csv",
            swap("k6-raw-fast.csv", "10.000000", "ten"),
            "`metric_value` `ten` is not a number",
        ),
        (
            "hey",
            swap("hey-fast.csv", ",200,", ",OK,"),
            "`status-code` `OK` is not a number",
        ),
        (
            "jmeter-jtl",
            swap("jmeter-fast.jtl", ",10,GET", ",ten,GET"),
            "`elapsed` `ten`",
        ),
        (
            "locust",
            swap("locust-fast_stats.csv", "GET,/api,", "GET,/api,many"),
            "`Request Count`",
        ),
        (
            "locust-history",
            swap(
                "locust-fast_stats_history.csv",
                ",Aggregated,",
                ",Aggregated,fast",
            ),
            "`Requests/s`",
        ),
        (
            "wrk",
            swap("wrk-fast.txt", "584.39", "fast"),
            "Requests/sec",
        ),
        (
            "wrk",
            swap("wrk-fast.txt", "6.82ms", "6.82 ms"),
            "wrk duration",
        ),
        (
            "wrk",
            swap(
                "wrk-json-fast.txt",
                "\"requests\":1221",
                "\"requests\":\"1221\"",
            ),
            "found the string",
        ),
        (
            "hyperfine",
            swap(
                "hyperfine-fast.json",
                "\"mean\": ",
                "\"mean\": \"0.1\", \"x\": ",
            ),
            "found the string",
        ),
        (
            "google-benchmark",
            swap(
                "google-benchmark-fast.json",
                "\"real_time\": 1",
                "\"real_time\": \"1\", \"x\": 1",
            ),
            "found the string",
        ),
        (
            "pytest-benchmark",
            swap(
                "pytest-benchmark-fast.json",
                "\"median\": ",
                "\"median\": \"0.1\", \"x\": ",
            ),
            "found the string",
        ),
        (
            "custom-smaller-is-better",
            swap(
                "custom-smaller-fast.json",
                "\"value\": 12.5",
                "\"value\": \"12.5\"",
            ),
            "found the string",
        ),
        (
            "custom-bigger-is-better",
            swap(
                "custom-bigger-fast.json",
                "\"value\": 9000.0",
                "\"value\": \"9000\"",
            ),
            "found the string",
        ),
        (
            "vegeta",
            swap(
                "vegeta-fast.json",
                "\"95th\": 28050000",
                "\"95th\": \"28ms\"",
            ),
            "latencies.95th",
        ),
        (
            "oha",
            swap(
                "oha-fast.json",
                "\"average\": 0.0195",
                "\"average\": \"19ms\"",
            ),
            "summary.average",
        ),
        (
            "jmeter-statistics",
            swap(
                "jmeter-fast-statistics.json",
                "\"meanResTime\": 19.5",
                "\"meanResTime\": \"19.5\"",
            ),
            "meanResTime",
        ),
        (
            "k6-summary-v1",
            swap(
                "k6-v1-fast.json",
                "\"p(95)\": 28.05",
                "\"p(95)\": \"28.05\"",
            ),
            "found the string",
        ),
        (
            "k6-summary",
            include_str!("k6/summary-export.json").replacen(
                "\"p(95)\": ",
                "\"p(95)\": \"1\", \"x\": ",
                1,
            ),
            "p(95)",
        ),
    ] {
        refused(format, &body, words);
    }
}

/// Every prefix of every fixture, read with detection: a run of finite numbers, or an error
/// that names the file and a place.
#[test]
fn every_prefix_parses_or_is_refused_with_a_place() {
    for entry in std::fs::read_dir(DIR).unwrap() {
        let path = entry.unwrap().path();
        let Ok(t) = std::fs::read_to_string(&path) else {
            continue;
        };
        let step = (t.len() / 200).max(1);
        for cut in (0..t.len())
            .step_by(step)
            .filter(|&i| t.is_char_boundary(i))
        {
            match ingest::registry::parse_as("runs/cut", &t[..cut], None) {
                Ok(run) => assert!(
                    run.figures.iter().all(|v| v.value.is_finite()),
                    "{path:?} {cut}"
                ),
                Err(e) => {
                    let m = e.to_string();
                    assert!(m.starts_with("`runs/cut`: "), "{path:?} {cut}: {m}");
                    assert!(m.contains("\n  at: "), "{path:?} {cut}: {m}");
                }
            }
        }
    }
}
