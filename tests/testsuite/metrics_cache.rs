//! `build` keeps the metrics over time and their change points under `.git/perfdoc/`: a
//! build after an edit of a document's body answers them from the file instead of reading
//! every version of the baseline again, and says again the warnings their reading gave. What
//! it makes is a cold build's, byte for byte and line for line; any input of the reading (a
//! commit, a run file in the working tree, a report's figures, book.toml) makes it read them
//! anew; a file that is damaged or from another perfdoc is not used, and is written again.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::{Repo, names_starting, tree_state};

const METRICS: &str = ".git/perfdoc/metrics-v1.json";
const STAMP: &str = ".git/perfdoc/build-v1.json";
const RECORD: &str = "optimizations/auth-session-pooling-2025-12-18.md";
const RUN: &str = "benchmarks/k6-2025-12-01.json";
const LEFT_OFF: &str = "a baseline version is left off the trends";

/// What a build made and said, its elapsed time left out.
#[derive(Debug, PartialEq)]
struct Built {
    site: Vec<(PathBuf, Vec<u8>)>,
    stdout: String,
    stderr: String,
}

/// A build that does the work: the stamp, which would answer a build with nothing changed
/// before anything is read, is removed first.
fn build(repo: &Repo) -> Built {
    let _ = std::fs::remove_file(repo.path().join(STAMP));
    let run = repo.perfdoc(&["build"]);
    run.code(0);
    let dir = repo.path().join("site");
    let re = regex::Regex::new(r"in [0-9.]+ s").unwrap();
    Built {
        site: tree_state(&dir)
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(&dir).unwrap().to_path_buf(), b))
            .collect(),
        stdout: re.replace_all(&run.stdout, "in T s").into_owned(),
        stderr: run.stderr,
    }
}

