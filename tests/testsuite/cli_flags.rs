//! Global flags and generated help: `--version` names the commit, `--color` and
//! `CLICOLOR_FORCE` decide colour, `--format` help describes every value, and completion
//! offers the document kinds.

use std::process::Command;

use crate::support::{Repo, run_in};

fn failing_practice() -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--ci", "none"]).code(0);
    repo.perfdoc(&["new", "daily", "--date", "2025-12-04"])
        .code(0);
    repo
}

/// `perfdoc check` in `repo` with `env`, NO_COLOR unset unless given; true if it coloured.
fn coloured(repo: &Repo, args: &[&str], env: &[(&str, &str)]) -> bool {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_perfdoc"));
    cmd.args(args)
        .current_dir(repo.path())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stdout).contains("\u{1b}[")
}

#[test]
fn version_names_the_version_and_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--version"]);
    run.code(0);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        run.stdout.starts_with(&format!("perfdoc {version}")),
        "{}",
        run.stdout
    );
    // Built from a git checkout, the commit follows: `perfdoc X.Y.Z (abcdef123 YYYY-MM-DD)`.
    let head = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    if head.status.success() {
        let sha = String::from_utf8_lossy(&head.stdout).trim().to_string();
        assert!(run.stdout.contains(&format!("({sha} ")), "{}", run.stdout);
    }
}

#[test]
fn color_flag_and_clicolor_force_decide_colour() {
    let repo = failing_practice();
    assert!(
        !coloured(&repo, &["check"], &[]),
        "a pipe gets no colour by default"
    );
    assert!(coloured(&repo, &["check", "--color", "always"], &[]));
    assert!(coloured(
        &repo,
        &["--color=always", "check"],
        &[("NO_COLOR", "1")]
    ));
    assert!(coloured(&repo, &["check"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&repo, &["check"], &[("CLICOLOR_FORCE", "0")]));
    assert!(!coloured(
        &repo,
        &["check"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!coloured(
        &repo,
        &["check", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
}

#[test]
fn a_wrong_color_value_is_a_usage_error_naming_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--color", "sometimes", "list"]);
    run.code(2);
    assert!(
        run.stderr.contains("auto") && run.stderr.contains("never"),
        "{}",
        run.stderr
    );
}

#[test]
fn format_help_describes_every_value() {
    let dir = tempfile::tempdir().unwrap();
    for (args, values) in [
        (
            vec!["check", "--help"],
            vec!["human", "json", "github", "sarif", "gitlab"],
        ),
        (vec!["list", "--help"], vec!["table", "json", "csv"]),
        (vec!["review", "--help"], vec!["markdown", "json"]),
        (
            vec!["baseline", "compare", "--help"],
            vec!["human", "markdown", "json"],
        ),
        (vec!["log", "--help"], vec!["human", "json"]),
    ] {
        let run = run_in(dir.path(), &args);
        run.code(0);
        for v in values {
            // clap lists a described value as `- NAME: description`.
            assert!(
                run.stdout.contains(&format!("- {v}: ")),
                "{args:?}: `{v}` has no line:\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn help_shows_examples_for_baseline_and_hook_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    for (args, example) in [
        (
            vec!["baseline", "compare", "--help"],
            "perfdoc baseline compare run.json --format json",
        ),
        (
            vec!["baseline", "promote", "--help"],
            "perfdoc baseline promote run.json --decide-on",
        ),
        (
            vec!["hook", "install", "--help"],
            "perfdoc hook install --chain",
        ),
        (
            vec!["hook", "uninstall", "--help"],
            "perfdoc hook uninstall",
        ),
        (vec!["init", "--help"], "perfdoc init --ci gitlab"),
    ] {
        let run = run_in(dir.path(), &args);
        run.code(0);
        assert!(
            run.stdout.contains("Examples:") && run.stdout.contains(example),
            "{args:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn completion_offers_the_document_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["completions", "bash"]);
    run.code(0);
    for kind in ["optimization", "daily", "weekly", "monthly"] {
        assert!(run.stdout.contains(kind), "bash completion lacks {kind}");
    }
    let fish = run_in(dir.path(), &["completions", "fish"]);
    assert!(fish.stdout.contains("optimization"), "{}", fish.stdout);
}

#[test]
fn a_kind_from_book_toml_is_still_accepted() {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--ci", "none"]).code(0);
    let run = repo.perfdoc(&["new", "quarterly"]);
    assert!(!run.stderr.contains("invalid value"), "{}", run.stderr);
}
