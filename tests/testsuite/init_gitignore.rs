//! `perfdoc init` lists the site's output folder in .gitignore: creating the file, appending
//! the line when it is missing, never rewriting what is there or writing through a symlink.

use crate::support::Repo;

#[test]
fn init_creates_a_gitignore_naming_the_site_folder() {
    let repo = Repo::new();
    let run = repo.perfdoc(&["init"]);
    run.code(0);
    assert!(run.stdout.contains("created  .gitignore"), "{}", run.stdout);
    assert!(repo.read(".gitignore").lines().any(|l| l == "/site/"));
    let again = repo.perfdoc(&["init"]);
    assert!(
        again.stdout.contains("kept     .gitignore (lists site)"),
        "{}",
        again.stdout
    );
}

#[test]
fn init_appends_the_line_to_a_gitignore_without_it() {
    let repo = Repo::new();
    repo.write(".gitignore", "target\n*.log");
    let run = repo.perfdoc(&["init"]);
    run.code(0);
    assert!(
        run.stdout.contains("updated  .gitignore (added /site/)"),
        "{}",
        run.stdout
    );
    assert_eq!(repo.read(".gitignore"), "target\n*.log\n/site/\n");
}

#[test]
fn init_keeps_a_gitignore_that_already_names_the_folder() {
    let repo = Repo::new();
    repo.write(".gitignore", "site/\n");
    repo.perfdoc(&["init"]).code(0);
    assert_eq!(repo.read(".gitignore"), "site/\n");
}

#[test]
fn init_ignores_the_folder_book_toml_names() {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        "[book]\ntitle = \"x\"\n\n[preprocessor.perfdoc]\nout-dir = \"public\"\n",
    );
    repo.perfdoc(&["init"]).code(0);
    assert!(repo.read(".gitignore").lines().any(|l| l == "/public/"));
}

#[cfg(unix)]
#[test]
fn init_does_not_append_through_a_symlinked_gitignore() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&target, repo.path().join(".gitignore")).unwrap();
    let run = repo.perfdoc(&["init"]);
    run.code(0);
    assert!(
        run.stdout
            .contains("kept     .gitignore (not a regular file"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
}
