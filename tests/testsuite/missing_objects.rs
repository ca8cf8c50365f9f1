//! History survives blobs the repository does not hold: a partial clone
//! (`--filter=blob:none`, common in CI) answers exactly as a full clone does, its blobs read
//! through `git`; a blob that is truly gone costs one warning, never the history.

use std::path::Path;

use crate::support::{ALICE, BOB, By, Repo, git_in, lines, perfdoc};

fn by(name: &str, day: u32) -> By<'_> {
    let date: &'static str = Box::leak(format!("2025-11-{day:02}T10:00:00+00:00").into_boxed_str());
    By { name, date }
}

fn log(dir: &Path) -> (serde_json::Value, String) {
    let out = perfdoc()
        .args(["-C", dir.to_str().unwrap(), "log", "--format", "json"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .assert()
        .success();
    let out = out.get_output();
    (
        serde_json::from_slice(&out.stdout).expect("log prints JSON"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A history whose answer needs old blobs: a report renamed with an edit (found only by
/// comparing contents) and another edited twice.
fn source() -> Repo {
    let repo = Repo::new();
    repo.write("reports/daily-2025-11-01.md", lines("first", 30));
    repo.write("optimizations/cache-2025-11-01.md", lines("cache", 20));
    repo.commit_by("start", by(ALICE, 1));
    repo.remove("reports/daily-2025-11-01.md");
    let mut edited = lines("first", 30);
    edited.push_str("one more line\n");
    repo.write("reports/daily-2025-11-02.md", &edited);
    repo.commit_by("rename with an edit", by(BOB, 2));
    repo.write(
        "optimizations/cache-2025-11-01.md",
        lines("cache", 20).replace("line 3:", "line three:"),
    );
    repo.commit_by("edit", by(ALICE, 3));
    repo.git(&["config", "uploadpack.allowFilter", "true"]);
    repo
}

/// Blobs the repository at `dir` lacks (`git rev-list --missing=print` marks them `?`).
fn missing_blobs(dir: &Path) -> usize {
    git_in(
        dir,
        &["rev-list", "--objects", "--all", "--missing=print"],
        None,
    )
    .lines()
    .filter(|l| l.starts_with('?'))
    .count()
}

#[test]
fn a_partial_clone_has_the_same_history_as_a_full_one() {
    let repo = source();
    let url = format!("file://{}", repo.path().display());
    let full = repo.sibling("full");
    let partial = repo.sibling("partial");
    git_in(
        repo.path(),
        &["clone", "-q", &url, full.to_str().unwrap()],
        None,
    );
    git_in(
        repo.path(),
        &[
            "clone",
            "-q",
            "--filter=blob:none",
            &url,
            partial.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        missing_blobs(&partial) > 0,
        "the clone should lack old blobs"
    );
    let (want, _) = log(&full);
    let (got, stderr) = log(&partial);
    assert_eq!(got, want, "stderr: {stderr}");
    assert_eq!(
        got[1]["previous_paths"],
        serde_json::json!(["reports/daily-2025-11-01.md"]),
        "{got}"
    );
    assert!(!stderr.contains("missing"), "{stderr}");
}

const DAILY: &str = "reports/daily-2025-12-04.md";

#[test]
fn a_lost_blob_costs_one_warning_not_the_history() {
    let repo = Repo::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join(DAILY);
    let daily = std::fs::read_to_string(example).unwrap();
    repo.write(DAILY, &daily);
    repo.write("notes.txt", "old notes, not a document\n");
    repo.commit_by("start", by(ALICE, 1));
    repo.write("notes.txt", "new notes\n");
    repo.write(DAILY, format!("{daily}\nOne more note.\n"));
    repo.commit_by("edit", by(BOB, 2));
    let lost = repo
        .git(&["rev-parse", "HEAD~1:notes.txt"])
        .trim()
        .to_owned();
    let object = repo
        .path()
        .join(".git/objects")
        .join(&lost[..2])
        .join(&lost[2..]);
    std::fs::remove_file(&object).expect("the blob is a loose object");

    let (json, stderr) = log(repo.path());
    assert_eq!(json[0]["path"], DAILY, "{json}");
    assert_eq!(json[0]["revisions"], 2, "{json}");
    assert_eq!(
        json[0]["authors"],
        serde_json::json!([ALICE, BOB]),
        "{json}"
    );
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(&lost)).collect();
    assert_eq!(warnings.len(), 1, "one warning naming the blob:\n{stderr}");
    assert!(warnings[0].starts_with("warning: "), "{stderr}");

    // The site keeps the page's history too.
    let out = perfdoc()
        .args(["-C", repo.path().to_str().unwrap(), "build"])
        .env("HOME", repo.path())
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.matches(&lost).count(), 1, "{stderr}");
    let page =
        std::fs::read_to_string(repo.path().join("site/reports/daily-2025-12-04/index.html"))
            .expect("the report's page");
    assert!(!page.contains("No git history"), "history dropped");
    assert!(page.contains(BOB) && page.contains(ALICE), "{page}");
}

#[test]
fn a_review_in_a_partial_clone_is_the_full_clone_review() {
    let repo = Repo::new();
    repo.write("book.toml", "");
    let page = format!("---\ntitle: A page\n---\n\n{}", lines("page", 30));
    repo.write("content/a.md", &page);
    repo.commit_by("base", by(ALICE, 1));
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.remove("content/a.md");
    repo.write("content/b.md", format!("{page}one more line\n"));
    repo.commit_by("rename with an edit", by(BOB, 2));
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["config", "uploadpack.allowFilter", "true"]);
    let url = format!("file://{}", repo.path().display());
    let review = |name: &str, filter: &[&str]| {
        let dir = repo.sibling(name);
        let mut args = vec!["clone", "-q", "--no-checkout"];
        args.extend_from_slice(filter);
        args.extend([url.as_str(), dir.to_str().unwrap()]);
        git_in(repo.path(), &args, None);
        git_in(&dir, &["checkout", "-q", "topic"], None);
        let out = perfdoc()
            .args([
                "-C",
                dir.to_str().unwrap(),
                "review",
                "--base",
                "origin/main",
            ])
            .args(["--format", "json"])
            .env("HOME", &dir)
            .assert()
            .success();
        (
            dir,
            String::from_utf8_lossy(&out.get_output().stdout).into_owned(),
        )
    };
    let (_, want) = review("full", &[]);
    let (partial, got) = review("partial", &["--filter=blob:none"]);
    assert_eq!(got, want);
    assert!(got.contains("\"renamed\": 1"), "{got}");
    assert_eq!(missing_blobs(&partial), 0, "the base's blob was fetched");
}
