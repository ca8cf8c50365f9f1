//! `build` remembers what it made under `.git/perfdoc/`: a rebuild keeps the pages whose inputs
//! did not change (their files untouched), gives the same bytes as a cold build whatever the
//! cache held, and uses no cache it cannot trust: damaged, cut short, from another perfdoc,
//! for another folder. Outside git there is no cache.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::{Repo, tree_state};

const CACHE: &str = ".git/perfdoc/site-v4.json";
const REPORT: &str = "reports/daily-2025-12-31.md";

fn example() -> Repo {
    Repo::example_committed()
}

/// Every file of the built site, relative to it, with its bytes.
fn site(repo: &Repo, out: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo.path().join(out);
    tree_state(&dir)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(&dir).unwrap().to_path_buf(), b))
        .collect()
}

fn build(repo: &Repo, out: &str) {
    repo.perfdoc(&["build", "--out", out]).code(0);
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// The same bytes as a build from no cache at all, into a fresh folder.
fn cold(repo: &Repo) -> Vec<(PathBuf, Vec<u8>)> {
    let cache = repo.path().join(CACHE);
    let kept = std::fs::read(&cache).ok();
    let _ = std::fs::remove_file(&cache);
    let _ = std::fs::remove_dir_all(repo.path().join("cold"));
    build(repo, "cold");
    let out = site(repo, "cold");
    std::fs::remove_dir_all(repo.path().join("cold")).unwrap();
    match kept {
        Some(bytes) => std::fs::write(&cache, bytes).unwrap(),
        None => {
            let _ = std::fs::remove_file(&cache);
        }
    }
    out
}

#[test]
fn cold_warm_edited_and_back_give_the_bytes_of_a_cold_build() {
    let repo = example();
    build(&repo, "site");
    assert!(repo.path().join(CACHE).is_file(), "the cache is kept");
    let first = site(&repo, "site");
    assert!(first.len() > 20, "a whole site: {}", first.len());
    let page = repo.path().join("site/optimizations/index.html");
    let before = modified(&page);

    // Warm, nothing changed: the same bytes, and no file written again, not even the folder
    // swapped.
    #[cfg(unix)]
    let folder = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(repo.path().join("site")).unwrap().ino()
    };
    build(&repo, "site");
    assert_eq!(site(&repo, "site"), first);
    assert_eq!(modified(&page), before, "an unchanged page keeps its mtime");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = std::fs::metadata(repo.path().join("site")).unwrap().ino();
        assert_eq!(now, folder, "a build that changes nothing swaps nothing in");
    }

    // One edit: the bytes of a cold build of the edited practice.
    let original = repo.read(REPORT);
    repo.write(
        REPORT,
        original.replace("Daily performance report", "Daily check"),
    );
    build(&repo, "site");
    let edited = site(&repo, "site");
    assert_ne!(edited, first, "the edit shows");
    assert_eq!(edited, cold(&repo));

    // And back: the first site again, byte for byte.
    repo.write(REPORT, &original);
    build(&repo, "site");
    assert_eq!(site(&repo, "site"), first);
}

/// Overwrites `path` in place with other bytes of the same length and puts its mtime back, so
/// only a cache that is trusted keeps it.
fn tamper_keeping_stat(path: &Path) {
    let len = std::fs::metadata(path).unwrap().len() as usize;
    let when = modified(path);
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    use std::io::Write;
    (&file).write_all(&vec![b'x'; len]).unwrap();
    file.set_modified(when).unwrap();
}

/// The cache's first line as JSON, changed by `f`, written back.
fn edit_header(cache: &Path, f: impl Fn(&mut serde_json::Value)) {
    let bytes = std::fs::read(cache).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&bytes[..at]).unwrap();
    f(&mut header);
    let mut out = serde_json::to_vec(&header).unwrap();
    out.extend_from_slice(&bytes[at..]);
    std::fs::write(cache, out).unwrap();
}

/// A way to damage the cache file.
#[cfg(unix)]
type Damage = dyn Fn(&Path);

#[cfg(unix)]
#[test]
fn a_cache_that_cannot_be_trusted_is_rebuilt() {
    let repo = example();
    build(&repo, "site");
    let good = site(&repo, "site");
    let cache = repo.path().join(CACHE);
    let page = repo.path().join("site/optimizations/index.html");

    // The control: with the cache intact, a page whose file still looks as written is kept
    // as it is on disk, so a cache that were trusted when it should not be would show.
    tamper_keeping_stat(&page);
    build(&repo, "site");
    assert!(
        std::fs::read_to_string(&page).unwrap().starts_with("xxx"),
        "the cache is used"
    );

    let damages: [(&str, &Damage); 6] = [
        ("cut short", &|c| {
            let len = std::fs::metadata(c).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(c)
                .unwrap()
                .set_len(len - 10)
                .unwrap();
        }),
        ("not JSON", &|c| {
            std::fs::write(c, "\u{0}garbage\n{").unwrap()
        }),
        ("one byte of the body changed", &|c| {
            let mut bytes = std::fs::read(c).unwrap();
            let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 20;
            bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
            std::fs::write(c, bytes).unwrap();
        }),
        ("from another perfdoc", &|c| {
            edit_header(c, |h| h["perfdoc"] = "0.0.1 (0123456789)".into())
        }),
        ("of another format version", &|c| {
            edit_header(c, |h| h["version"] = 999.into())
        }),
        ("for another folder", &|c| {
            edit_header(c, |h| h["out"] = "/elsewhere/site".into())
        }),
    ];
    for (what, damage) in damages {
        // A file that is gone is made again.
        std::fs::remove_file(&page).unwrap();
        build(&repo, "site");
        assert_eq!(site(&repo, "site"), good, "{what}: a clean start");
        tamper_keeping_stat(&page);
        damage(&cache);
        build(&repo, "site");
        assert_eq!(site(&repo, "site"), good, "a cache {what} was trusted");
    }
}

#[test]
fn a_changed_template_or_output_file_is_made_again() {
    let repo = example();
    build(&repo, "site");
    let page = repo.path().join("site/optimizations/index.html");
    // A file of the site edited by hand is made again (its mtime moved).
    std::fs::write(&page, "edited").unwrap();
    build(&repo, "site");
    assert!(repo.read("site/optimizations/index.html").contains("<html"));
    // A new template shows on every page, kept ones included.
    let base = perfdoc::site::EMBEDDED
        .iter()
        .find(|(n, _)| *n == "base.html")
        .unwrap()
        .1;
    repo.write(
        "templates/site/base.html",
        base.replace("</body>", "<p>custom footer</p></body>"),
    );
    build(&repo, "site");
    for (path, bytes) in site(&repo, "site") {
        if path.extension().is_some_and(|e| e == "html") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("custom footer"), "{}", path.display());
        }
    }
    assert_eq!(site(&repo, "site"), cold(&repo));
}

#[test]
fn outside_git_there_is_no_cache() {
    let repo = example();
    let plain = tempfile::tempdir().unwrap();
    crate::support::copy_tree(repo.path(), plain.path());
    let _ = std::fs::remove_dir_all(plain.path().join(".git"));
    let before = tree_state(plain.path());
    crate::support::run_in(plain.path(), &["build", "--out", "site"]).code(0);
    crate::support::run_in(plain.path(), &["build", "--out", "site"]).code(0);
    let added: Vec<PathBuf> = tree_state(plain.path())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !p.starts_with(plain.path().join("site")))
        .filter(|p| !before.iter().any(|(b, _)| b == p))
        .collect();
    assert!(added.is_empty(), "written beside the site: {added:?}");
    assert!(!plain.path().join(".git").exists());
}
