//! A rebuild with nothing changed answers from the build stamp under `.git/perfdoc/` without
//! reading the practice: it says what the full build said, and the site is left as it is. Any
//! change to what the build reads (a document edited behind a restored mtime, a file added or
//! removed, an asset behind a symlink, a template, book.toml, the environment, a flag, git's
//! HEAD or replace refs, the output folder touched by hand, a stamp that cannot be trusted)
//! makes the next build do the work, with the bytes of a cold build.

use std::path::{Path, PathBuf};

use crate::support::{Repo, Run, run_with_env, tree_state};

const STAMP: &str = ".git/perfdoc/build-v1.json";
/// What the summary line says when the stamp answered.
const FAST: &str = "(nothing changed)";
const REPORT: &str = "reports/daily-2025-12-01.md";

fn practice() -> Repo {
    Repo::example_committed()
}

fn build(repo: &Repo, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = run_with_env(repo.path(), &all, env);
    run.code(0);
    run
}

fn fast(run: &Run) -> bool {
    run.stdout.contains(FAST)
}

/// Every file of a built site, relative to it, with its bytes.
fn site_at(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    tree_state(dir)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(dir).unwrap().to_path_buf(), b))
        .collect()
}

fn site(repo: &Repo) -> Vec<(PathBuf, Vec<u8>)> {
    site_at(&repo.path().join("site"))
}

/// The site a build from no stamp and no memo makes, into a folder outside the practice.
fn cold(repo: &Repo, args: &[&str], env: &[(&str, &str)]) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = repo.sibling("cold");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(repo.path().join(STAMP));
    for name in crate::support::names_starting(&repo.path().join(".git/perfdoc"), "site-v") {
        std::fs::remove_file(repo.path().join(".git/perfdoc").join(name)).unwrap();
    }
    let out = dir.to_str().unwrap().to_string();
    let mut all = vec!["--out", out.as_str()];
    all.extend_from_slice(args);
    let run = build(repo, &all, env);
    assert!(!fast(&run), "a cold build does the work: {}", run.stdout);
    site_at(&dir)
}

/// The summary line without its elapsed time.
fn timeless(stdout: &str) -> String {
    let re = regex::Regex::new(r"in [0-9.]+ s").unwrap();
    re.replace_all(stdout, "in T s")
        .replace(&format!(" {FAST}"), "")
}

/// Builds twice with `args` and `env`: the second build is answered by the stamp.
fn stamped(repo: &Repo, args: &[&str], env: &[(&str, &str)]) -> Run {
    let first = build(repo, args, env);
    assert!(
        !fast(&first),
        "the first build does the work: {}",
        first.stdout
    );
    let second = build(repo, args, env);
    assert!(
        fast(&second),
        "nothing changed, the stamp answers: {}",
        second.stdout
    );
    second
}

/// After a change, the build with `args` and `env` does the work and makes the bytes of a
/// cold build.
#[track_caller]
fn rebuilt(repo: &Repo, args: &[&str], env: &[(&str, &str)]) {
    let run = build(repo, args, env);
    assert!(
        !fast(&run),
        "a change makes the build do the work: {}",
        run.stdout
    );
    let made = site(repo);
    assert_eq!(made, cold(repo, args, env), "the bytes of a cold build");
}

