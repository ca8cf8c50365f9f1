//! Documents in plain folders are read without vetting each path again; a document reached
//! through a folder symlinked inside the practice is still vetted, and read through the link.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::support::Repo;

const DAILY: &str = "---\ntitle: Daily\nkind: daily\ndate: 2025-12-04\nowner: Jane Doe\nstatus: GREEN\n---\n\n## Summary\n\nTODO\n";

#[test]
fn a_folder_symlinked_inside_the_practice_is_read_through_the_link() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    std::fs::remove_dir_all(repo.path().join("reports")).unwrap();
    repo.write("archive/reports/daily-2025-12-04.md", DAILY);
    symlink("archive/reports", repo.path().join("reports")).unwrap();
    let run = repo.perfdoc(&["check"]);
    run.code(1);
    assert!(
        run.stdout.contains("reports/daily-2025-12-04.md:11:1")
            && run.stdout.contains("placeholder `TODO`"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("file-unreadable"), "{}", run.stdout);
}
