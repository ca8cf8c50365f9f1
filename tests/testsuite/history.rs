//! `history::index`, `history::series` and `perfdoc log` on real repositories, checked against
//! what `git log --follow` says about the same history.

use std::path::Path;

use perfdoc::history::{self, HistoryIndex, HistorySource, NoProgress, Warning};

use crate::support::{ALICE, BOB, By, ISHA, Repo, git_in, lines, perfdoc};

fn by(name: &str, day: u32) -> By<'_> {
    // A leaked string keeps `By` a plain borrow; a few bytes per test.
    let date: &'static str = Box::leak(format!("2025-11-{day:02}T10:00:00+00:00").into_boxed_str());
    By { name, date }
}

fn index_all(root: &Path) -> HistoryIndex {
    let git = history::Session::discover(root).expect("open");
    history::index(git.as_ref(), root, &|_| true, &NoProgress).expect("index")
}

/// Our commits for `path` must be exactly `git log --follow`'s, in the same order.
fn assert_matches_git(repo: &Repo, index: &HistoryIndex, path: &str) {
    let doc = index
        .docs
        .get(path)
        .unwrap_or_else(|| panic!("{path} not indexed"));
    let ours: Vec<&str> = doc
        .commits
        .iter()
        .map(|r| r.stamp.commit.as_str())
        .collect();
    assert_eq!(ours, repo.follow(path), "history of {path}");
    assert_eq!(doc.revisions, ours.len());
    assert_eq!(doc.updated.commit, ours[0]);
    assert_eq!(doc.created.commit, ours[ours.len() - 1]);
}

#[test]
fn edits_by_several_authors() {
    let repo = Repo::new();
    repo.write("reports/daily.md", lines("a", 10));
    repo.commit_by("add daily", by(ALICE, 1));
    repo.write("reports/daily.md", lines("b", 10));
    repo.commit_by("rewrite daily", by(BOB, 2));
    repo.write("other.md", "unrelated\n");
    repo.commit_by("unrelated", by(BOB, 3));
    repo.write("reports/daily.md", lines("c", 10));
    repo.commit_by("edit again", by(ALICE, 4));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "reports/daily.md");
    let doc = &index.docs["reports/daily.md"];
    assert_eq!(doc.authors, vec![ALICE, BOB]);
    assert_eq!(doc.created.date, "2025-11-01T10:00:00+00:00");
    assert_eq!(doc.updated.date, "2025-11-04T10:00:00+00:00");
    assert_eq!(doc.commits[0].summary, "edit again");
    assert!(doc.previous_paths.is_empty());
    assert!(index.warnings.is_empty(), "{:?}", index.warnings);
}

#[test]
fn author_dates_keep_their_offset() {
    let repo = Repo::new();
    repo.write("a.md", "x\n");
    repo.commit_by(
        "add",
        By {
            name: ISHA,
            date: "2025-12-04T09:15:00+05:30",
        },
    );
    let index = index_all(repo.path());
    assert_eq!(index.docs["a.md"].created.date, "2025-12-04T09:15:00+05:30");
    assert_eq!(index.docs["a.md"].created.email, "isha.patel@example.com");
}

#[test]
fn a_rename_is_followed() {
    let repo = Repo::new();
    repo.write("optimizations/draft.md", lines("opt", 20));
    repo.commit_by("draft", by(ALICE, 1));
    repo.write("optimizations/draft.md", &(lines("opt", 20) + "more\n"));
    repo.commit_by("edit draft", by(BOB, 2));
    repo.git(&[
        "mv",
        "optimizations/draft.md",
        "optimizations/billing-2025-11-03.md",
    ]);
    repo.commit_by("rename", by(ISHA, 3));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "optimizations/billing-2025-11-03.md");
    let doc = &index.docs["optimizations/billing-2025-11-03.md"];
    assert_eq!(doc.previous_paths, vec!["optimizations/draft.md"]);
    assert_eq!(doc.commits[2].path, "optimizations/draft.md");
    assert_eq!(doc.authors, vec![ALICE, BOB, ISHA]);
}

