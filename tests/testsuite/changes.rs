//! `perfdoc changes`: change points in the example practice's series, with the commits that
//! landed in each change's window, and bad flags refused with a way out.

use crate::support::Repo;

fn practice_with_history() -> Repo {
    Repo::example_with_history()
}

#[test]
fn json_lists_each_change_with_the_commits_in_its_window() {
    let repo = practice_with_history();
    let run = repo.perfdoc(&["changes", "--format", "json"]);
    run.code(0);
    let changes: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let slow = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "slow_queries" && c["series"] == "daily")
        .unwrap_or_else(|| panic!("no slow_queries change in {}", run.stdout));
    assert_eq!(slow["date"], "2025-12-10");
    assert_eq!(slow["index"], 7);
    assert!(slow["before"].as_f64().unwrap() > slow["after"].as_f64().unwrap());
    assert!(slow["change_pct"].as_f64().unwrap() < -50.0);
    assert!(slow["p_value"].as_f64().unwrap() < 0.001);
    // Fewer slow queries is the good direction.
    assert_eq!(slow["regression"], false);
    let commits = slow["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 1, "{commits:?}");
    assert_eq!(
        commits[0]["summary"],
        "Add the subscriptions index\u{1b}[31m"
    );
    assert_eq!(commits[0]["author"], "Priya Raman");
    assert_eq!(commits[0]["date"], "2025-12-10");
    assert_eq!(commits[0]["id"].as_str().unwrap().len(), 40);
    let keys: Vec<&str> = slow
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for key in [
        "metric",
        "series",
        "date",
        "index",
        "before",
        "after",
        "change_pct",
        "p_value",
        "regression",
        "commits",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

#[test]
fn human_output_names_the_commits_without_their_escape_sequences() {
    let repo = practice_with_history();
    let run = repo.perfdoc(&["changes", "--metric", "slow_queries"]);
    run.code(0);
    assert!(
        run.stdout
            .contains("slow_queries (daily) -59.0% since 2025-12-10"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 commit in the window"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Add the subscriptions index?[31m (Priya Raman, 2025-12-10)")
    );
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(!run.stdout.contains("avg_ms"));
}

#[test]
fn since_and_a_strict_p_value_narrow_the_list() {
    let repo = practice_with_history();
    let run = repo.perfdoc(&["changes", "--since", "2025-12-11", "--format", "json"]);
    run.code(0);
    let changes: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let changes = changes.as_array().unwrap();
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .all(|c| c["date"].as_str().unwrap() >= "2025-12-11")
    );
    let strict = repo.perfdoc(&["changes", "--p-value", "1e-12"]);
    strict.code(0);
    assert_eq!(strict.stdout, "no change points\n");
}

#[test]
fn bad_flags_say_how_to_fix_them() {
    let repo = practice_with_history();
    for (args, help) in [
        (&["changes", "--p-value", "2"][..], "between 0 and 1"),
        (&["changes", "--window", "3"][..], "at least 6 points"),
        (&["changes", "--since", "last-week"][..], "YYYY-MM-DD"),
    ] {
        let run = repo.perfdoc(args);
        run.code(2);
        assert!(run.stderr.contains(help), "{args:?}: {}", run.stderr);
    }
}
