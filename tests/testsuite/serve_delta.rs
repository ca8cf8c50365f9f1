//! `perfdoc serve` applies a saved document as a delta: only the files whose bytes changed are
//! replaced in the folder it serves, the reload answer names them, and each page's script
//! knows its own files, so only the pages that changed reload.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::serve::{get, serve};
use crate::support::Repo;

const REPORT: &str = "reports/daily-2025-12-31.md";
const REPORT_PAGE: &str = "reports/daily-2025-12-31/index.html";
const RECORD_PAGE: &str = "optimizations/auth-session-pooling-2025-12-18/index.html";

fn since(addr: &str, version: u64) -> serde_json::Value {
    let (status, body) = get(addr, &format!("/__perfdoc/version?since={version}"));
    assert!(status.contains("200"), "{status}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The folder `serve` serves from, under the TMPDIR it was given.
pub fn served_dir(tmp: &Path) -> PathBuf {
    let work = std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("perfdoc-serve-"))
        })
        .expect("serve's folder");
    work.join("site")
}

#[cfg(unix)]
#[test]
fn a_saved_document_changes_its_pages_only_and_only_they_reload() {
    use std::os::unix::fs::MetadataExt;
    let repo = Repo::example();
    let tmp = tempfile::tempdir().unwrap();
    let s = serve(&repo, tmp.path());
    let addr = s.addr.clone();

    // Each page's script names the files it was served from and the version it was served at.
    let (_, record) = get(
        &addr,
        &format!("/{}", RECORD_PAGE.trim_end_matches("index.html")),
    );
    assert!(
        record.contains(&format!("var mine = [\"{RECORD_PAGE}\"], seen = 1;")),
        "{record}"
    );
    let nothing = since(&addr, 1);
    assert_eq!(nothing["version"], 1);
    assert_eq!(nothing["changed"], serde_json::json!([]));
    assert_eq!(nothing["all"], false);

    let served = served_dir(tmp.path());
    let record_file = std::fs::metadata(served.join(RECORD_PAGE)).unwrap();

    let text = repo.read(REPORT);
    repo.write(
        REPORT,
        format!("{text}\nAn extra note about the last day of the year.\n"),
    );
    let mut answer = since(&addr, 1);
    for _ in 0..600 {
        if answer["version"] != 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        answer = since(&addr, 1);
    }
    assert_eq!(answer["version"], 2, "rebuilt once: {answer}");
    assert_eq!(answer["all"], false);
    let changed: Vec<&str> = answer["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    assert!(changed.contains(&REPORT_PAGE), "{changed:?}");
    assert!(!changed.contains(&RECORD_PAGE), "{changed:?}");
    assert!(
        changed.len() < 20,
        "a delta, not the whole site: {changed:?}"
    );
    let (_, page) = get(&addr, "/reports/daily-2025-12-31/");
    assert!(page.contains("An extra note about the last day"), "{page}");
    assert!(page.contains("seen = 2;"), "{page}");
    // The record's page was not written again.
    let after = std::fs::metadata(served.join(RECORD_PAGE)).unwrap();
    assert_eq!(
        (after.ino(), after.mtime(), after.mtime_nsec()),
        (
            record_file.ino(),
            record_file.mtime(),
            record_file.mtime_nsec()
        )
    );
    // A page asking from before what is remembered reloads.
    assert_eq!(since(&addr, 0)["all"], true);
}

#[test]
fn a_missing_page_reloads_when_its_page_appears_and_its_name_cannot_close_the_script() {
    let repo = Repo::example();
    let tmp = tempfile::tempdir().unwrap();
    let s = serve(&repo, tmp.path());
    let (status, body) = get(&s.addr, "/no/such/");
    assert!(status.contains("404"), "{status}");
    assert!(
        body.contains(r#"var mine = ["404.html","no/such/index.html"]"#),
        "{body}"
    );
    let (status, body) = get(&s.addr, "/%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E/");
    assert!(status.contains("404"), "{status}");
    assert!(!body.contains("<script>alert(1)"), "{body}");
    assert!(body.contains(r"\u003c/script>"), "{body}");
}