#[test]
fn a_rename_with_an_edit_in_the_same_commit_is_followed() {
    let repo = Repo::new();
    repo.write("a.md", lines("a", 30));
    repo.commit_by("add", by(ALICE, 1));
    repo.remove("a.md");
    repo.write("b/renamed.md", &(lines("a", 30) + "an edit while moving\n"));
    repo.commit_by("move and edit", by(BOB, 2));
    repo.write("b/renamed.md", &(lines("a", 29) + "another edit\n"));
    repo.commit_by("edit", by(BOB, 3));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "b/renamed.md");
    assert_eq!(index.docs["b/renamed.md"].revisions, 3);
}

#[test]
fn a_copy_to_another_folder_then_edited_is_followed() {
    let repo = Repo::new();
    repo.write("reports/template.md", lines("t", 30));
    repo.commit_by("template", by(ALICE, 1));
    repo.write("reports/template.md", &(lines("t", 30) + "tweak\n"));
    repo.commit_by("tweak template", by(ALICE, 2));
    repo.write("content/copy.md", &(lines("t", 30) + "tweak\n"));
    repo.commit_by("copy", by(BOB, 3));
    repo.write(
        "content/copy.md",
        &(lines("t", 30) + "tweak\nedited copy\n"),
    );
    repo.commit_by("edit copy", by(BOB, 4));
    // Copied with an edit in the same commit: git says C0xx.
    repo.write("content/copy2.md", &(lines("t", 30) + "different ending\n"));
    repo.commit_by("copy with edit", by(ISHA, 5));
    let status = repo.git(&[
        "log",
        "--follow",
        "--name-status",
        "--format=",
        "--",
        "content/copy2.md",
    ]);
    assert!(
        status.lines().any(|l| l.starts_with('C')),
        "git sees a copy: {status}"
    );
    let index = index_all(repo.path());
    for path in ["content/copy.md", "content/copy2.md", "reports/template.md"] {
        assert_matches_git(&repo, &index, path);
    }
    assert_eq!(
        index.docs["content/copy.md"].previous_paths,
        vec!["reports/template.md"]
    );
    assert_eq!(
        index.docs["content/copy.md"].created.commit,
        index.docs["reports/template.md"].created.commit
    );
}

#[test]
fn unrelated_new_files_are_not_copies() {
    let repo = Repo::new();
    repo.write("a.md", lines("a", 30));
    repo.commit_by("a", by(ALICE, 1));
    repo.write("b.md", lines("b", 30));
    repo.commit_by("b", by(BOB, 2));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "b.md");
    assert_eq!(index.docs["b.md"].revisions, 1);
}

#[test]
fn merges_count_like_git_log_follow() {
    let repo = Repo::new();
    repo.write("reports/r.md", lines("r", 20));
    repo.write("other.md", "o\n");
    repo.commit_by("base", by(ALICE, 1));
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("reports/r.md", &(lines("r", 20) + "side edit\n"));
    repo.commit_by("side edit", by(BOB, 2));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("other.md", "o2\n");
    repo.commit_by("main edit", by(ALICE, 3));
    repo.merge("side", by(ALICE, 4));
    repo.git(&["checkout", "-q", "side"]);
    repo.git(&["mv", "reports/r.md", "reports/renamed.md"]);
    repo.commit_by("rename on side", by(ISHA, 5));
    repo.git(&["checkout", "-q", "main"]);
    repo.merge("side", by(ALICE, 6));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "reports/renamed.md");
    assert_matches_git(&repo, &index, "other.md");
    assert_eq!(index.docs["reports/renamed.md"].revisions, 3);
}

#[test]
fn file_names_with_spaces_and_non_ascii() {
    let repo = Repo::new();
    repo.write("content/Über die Latenz.md", lines("u", 10));
    repo.write("reports/weekly report 2025 W49.md", lines("w", 10));
    repo.commit_by("add", by(ALICE, 1));
    repo.git(&[
        "mv",
        "content/Über die Latenz.md",
        "content/über latenz – naïve.md",
    ]);
    repo.commit_by("rename", by(BOB, 2));
    let index = index_all(repo.path());
    assert_matches_git(&repo, &index, "content/über latenz – naïve.md");
    assert_matches_git(&repo, &index, "reports/weekly report 2025 W49.md");
    assert_eq!(
        index.docs["content/über latenz – naïve.md"].previous_paths,
        vec!["content/Über die Latenz.md"]
    );
}

