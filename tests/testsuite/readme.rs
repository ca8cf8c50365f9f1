//! The README is the product's front door: its rule table, its command table and its quick
//! tour are checked against the real binary.

use std::collections::BTreeSet;

use crate::support::Repo;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// The first-column code spans of the Markdown table under `heading`.
fn table_keys(text: &str, heading: &str) -> BTreeSet<String> {
    let start = text.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cell = l.split('|').nth(1)?.trim();
            let inner = cell.strip_prefix('`')?.split('`').next()?;
            Some(inner.to_string())
        })
        .collect()
}

#[test]
fn every_rule_is_in_the_readme_and_nothing_else() {
    let listed = table_keys(&readme(), "## Rules");
    let repo = Repo::new();
    let run = repo.perfdoc(&["check", "--list-rules"]);
    run.code(0);
    let real: BTreeSet<String> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert_eq!(listed, real);
}

#[test]
fn every_command_in_the_table_exists() {
    let listed = table_keys(&readme(), "## Commands");
    let repo = Repo::new();
    let help = repo.perfdoc(&["--help"]);
    help.code(0);
    for cmd in &listed {
        let name = cmd
            .strip_prefix("perfdoc ")
            .and_then(|c| c.split_whitespace().next())
            .unwrap_or_else(|| panic!("odd command cell {cmd}"));
        assert!(
            help.stdout.contains(&format!("  {name}")),
            "`{name}` not in --help:\n{}",
            help.stdout
        );
        repo.perfdoc(&[name, "--help"]).code(0);
    }
}

#[test]
fn the_two_commands_are_the_ones_ci_and_users_run() {
    let text = readme();
    assert!(text.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --locked"),
        "CI must run the README's test command"
    );
}
