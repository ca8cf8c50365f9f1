//! `baseline compare` weighs a threshold verdict against the noise when both sides carry raw
//! samples (k6 `--out json`/`--out csv`): a regression only when beyond the threshold and
//! significant (Mann–Whitney U), otherwise "within noise (p = …)" and exit 0. Summary-only
//! files keep the thresholds' verdicts, marked "threshold only".

use std::path::Path;

use crate::support::Repo;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(name),
    )
    .unwrap()
}

/// Latency-like durations (ms), skewed like real requests, from a fixed generator.
fn durations(seed: u64, n: usize, scale: f64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = ((s >> 11) as f64 + 1.0) / ((1u64 << 53) as f64 + 1.0);
            // Whole microseconds, so the file says exactly what was drawn.
            (scale * (200.0 - 40.0 * u.ln()) * 1000.0).round() / 1000.0
        })
        .collect()
}

/// The durations as k6 `--out json` writes them: one point a request, a second apart.
fn k6_stream(ms: &[f64]) -> String {
    let mut out = String::from(
        "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\",\"contains\":\"time\"},\"metric\":\"http_req_duration\"}\n",
    );
    for (i, v) in ms.iter().enumerate() {
        let t = format!("2026-01-05T10:{:02}:{:02}Z", (i / 60) % 60, i % 60);
        let tags = "{\"name\":\"/api\",\"status\":\"200\",\"scenario\":\"default\"}";
        out.push_str(&format!(
            "{{\"type\":\"Point\",\"metric\":\"http_req_failed\",\"data\":{{\"time\":\"{t}\",\"value\":0,\"tags\":{tags}}}}}\n\
             {{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{{\"time\":\"{t}\",\"value\":{v},\"tags\":{tags}}}}}\n"
        ));
    }
    out
}

/// k6's percentile (linear between closest ranks), as perfdoc computes it.
fn p95(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = 0.95 * (v.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (rank - lo as f64)
}

fn practice() -> Repo {
    let repo = Repo::new();
    repo.write("reports/.keep", "");
    repo
}

fn metric<'a>(v: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == key)
        .unwrap_or_else(|| panic!("no {key} in {v}"))
}

/// `baseline compare RUN --baseline BASE` in both outputs, each expected to exit `code`: the
/// human output's P95 line, and the JSON.
fn compared(repo: &Repo, run: &str, base: &str, code: i32) -> (String, serde_json::Value) {
    let args = ["baseline", "compare", run, "--baseline", base];
    let human = repo.perfdoc(&args);
    human.code(code);
    let line = human
        .stdout
        .lines()
        .find(|l| l.starts_with("P95 latency"))
        .unwrap_or_else(|| panic!("{}", human.stdout))
        .to_string();
    let json = repo.perfdoc(&[&args[..], &["--format", "json"]].concat());
    json.code(code);
    let v = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}: {}", json.stdout));
    (format!("{line}\n{}", human.stdout), v)
}

#[test]
fn a_small_run_slower_by_chance_is_within_noise() {
    // Two draws of the same 20-request distribution; the first pair of seeds whose run is
    // more than 15 % slower at p95 by chance alone.
    let (base, run) = (1..500u64)
        .map(|seed| (durations(seed, 20, 1.0), durations(seed + 1000, 20, 1.0)))
        .find(|(b, r)| p95(r) > 1.15 * p95(b))
        .expect("a chance difference of 15 %");
    let repo = practice();
    repo.write("base.json", k6_stream(&base));
    repo.write("run.json", k6_stream(&run));
    let (out, v) = compared(&repo, "run.json", "base.json", 0);
    assert!(
        out.lines().next().unwrap().contains("within noise (p = 0."),
        "{out}"
    );
    assert!(out.contains("No regressions."), "{out}");
    let p = metric(&v, "p95_ms");
    assert!(p["change_pct"].as_f64().unwrap() > 15.0, "{p}");
    assert_eq!(p["regression"], false, "{p}");
    assert_eq!(p["significance"]["verdict"], "within-noise", "{p}");
    assert!(p["significance"]["p_value"].as_f64().unwrap() > 0.05, "{p}");
    assert_eq!(v["samples"]["baseline"], 20);
    assert_eq!(v["samples"]["current"], 20);
    assert!(v["regressions"].as_array().unwrap().is_empty());
}