#[test]
fn wanted_limits_the_documents() {
    let repo = Repo::new();
    repo.write("reports/a.md", "a\n");
    repo.write("notes/b.md", "b\n");
    repo.commit_by("add", by(ALICE, 1));
    let git = history::Session::discover(repo.path()).unwrap().unwrap();
    let index = git
        .index(&|p| p.starts_with("reports/"), &NoProgress)
        .unwrap();
    assert_eq!(index.docs.keys().collect::<Vec<_>>(), vec!["reports/a.md"]);
}

#[test]
fn an_empty_repository_has_no_history() {
    let repo = Repo::new();
    repo.write("reports/a.md", "uncommitted\n");
    let index = index_all(repo.path());
    assert_eq!(index.source, HistorySource::Empty);
    assert!(index.docs.is_empty());
    assert_eq!(
        index.warnings,
        vec![Warning::NoCommits {
            branch: Some("main".into())
        }]
    );
}

#[test]
fn an_unborn_branch_has_no_history() {
    let repo = Repo::new();
    repo.write("a.md", "a\n");
    repo.commit_by("add", by(ALICE, 1));
    repo.git(&["checkout", "-q", "--orphan", "fresh"]);
    let index = index_all(repo.path());
    assert_eq!(index.source, HistorySource::Empty);
    assert_eq!(
        index.warnings,
        vec![Warning::NoCommits {
            branch: Some("fresh".into())
        }]
    );
}

#[test]
fn a_detached_head_is_indexed_at_that_commit() {
    let repo = Repo::new();
    repo.write("a.md", "a\n");
    let first = repo.commit_by("add", by(ALICE, 1));
    repo.write("a.md", "a2\n");
    repo.commit_by("edit", by(BOB, 2));
    repo.git(&["checkout", "-q", "--detach", &first]);
    let index = index_all(repo.path());
    assert_eq!(
        index.source,
        HistorySource::Git {
            shallow: false,
            head: None,
            commit: first.clone()
        }
    );
    assert_eq!(index.docs["a.md"].revisions, 1);
    assert_eq!(index.docs["a.md"].updated.commit, first);
}

#[test]
fn a_linked_worktree_has_its_own_history_and_cache() {
    let repo = Repo::new();
    repo.write("a.md", "a\n");
    repo.commit_by("add", by(ALICE, 1));
    let wt = repo.sibling("linked");
    repo.git(&["worktree", "add", "-q", "-b", "other", wt.to_str().unwrap()]);
    std::fs::write(wt.join("b.md"), "b\n").unwrap();
    git_in(&wt, &["add", "-A"], None);
    git_in(
        &wt,
        &["commit", "-q", "-m", "b in worktree"],
        Some(by(BOB, 2)),
    );
    let index = index_all(&wt);
    assert_eq!(index.docs.len(), 2);
    assert_eq!(index.docs["b.md"].authors, vec![BOB]);
    match &index.source {
        HistorySource::Git { head, .. } => assert_eq!(head.as_deref(), Some("other")),
        other => panic!("{other:?}"),
    }
    // The cache sits in the worktree's own git dir, never in a working tree.
    assert!(repo.path().join(".git/worktrees/linked/perfdoc").is_dir());
    assert_eq!(
        git_in(&wt, &["status", "--porcelain", "--ignored"], None),
        ""
    );
    assert_eq!(index_all(repo.path()).docs.len(), 1);
}

#[test]
fn a_shallow_clone_works_and_says_how_to_get_full_history() {
    let repo = Repo::new();
    for day in 1..=4 {
        repo.write("a.md", lines(&format!("v{day}"), 5));
        repo.commit_by(&format!("edit {day}"), by(ALICE, day));
    }
    let clone = repo.sibling("shallow");
    let url = format!("file://{}", repo.path().display());
    git_in(
        repo.path(),
        &["clone", "-q", "--depth", "2", &url, clone.to_str().unwrap()],
        None,
    );
    let index = index_all(&clone);
    assert!(matches!(
        index.source,
        HistorySource::Git { shallow: true, .. }
    ));
    assert_eq!(index.warnings, vec![Warning::Shallow]);
    let text = index.warnings[0].to_string();
    assert!(
        text.contains("fetch-depth: 0") && text.contains("git fetch --unshallow"),
        "{text}"
    );
    assert_eq!(index.docs["a.md"].revisions, 2);
    // Deepening changes history under the same HEAD: the cache must notice.
    git_in(&clone, &["fetch", "-q", "--unshallow"], None);
    let index = index_all(&clone);
    assert!(index.warnings.is_empty());
    assert_eq!(index.docs["a.md"].revisions, 4);
}

