//! Every run format through the real binary: each fixture (real tool output where the tool
//! runs here, else the shape from its source; tests/fixtures/formats/SOURCES.md) is detected,
//! compared with itself without a regression, and a slower, failing run of the same tool is
//! flagged; broken files of every format name the file, the format and the place.

use std::path::Path;

use perfdoc::metrics::ingest;
use serde_json::Value;

use crate::support::Repo;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

/// (fast fixture, slow fixture, format, whether the tool reports errors: a load tool)
pub const CASES: &[(&str, &str, &str, bool)] = &[
    ("k6-v1-fast.json", "k6-v1-slow.json", "k6-summary-v1", true),
    ("k6-raw-fast.json", "k6-raw-slow.json", "k6-json", true),
    (
        "k6-raw-fast.json.gz",
        "k6-raw-slow.json.gz",
        "k6-json",
        true,
    ),
    ("k6-raw-fast.csv", "k6-raw-slow.csv", "k6-csv", true),
    ("hey-fast.csv", "hey-slow.csv", "hey", true),
    ("wrk-fast.txt", "wrk-slow.txt", "wrk", true),
    ("wrk-json-fast.txt", "wrk-json-slow.txt", "wrk", true),
    (
        "locust-fast_stats.csv",
        "locust-slow_stats.csv",
        "locust",
        true,
    ),
    (
        "locust-fast_stats_history.csv",
        "locust-slow_stats_history.csv",
        "locust-history",
        true,
    ),
    ("jmeter-fast.jtl", "jmeter-slow.jtl", "jmeter-jtl", true),
    (
        "jmeter-fast-statistics.json",
        "jmeter-slow-statistics.json",
        "jmeter-statistics",
        true,
    ),
    ("vegeta-fast.json", "vegeta-slow.json", "vegeta", true),
    (
        "gatling-fast-stats.json",
        "gatling-slow-stats.json",
        "gatling",
        true,
    ),
    (
        "gatling-fast-global_stats.json",
        "gatling-slow-global_stats.json",
        "gatling",
        true,
    ),
    ("oha-fast.json", "oha-slow.json", "oha", true),
    (
        "hyperfine-fast.json",
        "hyperfine-slow.json",
        "hyperfine",
        false,
    ),
    (
        "google-benchmark-fast.json",
        "google-benchmark-slow.json",
        "google-benchmark",
        false,
    ),
    (
        "pytest-benchmark-fast.json",
        "pytest-benchmark-slow.json",
        "pytest-benchmark",
        false,
    ),
    (
        "go-bench-fast.txt",
        "go-bench-slow.txt",
        "go-test-bench",
        false,
    ),
    ("jmh-fast.json", "jmh-slow.json", "jmh", false),
    (
        "dotnet-fast-report-full.json",
        "dotnet-slow-report-full.json",
        "benchmarkdotnet",
        false,
    ),
    ("bmf-fast.json", "bmf-slow.json", "bencher-bmf", false),
    (
        "criterion-fast/encode/small/new/estimates.json",
        "criterion-slow/encode/small/new/estimates.json",
        "criterion",
        false,
    ),
    (
        "custom-smaller-fast.json",
        "custom-smaller-slow.json",
        "custom-smaller-is-better",
        false,
    ),
    (
        "custom-bigger-fast.json",
        "custom-bigger-slow.json",
        "custom-bigger-is-better",
        false,
    ),
];

fn practice() -> Repo {
    let repo = Repo::example();
    for (fast, slow, _, _) in CASES {
        for f in [fast, slow] {
            repo.write(
                &format!("runs/{f}"),
                std::fs::read(Path::new(DIR).join(f)).unwrap(),
            );
        }
    }
    repo
}

fn compare(repo: &Repo, run: &str, baseline: &str) -> (i32, Value) {
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        &format!("runs/{run}"),
        "--baseline",
        &format!("runs/{baseline}"),
        "--format",
        "json",
    ]);
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{run}: {e}\n{}\n{}", out.stdout, out.stderr));
    (out.code, json)
}

