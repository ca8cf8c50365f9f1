//! Two `perfdoc baseline promote` runs at once: they take turns, so the decisions are those of
//! one run after the other, each replaced baseline is archived once and no candidate is lost.

use std::fs::File;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::baseline::before_the_update;
use crate::support::Repo;

const BASELINE: &str = "benchmarks/main-baseline.json";
const DEC29: &str = "benchmarks/k6-baseline-2025-12-29.json";
const DEC15: &str = "benchmarks/k6-baseline-2025-12-15.json";

fn spawn(repo: &Repo, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_perfdoc"))
        .args(args)
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("perfdoc starts")
}

/// Starts both promotions while the test holds the promotion lock (the baseline's folder), so
/// both are running and waiting when it is released: the race is real every time.
fn race(repo: &Repo, a: &[&str], b: &[&str]) -> [(i32, String); 2] {
    let folder = File::open(repo.path().join("benchmarks")).unwrap();
    folder.lock().unwrap();
    let children = [spawn(repo, a), spawn(repo, b)];
    std::thread::sleep(Duration::from_millis(300));
    folder.unlock().unwrap();
    children.map(|c| {
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap(), stdout)
    })
}

/// Every archive beside the baseline, oldest name first.
fn archives(repo: &Repo) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo.path().join("benchmarks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("main-baseline-"))
        .collect();
    names.sort();
    names
}

#[test]
fn two_forced_promotions_at_once_archive_each_baseline_once_and_lose_no_candidate() {
    for _ in 0..3 {
        let repo = before_the_update();
        let nov = repo.read(BASELINE);
        let [a, b] = race(
            &repo,
            &["baseline", "promote", DEC29, "--force"],
            &["baseline", "promote", DEC15, "--force"],
        );
        assert_eq!((a.0, b.0), (0, 0), "{}\n{}", a.1, b.1);
        // One after the other: November archived by the first, the first's candidate by
        // the second, and the second's candidate in force.
        let archived: Vec<String> = archives(&repo)
            .iter()
            .map(|n| repo.read(&format!("benchmarks/{n}")))
            .collect();
        let (dec29, dec15) = (repo.read(DEC29), repo.read(DEC15));
        let current = repo.read(BASELINE);
        assert_eq!(archived.len(), 2, "two replaced baselines, two archives");
        assert!(archived.contains(&nov), "November was archived");
        let (first, second) = if current == dec15 {
            (&dec29, &dec15)
        } else {
            (&dec15, &dec29)
        };
        assert_eq!(&current, second, "the second candidate is in force");
        assert!(
            archived.contains(first),
            "the first candidate was archived, not lost"
        );
    }
}

#[test]
fn two_promotions_of_the_same_run_at_once_update_once() {
    for _ in 0..3 {
        let repo = before_the_update();
        // Two copies of the month-end run: the first to go replaces November, the second
        // then finds that run in force and nothing to improve on.
        repo.write("benchmarks/run-a.json", repo.read(DEC29));
        repo.write("benchmarks/run-b.json", repo.read(DEC29));
        let [a, b] = race(
            &repo,
            &["baseline", "promote", "benchmarks/run-a.json"],
            &["baseline", "promote", "benchmarks/run-b.json"],
        );
        let mut codes = [a.0, b.0];
        codes.sort();
        assert_eq!(codes, [0, 1], "one UPDATE, one KEEP\n{}\n{}", a.1, b.1);
        let updates = [&a.1, &b.1]
            .iter()
            .filter(|s| s.starts_with("Baseline decision: UPDATE"))
            .count();
        assert_eq!(updates, 1, "{}\n{}", a.1, b.1);
        assert_eq!(archives(&repo), ["main-baseline-2025-11.json"]);
        assert_eq!(repo.read(BASELINE), repo.read(DEC29));
    }
}
