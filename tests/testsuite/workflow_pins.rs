//! What the GitHub workflows `perfdoc init` writes pin and trust: the action of the perfdoc
//! that wrote them, the repository's own default branch (whatever it is called, quoted so a
//! hostile name stays a name), and values from the event only through `env:`.

use serde_json::Value;

use crate::support::Repo;

fn workflow(repo: &Repo, name: &str) -> (String, Value) {
    let text = repo.read(&format!(".github/workflows/{name}"));
    let value =
        serde_saphyr::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
    (text, value)
}

#[test]
fn pages_publishes_from_the_branch_the_repository_uses() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "trunk"]);
    repo.perfdoc(&["init"]).code(0);
    let (_, pages) = workflow(&repo, "perfdoc-pages.yml");
    assert_eq!(
        pages["on"]["push"]["branches"],
        serde_json::json!(["trunk"])
    );
}

#[test]
fn a_clone_publishes_from_the_remote_default_branch() {
    let origin = Repo::new();
    origin.git(&["checkout", "-q", "-b", "develop"]);
    origin.write("a.txt", "a");
    origin.commit("one", "2025-12-01T10:00:00Z", "Jane Doe <jane@example.com>");
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("clone");
    origin.git(&[
        "clone",
        "-q",
        origin.path().to_str().unwrap(),
        clone.to_str().unwrap(),
    ]);
    let run = std::process::Command::new("git")
        .args(["checkout", "-q", "-b", "feature"])
        .current_dir(&clone)
        .status()
        .unwrap();
    assert!(run.success());
    crate::support::run_in(&clone, &["init"]).code(0);
    let text = std::fs::read_to_string(clone.join(".github/workflows/perfdoc-pages.yml")).unwrap();
    let pages: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(
        pages["on"]["push"]["branches"],
        serde_json::json!(["develop"])
    );
}

#[test]
fn a_branch_name_with_yaml_and_filter_syntax_stays_one_literal_branch() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "it's#x,y{z}+1!"]);
    repo.perfdoc(&["init"]).code(0);
    let (_, pages) = workflow(&repo, "perfdoc-pages.yml");
    // `+` and `!` are escaped for GitHub's filter syntax; the YAML keeps one string.
    assert_eq!(
        pages["on"]["push"]["branches"],
        serde_json::json!(["it's#x,y{z}\\+1\\!"])
    );
}

#[test]
fn workflows_use_the_action_of_this_release_and_keep_expressions_out_of_scripts() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let action = format!(
        "{}@v{}",
        env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/"),
        env!("CARGO_PKG_VERSION")
    );
    for name in ["perfdoc-check.yml", "perfdoc-pages.yml"] {
        let (text, w) = workflow(&repo, name);
        assert!(
            !text.contains("@PERFDOC_") && !text.contains("@DEFAULT_BRANCH@"),
            "{text}"
        );
        assert!(!text.contains("cargo install"), "{name} compiles perfdoc");
        assert_eq!(
            w["permissions"],
            serde_json::json!({}),
            "{name}: least privilege"
        );
        for (job_name, job) in w["jobs"].as_object().unwrap() {
            assert!(
                job["permissions"].is_object(),
                "{name}/{job_name} names its permissions"
            );
            for step in job["steps"].as_array().unwrap() {
                if let Some(run) = step["run"].as_str() {
                    assert!(
                        !run.contains("${{"),
                        "{name}: expression in a script: {run}"
                    );
                }
                if let Some(uses) = step["uses"].as_str() {
                    assert!(uses.contains('@'), "{name}: unpinned {uses}");
                }
            }
        }
        assert!(
            w["jobs"]["check"]["steps"]
                .as_array()
                .or(w["jobs"]["build"]["steps"].as_array())
                .unwrap()
                .iter()
                .any(|s| s["uses"] == action.as_str()),
            "{name} does not use {action}"
        );
    }
}
