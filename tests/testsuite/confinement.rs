//! Nothing from outside the practice reaches the site: symlinked folders and documents that
//! lead out of it or into `.git`, links that climb out with `..` (plain or percent-encoded),
//! symlink loops, and files that would run script in the site's origin. `check` reports each
//! one; the build copies none of them and says why.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::support::{Repo, tree_state_links};

const SECRET: &str = "TOP-SECRET-7f3a9c-outside-the-practice";
const GIT_SECRET: &str = "AUTHORIZATION: basic c2VjcmV0LWdpdC10b2tlbg==";
const SCRIPT: &str = "alert('perfdoc-script-ran')";

struct Hostile {
    repo: Repo,
    outside: tempfile::TempDir,
}

/// A practice whose documents link at everything they must not publish.
fn hostile() -> Hostile {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir_all(outside.path().join("records")).unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        format!("---\ntitle: Stolen\n---\n\n{SECRET}\n"),
    )
    .unwrap();
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    repo.git(&["config", "http.https://github.com/.extraheader", GIT_SECRET]);
    let root = repo.path();
    symlink("/", root.join("content/root")).unwrap();
    symlink("../.git", root.join("content/git")).unwrap();
    symlink(outside.path(), root.join("content/away")).unwrap();
    symlink("loop", root.join("content/loop")).unwrap();
    symlink(
        outside.path().join("secret.md"),
        root.join("content/stolen.md"),
    )
    .unwrap();
    let abs = outside.path().join("secret.txt");
    let abs = abs.to_str().unwrap().trim_start_matches('/');
    let climb = "../".repeat(20);
    let links = [
        format!("[root](root/{abs})"),
        "[git](git/config)".to_string(),
        "[away](away/secret.txt)".to_string(),
        format!("[climb]({climb}{abs})"),
        "[gitconfig](../.git/config)".to_string(),
        "[encoded](%2E%2E/.git/config)".to_string(),
        "[encoded-slash](..%2F.git%2Fconfig)".to_string(),
        format!("[encoded-root](root%2F{})", abs.replace('/', "%2F")),
        "[loop](loop/x.png)".to_string(),
        "[html](attack.html)".to_string(),
        "[svg](flame.svg)".to_string(),
        "[bad-svg](bad.svg)".to_string(),
        "[fine](chart.png)".to_string(),
    ];
    std::fs::write(
        root.join("content/attack.html"),
        format!("<html><body><script>{SCRIPT}</script></body></html>"),
    )
    .unwrap();
    std::fs::write(
        root.join("content/flame.svg"),
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"{SCRIPT}\"><script>{SCRIPT}</script><rect width=\"1\" height=\"1\"/></svg>"
        ),
    )
    .unwrap();
    // An SVG that is not well-formed XML cannot be cleaned.
    std::fs::write(
        root.join("content/bad.svg"),
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>{SCRIPT}</svg>"),
    )
    .unwrap();
    std::fs::write(root.join("content/chart.png"), b"\x89PNG\r\n\x1a\nfine").unwrap();
    repo.write(
        "content/links.md",
        format!("---\ntitle: Links\n---\n\n{}\n", links.join("\n\n")),
    );
    Hostile { repo, outside }
}

/// Every file a build wrote: site-relative path and text; a symlink as `-> target`, never
/// followed.
type Written = Vec<(String, String)>;

/// Builds the site into a fresh folder; returns the run and what it wrote.
fn build(repo: &Repo) -> (crate::support::Run, Written, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = repo.perfdoc(&["build", "--out", site.to_str().unwrap()]);
    let files = if site.is_dir() {
        tree_state_links(&site)
            .into_iter()
            .map(|(p, text)| {
                let rel = p
                    .strip_prefix(&site)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, text)
            })
            .collect()
    } else {
        Vec::new()
    };
    (run, files, out)
}

fn contains(hay: &str, needle: &str) -> bool {
    hay.contains(needle)
}

