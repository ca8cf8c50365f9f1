//! A `book.toml` perfdoc cannot use: URLs a page or a comment would turn into a script, and
//! how each `check --format` reports the error, so a CI job reading JSON, workflow commands
//! or SARIF sees it rather than an empty report.

use serde_json::Value;

use crate::support::Repo;

fn practice_with(book_toml: &str) -> Repo {
    let repo = Repo::new();
    repo.write("book.toml", book_toml);
    repo.write("reports/daily-2025-12-04.md", crate::check::DAILY);
    repo
}

#[test]
fn only_http_urls_and_site_paths_are_accepted() {
    for (key, value) in [
        ("git-repository-url", "javascript:alert(1)"),
        ("git-repository-url", "JavaScript:alert(1)"),
        (
            "git-repository-url",
            "data:text/html,<script>alert(1)</script>",
        ),
        ("git-repository-url", "/relative/repo"),
        ("git-repository-url", "https://"),
        (
            "git-repository-url",
            "https://example.com/a\" onmouseover=\"alert(1)",
        ),
        ("site-url", "javascript:alert(1)"),
        ("site-url", "//evil.example/"),
        ("site-url", "vbscript:msgbox"),
        ("site-url", "perfdoc/"),
        ("site-url", "/a b/"),
    ] {
        let repo = practice_with(&format!(
            "[book]\ntitle = \"T\"\n\n[output.html]\n{key} = '{value}'\n"
        ));
        let run = repo.perfdoc(&["check"]);
        run.code(2);
        assert!(
            run.stderr.contains("error[config]"),
            "{value}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("book.toml:5:"),
            "{value}\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(key), "{value}\n{}", run.stderr);
        assert!(run.stderr.contains("help:"), "{value}\n{}", run.stderr);
    }
    for (key, value) in [
        ("git-repository-url", "https://github.com/acme/perf"),
        ("git-repository-url", "http://git.example/perf"),
        ("site-url", "/perfdoc/"),
        ("site-url", "https://acme.github.io/perf/"),
    ] {
        let repo = practice_with(&format!(
            "[book]\ntitle = \"T\"\n\n[output.html]\n{key} = '{value}'\n"
        ));
        repo.perfdoc(&["check"]).code(0);
    }
}

const BROKEN: &str = "[book]\ntitle = \"T\"\n\n[preprocessor.perfdoc.thresholds]\nlatency = 5\n";

#[test]
fn json_reports_a_config_error_as_a_finding() {
    let repo = practice_with(BROKEN);
    let run = repo.perfdoc(&["check", "--format", "json"]);
    run.code(2);
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: not JSON:\n{}\n{}", run.stdout, run.stderr));
    let findings = v.as_array().expect("an array");
    assert_eq!(findings.len(), 1, "{v}");
    assert_eq!(findings[0]["rule"], "config");
    assert_eq!(findings[0]["path"], "book.toml");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["location"]["line"], 5);
    assert!(
        findings[0]["message"].as_str().unwrap().contains("latency"),
        "{v}"
    );
}

#[test]
fn github_annotates_the_config_error() {
    let repo = practice_with(BROKEN);
    let run = repo.perfdoc(&["check", "--format", "github"]);
    run.code(2);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("no ::error line:\n{}\n{}", run.stdout, run.stderr));
    assert!(line.contains("file=book.toml,line=5,"), "{line}");
    assert!(line.contains("title=perfdoc config::"), "{line}");
    assert!(line.contains("latency"), "{line}");
}

#[test]
fn sarif_holds_the_config_error() {
    let repo = practice_with(BROKEN);
    let run = repo.perfdoc(&["check", "--format", "sarif"]);
    run.code(2);
    let log: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: not SARIF:\n{}\n{}", run.stdout, run.stderr));
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{log}");
    assert_eq!(results[0]["ruleId"], "config");
    assert_eq!(results[0]["level"], "error");
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "book.toml");
    assert_eq!(loc["region"]["startLine"], 5);
}
