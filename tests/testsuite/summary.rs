//! `perfdoc summary DOC --format slack|markdown|text`: the seed's "📈 Daily Performance Report"
//! status message, the weekly summary and the #optimizations share of a record, as Slack Block
//! Kit JSON for an incoming webhook, Markdown or text — every value from a document escaped.

use crate::support::Repo;

fn summary(repo: &Repo, doc: &str, format: &str) -> String {
    let run = repo.perfdoc(&["summary", doc, "--format", format]);
    run.code(0);
    run.stdout
}

#[test]
fn a_daily_report_is_the_seeds_status_message() {
    let repo = Repo::example();
    let out = summary(&repo, "reports/daily-2025-12-04.md", "text");
    assert!(
        out.starts_with("📈 Daily Performance Report (2025-12-04)\n"),
        "{out}"
    );
    assert!(out.contains("⚠️ System Status: YELLOW"), "{out}");
    assert!(
        out.contains("Overnight Metrics:\n• Uptime: 99.97%"),
        "{out}"
    );
    assert!(out.contains("• Error rate: 0.19% ✅"), "{out}");
    assert!(
        out.contains("Notable Events:\n- Same pattern overnight"),
        "{out}"
    );
    assert!(out.contains("Action Items:\n- [x] Staging k6 run"), "{out}");
}

#[test]
fn a_record_is_the_optimizations_share() {
    let repo = Repo::example();
    let out = summary(
        &repo,
        "optimizations/billing-stripe-batching-2025-12-04.md",
        "text",
    );
    assert!(
        out.starts_with("🚀 Optimization: Stripe API call batching\n"),
        "{out}"
    );
    assert!(
        out.contains("Problem:\n`POST /api/billing/create-subscription` got slow"),
        "{out}"
    );
    assert!(
        out.contains("Solution:\nWe considered three options"),
        "{out}"
    );
    assert!(
        out.contains("• P95 latency: 2800 ms → 1100 ms (60.7% better)"),
        "{out}"
    );
}

#[test]
fn a_weekly_report_compares_with_its_baseline() {
    let repo = Repo::example();
    let out = summary(&repo, "reports/weekly-2025-W49.md", "markdown");
    assert!(
        out.starts_with("**📊 Weekly Performance Report (2025-W49)**"),
        "{out}"
    );
    assert!(
        out.contains("P95 latency: 577 ms (baseline 512 ms, +12.7%) ⚠️"),
        "{out}"
    );
}

#[test]
fn slack_is_block_kit_json_with_every_value_escaped() {
    let repo = Repo::example();
    let path = "reports/daily-2025-12-04.md";
    let text = repo.read(path).replace(
        "- Message delivery and auth endpoints are unaffected.",
        "- <!channel> <@U024BE7LH> & <https://evil.example|click> @here",
    );
    repo.write(path, text);
    let out = summary(&repo, path, "slack");
    let json: serde_json::Value = serde_json::from_str(&out).expect(&out);
    assert_eq!(json["blocks"][0]["type"], "header", "{out}");
    assert!(
        json["text"]
            .as_str()
            .unwrap()
            .contains("Daily Performance Report")
    );
    let all = json.to_string();
    assert!(!all.contains("<!channel>"), "{all}");
    assert!(!all.contains("<@U024BE7LH>"), "{all}");
    assert!(!all.contains("<https://evil"), "{all}");
    assert!(all.contains("&lt;!channel&gt;"), "{all}");
    assert!(all.contains("&amp;"), "{all}");
    assert!(!all.contains("@here"), "a bare @here is defused too: {all}");
}

#[test]
fn markdown_escapes_values_from_the_document() {
    let repo = Repo::example();
    let path = "reports/daily-2025-12-04.md";
    let text = repo.read(path).replace(
        "- Message delivery and auth endpoints are unaffected.",
        "- <img src=x onerror=alert(1)> @team",
    );
    repo.write(path, text);
    let out = summary(&repo, path, "markdown");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("@team"), "{out}");
}

#[test]
fn a_document_that_is_not_a_report_or_record_is_refused() {
    let repo = Repo::example();
    let run = repo.perfdoc(&["summary", "content/index.md"]);
    run.code(2);
    assert!(
        run.stderr
            .contains("daily or weekly report, or an optimization record"),
        "{}",
        run.stderr
    );
    let run = repo.perfdoc(&["summary", "nope.md"]);
    run.code(2);
    assert!(run.stderr.contains("nope.md"), "{}", run.stderr);
}