#[test]
fn a_folder_that_is_not_a_repository_falls_back_to_file_times() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/a.md"), "a\n").unwrap();
    let index = index_all(dir.path());
    assert_eq!(index.source, HistorySource::FileTimes);
    assert!(matches!(
        index.warnings.as_slice(),
        [Warning::NotARepository { .. }]
    ));
    let doc = &index.docs["reports/a.md"];
    assert_eq!(doc.revisions, 0);
    assert!(doc.updated.commit.is_empty());
    assert!(
        jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", &doc.updated.date).is_ok(),
        "{}",
        doc.updated.date
    );
}

fn cache_file(repo: &Repo) -> std::path::PathBuf {
    let dir = repo.path().join(".git/perfdoc");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one cache file, no temporaries: {files:?}");
    files.pop().unwrap()
}

fn busy_repo() -> Repo {
    let repo = Repo::new();
    repo.write("reports/a.md", lines("a", 20));
    repo.write("reports/b.md", lines("b", 20));
    repo.commit_by("add", by(ALICE, 1));
    repo.git(&["mv", "reports/a.md", "reports/a2.md"]);
    repo.commit_by("rename", by(BOB, 2));
    repo
}

#[test]
fn the_cache_answers_an_unchanged_head() {
    let repo = busy_repo();
    let first = index_all(repo.path());
    let file = cache_file(&repo);
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    let second = index_all(repo.path());
    assert_eq!(first, second);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before,
        "not rewritten"
    );
    assert_eq!(repo.git(&["status", "--porcelain", "--ignored"]), "");
}

#[test]
fn a_truncated_cache_is_rebuilt() {
    let repo = busy_repo();
    let first = index_all(repo.path());
    let file = cache_file(&repo);
    let len = std::fs::metadata(&file).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let again = index_all(repo.path());
    assert_eq!(again.docs, first.docs);
    assert!(
        matches!(again.warnings.as_slice(), [Warning::CacheDiscarded { .. }]),
        "{:?}",
        again.warnings
    );
    // And the rebuilt cache is good again.
    assert_eq!(index_all(repo.path()), first);
}

#[test]
fn new_commits_extend_the_cache_to_the_same_answer_as_a_rebuild() {
    let repo = busy_repo();
    index_all(repo.path());
    repo.write("reports/b.md", lines("b", 21));
    repo.commit_by("edit b", by(ISHA, 3));
    repo.git(&["mv", "reports/a2.md", "reports/a3.md"]);
    repo.write("reports/c.md", lines("c", 20));
    repo.commit_by("rename again, add c", by(ISHA, 4));
    let extended = index_all(repo.path());
    std::fs::remove_dir_all(repo.path().join(".git/perfdoc")).unwrap();
    let rebuilt = index_all(repo.path());
    assert_eq!(extended, rebuilt);
    for path in ["reports/a3.md", "reports/b.md", "reports/c.md"] {
        assert_matches_git(&repo, &extended, path);
    }
    assert_eq!(
        extended.docs["reports/a3.md"].previous_paths,
        vec!["reports/a2.md", "reports/a.md"]
    );
}

#[test]
fn rewritten_history_rebuilds_the_cache() {
    let repo = busy_repo();
    index_all(repo.path());
    repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
    repo.write("reports/b.md", lines("b2", 20));
    repo.commit_by("different future", by(BOB, 5));
    let index = index_all(repo.path());
    assert!(index.docs.contains_key("reports/a.md"));
    assert_matches_git(&repo, &index, "reports/b.md");
    assert_matches_git(&repo, &index, "reports/a.md");
}