#[test]
fn a_rebuild_with_nothing_changed_says_what_the_build_said_and_writes_nothing() {
    let repo = practice();
    // A link the site leaves out, so the build has a warning to say again.
    repo.write(
        "content/runbooks/out.md",
        "# Out\n\nSee [the secret](../../../etc/passwd).\n",
    );
    repo.commit("A runbook", "2026-01-01T09:00:00+00:00", "Jane Doe");
    let first = build(&repo, &[], &[]);
    assert!(!fast(&first), "{}", first.stdout);
    assert!(
        first.stderr.contains("not published"),
        "the warning: {}",
        first.stderr
    );
    assert!(repo.path().join(STAMP).is_file(), "the stamp is kept");
    let before = site(&repo);
    let index = repo.path().join("site/index.html");
    let mtime = std::fs::metadata(&index).unwrap().modified().unwrap();
    let second = build(&repo, &[], &[]);
    assert!(fast(&second), "the stamp answers: {}", second.stdout);
    assert_eq!(second.stderr, first.stderr, "the same warnings");
    assert_eq!(timeless(&second.stdout), timeless(&first.stdout));
    assert_eq!(site(&repo), before);
    assert_eq!(
        std::fs::metadata(&index).unwrap().modified().unwrap(),
        mtime,
        "nothing written"
    );
    let third = build(&repo, &[], &[]);
    assert!(fast(&third), "and again: {}", third.stdout);
    assert_eq!(before, cold(&repo, &[], &[]));
}

#[test]
fn a_document_edited_in_place_with_its_size_and_mtime_restored_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let path = repo.path().join(REPORT);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.rfind('e').expect("an e to change");
    let mut edited = text.clone();
    edited.replace_range(at..at + 1, "a");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_new_file_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write("content/runbooks/new.md", "# New\n\nA new page.\n");
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_deleted_file_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.remove(REPORT);
    rebuilt(&repo, &[], &[]);
}

#[cfg(unix)]
#[test]
fn an_asset_replaced_behind_a_symlink_is_seen() {
    let repo = practice();
    let svg = |h: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"{h}\"><rect width=\"1\" height=\"1\"/></svg>\n"
        )
    };
    repo.write("figures/chart.svg", svg(1));
    std::os::unix::fs::symlink(
        "../figures/chart.svg",
        repo.path().join("content/chart.svg"),
    )
    .unwrap();
    repo.write("content/chart.md", "# Chart\n\n![the chart](chart.svg)\n");
    repo.commit("A chart", "2026-01-01T09:00:00+00:00", "Jane Doe");
    stamped(&repo, &[], &[]);
    // A new file renamed over the old one, as an editor saves: the symlink is untouched.
    repo.write("figures/next.svg", svg(2));
    std::fs::rename(
        repo.path().join("figures/next.svg"),
        repo.path().join("figures/chart.svg"),
    )
    .unwrap();
    rebuilt(&repo, &[], &[]);
    let page = repo.read("site/files/content/chart.svg");
    assert!(page.contains("height=\"2\""), "the new chart: {page}");
}

#[test]
fn a_template_added_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write("templates/site/static/style.css", "body { color: teal }\n");
    rebuilt(&repo, &[], &[]);
    assert!(repo.read("site/static/style.css").contains("teal"));
}

#[test]
fn book_toml_changed_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let toml = repo.read("book.toml").replace(
        "Platform performance practice",
        "Platform performance handbook",
    );
    repo.write("book.toml", toml);
    rebuilt(&repo, &[], &[]);
    assert!(repo.read("site/index.html").contains("handbook"));
}

#[test]
fn the_site_url_from_the_environment_is_an_input() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    rebuilt(&repo, &[], &[("PERFDOC_SITE_URL", "/elsewhere/")]);
    assert!(repo.read("site/index.html").contains("/elsewhere/"));
}

#[test]
fn the_base_url_flag_is_an_input() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    rebuilt(&repo, &["--base-url", "/flagged/"], &[]);
    assert!(repo.read("site/index.html").contains("/flagged/"));
}

#[test]
fn a_new_commit_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Nothing but a commit",
    ]);
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_replace_ref_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let other = repo.git(&["commit-tree", tree.trim(), "-m", "The practice, rewritten"]);
    repo.git(&["replace", "HEAD", other.trim()]);
    rebuilt(&repo, &[], &[]);
}

#[test]
fn an_output_file_edited_by_hand_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write("site/index.html", "defaced\n");
    rebuilt(&repo, &[], &[]);
}

#[test]
fn an_output_file_deleted_by_hand_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.remove("site/search-index.json");
    rebuilt(&repo, &[], &[]);
}

