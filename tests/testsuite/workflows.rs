//! `perfdoc init`'s GitHub Actions workflows: parsed and checked for the structure GitHub
//! needs, then their `perfdoc` commands run on a clone of a fixture repository the way the
//! runner would (a pull request's base as `origin/main`, `$GITHUB_STEP_SUMMARY` a file).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{Repo, tree_state};

fn parse(repo: &Repo, rel: &str) -> Value {
    serde_saphyr::from_str::<Value>(&repo.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn steps(job: &Value) -> &Vec<Value> {
    job["steps"].as_array().expect("steps")
}

fn uses<'a>(job: &'a Value, action: &str) -> &'a Value {
    steps(job)
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

fn runs<'a>(job: &'a Value, needle: &str) -> &'a Value {
    steps(job)
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains(needle)))
        .unwrap_or_else(|| panic!("no step runs {needle}"))
}

fn initialised() -> Repo {
    let repo = Repo::new();
    let run = repo.perfdoc(&["init"]);
    run.code(0);
    for rel in [
        ".github/workflows/perfdoc-check.yml",
        ".github/workflows/perfdoc-pages.yml",
    ] {
        assert!(
            run.stdout.contains(&format!("created  {rel}")),
            "{}",
            run.stdout
        );
    }
    repo
}

#[test]
fn check_workflow_checks_and_reviews_every_pull_request() {
    let repo = initialised();
    let w = parse(&repo, ".github/workflows/perfdoc-check.yml");
    assert!(w["on"]["pull_request"].is_null() && w["on"].get("pull_request").is_some());
    let job = &w["jobs"]["check"];
    assert_eq!(job["permissions"]["pull-requests"], "write");
    assert_eq!(uses(job, "actions/checkout@v5")["with"]["fetch-depth"], 0);
    // Installed by the action of the release that wrote the workflow, never compiled.
    uses(
        job,
        &format!("perfdoc/perfdoc@v{}", env!("CARGO_PKG_VERSION")),
    );
    assert!(!steps(job).iter().any(|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("cargo install"))
    }));
    runs(job, "perfdoc check --format github");
    let review = runs(job, "perfdoc review");
    assert!(
        review["run"]
            .as_str()
            .unwrap()
            .contains("\"$GITHUB_STEP_SUMMARY\"")
    );
    assert_eq!(
        review["if"], "${{ !cancelled() }}",
        "the review runs when check fails"
    );
    let comment = runs(job, "gh api");
    let script = comment["run"].as_str().unwrap();
    // Updated in place through the hidden marker, on the bot's own comment only.
    assert!(!script.contains("--edit-last"), "{script}");
    assert!(script.contains("<!-- perfdoc-review -->"), "{script}");
    assert!(script.contains("github-actions[bot]"), "{script}");
    assert!(
        script.contains("--method PATCH") && script.contains("--method POST"),
        "{script}"
    );
    assert_eq!(comment["env"]["GH_TOKEN"], "${{ github.token }}");
}

