//! The cases a faster walk could get wrong, each checked against `git log --follow` on a real
//! repository: a copy edited on the way while its source is edited too, a rename and a copy of
//! one file in the same commit, a file deleted and restored (with and without an identical
//! file elsewhere to be taken for its source), copies on a merged branch, and a folder whose
//! tree is unchanged while its sibling changes.

use crate::history::{assert_matches_git, index_all};
use crate::support::{ALICE, BOB, By, ISHA, Repo, lines};

fn by(name: &str, day: u32) -> By<'_> {
    let date: &'static str = Box::leak(format!("2025-10-{day:02}T08:00:00+00:00").into_boxed_str());
    By { name, date }
}

/// Every file at HEAD has exactly git's commits.
fn assert_all_match_git(repo: &Repo) {
    let index = index_all(repo.path());
    let files = repo.git(&["ls-files"]);
    assert!(!files.is_empty());
    for file in files.lines() {
        assert_matches_git(repo, &index, file);
    }
    // A second run answers from the cache: the same answer.
    assert_eq!(index_all(repo.path()), index);
}

/// How `git log --follow` names `path`'s history, one status letter per commit.
fn statuses(repo: &Repo, path: &str) -> String {
    repo.git(&["log", "--follow", "--name-status", "--format=", "--", path])
}

#[test]
fn a_copy_edited_on_the_way_while_its_source_is_edited_too() {
    let repo = Repo::new();
    repo.write("guide/a.md", lines("a", 30));
    repo.write("guide/other.md", lines("o", 30));
    repo.commit_by("add", by(ALICE, 1));
    repo.write("guide/a.md", lines("a", 31));
    repo.write("copies/a-copy.md", lines("a", 30) + "copied with an edit\n");
    repo.commit_by("edit a and copy it", by(BOB, 2));
    repo.write("copies/a-copy.md", lines("a", 29) + "edited again\n");
    repo.commit_by("edit the copy", by(ISHA, 3));
    assert!(
        statuses(&repo, "copies/a-copy.md")
            .lines()
            .any(|l| l.starts_with('C')),
        "git follows the copy"
    );
    assert_all_match_git(&repo);
    let index = index_all(repo.path());
    assert_eq!(
        index.docs["copies/a-copy.md"].previous_paths,
        vec!["guide/a.md"]
    );
}

#[test]
fn a_rename_and_a_copy_of_one_file_in_the_same_commit() {
    let repo = Repo::new();
    repo.write("a.md", lines("a", 30));
    repo.write("unrelated.md", lines("u", 30));
    repo.commit_by("add", by(ALICE, 1));
    repo.write("a.md", lines("a", 31));
    repo.commit_by("edit a", by(BOB, 2));
    repo.remove("a.md");
    repo.write("moved/b.md", lines("a", 31) + "renamed with an edit\n");
    repo.write("moved/c.md", lines("a", 31) + "copied with another edit\n");
    repo.commit_by("rename and copy", by(ISHA, 3));
    let index = index_all(repo.path());
    assert_eq!(index.docs["moved/b.md"].previous_paths, vec!["a.md"]);
    assert_eq!(index.docs["moved/c.md"].previous_paths, vec!["a.md"]);
    assert_all_match_git(&repo);
}

#[test]
fn an_identical_rename_and_copy_in_the_same_commit() {
    let repo = Repo::new();
    repo.write("notes/a.md", lines("a", 20));
    repo.commit_by("add", by(ALICE, 1));
    repo.write("notes/a.md", lines("a", 21));
    repo.commit_by("edit", by(BOB, 2));
    repo.remove("notes/a.md");
    repo.write("x/a.md", lines("a", 21));
    repo.write("y/a.md", lines("a", 21));
    repo.commit_by("move and copy unchanged", by(ISHA, 3));
    assert_all_match_git(&repo);
    let index = index_all(repo.path());
    assert_eq!(index.docs["y/a.md"].revisions, 3);
}

