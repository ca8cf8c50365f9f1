//! `perfdoc serve` keeps the history, the metrics and the change points between rebuilds and
//! reads each again only when what it came from changed. Whatever it kept, the folder it
//! serves holds the bytes a fresh `perfdoc build` of the same state writes: after an edit (its
//! page and the aggregates it appears in), a commit (the pages' history) and a changed
//! benchmark file (the pages drawn against the baseline).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::serve::{Serve, get, serve};
use crate::serve_delta::served_dir;
use tempfile::TempDir;

use crate::support::Repo;

const RECORD: &str = "optimizations/auth-session-pooling-2025-12-18.md";
const RECORD_PAGE: &str = "optimizations/auth-session-pooling-2025-12-18/index.html";

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// Waits until the live-reload version is past `seen`; returns it.
pub fn next_version(s: &Serve, seen: u64) -> u64 {
    for _ in 0..600 {
        let (_, body) = get(&s.addr, "/__perfdoc/version");
        let now: u64 = body.trim().parse().unwrap_or(seen);
        if now > seen {
            return now;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("serve did not rebuild after version {seen}");
}

/// The example practice with its history, served.
pub struct Served {
    pub repo: Repo,
    pub s: Serve,
    /// The folder `serve` serves from.
    pub dir: PathBuf,
    /// Where a fresh build goes, to compare.
    out: PathBuf,
    _tmp: TempDir,
    _build: TempDir,
}

impl Served {
    pub fn example() -> Served {
        let repo = Repo::example_with_history();
        let tmp = tempfile::tempdir().unwrap();
        let build = tempfile::tempdir().unwrap();
        let s = serve(&repo, tmp.path());
        Served {
            dir: served_dir(tmp.path()),
            out: build.path().join("site"),
            repo,
            s,
            _tmp: tmp,
            _build: build,
        }
    }

    /// Asserts that the folder served holds what `perfdoc build` of the same state writes.
    #[track_caller]
    pub fn assert_as_built(&self) {
        assert_as_built(&self.repo, &self.dir, &self.out);
    }
}

/// Asserts that the folder served holds what a `perfdoc build` of the same state writes from
/// nothing kept, file for file and byte for byte.
#[track_caller]
fn assert_as_built(repo: &Repo, served: &Path, out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    // The metrics `serve` kept on disk are not the build's to trust here: it reads them anew.
    let _ = std::fs::remove_file(repo.path().join(".git/perfdoc/metrics-v1.json"));
    let out_arg = out.to_str().unwrap();
    repo.perfdoc(&["build", "--base-url", "/", "--out", out_arg])
        .code(0);
    let (built, served) = (files(out), files(served));
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&served), names(&built), "the same files");
    for (path, bytes) in &built {
        assert!(
            served[path] == *bytes,
            "{} differs from a fresh build's",
            path.display()
        );
    }
}

#[test]
fn an_edit_a_commit_and_a_benchmark_file_serve_what_a_fresh_build_writes() {
    let live = Served::example();
    let (repo, s, served) = (&live.repo, &live.s, &live.dir);
    live.assert_as_built();
    let page = |rel: &str| String::from_utf8(std::fs::read(served.join(rel)).unwrap()).unwrap();

    // An edit: a new title and a new tag reach the record's page and the aggregates.
    let text = repo.read(RECORD);
    let edited = text
        .replacen("title: ", "title: Pooled sessions, ", 1)
        .replacen("tags: [", "tags: [pooling-edit, ", 1);
    assert_ne!(edited, text, "the record has a title and inline tags");
    repo.write(RECORD, &edited);
    let v = next_version(s, 1);
    assert!(page(RECORD_PAGE).contains("Pooled sessions, "));
    assert!(page("search-index.json").contains("Pooled sessions, "));
    assert!(served.join("tags/pooling-edit/index.html").is_file());
    live.assert_as_built();

    // A commit moves HEAD and nothing in the working tree: the record's history shows it.
    repo.commit(
        "Retitle the pooling record",
        "2026-01-02T10:00:00Z",
        "Jane Doe",
    );
    let v = next_version(s, v);
    assert!(page(RECORD_PAGE).contains("Retitle the pooling record"));
    live.assert_as_built();

    // A benchmark file: a run dated before the baseline's commit carrying its figures is the
    // run it was promoted from, so the baseline is drawn from that day on.
    let weekly = "reports/weekly-2025-W49/index.html";
    let before = page(weekly);
    let baseline = repo.read("benchmarks/main-baseline.json");
    repo.write("benchmarks/run-2025-11-20.json", baseline);
    next_version(s, v);
    assert_ne!(page(weekly), before, "the baseline's day moved");
    live.assert_as_built();
}