#[test]
fn pages_workflow_builds_with_full_history_and_deploys() {
    let repo = initialised();
    let w = parse(&repo, ".github/workflows/perfdoc-pages.yml");
    assert_eq!(w["on"]["push"]["branches"], serde_json::json!(["main"]));
    // Least privilege: nothing at the top, each job what it needs.
    assert_eq!(w["permissions"], serde_json::json!({}));
    let build = &w["jobs"]["build"];
    assert_eq!(
        build["permissions"],
        serde_json::json!({"contents": "read"})
    );
    assert_eq!(uses(build, "actions/checkout@v5")["with"]["fetch-depth"], 0);
    assert_eq!(uses(build, "actions/configure-pages@v5")["id"], "pages");
    uses(
        build,
        &format!("perfdoc/perfdoc@v{}", env!("CARGO_PKG_VERSION")),
    );
    let order: Vec<&str> = steps(build)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    let check_at = order
        .iter()
        .position(|r| r.contains("perfdoc check"))
        .expect("a check step");
    let build_at = order
        .iter()
        .position(|r| r.contains("perfdoc build"))
        .unwrap();
    assert!(
        check_at < build_at,
        "the site is built only from checked documents"
    );
    let step = runs(build, "perfdoc build");
    let run = step["run"].as_str().unwrap();
    assert!(run.contains("--base-url \"$BASE_PATH/\""), "{run}");
    assert_eq!(
        step["env"]["BASE_PATH"],
        "${{ steps.pages.outputs.base_path }}"
    );
    assert!(run.contains("--base-url \"$BASE_PATH/\""), "{run}");
    assert!(run.contains("--out site"), "{run}");
    assert_eq!(
        uses(build, "actions/upload-pages-artifact@v4")["with"]["path"],
        "site"
    );
    let deploy = &w["jobs"]["deploy"];
    assert_eq!(
        deploy["permissions"],
        serde_json::json!({"pages": "write", "id-token": "write"})
    );
    uses(deploy, "actions/deploy-pages@v4");
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(uses(deploy, "actions/deploy-pages")["id"], "deployment");
}

#[test]
fn init_overwrites_nothing() {
    let repo = Repo::new();
    repo.write(".github/workflows/perfdoc-check.yml", "name: ours\n");
    repo.write("book.toml", "[book]\ntitle = \"Ours\"\n");
    let before = tree_state(repo.path());
    let run = repo.perfdoc(&["init"]);
    run.code(0);
    assert!(
        run.stdout
            .contains("kept     .github/workflows/perfdoc-check.yml (exists)")
    );
    assert!(run.stdout.contains("kept     book.toml (exists)"));
    assert_eq!(
        repo.read(".github/workflows/perfdoc-check.yml"),
        "name: ours\n"
    );
    let after = tree_state(repo.path());
    for (path, bytes) in before {
        assert!(
            after.contains(&(path.clone(), bytes)),
            "{} changed",
            path.display()
        );
    }
    // A second init changes nothing at all.
    let state = tree_state(repo.path());
    repo.perfdoc(&["init"]).code(0);
    assert_eq!(tree_state(repo.path()), state);
}

/// What GitHub would substitute for the expressions the workflows use.
const CONTEXT: &[(&str, &str)] = &[
    ("${{ github.base_ref }}", "main"),
    ("${{ github.repository_owner }}", "acme"),
    ("${{ github.event.repository.name }}", "perf"),
    ("${{ steps.pages.outputs.base_path }}", "/perf"),
    ("${{ github.token }}", "unused"),
];

fn expand(s: &str) -> String {
    CONTEXT
        .iter()
        .fold(s.to_string(), |s, (k, v)| s.replace(k, v))
}

