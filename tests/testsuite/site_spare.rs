//! The spare site: a rebuild swaps the old site out into `.git/perfdoc/site-spare` and the
//! next one brings that copy up to date and swaps it back in. What it publishes is always
//! what a cold build makes; a spare that is not exactly what the cache recorded (a file
//! planted, a file changed, a symlink in its place) is deleted, never published, never
//! followed.

use std::path::{Path, PathBuf};

use crate::support::{Repo, copy_tree, names_starting, tree_state};

const SPARE: &str = ".git/perfdoc/site-spare";
const REPORT: &str = "reports/daily-2025-12-31.md";

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = tree_state(dir)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(dir).unwrap().to_path_buf(), b))
        .collect();
    out.sort();
    out
}

fn build(repo: &Repo) {
    repo.perfdoc(&["build", "--out", "site"]).code(0);
}

/// The site of a build from no cache into a fresh folder; the cache and spare are put back.
fn cold(repo: &Repo) -> Vec<(PathBuf, Vec<u8>)> {
    let fresh = tempfile::tempdir().unwrap();
    let copy = fresh.path().join("practice");
    copy_tree(repo.path(), &copy);
    std::fs::remove_dir_all(copy.join(".git/perfdoc")).unwrap();
    std::fs::remove_dir_all(copy.join("site")).unwrap();
    crate::support::run_in(&copy, &["build", "--out", "site"]).code(0);
    files(&copy.join("site"))
}

/// A new version of the report, its `n`th.
fn edit(repo: &Repo, n: usize) {
    let text = repo.read(REPORT);
    repo.write(REPORT, format!("{text}\nEdit number {n}.\n"));
}

#[test]
fn rebuilds_through_the_spare_site_give_the_bytes_of_a_cold_build() {
    let repo = Repo::example_committed();
    build(&repo);
    assert!(
        !repo.path().join(SPARE).exists(),
        "no spare after a first build"
    );
    let mut previous = files(&repo.path().join("site"));
    for n in 1..=3 {
        edit(&repo, n);
        build(&repo);
        let site = files(&repo.path().join("site"));
        assert_ne!(site, previous, "edit {n} shows");
        assert_eq!(site, cold(&repo), "edit {n}: the bytes of a cold build");
        assert_eq!(
            files(&repo.path().join(SPARE)),
            previous,
            "edit {n}: the spare is the site swapped out"
        );
        previous = site;
    }
    let strays = names_starting(repo.path(), ".perfdoc-");
    assert!(strays.is_empty(), "left beside the site: {strays:?}");
}

/// The example practice built, edited and built again: its spare site is there.
fn with_spare() -> Repo {
    let repo = Repo::example_committed();
    build(&repo);
    edit(&repo, 1);
    build(&repo);
    assert!(
        repo.path().join(SPARE).join("index.html").is_file(),
        "the spare is there"
    );
    repo
}

#[test]
fn a_spare_site_that_is_not_as_recorded_is_never_published() {
    let repo = with_spare();
    let spare = repo.path().join(SPARE);

    // A file added to the spare.
    std::fs::write(spare.join("planted.html"), "<script>alert(1)</script>").unwrap();
    edit(&repo, 2);
    build(&repo);
    assert!(
        !repo.path().join("site/planted.html").exists(),
        "planted file published"
    );
    assert_eq!(files(&repo.path().join("site")), cold(&repo));

    // A file of the spare changed.
    let page = repo.path().join(SPARE).join("optimizations/index.html");
    assert!(page.is_file());
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, "changed").unwrap();
    edit(&repo, 3);
    build(&repo);
    assert!(
        !repo
            .read("site/optimizations/index.html")
            .contains("changed")
    );
    assert_eq!(files(&repo.path().join("site")), cold(&repo));
}

#[cfg(unix)]
#[test]
fn a_spare_site_that_is_a_symlink_is_neither_used_nor_followed() {
    let repo = with_spare();
    // The spare replaced by a symlink to a copy of it: same files, same stats.
    let spare = repo.path().join(SPARE);
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("copy");
    std::fs::rename(&spare, &target).unwrap();
    std::os::unix::fs::symlink(&target, &spare).unwrap();
    let before = tree_state(&target);
    edit(&repo, 2);
    build(&repo);
    assert_eq!(
        tree_state(&target),
        before,
        "the folder it led to is untouched"
    );
    assert_eq!(files(&repo.path().join("site")), cold(&repo));
    let now = std::fs::symlink_metadata(&spare).unwrap();
    assert!(
        now.is_dir(),
        "the symlink is gone; the old site is the spare now"
    );
}