#[test]
fn a_file_deleted_and_restored_keeps_its_older_history() {
    let repo = Repo::new();
    repo.write("a.md", lines("a", 20));
    repo.write("b.md", lines("b", 20));
    repo.commit_by("add", by(ALICE, 1));
    repo.write("a.md", lines("a", 21));
    repo.commit_by("edit a", by(BOB, 2));
    repo.remove("a.md");
    repo.commit_by("delete a", by(BOB, 3));
    repo.write("b.md", lines("b", 21));
    repo.commit_by("edit b", by(ALICE, 4));
    repo.write("a.md", lines("a", 21));
    repo.commit_by("restore a", by(ISHA, 5));
    assert_all_match_git(&repo);
    let index = index_all(repo.path());
    assert_eq!(
        index.docs["a.md"].revisions, 4,
        "restore, delete, edit, add"
    );
}

#[test]
fn a_file_restored_while_a_copy_of_it_lives_elsewhere_follows_the_copy() {
    let repo = Repo::new();
    repo.write("a.md", lines("a", 20));
    repo.commit_by("add a", by(ALICE, 1));
    repo.write("archive/a.md", lines("a", 20));
    repo.commit_by("archive a copy", by(BOB, 2));
    repo.remove("a.md");
    repo.commit_by("delete a", by(BOB, 3));
    repo.write("archive/a.md", lines("a", 20) + "archived note\n");
    repo.commit_by("note in the archive", by(ALICE, 4));
    repo.write("archive/a.md", lines("a", 20));
    repo.commit_by("drop the note", by(ALICE, 5));
    repo.write("a.md", lines("a", 20));
    repo.commit_by("restore a", by(ISHA, 6));
    assert!(
        statuses(&repo, "a.md").lines().any(|l| l.starts_with('C')),
        "git takes the archived file for the source: {}",
        statuses(&repo, "a.md")
    );
    assert_all_match_git(&repo);
}

#[test]
fn copies_and_renames_on_a_merged_branch() {
    let repo = Repo::new();
    repo.write("docs/r.md", lines("r", 25));
    repo.write("docs/s.md", lines("s", 25));
    repo.commit_by("base", by(ALICE, 1));
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("side/r-copy.md", lines("r", 25) + "side copy\n");
    repo.commit_by("copy r on side", by(BOB, 2));
    repo.git(&["mv", "docs/s.md", "side/s.md"]);
    repo.commit_by("rename s on side", by(BOB, 3));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("docs/r.md", lines("r", 26));
    repo.commit_by("edit r on main", by(ALICE, 4));
    repo.merge("side", by(ALICE, 5));
    repo.write("side/r-copy.md", lines("r", 24) + "side copy\n");
    repo.commit_by("edit the copy after the merge", by(ISHA, 6));
    assert_all_match_git(&repo);
    let index = index_all(repo.path());
    assert_eq!(
        index.docs["side/r-copy.md"].previous_paths,
        vec!["docs/r.md"]
    );
    assert_eq!(index.docs["side/s.md"].previous_paths, vec!["docs/s.md"]);
}

#[test]
fn a_change_in_one_folder_leaves_its_unchanged_sibling_folders_alone() {
    let repo = Repo::new();
    for d in ["a", "b", "c"] {
        for i in 0..5 {
            repo.write(&format!("{d}/deep/f{i}.md"), lines(&format!("{d}{i}"), 12));
        }
    }
    repo.commit_by("add", by(ALICE, 1));
    repo.write("b/deep/f2.md", lines("b2", 13));
    repo.commit_by("edit b", by(BOB, 2));
    repo.write("c/deep/f9.md", lines("b2", 13) + "copied from b\n");
    repo.commit_by("copy b's file into c", by(ISHA, 3));
    assert_all_match_git(&repo);
    let index = index_all(repo.path());
    assert_eq!(index.docs["a/deep/f0.md"].revisions, 1);
    assert_eq!(
        index.docs["c/deep/f9.md"].previous_paths,
        vec!["b/deep/f2.md"]
    );
}
