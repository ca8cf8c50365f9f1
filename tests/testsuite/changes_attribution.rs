//! Where a change's commits come from: the practice's repository, or the application's local
//! clone that `code-repository` names (validated: it must be a git repository at exactly that
//! path); and the series of a run file overwritten in place, across its git history.

use crate::support::Repo;

/// The example practice committed before December, with `code-repository` set to `value`.
fn practice_with_code_repository(value: &str) -> Repo {
    let repo = Repo::example();
    let toml = repo.read("book.toml").replace(
        "[preprocessor.perfdoc]\n",
        &format!("[preprocessor.perfdoc]\ncode-repository = {value}\n"),
    );
    repo.write("book.toml", toml);
    repo.commit("Start the practice", "2025-11-30T09:00:00Z", "Jane Doe");
    repo.write("notes/practice.txt", "practice\n");
    repo.commit("Practice note", "2025-12-10T07:00:00Z", "Jane Doe");
    repo
}

/// An application repository beside the practice, with one commit in the slow-query
/// change's window (after 2025-12-09, up to 2025-12-10) and one long before.
fn app_beside(practice: &Repo) -> (Repo, String) {
    let app = Repo::new();
    app.write("src/lib.rs", "fn main() {}\n");
    app.commit("Initial application", "2025-06-01T09:00:00Z", "Marcus Chen");
    app.write(
        "migrations/42.sql",
        "CREATE INDEX subscriptions_user ON subscriptions(user_id);\n",
    );
    app.commit(
        "Index subscriptions by user",
        "2025-12-10T05:00:00Z",
        "Priya Raman",
    );
    let name = app.folder_name();
    assert_eq!(app.path().parent(), practice.path().parent());
    (app, format!("\"../{name}\""))
}

fn slow_queries_change(repo: &Repo) -> serde_json::Value {
    let run = repo.perfdoc(&["changes", "--metric", "slow_queries", "--format", "json"]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .find(|c| c["series"] == "daily")
        .cloned()
        .unwrap_or_else(|| panic!("no change in {}", run.stdout))
}

#[test]
fn code_repository_lists_the_applications_commits_instead() {
    let probe = Repo::new();
    let (app, value) = app_beside(&probe);
    let repo = practice_with_code_repository(&value);
    let change = slow_queries_change(&repo);
    let summaries: Vec<&str> = change["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries, ["Index subscriptions by user"], "{change}");
    let id = app.git(&["rev-parse", "HEAD"]);
    assert_eq!(change["commits"][0]["id"], id.trim());
    drop(app);
}

#[test]
fn without_code_repository_the_practices_commits_are_listed() {
    let repo = Repo::example();
    repo.commit("Start the practice", "2025-11-30T09:00:00Z", "Jane Doe");
    repo.write("notes/practice.txt", "practice\n");
    repo.commit("Practice note", "2025-12-10T07:00:00Z", "Jane Doe");
    let change = slow_queries_change(&repo);
    assert_eq!(change["commits"][0]["summary"], "Practice note", "{change}");
}

#[test]
fn a_missing_code_repository_is_an_error_at_its_line() {
    let repo = practice_with_code_repository("\"../no-such-app-clone\"");
    let run = repo.perfdoc(&["changes"]);
    run.code(2);
    assert!(run.stderr.contains("book.toml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("../no-such-app-clone"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(run.stderr.contains("git clone"), "{}", run.stderr);
}

#[test]
fn a_folder_inside_a_repository_is_not_a_repository() {
    // `reports` lies inside the practice's own repository: opening it must not climb to
    // that repository (nor, for `../x/src`, to an enclosing one), only take it as named.
    let repo = practice_with_code_repository("\"reports\"");
    let run = repo.perfdoc(&["changes"]);
    run.code(2);
    assert!(
        run.stderr.contains("`code-repository = \"reports\"`")
            && run.stderr.contains("is not a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_code_repository_values_are_refused_where_written() {
    for (value, why) in [
        ("\"/etc\"", "is not a relative path"),
        ("\"\"", "is empty"),
        ("\"C:\\\\app\"", "is not a relative path"),
        ("\"app\\u001b[31m\"", "control character"),
        ("42", "book.toml"),
    ] {
        let repo = Repo::example();
        let toml = repo.read("book.toml").replace(
            "[preprocessor.perfdoc]\n",
            &format!("[preprocessor.perfdoc]\ncode-repository = {value}\n"),
        );
        repo.write("book.toml", toml);
        let run = repo.perfdoc(&["changes"]);
        run.code(2);
        assert!(run.stderr.contains(why), "{value}: {}", run.stderr);
        assert!(run.stderr.contains("book.toml:"), "{value}: {}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}'), "{value}: {}", run.stderr);
    }
}

#[test]
fn a_symlinked_clone_is_followed_to_its_repository() {
    let probe = Repo::new();
    let (app, _) = app_beside(&probe);
    let repo = practice_with_code_repository("\"app-link\"");
    std::os::unix::fs::symlink(app.path(), repo.path().join("app-link")).unwrap();
    let change = slow_queries_change(&repo);
    assert_eq!(
        change["commits"][0]["summary"], "Index subscriptions by user",
        "{change}"
    );
}

/// A k6 summary export with the given p95.
fn k6_summary(p95: f64) -> String {
    format!(
        "{{\"metrics\":{{\"http_req_duration\":{{\"avg\":{avg},\"med\":{med},\"p(90)\":{p90},\"p(95)\":{p95},\"max\":{max},\"min\":10}}}}}}\n",
        avg = p95 / 2.0,
        med = p95 / 2.2,
        p90 = p95 * 0.9,
        max = p95 * 3.0
    )
}

#[test]
fn a_run_file_overwritten_in_place_is_a_series_across_its_history() {
    let repo = Repo::new();
    repo.write("reports/.keep", "");
    // Twelve nightly runs into the same file; p95 steps up by a quarter from the 8th night.
    let noise = [
        3.0, -2.0, 1.0, -4.0, 2.0, 0.0, -1.0, 4.0, -3.0, 1.0, -2.0, 3.0,
    ];
    for (i, wobble) in noise.iter().enumerate() {
        let p95 = if i < 7 { 400.0 } else { 500.0 } + wobble;
        repo.write("benchmarks/k6-nightly.json", k6_summary(p95));
        let day = format!("2025-12-{:02}T02:00:00Z", i + 1);
        repo.commit(&format!("Nightly run {}", i + 1), &day, "CI");
    }
    let run = repo.perfdoc(&["changes", "--metric", "p95_ms", "--format", "json"]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let change = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["series"] == "benchmarks/k6-nightly.json")
        .unwrap_or_else(|| panic!("no change across the file's history in {}", run.stdout));
    assert_eq!(change["date"], "2025-12-08");
    assert_eq!(change["index"], 7);
    assert_eq!(change["regression"], true);
    assert_eq!(change["commits"][0]["summary"], "Nightly run 8");
}