#[test]
fn the_site_holds_nothing_from_outside_the_practice() {
    let h = hostile();
    // A document that is a symlink out of the practice cannot be read as a document: the
    // build fails, names it, and writes nothing.
    let (run, files, _out) = build(&h.repo);
    run.code(1);
    assert!(
        run.stderr.contains("content/stolen.md") && run.stderr.contains("outside the practice"),
        "{}",
        run.stderr
    );
    assert!(files.is_empty(), "a failed build writes no site");
    // Without it, the site is built, and every other way out is refused link by link.
    std::fs::remove_file(h.repo.path().join("content/stolen.md")).unwrap();
    let (run, files, _out) = build(&h.repo);
    run.code(0);
    assert!(files.len() > 5, "the site was built: {}", run.stderr);
    assert!(
        !files.iter().any(|(_, text)| text.starts_with("-> ")),
        "the site holds no symlink"
    );
    for (path, bytes) in &files {
        assert!(!contains(bytes, SECRET), "{path} holds the planted secret");
        assert!(!contains(bytes, GIT_SECRET), "{path} holds .git/config");
        assert!(!contains(bytes, "[core]"), "{path} holds a git config");
        assert!(!contains(bytes, SCRIPT), "{path} holds the linked script");
    }
    assert!(
        files.iter().any(|(p, _)| p == "files/content/chart.png"),
        "a passive file is still copied: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    // The SVG is published cleaned: its drawing stays, its script and handler go.
    let svg = files
        .iter()
        .find(|(p, _)| p == "files/content/flame.svg")
        .map(|(_, text)| text.clone())
        .expect("the SVG is published");
    assert!(svg.contains("<rect"), "{svg}");
    assert!(!svg.contains("<script") && !svg.contains("onload"), "{svg}");
    assert!(!files.iter().any(|(p, _)| p.ends_with("attack.html")));
    assert!(!files.iter().any(|(p, _)| p.ends_with("bad.svg")));
    // The build says what it left out and why.
    for why in [
        "outside the practice",
        ".git",
        "attack.html",
        "flame.svg",
        "bad.svg",
        "symbolic links",
    ] {
        assert!(
            run.stderr.contains(why),
            "build says nothing of {why}:\n{}",
            run.stderr
        );
    }
    drop(h.outside);
}

#[test]
fn check_reports_every_link_out_and_every_active_file() {
    let h = hostile();
    let run = h.repo.perfdoc(&["check"]);
    run.code(1);
    let out = &run.stdout;
    let links = out.matches("error[link-outside]").count();
    assert_eq!(links, 8, "one finding per link out of the practice:\n{out}");
    assert!(
        out.contains("error[broken-link]") && out.contains("symbolic links"),
        "the symlink loop:\n{out}"
    );
    assert_eq!(
        out.matches("error[active-content]").count(),
        2,
        "the HTML link and the SVG that cannot be cleaned:\n{out}"
    );
    assert!(
        !out.contains("flame.svg"),
        "a cleanable SVG is fine:\n{out}"
    );
    assert!(
        out.contains("content/links.md:5:1"),
        "the link's place is named:\n{out}"
    );
    assert!(out.contains("help:"), "{out}");
    assert!(
        out.contains("content/stolen.md") && out.contains("symlink points outside the practice"),
        "the symlinked document:\n{out}"
    );
    assert!(!out.contains("chart.png"), "a passive file is fine:\n{out}");
}

#[test]
fn a_document_folder_that_is_a_symlink_out_of_the_practice_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("daily-2025-12-04.md"),
        format!(
            "---\ntitle: Stolen\nkind: daily\ndate: 2025-12-04\nowner: Jane Doe\nstatus: GREEN\n---\n\n{SECRET}\n"
        ),
    )
    .unwrap();
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    std::fs::remove_dir_all(repo.path().join("reports")).unwrap();
    symlink(outside.path(), repo.path().join("reports")).unwrap();
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("reports/daily-2025-12-04.md")
            && run.stdout.contains("outside the practice"),
        "{}",
        run.stdout
    );
    // The build refuses such a practice whole: nothing is published from it.
    let (run, files, _out) = build(&repo);
    run.code(1);
    assert!(
        run.stderr.contains("reports/daily-2025-12-04.md"),
        "{}",
        run.stderr
    );
    for (path, bytes) in &files {
        assert!(
            !contains(bytes, SECRET),
            "{path} holds the outside document"
        );
    }
}

#[test]
fn a_template_symlinked_out_of_the_practice_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("environ"), SECRET).unwrap();
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    std::fs::create_dir_all(repo.path().join("templates/site/static")).unwrap();
    symlink(
        outside.path().join("environ"),
        repo.path().join("templates/site/static/style.css"),
    )
    .unwrap();
    let (run, files, _out) = build(&repo);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/site/static/style.css")
            && run.stderr.contains("outside the practice"),
        "{}",
        run.stderr
    );
    for (path, bytes) in &files {
        assert!(!contains(bytes, SECRET), "{path} holds the outside file");
    }
}