/// A build from nothing kept: no metrics file, no site cache, no site.
fn cold(repo: &Repo) -> Built {
    let kept = repo.path().join(".git/perfdoc");
    let _ = std::fs::remove_file(repo.path().join(METRICS));
    if kept.is_dir() {
        for name in names_starting(&kept, "site-v") {
            std::fs::remove_file(kept.join(name)).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(repo.path().join("site"));
    build(repo)
}

/// The metrics file as it is on disk: a build answered from it leaves it alone, one that
/// read the metrics anew puts a new file in its place.
fn file_id(repo: &Repo) -> (Vec<u8>, SystemTime, u64) {
    let path = repo.path().join(METRICS);
    let meta = std::fs::metadata(&path).expect("the metrics file is kept");
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let ino = 0;
    (std::fs::read(&path).unwrap(), meta.modified().unwrap(), ino)
}

/// An edit of a document's body: no input of the metrics changes.
fn edit_body(repo: &Repo, rel: &str) {
    let text = repo.read(rel);
    repo.write(rel, format!("{text}\nOne more line of notes.\n"));
}

/// A k6 summary with this average and p95.
fn summary(avg: f64, p95: f64) -> String {
    format!(
        r#"{{"metrics": {{"http_req_duration": {{"avg": {avg}, "med": 1, "p(95)": {p95}}}, "http_reqs": {{"count": 3, "rate": 5.2}}}}}}"#
    )
}

/// A daily report of `d` whose p95 is `v`.
fn daily(repo: &Repo, d: &str, v: impl std::fmt::Display) {
    repo.write(
        &format!("reports/daily-{d}.md"),
        format!(
            "---\ntitle: Daily\nkind: daily\ndate: {d}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  p95_ms: {v}\n---\n\n## Overnight Metrics\n\n- P95: {v} ms\n\n## Notable Events\n\n- None.\n\n## Action Items\n\n- None.\n"
        ),
    );
}

/// A small practice: December's daily reports with a step in their p95, a baseline file
/// committed in three versions (the first carrying the figures of the run of 1 December, so
/// it is drawn from that day), and that run in the benchmarks folder; `broken` adds a
/// version that does not parse between the second and the third.
fn small(broken: bool) -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    for day in 1..=20 {
        let v = if day <= 10 { 200 + day } else { 300 + day };
        daily(&repo, &format!("2025-12-{day:02}"), v);
    }
    repo.write(RUN, summary(250.0, 430.0));
    let mut versions = vec![
        ("2025-12-02T09:00:00Z", summary(250.0, 430.0)),
        ("2025-12-09T09:00:00Z", summary(240.0, 420.0)),
    ];
    if broken {
        versions.push(("2025-12-12T09:00:00Z", "{\"metrics\": ".to_string()));
    }
    versions.push(("2025-12-16T09:00:00Z", summary(230.0, 410.0)));
    for (n, (date, text)) in versions.into_iter().enumerate() {
        repo.write("benchmarks/main-baseline.json", text);
        repo.commit(&format!("Baseline, take {n}"), date, "Jane Doe");
    }
    repo
}

/// After a change the build reads the metrics anew (the file is written again) and makes
/// what a cold build makes, which differs from what it made before the change.
#[track_caller]
fn seen(repo: &Repo, before: &Built) {
    let old = file_id(repo);
    let after = build(repo);
    assert_ne!(file_id(repo), old, "the metrics are read anew");
    assert_ne!(after.site, before.site, "the change shows");
    assert_eq!(after, cold(repo), "the bytes and lines of a cold build");
}

#[test]
fn a_build_answered_from_the_file_is_a_cold_build_byte_for_byte() {
    for (repo, doc) in [
        (Repo::example_with_history(), RECORD),
        (small(false), "reports/daily-2025-12-05.md"),
    ] {
        build(&repo);
        assert!(repo.path().join(METRICS).is_file(), "the metrics are kept");
        edit_body(&repo, doc);
        let id = file_id(&repo);
        let warm = build(&repo);
        assert_eq!(
            file_id(&repo),
            id,
            "answered from the file, not written again"
        );
        assert!(
            warm.site
                .iter()
                .any(|(p, _)| p == Path::new("trends/index.html")),
            "a site with its trends"
        );
        assert_eq!(warm, cold(&repo));
    }
}

#[test]
fn the_warnings_reading_gave_are_said_again_from_the_file() {
    let repo = small(true);
    let first = build(&repo);
    assert!(first.stderr.contains(LEFT_OFF), "{}", first.stderr);
    edit_body(&repo, "reports/daily-2025-12-05.md");
    let id = file_id(&repo);
    let warm = build(&repo);
    assert_eq!(file_id(&repo), id, "answered from the file");
    assert_eq!(warm.stderr, first.stderr, "the same warnings, in order");
    assert_eq!(warm, cold(&repo));
}

#[test]
fn a_new_commit_changing_the_baseline_is_seen() {
    let repo = small(false);
    let before = build(&repo);
    repo.write("benchmarks/main-baseline.json", summary(400.0, 700.0));
    repo.commit("A slower baseline", "2025-12-19T09:00:00Z", "Jane Doe");
    seen(&repo, &before);
}

#[test]
fn a_run_file_edited_added_or_removed_in_the_working_tree_is_seen() {
    let repo = small(false);
    let before = build(&repo);
    // No longer the first baseline's figures: that version is drawn from its commit's day.
    repo.write(RUN, summary(251.0, 430.0));
    seen(&repo, &before);
    let before = build(&repo);
    repo.write("benchmarks/k6-2025-11-30.json", summary(250.0, 430.0));
    seen(&repo, &before);
    let before = build(&repo);
    repo.remove("benchmarks/k6-2025-11-30.json");
    seen(&repo, &before);
}

#[test]
fn a_figure_changed_in_a_reports_front_matter_is_seen() {
    let repo = small(false);
    let before = build(&repo);
    let rel = "reports/daily-2025-12-20.md";
    repo.write(rel, repo.read(rel).replace("p95_ms: 320", "p95_ms: 900"));
    seen(&repo, &before);
}

#[test]
fn a_metric_setting_changed_in_book_toml_is_seen() {
    let repo = Repo::example_with_history();
    let before = build(&repo);
    let toml = repo.read("book.toml");
    repo.write(
        "book.toml",
        format!("{toml}\n[preprocessor.perfdoc.metrics.p95_ms]\nname = \"Tail latency\"\n"),
    );
    seen(&repo, &before);
}

/// Ways to spoil the file: each leaves something a build must not trust.
/// A way to damage a cache file's bytes.
type Damage = fn(&[u8]) -> Vec<u8>;

fn damages() -> Vec<(&'static str, Damage)> {
    vec![
        ("cut short", |b| b[..b.len() / 2].to_vec()),
        ("one figure's digit changed", |b| {
            let mut b = b.to_vec();
            let text = String::from_utf8_lossy(&b).into_owned();
            let at = text.find("\"value\":").expect("a point's value") + "\"value\":".len();
            let digit = at + text[at..].find(|c: char| c.is_ascii_digit()).unwrap();
            b[digit] = if b[digit] == b'9' { b'1' } else { b[digit] + 1 };
            b
        }),
        ("another perfdoc's", |b| {
            let at = b.iter().position(|&c| c == b'\n').unwrap();
            let mut header: serde_json::Value = serde_json::from_slice(&b[..at]).unwrap();
            header["perfdoc"] = "0.0.0-elsewhere".into();
            let mut out = serde_json::to_vec(&header).unwrap();
            out.extend_from_slice(&b[at..]);
            out
        }),
    ]
}

#[test]
fn a_damaged_or_foreign_file_is_ignored_and_written_again() {
    let repo = small(false);
    let expected = cold(&repo);
    for (what, damage) in damages() {
        let path = repo.path().join(METRICS);
        let damaged = damage(&std::fs::read(&path).unwrap());
        std::fs::write(&path, &damaged).unwrap();
        assert_eq!(build(&repo), expected, "{what}: the bytes of a cold build");
        let id = file_id(&repo);
        assert_ne!(id.0, damaged, "{what}: written again");
        assert_eq!(build(&repo), expected, "{what}");
        assert_eq!(file_id(&repo), id, "{what}: the file written again is used");
    }
}

#[test]
fn with_a_code_repository_no_file_is_kept() {
    let app = Repo::new();
    app.write("src/lib.rs", "fn main() {}\n");
    app.commit("Initial application", "2025-06-01T09:00:00Z", "Marcus Chen");
    let repo = Repo::example();
    let toml = repo.read("book.toml").replace(
        "[preprocessor.perfdoc]\n",
        &format!(
            "[preprocessor.perfdoc]\ncode-repository = \"../{}\"\n",
            app.folder_name()
        ),
    );
    repo.write("book.toml", toml);
    repo.commit("The practice", "2025-11-30T09:00:00Z", "Jane Doe");
    build(&repo);
    assert!(
        !repo.path().join(METRICS).exists(),
        "the clone's commits are not watched: read every time"
    );
}
