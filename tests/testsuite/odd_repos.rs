//! Odd repositories: bare, with a submodule, a case-only rename, mixed line ends, a long
//! history made with fast-import. None may crash; each answers sensibly.

use crate::check::DAILY;
use crate::support::{Repo, run_in};

#[test]
fn a_bare_repository_is_not_a_practice_and_log_says_why() {
    let repo = Repo::new();
    repo.write("reports/daily-2025-12-04.md", DAILY);
    repo.commit("daily", "2025-12-04T08:00:00+01:00", "Priya Raman");
    let bare = tempfile::tempdir().unwrap();
    let bare_path = bare.path().join("practice.git");
    repo.git(&["clone", "-q", "--bare", ".", bare_path.to_str().unwrap()]);
    let log = run_in(&bare_path, &["log"]);
    assert!(log.code == 0 || log.code == 2, "{}", log.stderr);
    assert!(!log.stderr.contains("panicked"), "{}", log.stderr);
    let check = run_in(&bare_path, &["check"]);
    check.code(2);
    assert!(check.stderr.contains("perfdoc init"), "{}", check.stderr);
}

#[test]
fn a_submodule_inside_the_practice_is_left_alone() {
    let inner = Repo::new();
    inner.write("README.md", "# vendored\n");
    inner.commit("inner", "2025-12-01T08:00:00+00:00", "Jane Doe");
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.write("reports/daily-2025-12-04.md", DAILY);
    repo.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        inner.path().to_str().unwrap(),
        "content/vendored",
    ]);
    repo.commit("with a submodule", "2025-12-04T08:00:00+00:00", "Jane Doe");
    // The submodule's README lies under content/: a free page, which needs no front matter.
    repo.perfdoc(&["check"]).code(0);
    let log = repo.perfdoc(&["log", "--format", "json"]);
    log.code(0);
    assert!(
        log.stdout.contains("reports/daily-2025-12-04.md"),
        "{}",
        log.stdout
    );
}

#[test]
fn a_case_only_rename_is_followed() {
    let repo = Repo::new();
    repo.write("content/Runbook.md", "# Runbook\n\nStep one.\n");
    repo.commit("add", "2025-12-01T08:00:00+00:00", "Jane Doe");
    repo.git(&["mv", "content/Runbook.md", "content/runbook.md"]);
    repo.commit(
        "lower-case name",
        "2025-12-02T08:00:00+00:00",
        "Marcus Chen",
    );
    let log = repo.perfdoc(&["log", "--format", "json", "content/runbook.md"]);
    log.code(0);
    let v: serde_json::Value = serde_json::from_str(&log.stdout).unwrap();
    assert_eq!(v[0]["revisions"], 2, "{}", log.stdout);
    assert_eq!(
        v[0]["previous_paths"][0], "content/Runbook.md",
        "{}",
        log.stdout
    );
}

#[test]
fn mixed_line_ends_in_one_file() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let mixed: String = DAILY
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i % 2 == 0 {
                format!("{l}\r\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    repo.write("reports/daily-2025-12-04.md", &mixed);
    repo.perfdoc(&["check"]).code(0);
    let broken = mixed.replace("status: GREEN", "status: BLUE");
    repo.write("reports/daily-2025-12-04.md", broken);
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("daily-2025-12-04.md:6:9"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_100_000_commit_history_made_with_fast_import() {
    // 100,000 commits, each touching one of 50 documents, streamed into git in one go.
    let repo = Repo::new();
    let mut stream = String::new();
    for i in 0..100_000u32 {
        let doc = i % 50;
        let body = format!("---\ntitle: Page {doc}\n---\n\nRevision {i}.\n");
        stream.push_str(&format!(
            "commit refs/heads/main\nauthor A <a@example.com> {} +0000\ncommitter A <a@example.com> {} +0000\ndata 3\nc{}\n",
            1_700_000_000 + i, 1_700_000_000 + i, i % 10
        ));
        // Commits to the same branch in one stream chain onto each other by themselves.
        stream.push_str(&format!(
            "M 100644 inline content/page-{doc}.md\ndata {}\n{body}\n",
            body.len()
        ));
    }
    let mut child = std::process::Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(repo.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    repo.git(&["checkout", "-q", "-f", "main"]);
    let log = repo.perfdoc(&["log", "--format", "json"]);
    log.code(0);
    let v: serde_json::Value = serde_json::from_str(&log.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 50);
    assert_eq!(
        v[0]["revisions"],
        2000,
        "{}",
        &log.stdout[..400.min(log.stdout.len())]
    );
}
