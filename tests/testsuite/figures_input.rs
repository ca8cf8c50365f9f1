//! `perfdoc new daily|weekly|monthly --figures FILE|-`: the morning's numbers as JSON, YAML,
//! CSV, a New Relic NRQL result or a Prometheus query response become a complete report —
//! figures in front matter, a mark per threshold, and the status the README's rule gives.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::Repo;

fn practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo
}

const DAILY: &str = "reports/daily-2025-12-04.md";

fn new_daily(repo: &Repo, file: &str, text: &str) -> crate::support::Run {
    repo.write(file, text);
    repo.perfdoc(&["new", "daily", "--date", "2025-12-04", "--figures", file])
}

#[test]
fn json_figures_make_a_green_report_that_passes_check_but_for_its_prose() {
    let repo = practice();
    let run = new_daily(
        &repo,
        "figures.json",
        r#"{"uptime_pct": 99.95, "error_rate_pct": 0.2, "success_rate_pct": 99.1, "p95_ms": 285}"#,
    );
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("status: GREEN"), "{text}");
    assert!(text.contains("  uptime_pct: 99.95\n"), "{text}");
    assert!(text.contains("  p95_ms: 285\n"), "{text}");
    assert!(text.contains("- Error rate: 0.2% ✅"), "{text}");
    assert!(text.contains("- Message success rate: 99.1% ✅"), "{text}");
    assert!(text.contains("- Uptime: 99.95%"), "{text}");
    assert!(!text.contains("[from dashboard]"), "{text}");
    let check = repo.perfdoc(&["check", DAILY]);
    // Only the prose the team writes is left.
    assert!(!check.stdout.contains("field-type"), "{}", check.stdout);
    assert!(
        !check.stdout.contains("[from dashboard]"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("GREEN | YELLOW"), "{}", check.stdout);
}

#[test]
fn a_threshold_crossed_is_yellow_and_crossed_twice_over_is_red() {
    let repo = practice();
    let run = new_daily(
        &repo,
        "f.yaml",
        "error_rate_pct: 0.7\nsuccess_rate_pct: 99.1\n",
    );
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("status: YELLOW"), "{text}");
    assert!(
        text.contains("- Error rate: 0.7% ⚠️ (above 0.5%)"),
        "{text}"
    );

    std::fs::remove_file(repo.path().join(DAILY)).unwrap();
    let run = new_daily(
        &repo,
        "f.yaml",
        "error_rate_pct: 0.2\nsuccess_rate_pct: 95.5\n",
    );
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("status: RED"), "{text}");
    assert!(
        text.contains("- Message success rate: 95.5% ❌ (below 98%)"),
        "{text}"
    );
}

#[test]
fn csv_figures_with_a_header() {
    let repo = practice();
    let run = new_daily(
        &repo,
        "f.csv",
        "metric,value\r\np95_ms,285\r\nerror_rate_pct,0.2\r\n",
    );
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("  p95_ms: 285\n"), "{text}");
    assert!(text.contains("status: GREEN"), "{text}");
}

#[test]
fn figures_from_stdin() {
    let repo = practice();
    let mut child = Command::new(env!("CARGO_BIN_EXE_perfdoc"))
        .args(["new", "daily", "--date", "2025-12-04", "--figures", "-"])
        .current_dir(repo.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"error_rate_pct\": 0.2, \"p95_ms\": 301}")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(repo.read(DAILY).contains("  p95_ms: 301\n"));
}

#[test]
fn a_bad_figure_names_its_line_and_column_and_writes_nothing() {
    let repo = practice();
    for (file, text, at, what) in [
        (
            "f.yaml",
            "p95_ms: 285\nerror_rate_pct: lots\n",
            "f.yaml:2:17",
            "not a number",
        ),
        (
            "f.yaml",
            "p95_ms: 285\np59_ms: 3\n",
            "f.yaml:2:1",
            "`p59_ms`",
        ),
        (
            "f.json",
            "{\"p95_ms\": 285,\n \"x\" 3}",
            "f.json:2:",
            "not valid",
        ),
        (
            "f.csv",
            "p95_ms,285\nerror_rate_pct\n",
            "f.csv:2:1",
            "two fields",
        ),
        (
            "f.csv",
            "p95_ms,285\nerror_rate_pct,nan\n",
            "f.csv:2:16",
            "not a number",
        ),
        ("f.yaml", "p95_ms: -4\n", "f.yaml:1:9", "negative"),
    ] {
        let run = new_daily(&repo, file, text);
        run.code(2);
        assert!(run.stderr.contains(at), "{text}: {}", run.stderr);
        assert!(run.stderr.contains(what), "{text}: {}", run.stderr);
        assert!(run.stderr.contains("help:"), "{text}: {}", run.stderr);
        assert!(!repo.path().join(DAILY).exists(), "{text}");
    }
}

