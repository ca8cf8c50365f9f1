//! What the pre-commit framework hands `perfdoc check`: every staged file its `files` pattern
//! (`.pre-commit-hooks.yaml`) matches, by name. A file perfdoc writes itself (the tracking
//! file) matches that pattern too, and must be checked as what it is, not as a document.

use std::path::Path;

use serde_json::Value;

use crate::support::Repo;

/// The files of `repo` the hook `perfdoc-check` would be given if all were staged.
fn hook_files(repo: &Repo) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let hooks: Value = serde_saphyr::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    let pattern = regex::Regex::new(hooks[0]["files"].as_str().unwrap()).unwrap();
    crate::support::tree_state(repo.path())
        .into_iter()
        .map(|(path, _)| {
            let rel = path.strip_prefix(repo.path()).unwrap();
            rel.to_str().unwrap().replace('\\', "/")
        })
        .filter(|f| pattern.is_match(f))
        .collect()
}

#[test]
fn every_file_the_hook_passes_in_the_example_practice_checks_clean() {
    let repo = Repo::example();
    let files = hook_files(&repo);
    assert!(
        files
            .iter()
            .any(|f| f == "reports/optimization-tracking.md"),
        "the example practice keeps the tracking file where the hook's pattern matches: {files:?}"
    );
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let run = repo.perfdoc(&args);
    run.code(0);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn a_stale_tracking_file_passed_by_name_is_reported_stale() {
    let repo = Repo::example();
    let tracking = "reports/optimization-tracking.md";
    let text = repo.read(tracking);
    repo.write(tracking, text.replacen("## SLA compliance", "## SLA", 1));
    for target in [tracking, "reports"] {
        let run = repo.perfdoc(&["check", target]);
        run.code(1);
        assert!(
            run.stdout.contains("error[tracking-stale]"),
            "check {target}:\n{}",
            run.stdout
        );
        assert!(!run.stdout.contains("front-matter"), "{}", run.stdout);
    }
}

#[test]
fn a_teams_own_file_at_the_tracking_path_is_left_alone_when_named() {
    let repo = Repo::example();
    let tracking = "reports/optimization-tracking.md";
    repo.write(tracking, "# Our own tracking notes\n\nKept by hand.\n");
    let run = repo.perfdoc(&["check", tracking]);
    run.code(0);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}
