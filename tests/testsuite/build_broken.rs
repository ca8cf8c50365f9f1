//! `perfdoc build` refuses to publish a document it cannot read as what it claims to be
//! (front matter that does not parse, bytes that are not UTF-8, an unknown kind): exit 1,
//! each named with its place, the previous site untouched. Other findings are counted.

use crate::site::site_files;
use crate::support::Repo;

fn built_example() -> (Repo, Vec<(String, Vec<u8>)>) {
    let repo = Repo::example();
    repo.perfdoc(&["build"]).code(0);
    let before = site_files(&repo.path().join("site"));
    assert!(!before.is_empty());
    (repo, before)
}

#[test]
fn front_matter_that_does_not_parse_fails_the_build() {
    let (repo, before) = built_example();
    repo.write(
        "optimizations/broken-yaml-2025-12-04.md",
        "---\ntitle: [unclosed\nstatus: done\n---\n\n## Summary\n\nx\n",
    );
    let run = repo.perfdoc(&["build"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("optimizations/broken-yaml-2025-12-04.md:"),
        "{}",
        run.stderr
    );
    assert!(
        regex::Regex::new(r"broken-yaml-2025-12-04\.md:\d+:\d+")
            .unwrap()
            .is_match(&run.stderr),
        "file:line:col: {}",
        run.stderr
    );
    assert!(run.stderr.contains("front-matter"), "{}", run.stderr);
    assert!(!run.stdout.contains("built "), "{}", run.stdout);
    assert_eq!(
        site_files(&repo.path().join("site")),
        before,
        "site replaced"
    );
}

#[test]
fn unreadable_and_unknown_documents_fail_the_build_each_named() {
    let (repo, before) = built_example();
    repo.write(
        "reports/daily-2025-12-05.md",
        b"---\ntitle: x\n---\n\xff\xfe bad\n",
    );
    repo.write(
        "content/odd.md",
        "---\ntitle: Odd\nkind: no-such-kind\n---\n\nBody\n",
    );
    let run = repo.perfdoc(&["build"]);
    run.code(1);
    for (file, what) in [
        ("reports/daily-2025-12-05.md", "UTF-8"),
        ("content/odd.md", "unknown kind"),
    ] {
        assert!(run.stderr.contains(file), "{file}: {}", run.stderr);
        assert!(run.stderr.contains(what), "{what}: {}", run.stderr);
    }
    assert!(
        run.stderr.contains("2 document(s) cannot be published"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site_files(&repo.path().join("site")),
        before,
        "site replaced"
    );
}

#[test]
fn other_findings_are_counted_not_fatal() {
    let repo = Repo::example();
    // A record missing a required section: a `check` error, not a broken document.
    repo.write(
        "optimizations/thin-record-2025-12-04.md",
        "---\ntitle: Thin\nstatus: done\n---\n\nJust text.\n",
    );
    let findings = repo.perfdoc(&["check"]);
    findings.code(1);
    let errors = regex::Regex::new(r"(\d+) errors?, (\d+) warnings?")
        .unwrap()
        .captures(&findings.stderr)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .expect("check's tally");
    let run = repo.perfdoc(&["build"]);
    run.code(0);
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
    let line = format!(
        "{} error(s) and {} warning(s) from other rules; run `perfdoc check` for details",
        errors.0, errors.1
    );
    assert!(
        run.stderr.contains(&line),
        "want {line:?} in {}",
        run.stderr
    );
}