struct StepRun {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs one `run:` step as the runner does (`bash -e`), with the step's `env`, the freshly
/// built perfdoc first on PATH and a step-summary file.
fn run_step(dir: &Path, step: &Value, summary: &Path) -> StepRun {
    let bin = Path::new(env!("CARGO_BIN_EXE_perfdoc")).parent().unwrap();
    let mut cmd = Command::new("bash");
    cmd.args(["-e", "-c", &expand(step["run"].as_str().unwrap())])
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", summary)
        .env_remove("PERFDOC_SITE_URL");
    if let Some(env) = step["env"].as_object() {
        for (k, v) in env {
            cmd.env(k, expand(v.as_str().unwrap()));
        }
    }
    let out = cmd.output().unwrap();
    StepRun {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The `perfdoc` steps of a job: commenting (gh) needs the network.
fn perfdoc_steps(job: &Value) -> Vec<&Value> {
    steps(job)
        .iter()
        .filter(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("perfdoc ") && !r.contains("gh "))
        })
        .collect()
}

#[test]
fn workflow_commands_run_on_a_pull_request_checkout() {
    // The fixture: main and a topic branch; the runner's checkout is a clone on the topic
    // branch whose base exists only as `origin/main`.
    let origin = crate::review::example_change();
    let init = Repo::new();
    init.perfdoc(&["init"]).code(0);
    let workdir = tempfile::tempdir().unwrap();
    let clone = workdir.path().join("clone");
    origin.git(&[
        "clone",
        "-q",
        "--branch",
        "topic",
        origin.path().to_str().unwrap(),
        clone.to_str().unwrap(),
    ]);
    let summary = workdir.path().join("summary.md");

    let check = parse(&init, ".github/workflows/perfdoc-check.yml");
    let steps = perfdoc_steps(&check["jobs"]["check"]);
    assert_eq!(steps.len(), 2, "check and review");
    let checked = run_step(&clone, steps[0], &summary);
    assert_eq!(
        checked.code, 1,
        "the fixture has errors: {}",
        checked.stderr
    );
    assert!(
        checked
            .stdout
            .contains("::error file=optimizations/billing-stripe-batching-2025-12-04.md,line=73"),
        "{}",
        checked.stdout
    );
    let reviewed = run_step(&clone, steps[1], &summary);
    assert_eq!(reviewed.code, 0, "{}", reviewed.stderr);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("## perfdoc review"), "{text}");
    assert!(text.contains("**5 documents** changed"), "{text}");
    assert!(
        text.contains(
            "(https://acme.github.io/perf/optimizations/auth-session-pooling-2025-12-18/)"
        ),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(clone.join("perfdoc-review.md")).unwrap(),
        text,
        "the comment posts what the summary shows"
    );

    let pages = parse(&init, ".github/workflows/perfdoc-pages.yml");
    let build_steps = perfdoc_steps(&pages["jobs"]["build"]);
    assert!(
        !build_steps.is_empty(),
        "the Pages workflow builds the site"
    );
    for step in build_steps {
        let script = step["run"].as_str().unwrap();
        let run = run_step(&clone, step, &summary);
        if script.contains("perfdoc check") {
            // The fixture has errors: on GitHub the job would stop here, before publishing.
            assert_eq!(run.code, 1, "{script}\n{}", run.stderr);
            continue;
        }
        assert_eq!(run.code, 0, "{script}\n{}", run.stderr);
        assert!(
            clone.join("site/index.html").is_file(),
            "the site is in site/"
        );
    }
}

#[test]
fn pre_commit_framework_manifest_runs_perfdoc_check_on_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Value = serde_saphyr::from_str(&text).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "perfdoc-check");
    // A Python package (it pins the prebuilt wheel), and the same hook for a perfdoc on PATH.
    assert_eq!(hook["language"], "python");
    assert_eq!(hooks[1]["language"], "system");
    for key in ["entry", "files", "pass_filenames"] {
        assert_eq!(hooks[1][key], hook[key], "the two hooks differ in {key}");
    }
    assert_eq!(hook["entry"], "perfdoc check");
    assert_eq!(hook["pass_filenames"], true);
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match("reports/daily-2025-12-04.md"));
    assert!(files.is_match("optimizations/billing-stripe-batching-2025-12-04.md"));
    assert!(files.is_match("content/runbooks/baseline-update.md"));
    assert!(!files.is_match("README.md"), "a README is not a document");
    assert!(!files.is_match("benchmarks/k6-baseline-2025-12-01.json"));

    // What pre-commit runs: the entry with the matching staged files appended.
    let repo = Repo::example();
    let mut args: Vec<&str> = hook["entry"].as_str().unwrap().split(' ').skip(1).collect();
    args.extend([
        "reports/daily-2025-12-04.md",
        "optimizations/billing-stripe-batching-2025-12-04.md",
    ]);
    repo.perfdoc(&args).code(0);
    repo.write("reports/daily-2025-12-04.md", "---\ntitle: x\n---\nTODO\n");
    repo.perfdoc(&args).code(1);
}
