//! GitLab: `perfdoc check --format gitlab` (a Code Quality report) and the `.gitlab-ci.yml`
//! that `perfdoc init --ci gitlab` writes, parsed and checked for the shape GitLab needs.

use serde_json::Value;

use crate::support::Repo;

#[test]
fn check_format_gitlab_writes_a_code_quality_report() {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--ci", "none"]).code(0);
    repo.perfdoc(&["new", "daily", "--date", "2025-12-04"])
        .code(0);
    let run = repo.perfdoc(&["check", "--format", "gitlab"]);
    run.code(1);
    let report: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    let issues = report.as_array().expect("an array");
    assert!(
        !issues.is_empty(),
        "the scaffold's placeholders are findings"
    );
    let mut fingerprints: Vec<&str> = Vec::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} missing: {issue}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert_eq!(issue["location"]["path"], "reports/daily-2025-12-04.md");
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        fingerprints.push(issue["fingerprint"].as_str().unwrap());
    }
    let count = fingerprints.len();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), count, "fingerprints must be unique");
}

#[test]
fn gitlab_paths_are_from_the_repository_root_for_a_practice_in_a_folder() {
    let repo = Repo::new();
    repo.perfdoc(&["-C", "docs/perf", "init", "--ci", "none"])
        .code(0);
    repo.perfdoc(&["-C", "docs/perf", "new", "daily", "--date", "2025-12-04"])
        .code(0);
    repo.git(&["add", "-A"]);
    let run = repo.perfdoc(&["-C", "docs/perf", "check", "--format", "gitlab"]);
    let report: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    assert_eq!(
        report[0]["location"]["path"],
        "docs/perf/reports/daily-2025-12-04.md"
    );
}

#[test]
fn a_clean_practice_gives_an_empty_report() {
    let repo = Repo::new();
    repo.perfdoc(&["init", "--ci", "none"]).code(0);
    let run = repo.perfdoc(&["check", "--format", "gitlab"]);
    run.code(0);
    assert_eq!(
        serde_json::from_str::<Value>(&run.stdout).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn init_ci_gitlab_writes_check_review_note_and_pages() {
    let repo = Repo::new();
    let run = repo.perfdoc(&["init", "--ci", "gitlab"]);
    run.code(0);
    assert!(
        run.stdout.contains("created  .gitlab-ci.yml"),
        "{}",
        run.stdout
    );
    assert!(
        !repo.path().join(".github").exists(),
        "no GitHub workflows for GitLab"
    );
    let text = repo.read(".gitlab-ci.yml");
    let ci: Value = serde_saphyr::from_str(&text).expect(".gitlab-ci.yml parses");

    assert_eq!(
        ci["variables"]["PERFDOC_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        ci["variables"]["PERFDOC_RELEASES"],
        format!("{}/releases/download", env!("CARGO_PKG_REPOSITORY"))
    );
    assert!(
        !text.contains("@PERFDOC_"),
        "every placeholder is filled in"
    );
    let stages: Vec<&str> = ci["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let install = ci[".perfdoc"]["before_script"].as_array().unwrap();
    assert!(
        install
            .iter()
            .any(|l| l.as_str().unwrap().contains("install.sh --version")),
        "installs the pinned release with the install script"
    );

    let check = &ci["perfdoc-check"];
    assert!(stages.contains(&check["stage"].as_str().unwrap()));
    assert_eq!(check["extends"], ".perfdoc");
    let report = check["artifacts"]["reports"]["codequality"]
        .as_str()
        .unwrap();
    assert!(
        check["script"][0]
            .as_str()
            .unwrap()
            .contains(&format!("perfdoc check --format gitlab > {report}"))
    );
    assert_eq!(check["artifacts"]["when"], "always");

    let review = &ci["perfdoc-review"];
    assert!(stages.contains(&review["stage"].as_str().unwrap()));
    let script: String = review["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(script.contains("perfdoc review --base"));
    assert!(
        script.contains("<!-- perfdoc-review -->"),
        "found by its hidden marker"
    );
    assert!(script.contains("-X PUT"), "updated in place");
    assert!(script.contains(".author.id == $me"), "only its own note");

    let pages = &ci["pages"];
    assert!(stages.contains(&pages["stage"].as_str().unwrap()));
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    let script: Vec<&str> = pages["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(
        script[0], "perfdoc check",
        "the site is built from checked documents"
    );
    assert!(script[1].starts_with("perfdoc build --out public"));
    assert_eq!(
        pages["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
}