fn keys(v: &Value, field: &str) -> Vec<String> {
    v[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["metric"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_format_is_detected_by_content() {
    for (fast, slow, format, _) in CASES {
        for f in [fast, slow] {
            let run = ingest::registry::read(&Path::new(DIR).join(f), f, None)
                .unwrap_or_else(|e| panic!("{f}: {e}"));
            assert_eq!(run.format, *format, "{f}");
            assert!(!run.figures.is_empty(), "{f}");
            assert!(run.figures.iter().all(|v| v.value.is_finite()), "{f}");
        }
    }
}

#[test]
fn a_run_compared_with_itself_shows_no_regression() {
    let repo = practice();
    for (fast, _, _, _) in CASES {
        let (code, json) = compare(&repo, fast, fast);
        assert_eq!(code, 0, "{fast}: {json}");
        assert!(keys(&json, "regressions").is_empty(), "{fast}: {json}");
        assert!(!keys(&json, "metrics").is_empty(), "{fast}: {json}");
    }
}

#[test]
fn a_slower_failing_run_is_flagged_on_latency_and_errors() {
    let repo = practice();
    for (fast, slow, _, errors) in CASES {
        let (code, json) = compare(&repo, slow, fast);
        assert_eq!(code, 1, "{slow}: {json}");
        let flagged = keys(&json, "regressions");
        if *errors {
            assert!(
                flagged.iter().any(|k| k == "p99_ms" || k == "avg_ms"),
                "{slow}: {flagged:?}"
            );
            assert!(
                flagged.contains(&"error_rate_pct".to_string()),
                "{slow}: {flagged:?}"
            );
        } else {
            assert!(!flagged.is_empty(), "{slow}: {json}");
        }
    }
}

/// The figures are the tool's own, to its rounding.
#[test]
fn figures_are_what_the_tool_printed() {
    let read = |f: &str| ingest::registry::read(&Path::new(DIR).join(f), f, None).unwrap();
    // wrk printed `Latency 6.82ms … 25.18ms`, 50% 5.85ms, 99% 17.08ms, Requests/sec 584.39,
    // and no p95: none is invented.
    let wrk = read("wrk-fast.txt");
    assert_eq!(wrk.get("avg_ms"), Some(6.82));
    assert_eq!(wrk.get("max_ms"), Some(25.18));
    assert_eq!(wrk.get("med_ms"), Some(5.85));
    assert_eq!(wrk.get("p99_ms"), Some(17.08));
    assert_eq!(wrk.get("throughput_rps"), Some(584.39));
    assert_eq!(wrk.get("p95_ms"), None);
    // The slow server failed every 5th request: wrk counted them as non-2xx.
    let slow = read("wrk-slow.txt");
    let pct = slow.get("error_rate_pct").unwrap();
    assert!((19.0..=21.0).contains(&pct), "{pct}");
    // k6's raw stream: 20 requests of 10..29 ms; p(95) interpolated as k6 does.
    for f in [
        "k6-raw-fast.json",
        "k6-raw-fast.json.gz",
        "k6-raw-fast.csv",
        "jmeter-fast.jtl",
    ] {
        let r = read(f);
        assert_eq!(r.get("avg_ms"), Some(19.5), "{f}");
        assert_eq!(r.get("med_ms"), Some(19.5), "{f}");
        assert!((r.get("p95_ms").unwrap() - 28.05).abs() < 1e-9, "{f}");
        assert_eq!(r.get("max_ms"), Some(29.0), "{f}");
        assert_eq!(r.get("error_rate_pct"), Some(0.0), "{f}");
        assert_eq!(
            r.samples(ingest::LATENCY_SAMPLES).map(<[f64]>::len),
            Some(20),
            "{f}"
        );
        let names: Vec<&str> = r.endpoints.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{f}: {names:?}");
    }
    assert_eq!(read("k6-raw-slow.json").get("error_rate_pct"), Some(20.0));
    // k6 1.x's machine-readable summary: as written, throughput from count over duration, no
    // p(99) because k6 writes none.
    let v1 = read("k6-v1-fast.json");
    assert_eq!(v1.get("p95_ms"), Some(28.05));
    assert_eq!(v1.get("throughput_rps"), Some(1.0));
    assert_eq!(v1.get("p99_ms"), None);
    assert_eq!(v1.endpoints[0].name, "/api");
    // Locust's Aggregated row, as written.
    let locust = read("locust-slow_stats.csv");
    assert_eq!(locust.get("med_ms"), Some(44.0));
    assert_eq!(locust.get("p95_ms"), Some(53.0));
    assert!((locust.get("error_rate_pct").unwrap() - 66.0 / 334.0 * 100.0).abs() < 1e-9);
    assert_eq!(locust.endpoints[0].name, "GET /api");
    // hyperfine: the mean, and every run's time as samples.
    let hf = read("hyperfine-fast.json");
    let text = std::fs::read_to_string(Path::new(DIR).join("hyperfine-fast.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(hf.get("work"), json["results"][0]["mean"].as_f64());
    assert_eq!(hf.samples("work").map(<[f64]>::len), Some(10));
    // Google Benchmark with repetitions: the median aggregate, the 5 repetitions as samples.
    let gb = read("google-benchmark-fast.json");
    assert_eq!(gb.figures.len(), 1);
    assert_eq!(gb.figures[0].key, "BM_work/iterations:20");
    assert_eq!(
        gb.samples("BM_work/iterations:20").map(<[f64]>::len),
        Some(5)
    );
    // pytest-benchmark with saved data: the median, every round as a sample.
    let pb = read("pytest-benchmark-fast.json");
    assert_eq!(pb.figures[0].key, "test_work.py::test_work");
    assert_eq!(
        pb.samples("test_work.py::test_work").map(<[f64]>::len),
        Some(10)
    );
}

/// criterion is read from its folder: every new/estimates.json under it is a benchmark named
/// by its path; go's `-count` lines are one benchmark's samples; JMH's throughput mode is
/// higher-is-better.
#[test]
fn harness_folders_and_repetitions() {
    let read = |f: &str| ingest::registry::read(&Path::new(DIR).join(f), f, None).unwrap();
    let c = read("criterion-fast");
    assert_eq!(c.figures.len(), 1);
    assert_eq!(c.figures[0].key, "encode/small");
    assert_eq!(c.figures[0].value, 1500.0);
    let repo = practice();
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        &format!("{DIR}/criterion-slow"),
        "--baseline",
        &format!("{DIR}/criterion-fast"),
    ]);
    out.code(1);
    assert!(out.stdout.contains("encode/small"), "{}", out.stdout);
    let go = read("go-bench-fast.txt");
    assert_eq!(go.get("Encode ns/op"), Some(1200.0));
    assert_eq!(go.get("Encode allocs/op"), Some(3.0));
    assert_eq!(
        go.samples("Encode ns/op"),
        Some(&[1200.0, 1180.0, 1210.0][..])
    );
    let jmh = read("jmh-fast.json");
    assert_eq!(jmh.figures[0].better, Some(perfdoc::config::Better::Higher));
    assert_eq!(
        jmh.samples("org.sample.Encode.encode").map(<[f64]>::len),
        Some(4)
    );
}

#[test]
fn formats_lists_every_format_with_its_command() {
    let repo = Repo::new();
    let out = repo.perfdoc(&["formats"]);
    out.code(0);
    for f in ingest::FORMATS {
        assert!(out.stdout.contains(f.name), "{}", out.stdout);
        assert!(out.stdout.contains(f.command), "{}", out.stdout);
    }
}

#[test]
fn input_format_forces_a_format_and_refuses_an_unknown_one() {
    let repo = practice();
    // The custom JSON does not say its direction: forced bigger-is-better, the smaller
    // numbers of the fast run are now the worse ones.
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "runs/custom-smaller-fast.json",
        "--baseline",
        "runs/custom-smaller-slow.json",
        "--input-format",
        "custom-bigger-is-better",
    ]);
    out.code(1);
    assert!(out.stdout.contains("REGRESSION"), "{}", out.stdout);
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "runs/hey-fast.csv",
        "--input-format",
        "gatling-ish",
    ]);
    out.code(2);
    assert!(out.stderr.contains("no such format"), "{}", out.stderr);
    assert!(out.stderr.contains("k6-summary"), "{}", out.stderr);
    // Forced onto the wrong format, the file is refused with that format named.
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "runs/hey-fast.csv",
        "--input-format",
        "locust",
    ]);
    out.code(2);
    assert!(out.stderr.contains("read as locust"), "{}", out.stderr);
    assert!(out.stderr.contains("line 1"), "{}", out.stderr);
}

