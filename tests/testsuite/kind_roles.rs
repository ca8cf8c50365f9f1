//! Kinds take their behaviour from their role and period in `book.toml`, metrics their
//! verdict from their class: a practice's own kinds and metrics work like the built-in ones.

use crate::support::Repo;

/// An `incident` kind with the record role, kept in `incidents/`.
const INCIDENT_KIND: &str = r#"
[preprocessor.perfdoc.kinds.incident]
title = "Incident"
role = "record"
folder = "incidents"
pattern = "{slug}-{date}.md"
fields.title = { type = "string", required = true }
fields.date = { type = "date", required = true }
fields.tags = { type = "list" }
fields.metrics = { type = "metrics", required = true }
"#;

const INCIDENT: &str = "---\ntitle: Database failover took the queue down\nkind: incident\ndate: 2025-12-10\ntags: [database]\nmetrics:\n  p95_ms: { before: 900, after: 300 }\n---\n\n## Lessons Learned\n\n- Failover drills catch stale DNS entries.\n";

fn with_book_toml(repo: &Repo, extra: &str) {
    let book = repo.read("book.toml");
    repo.write("book.toml", format!("{book}{extra}"));
}

#[test]
fn a_kind_with_the_record_role_gets_record_pages_and_learnings() {
    let repo = Repo::example();
    with_book_toml(&repo, INCIDENT_KIND);
    repo.write("incidents/db-failover-2025-12-10.md", INCIDENT);
    repo.perfdoc(&["build"]).code(0);
    let site = repo.path().join("site");
    let page =
        std::fs::read_to_string(site.join("optimizations/db-failover-2025-12-10/index.html"))
            .expect("the incident has a record page");
    assert!(
        page.contains("Database failover took the queue down"),
        "{page}"
    );
    let learnings = std::fs::read_to_string(site.join("learnings/index.html")).unwrap();
    assert!(
        learnings.contains("Failover drills catch stale DNS entries."),
        "{learnings}"
    );
    assert!(
        !site.join("reports/db-failover-2025-12-10").exists(),
        "a record is no report"
    );
}

#[test]
fn a_record_kind_gets_the_reviews_before_after_table() {
    let repo = Repo::example();
    with_book_toml(&repo, INCIDENT_KIND);
    repo.commit("practice", "2025-12-30T09:00:00+00:00", "Jane Doe");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.write("incidents/db-failover-2025-12-10.md", INCIDENT);
    repo.commit("incident", "2026-01-02T09:00:00+00:00", "Jane Doe");
    let out = repo.perfdoc(&["review"]).code(0).stdout.clone();
    let at = out
        .find("| Metric | Before | After | Change |")
        .unwrap_or_else(|| panic!("no before/after table:\n{out}"));
    assert!(out[at..].contains("P95 latency"), "{out}");
    assert!(
        out.contains("/optimizations/db-failover-2025-12-10/"),
        "{out}"
    );
}

/// A team's own weekly report, `sprint`, with the weekly template.
const SPRINT_KIND: &str = r#"
[preprocessor.perfdoc.kinds.sprint]
title = "Sprint report"
role = "report"
period = "week"
folder = "reports"
pattern = "sprint-{week}.md"
template = "weekly.md"
fields.title = { type = "string", required = true }
fields.date = { type = "date", required = true }
fields.week = { type = "week", required = true }
fields.metrics = { type = "figures", required = true }
"#;

#[test]
fn a_periodic_kind_of_the_practice_gets_report_pages_and_trends() {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        format!("[book]\ntitle = \"Team\"\n[preprocessor.perfdoc]\nrenderers = []\n{SPRINT_KIND}"),
    );
    for (week, date, p95) in [
        ("2025-W50", "2025-12-08", 410),
        ("2025-W51", "2025-12-15", 520),
    ] {
        repo.write(
            &format!("reports/sprint-{week}.md"),
            format!("---\ntitle: Sprint {week}\nkind: sprint\ndate: {date}\nweek: {week}\nmetrics:\n  p95_ms: {p95}\n---\n\nSprint.\n"),
        );
    }
    repo.perfdoc(&["build"]).code(0);
    let site = repo.path().join("site");
    assert!(site.join("reports/sprint-2025-W51/index.html").is_file());
    let trends = std::fs::read_to_string(site.join("trends/index.html")).unwrap();
    let start = trends
        .find("<section class=\"trend\" id=\"p95_ms\">")
        .unwrap_or_else(|| panic!("no p95 trend:\n{trends}"));
    let p95 = &trends[start..start + trends[start..].find("</section>").unwrap()];
    assert!(p95.contains("520 ms"), "{p95}");
}

