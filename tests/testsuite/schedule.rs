//! `perfdoc init --schedule`: the weekday-morning workflow (figures script, daily report,
//! Monday weekly, first-Monday monthly, tracking, a pull request, the Slack post when its
//! secret is set) and the figures script stub it runs. actionlint and the no-expression-in-a-
//! script rule cover it in `ci_templates.rs`.

use std::process::Command;

use serde_json::Value;

use crate::support::Repo;

const WORKFLOW: &str = ".github/workflows/perfdoc-routine.yml";
const SCRIPT: &str = "scripts/perfdoc-figures.sh";

fn step<'a>(steps: &'a [Value], needle: &str) -> (usize, &'a Value) {
    steps
        .iter()
        .enumerate()
        .find(|(_, s)| s["run"].as_str().is_some_and(|r| r.contains(needle)))
        .unwrap_or_else(|| panic!("no step runs `{needle}`"))
}

#[test]
fn the_routine_runs_every_weekday_morning_and_opens_a_pull_request() {
    let repo = Repo::new();
    let run = repo.perfdoc(&["init", "--schedule"]);
    run.code(0);
    assert!(
        run.stdout.contains(&format!("created  {WORKFLOW}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("created  {SCRIPT}")),
        "{}",
        run.stdout
    );
    let w: Value = serde_saphyr::from_str(&repo.read(WORKFLOW)).unwrap();
    assert_eq!(w["on"]["schedule"][0]["cron"], "0 7 * * 1-5");
    assert!(
        repo.read(WORKFLOW).contains("time zone"),
        "the zone is stated"
    );
    assert_eq!(w["env"]["TZ"], "Europe/Berlin");
    let steps = w["jobs"]["reports"]["steps"].as_array().unwrap();
    let (figures, _) = step(steps, "perfdoc-figures.sh");
    let (daily, write) = step(steps, "perfdoc new daily --figures");
    let script = write["run"].as_str().unwrap();
    assert!(script.contains("perfdoc new weekly"), "{script}");
    assert!(script.contains("perfdoc new monthly"), "{script}");
    assert!(script.contains("perfdoc tracking --write"), "{script}");
    let (pr, _) = step(steps, "gh pr create");
    let (slack, post) = step(steps, "--format slack");
    assert!(figures < daily && daily < pr && pr < slack);
    assert!(
        post["run"]
            .as_str()
            .unwrap()
            .contains("if [ -z \"${SLACK_WEBHOOK_URL:-}\" ]")
    );
    assert_eq!(
        post["env"]["SLACK_WEBHOOK_URL"],
        "${{ secrets.SLACK_WEBHOOK_URL }}"
    );
}

#[test]
fn the_figures_script_is_executable_and_fails_until_filled_in() {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--schedule"]).code(0);
    let out = Command::new(repo.path().join(SCRIPT))
        .output()
        .expect("the stub runs");
    assert!(
        !out.status.success(),
        "an empty stub must not pass for figures"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not filled in yet"));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_monthly_step_names_the_month_that_ended() {
    // The routine's own shell arithmetic, run on the first Monday of January 2026.
    let out = Command::new("sh")
        .args([
            "-c",
            "date -d \"$(date -d 2026-01-05 +%Y-%m-01) -1 day\" +%Y-%m",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2025-12");
}

#[test]
fn without_schedule_nothing_of_it_is_written_and_an_existing_script_is_kept() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    assert!(!repo.path().join(WORKFLOW).exists());
    assert!(!repo.path().join(SCRIPT).exists());
    repo.write(SCRIPT, "#!/bin/sh\necho '{}'\n");
    let run = repo.perfdoc(&["init", "--schedule"]);
    run.code(0);
    assert!(
        run.stdout.contains(&format!("kept     {SCRIPT}")),
        "{}",
        run.stdout
    );
    assert_eq!(repo.read(SCRIPT), "#!/bin/sh\necho '{}'\n");
}