#[test]
fn a_file_of_no_format_is_an_error_not_a_zero() {
    let repo = Repo::example();
    repo.write("runs/notes.txt", "hello, these are not numbers\n");
    let out = repo.perfdoc(&["baseline", "compare", "runs/notes.txt"]);
    out.code(2);
    assert!(out.stderr.contains("runs/notes.txt"), "{}", out.stderr);
    assert!(out.stderr.contains("matches no format"), "{}", out.stderr);
    assert!(out.stderr.contains("perfdoc formats"), "{}", out.stderr);
}

#[test]
fn a_gzip_bomb_is_refused_at_the_cap() {
    use std::io::Write;
    let repo = Repo::example();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(b"{\"type\":\"Point\"}\n").unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..20 {
        gz.write_all(&zeros).unwrap();
    }
    let bytes = gz.finish().unwrap();
    assert!(bytes.len() < 1 << 20);
    repo.write("runs/bomb.json.gz", bytes);
    let out = repo.perfdoc(&["baseline", "compare", "runs/bomb.json.gz"]);
    out.code(2);
    assert!(
        out.stderr.contains("runs are read up to 16 MiB"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_readme_lists_every_format() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("### Run formats")
        .expect("a Run formats section");
    let listed: Vec<&str> = readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            l.split('|')
                .nth(1)?
                .trim()
                .strip_prefix('`')?
                .split('`')
                .next()
        })
        .collect();
    let real: Vec<&str> = ingest::FORMATS.iter().map(|f| f.name).collect();
    assert_eq!(listed, real);
}