#[test]
fn series_reads_a_file_at_every_commit_that_changed_it() {
    let repo = Repo::new();
    repo.write("benchmarks/main-baseline.json", "{\"p95\": 300}\n");
    repo.commit_by("baseline", by(ALICE, 1));
    repo.write("README.md", "r\n");
    repo.commit_by("readme", by(ALICE, 2));
    repo.write("benchmarks/main-baseline.json", "{\"p95\": 250}\n");
    repo.commit_by("faster", by(BOB, 3));
    let git = history::Session::discover(repo.path()).unwrap().unwrap();
    let series = git.series("benchmarks/main-baseline.json").unwrap();
    let values: Vec<&str> = series
        .iter()
        .map(|(_, c)| std::str::from_utf8(c).unwrap().trim())
        .collect();
    assert_eq!(values, ["{\"p95\": 300}", "{\"p95\": 250}"]);
    assert_eq!(series[1].0.author, BOB);
    let err = git.series("nope.json").unwrap_err();
    assert!(err.to_string().contains("not tracked at HEAD"), "{err}");
}

#[test]
fn log_json_lists_default_folders() {
    let repo = Repo::new();
    repo.write("reports/daily-2025-11-01.md", "d\n");
    repo.write("optimizations/cache-2025-11-01.md", "o\n");
    repo.write("content/index.md", "i\n");
    repo.write("README.md", "not a document\n");
    repo.commit_by(
        "add",
        By {
            name: ISHA,
            date: "2025-11-01T09:15:00+05:30",
        },
    );
    let out = perfdoc()
        .args([
            "-C",
            repo.path().to_str().unwrap(),
            "log",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr("");
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let paths: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/index.md",
            "optimizations/cache-2025-11-01.md",
            "reports/daily-2025-11-01.md"
        ]
    );
    let first = &json[0];
    assert_eq!(first["created"]["date"], "2025-11-01T09:15:00+05:30");
    assert_eq!(first["created"]["author"], ISHA);
    assert_eq!(first["revisions"], 1);
    assert_eq!(first["authors"], serde_json::json!([ISHA]));
    assert_eq!(first["previous_paths"], serde_json::json!([]));
    assert_eq!(first["updated"]["commit"].as_str().unwrap().len(), 40);
}

#[test]
fn log_takes_files_and_folders_relative_to_the_directory() {
    let repo = Repo::new();
    repo.write("docs/a.md", "a\n");
    repo.write("docs/deep/b.md", "b\n");
    repo.write("docs/data.json", "{}\n");
    repo.write("bench.json", "{}\n");
    repo.commit_by("add", by(ALICE, 1));
    let out = perfdoc()
        .current_dir(repo.path().join("docs"))
        .args(["log", ".", "../bench.json", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let paths: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["bench.json", "docs/a.md", "docs/deep/b.md"]);
}

#[test]
fn log_human_is_an_aligned_table_and_warns_on_stderr() {
    let repo = Repo::new();
    repo.write("reports/a.md", "a\n");
    repo.write("reports/long-name-for-alignment.md", "b\n");
    repo.commit_by("add", by(ALICE, 1));
    repo.write("reports/a.md", "a2\n");
    repo.commit_by("edit", by(BOB, 2));
    let out = perfdoc()
        .args([
            "-C",
            repo.path().to_str().unwrap(),
            "log",
            "reports",
            "missing.md",
        ])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let expected = "\
PATH                                CREATED     UPDATED     REVS  AUTHORS
reports/a.md                        2025-11-01  2025-11-02     2  Alice Nguyen, Bob Okafor
reports/long-name-for-alignment.md  2025-11-01  2025-11-01     1  Alice Nguyen
";
    assert_eq!(stdout, expected);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("warning: `missing.md` matches no document"),
        "{stderr}"
    );
}

#[test]
fn log_outside_a_repository_warns_and_uses_file_times() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/a.md"), "a\n").unwrap();
    let out = perfdoc()
        .args([
            "-C",
            dir.path().to_str().unwrap(),
            "log",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("not inside a git repository"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json[0]["path"], "reports/a.md");
}

#[test]
fn log_fails_with_exit_code_2_and_the_cause() {
    let out = perfdoc()
        .args(["-C", "/nonexistent/perfdoc-test", "log"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with(
            "error: could not read `/nonexistent/perfdoc-test`\n  caused by: No such file or directory"
        ),
        "{stderr}"
    );
}

#[test]
fn log_output_never_contains_a_progress_bar_in_a_pipe() {
    let repo = busy_repo();
    perfdoc()
        .args([
            "-C",
            repo.path().to_str().unwrap(),
            "log",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr("");
}