#[test]
fn a_new_weekly_kind_report_takes_the_weeks_daily_means() {
    let repo = Repo::example();
    with_book_toml(&repo, SPRINT_KIND);
    let run = repo.perfdoc(&[
        "new",
        "sprint",
        "--date",
        "2025-12-15",
        "--owner",
        "Jane Doe",
    ]);
    run.code(0);
    let text = repo.read("reports/sprint-2025-W51.md");
    assert!(text.contains("mean of 5 daily reports"), "{text}");
}

#[test]
fn a_catalog_metric_of_the_latency_class_in_seconds_is_judged_as_latency() {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        "[book]\ntitle = \"Team\"\n[preprocessor.perfdoc]\nrenderers = []\n\
         [preprocessor.perfdoc.metrics.p95_ms]\nname = \"P95 latency\"\nunit = \"s\"\nclass = \"latency\"\n\
         [preprocessor.perfdoc.metrics.throughput_rps]\nclass = \"latency\"\nbetter = \"higher\"\n",
    );
    let k6 = |p95: f64, rate: f64| {
        format!(
            r#"{{"metrics": {{"http_req_duration": {{"avg": 1, "med": 1, "p(95)": {p95}}}, "http_reqs": {{"count": 3, "rate": {rate}}}}}}}"#
        )
    };
    repo.write("before.json", k6(100.0, 10.0));
    repo.write("after.json", k6(130.0, 8.0));
    let run = repo.perfdoc(&[
        "baseline",
        "compare",
        "after.json",
        "--baseline",
        "before.json",
    ]);
    run.code(1);
    assert!(
        run.stdout
            .contains("REGRESSION (over +10%, threshold only)"),
        "{}",
        run.stdout
    );
    // Throughput given the latency class: falling by 20% is a regression too.
    let tp = run
        .stdout
        .lines()
        .find(|l| l.contains("Throughput"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(tp.contains("REGRESSION"), "{tp}");
}

/// `perfdoc check` under a `book.toml` of `text`: it must refuse it; the message.
fn config_error(text: &str) -> String {
    let repo = Repo::new();
    repo.write("book.toml", text);
    let run = repo.perfdoc(&["check"]);
    run.code(2);
    run.stderr.clone()
}

#[test]
fn an_unknown_role_or_class_is_a_config_finding_at_its_place() {
    let role = config_error(
        "[preprocessor.perfdoc.kinds.incident]\npattern = \"{slug}-{date}.md\"\nrole = \"postmortem\"\n",
    );
    assert!(role.contains("book.toml:3:8"), "{role}");
    assert!(role.contains("role = \"postmortem\""), "{role}");
    assert!(role.contains("record, report"), "{role}");
    let class = config_error("[preprocessor.perfdoc.metrics.p95_ms]\nclass = \"speed\"\n");
    assert!(class.contains("book.toml:2:9"), "{class}");
    assert!(class.contains("latency, success-rate"), "{class}");
    let period = config_error("[preprocessor.perfdoc.kinds.optimization]\nperiod = \"week\"\n");
    assert!(period.contains("has no period"), "{period}");
}

#[test]
fn a_kind_with_the_record_role_gets_the_lifecycle_rule_and_the_share() {
    let repo = Repo::example();
    with_book_toml(&repo, INCIDENT_KIND);
    let path = "incidents/db-failover-2025-12-10.md";
    let with_options = INCIDENT.replace(
        "metrics:",
        "options:\n  A: { summary: Drill failover monthly, estimate_pct: 50 }\nchosen: C\nmetrics:",
    );
    repo.write(path, &with_options);
    let run = repo.perfdoc(&["check", path]);
    run.code(1);
    assert!(run.stdout.contains("error[lifecycle]"), "{}", run.stdout);
    repo.write(path, INCIDENT);
    let share = repo.perfdoc(&["summary", path]).code(0).stdout.clone();
    assert!(
        share.contains("Database failover took the queue down"),
        "{share}"
    );
}
