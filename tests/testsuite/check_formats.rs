//! `perfdoc check --format`: SARIF for code scanning, and no colour when output is piped.

use std::process::Command;

use serde_json::Value;

use crate::support::Repo;

fn broken_example() -> Repo {
    let repo = Repo::example();
    let path = "reports/daily-2025-12-04.md";
    let text = repo.read(path).replacen("## ", "TODO\n\n## ", 1);
    repo.write(path, text);
    repo
}

#[test]
fn sarif_lists_the_rules_and_locates_each_finding() {
    let repo = broken_example();
    let run = repo.perfdoc(&["check", "--format", "sarif"]);
    run.code(1);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "perfdoc");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "placeholder"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let found = results
        .iter()
        .find(|r| r["ruleId"] == "placeholder")
        .expect("the placeholder is reported");
    assert_eq!(found["level"], "error");
    let loc = &found["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "reports/daily-2025-12-04.md"
    );
    let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
    assert_eq!(
        repo.read("reports/daily-2025-12-04.md")
            .lines()
            .nth(line - 1),
        Some("TODO")
    );
    assert_eq!(loc["region"]["startColumn"], 1);
    // A clean practice is an empty run, not an empty file.
    let clean = Repo::new();
    clean.perfdoc(&["init"]).code(0);
    let clean = clean.perfdoc(&["check", "--format", "sarif"]);
    clean.code(0);
    let log: Value = serde_json::from_str(&clean.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn piped_human_output_has_no_ansi_escapes_even_without_no_color() {
    let repo = broken_example();
    let out = Command::new(env!("CARGO_BIN_EXE_perfdoc"))
        .args(["check"])
        .current_dir(repo.path())
        .env_remove("NO_COLOR")
        .env("HOME", repo.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("error[placeholder]"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}