#[test]
fn a_fifteen_percent_shift_over_two_thousand_requests_is_a_regression() {
    let repo = practice();
    repo.write("base.json", k6_stream(&durations(21, 2000, 1.0)));
    repo.write("run.json", k6_stream(&durations(22, 2000, 1.15)));
    let (out, v) = compared(&repo, "run.json", "base.json", 1);
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("REGRESSION (over +10%, p < 0.001)"),
        "{out}"
    );
    let p = metric(&v, "p95_ms");
    assert_eq!(p["regression"], true);
    assert_eq!(p["significance"]["verdict"], "regression");
    assert!(
        p["significance"]["p_value"].as_f64().unwrap() < 0.001,
        "{p}"
    );
}

#[test]
fn the_real_k6_raw_fixtures_are_judged_on_their_samples() {
    let repo = practice();
    repo.write("fast.json.gz", fixture("k6-raw-fast.json.gz"));
    repo.write("slow.csv", fixture("k6-raw-slow.csv"));
    let json = repo.perfdoc(&[
        "baseline",
        "compare",
        "slow.csv",
        "--baseline",
        "fast.json.gz",
        "--format",
        "json",
    ]);
    json.code(1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let p = metric(&v, "p95_ms");
    assert_eq!(p["regression"], true, "{p}");
    assert_eq!(p["significance"]["verdict"], "regression", "{p}");
    assert!(
        p["significance"]["p_value"].as_f64().unwrap() < 0.001,
        "{p}"
    );
    // Error rate has no per-request samples to test: its absolute limit decides.
    assert!(metric(&v, "error_rate_pct").get("significance").is_none());
}

#[test]
fn summary_only_files_keep_threshold_verdicts_marked_as_such() {
    let repo = Repo::example();
    let args = [
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-01.json",
    ];
    let out = repo.perfdoc(&args);
    out.code(1);
    assert!(
        out.stdout
            .contains("REGRESSION (over +10%, threshold only)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("no raw samples"), "{}", out.stdout);
    let json = repo.perfdoc(&[&args[..], &["--format", "json"]].concat());
    json.code(1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["samples"], serde_json::Value::Null);
    let p = metric(&v, "p95_ms");
    assert_eq!(p["significance"]["verdict"], "threshold-only", "{p}");
    assert_eq!(p["significance"]["regression"], true, "{p}");
}

#[test]
fn a_significance_level_that_is_no_probability_is_refused_where_written() {
    let repo = practice();
    repo.write(
        "book.toml",
        "[preprocessor.perfdoc]\nrenderers = []\n\n[preprocessor.perfdoc.thresholds]\nsignificance = 1.5\n",
    );
    repo.write("base.json", k6_stream(&durations(3, 20, 1.0)));
    let out = repo.perfdoc(&[
        "baseline",
        "compare",
        "base.json",
        "--baseline",
        "base.json",
    ]);
    out.code(2);
    assert!(
        out.stderr.contains("book.toml:5:")
            && out.stderr.contains("significance 1.5 is not a probability"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_stricter_significance_level_turns_a_regression_into_noise() {
    // The same 20-request fixtures whose 3x slowdown is significant at 0.05 (p < 0.001) are
    // not at an absurdly strict level: the level is the practice's to choose.
    let repo = practice();
    repo.write(
        "book.toml",
        "[preprocessor.perfdoc]\nrenderers = []\n\n[preprocessor.perfdoc.thresholds]\nsignificance = 1e-12\n",
    );
    repo.write("fast.json", fixture("k6-raw-fast.json"));
    repo.write("slow.json", fixture("k6-raw-slow.json"));
    let json = repo.perfdoc(&[
        "baseline",
        "compare",
        "slow.json",
        "--baseline",
        "fast.json",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let p = metric(&v, "p95_ms");
    assert_eq!(p["significance"]["verdict"], "within-noise", "{p}");
    assert_eq!(p["regression"], false, "{p}");
}
