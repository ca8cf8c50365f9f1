//! Nothing lost: writes are atomic, an interrupted run leaves the old state or the new, and
//! two processes writing at once do not corrupt each other.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{Repo, names_starting};

fn perfdoc_cmd(repo: &Repo, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_perfdoc"));
    cmd.args(args)
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Files a scaffold may leave: the document (complete) or nothing; never a partial one.
fn assert_whole_or_absent(repo: &Repo, rel: &str, whole: &str) {
    match std::fs::read_to_string(repo.path().join(rel)) {
        Ok(text) => assert_eq!(text, whole, "a partial document was left"),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
    }
}

#[test]
fn killed_at_random_moments_new_leaves_nothing_or_the_whole_document() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let rel = "optimizations/billing-stripe-2025-12-04.md";
    let args = [
        "new",
        "optimization",
        "billing-stripe",
        "--date",
        "2025-12-04",
    ];
    repo.perfdoc(&args).code(0);
    let whole = repo.read(rel);
    // A pseudo-random spread of kill times from the clock, so runs differ.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    for _ in 0..25 {
        std::fs::remove_file(repo.path().join(rel)).ok();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % 30_000);
        let mut child = perfdoc_cmd(&repo, &args).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        assert_whole_or_absent(&repo, rel, &whole);
    }
}

#[test]
fn two_processes_creating_the_same_document_one_wins_whole() {
    for _ in 0..10 {
        let repo = Repo::new();
        repo.perfdoc(&["init"]).code(0);
        let args = [
            "new",
            "daily",
            "--date",
            "2025-12-04",
            "--owner",
            "Jane Doe",
        ];
        let a = perfdoc_cmd(&repo, &args).spawn().unwrap();
        let b = perfdoc_cmd(&repo, &args).spawn().unwrap();
        let ok = [a, b]
            .into_iter()
            .map(|mut c| c.wait().unwrap().success())
            .filter(|s| *s)
            .count();
        assert_eq!(ok, 1, "exactly one process may create the file");
        let text = repo.read("reports/daily-2025-12-04.md");
        assert!(
            text.starts_with("---\n") && text.contains("## Action Items"),
            "{text}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(repo.path().join("reports"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".perfdoc-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn two_builds_at_once_leave_one_whole_site() {
    let repo = Repo::example();
    let out = repo.path().join("public");
    let args = ["build", "--out", "public", "--base-url", "/"];
    repo.perfdoc(&args).code(0);
    let whole = crate::site::site_files(&out);
    for _ in 0..5 {
        let a = perfdoc_cmd(&repo, &args).spawn().unwrap();
        let b = perfdoc_cmd(&repo, &args).spawn().unwrap();
        let ok = [a, b]
            .into_iter()
            .map(|mut c| c.wait().unwrap().success())
            .filter(|s| *s)
            .count();
        // Builds into one folder take turns, so both succeed.
        assert_eq!(ok, 2, "both builds succeed");
        assert_eq!(crate::site::site_files(&out), whole, "the site is whole");
    }
    let left = strays(repo.path());
    assert!(left.is_empty(), "temporary folders left: {left:?}");
}

/// Names beginning `.perfdoc-` in `dir`: a build's temporary folders.
fn strays(dir: &std::path::Path) -> Vec<String> {
    names_starting(dir, ".perfdoc-")
}

#[test]
fn builds_killed_at_random_moments_always_leave_a_whole_site_and_no_leftovers_after() {
    let repo = Repo::example();
    let out = repo.path().join("public");
    let args = ["build", "--out", "public", "--base-url", "/"];
    // Each build changes a page, so each one writes a new site (a build that changes
    // nothing leaves the old site as it is).
    let doc = "reports/daily-2025-12-31.md";
    let texts = [
        repo.read(doc),
        format!("{}\nOne more line.\n", repo.read(doc)),
    ];
    let mut wholes = Vec::new();
    let started = std::time::Instant::now();
    for text in &texts {
        repo.write(doc, text);
        repo.perfdoc(&args).code(0);
        wholes.push(crate::site::site_files(&out));
    }
    let took = started.elapsed().as_micros() as u64 / 2;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut interrupted = 0;
    for i in 0..30 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Anywhere in a whole build, the swap at its end included.
        let delay = Duration::from_micros((seed >> 33) % (took + took / 4 + 1));
        repo.write(doc, &texts[i % 2]);
        let mut child = perfdoc_cmd(&repo, &args).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if !strays(repo.path()).is_empty() {
            interrupted += 1;
        }
        assert!(
            wholes.contains(&crate::site::site_files(&out)),
            "after a kill -9 {delay:?} into a build the site is there and whole"
        );
    }
    assert!(interrupted > 0, "no kill landed while a build was writing");
    repo.write(doc, &texts[0]);
    repo.perfdoc(&args).code(0);
    assert_eq!(crate::site::site_files(&out), wholes[0]);
    let left = strays(repo.path());
    assert!(left.is_empty(), "the next build left: {left:?}");
}

#[cfg(unix)]
#[test]
fn a_planted_leftover_symlink_is_not_taken_for_a_killed_build() {
    let repo = Repo::example();
    // What a hostile change could commit: a "site stranded by a killed build" that is a
    // symlink to the documents, marked as perfdoc's output.
    // `site -> reports` resolves inside the graveyard, where a marker waits, until it is
    // moved beside `reports`.
    repo.write(".perfdoc-old-x1/reports/.perfdoc-site", "");
    std::os::unix::fs::symlink("reports", repo.path().join(".perfdoc-old-x1/site")).unwrap();
    std::os::unix::fs::symlink("reports", repo.path().join(".perfdoc-build-x2")).unwrap();
    let before = crate::support::tree_state(&repo.path().join("reports"));
    repo.perfdoc(&["build"]).code(0);
    assert_eq!(
        crate::support::tree_state(&repo.path().join("reports")),
        before,
        "the documents are untouched"
    );
    let site = std::fs::symlink_metadata(repo.path().join("site")).unwrap();
    assert!(site.is_dir(), "the site is a real folder");
    assert!(repo.path().join("site/index.html").is_file());
}