#[test]
fn a_missing_or_huge_figures_file_is_refused() {
    let repo = practice();
    let run = repo.perfdoc(&["new", "daily", "--figures", "nope.json"]);
    run.code(2);
    assert!(run.stderr.contains("nope.json"), "{}", run.stderr);
    repo.write("big.yaml", "p95_ms: 1\n".repeat(200_000));
    let run = repo.perfdoc(&["new", "daily", "--figures", "big.yaml"]);
    run.code(2);
    assert!(run.stderr.contains("larger than"), "{}", run.stderr);
}

const NEWRELIC: &str = r#"{"results":[{"average.duration":0.2451,"percentile.duration":{"95":0.2852}},{"result":0.002}],
"metadata":{"contents":[]},"performanceStats":{"inspectedCount":1}}"#;

const PROMETHEUS: &str = r#"{"status":"success","data":{"resultType":"vector","result":[
{"metric":{"__name__":"http_error_ratio"},"value":[1764835200,"0.0021"]},
{"metric":{"name":"p95_seconds","job":"api"},"value":[1764835200,"0.2853"]},
{"metric":{"__name__":"up"},"value":[1764835200,"1"]}]}}"#;

fn with_mapping(repo: &Repo, mapping: &str) {
    let toml = repo.read("book.toml");
    repo.write("book.toml", format!("{toml}\n{mapping}"));
}

#[test]
fn a_new_relic_result_is_read_through_the_mapping() {
    let repo = practice();
    with_mapping(
        &repo,
        "[preprocessor.perfdoc.figures.newrelic]\n\"average.duration\" = { key = \"avg_ms\", scale = 1000 }\n\"percentile.duration.95\" = { key = \"p95_ms\", scale = 1000 }\n\"result\" = { key = \"error_rate_pct\", scale = 100 }\n",
    );
    let run = new_daily(&repo, "nr.json", NEWRELIC);
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("  avg_ms: 245.1\n"), "{text}");
    assert!(text.contains("  p95_ms: 285.2\n"), "{text}");
    assert!(text.contains("  error_rate_pct: 0.2\n"), "{text}");
}

#[test]
fn a_prometheus_response_is_read_through_the_mapping() {
    let repo = practice();
    with_mapping(
        &repo,
        "[preprocessor.perfdoc.figures.prometheus]\nhttp_error_ratio = { key = \"error_rate_pct\", scale = 100 }\np95_seconds = { key = \"p95_ms\", scale = 1000 }\n",
    );
    let run = new_daily(&repo, "prom.json", PROMETHEUS);
    run.code(0);
    let text = repo.read(DAILY);
    assert!(text.contains("  p95_ms: 285.3\n"), "{text}");
    assert!(text.contains("  error_rate_pct: 0.21\n"), "{text}");
}

#[test]
fn a_source_without_a_mapping_says_how_to_add_one() {
    let repo = practice();
    let run = new_daily(&repo, "prom.json", PROMETHEUS);
    run.code(2);
    assert!(run.stderr.contains("Prometheus"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[preprocessor.perfdoc.figures.prometheus]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("http_error_ratio"), "{}", run.stderr);
}

#[test]
fn a_mapping_to_a_key_outside_the_catalog_is_a_config_error() {
    let repo = practice();
    with_mapping(
        &repo,
        "[preprocessor.perfdoc.figures.prometheus]\nhttp_error_ratio = \"error_pct\"\n",
    );
    let run = repo.perfdoc(&["check"]);
    run.code(2);
    assert!(run.stderr.contains("book.toml:"), "{}", run.stderr);
    assert!(run.stderr.contains("error_pct"), "{}", run.stderr);
}

#[test]
fn weekly_and_monthly_take_figures_too() {
    let repo = practice();
    repo.write("f.json", r#"{"avg_ms": 250, "error_rate_pct": 0.3}"#);
    repo.perfdoc(&["new", "weekly", "2025-W49", "--figures", "f.json"])
        .code(0);
    let text = repo.read("reports/weekly-2025-W49.md");
    assert!(text.contains("  avg_ms: 250\n"), "{text}");
    assert!(text.contains("status: GREEN"), "{text}");
    repo.perfdoc(&[
        "new",
        "monthly",
        "2025-12",
        "--date",
        "2026-01-05",
        "--figures",
        "f.json",
    ])
    .code(0);
    let text = repo.read("reports/monthly-2025-12.md");
    assert!(text.contains("  avg_ms: 250\n"), "{text}");
}