#[test]
fn an_output_file_added_by_hand_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write("site/reports/extra.html", "not perfdoc's\n");
    rebuilt(&repo, &[], &[]);
    assert!(!repo.path().join("site/reports/extra.html").exists());
}

#[test]
fn a_file_added_at_the_top_of_the_output_is_seen() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write("site/extra.html", "not perfdoc's\n");
    rebuilt(&repo, &[], &[]);
    assert!(!repo.path().join("site/extra.html").exists());
}

#[test]
fn a_truncated_stamp_is_not_trusted() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let path = repo.path().join(STAMP);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_garbage_stamp_is_not_trusted() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    std::fs::write(repo.path().join(STAMP), "{\"garbage\": true}\n[1, 2, 3]\n").unwrap();
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_stamp_body_changed_under_its_digest_is_not_trusted() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let path = repo.path().join(STAMP);
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, body) = text.split_once('\n').unwrap();
    assert!(body.contains("\"pages\":"), "the body counts pages: {body}");
    let body = body.replacen("\"pages\":", "\"pages\":1", 1);
    std::fs::write(&path, format!("{head}\n{body}")).unwrap();
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_stamp_of_another_perfdoc_is_not_trusted() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    let path = repo.path().join(STAMP);
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, body) = text.split_once('\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_str(head).unwrap();
    assert!(
        header["perfdoc"].is_string(),
        "the header names perfdoc: {head}"
    );
    header["perfdoc"] = "0.0.1 (0000000 1970-01-01)".into();
    std::fs::write(&path, format!("{header}\n{body}")).unwrap();
    rebuilt(&repo, &[], &[]);
}

#[test]
fn a_build_of_broken_documents_fails_every_time_and_removes_the_stamp() {
    let repo = practice();
    stamped(&repo, &[], &[]);
    repo.write(
        "reports/daily-2025-12-02.md",
        "---\ntitle: [unclosed\n---\n",
    );
    for _ in 0..2 {
        let run = run_with_env(repo.path(), &["build"], &[]);
        assert_ne!(run.code, 0, "broken documents fail: {}", run.stdout);
        assert!(
            !repo.path().join(STAMP).exists(),
            "no stamp after a failure"
        );
    }
}

#[test]
fn a_stamp_names_the_folder_it_describes() {
    let repo = practice();
    let elsewhere = repo.sibling("elsewhere");
    let elsewhere = elsewhere.to_str().unwrap();
    stamped(&repo, &[], &[]);
    stamped(&repo, &["--out", elsewhere], &[]);
    let run = build(&repo, &[], &[]);
    assert!(
        !fast(&run),
        "the stamp was for the other folder: {}",
        run.stdout
    );
}

#[test]
fn outside_git_there_is_no_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    for item in ["book.toml", "reports", "optimizations", "content"] {
        crate::support::copy_tree(&src.join(item), &dir.path().join(item));
    }
    for _ in 0..2 {
        let run = run_with_env(dir.path(), &["build"], &[]);
        run.code(0);
        assert!(
            !fast(&run),
            "outside git every build is whole: {}",
            run.stdout
        );
    }
}

#[test]
fn a_new_commit_in_the_code_repository_is_seen() {
    let app = Repo::new();
    app.write("src/lib.rs", "fn main() {}\n");
    app.commit("Initial application", "2025-06-01T09:00:00Z", "Marcus Chen");
    let name = app.folder_name();
    let repo = Repo::example();
    assert_eq!(app.path().parent(), repo.path().parent());
    let toml = repo.read("book.toml").replace(
        "[preprocessor.perfdoc]\n",
        &format!("[preprocessor.perfdoc]\ncode-repository = \"../{name}\"\n"),
    );
    repo.write("book.toml", toml);
    repo.commit("The practice", "2025-11-30T09:00:00Z", "Jane Doe");
    stamped(&repo, &[], &[]);
    // Only its HEAD moves: no file of the clone's work tree changes.
    app.git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Index subscriptions by user",
    ]);
    rebuilt(&repo, &[], &[]);
}
