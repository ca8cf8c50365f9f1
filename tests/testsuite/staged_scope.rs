//! `check --staged` reads only the documents a staged change can affect, found from their
//! names: a duplicate of a staged document is still found among the unchanged ones, however
//! the unchanged one got its kind, and an unrelated broken document stays out of the answer.

use crate::new::FILLED_RECORD;
use crate::support::Repo;

fn committed(files: &[(&str, &str)]) -> Repo {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    for (rel, text) in files {
        repo.write(rel, text);
    }
    repo.commit("init", "2025-12-01T09:00:00+00:00", "Jane Doe");
    repo
}

/// Commits the record at `first`, stages the same record a few days later and checks: the
/// staged one must be refused as a duplicate of the committed one.
#[track_caller]
fn staged_duplicate_of(first: &str) {
    let repo = committed(&[(first, FILLED_RECORD)]);
    let later = "optimizations/stripe-batching-2025-12-09.md";
    repo.write(
        later,
        FILLED_RECORD.replace("date: 2025-12-04", "date: 2025-12-09"),
    );
    repo.git(&["add", later]);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    let said =
        format!("error[duplicate-slug]: `stripe-batching` is also the optimization `{first}`");
    assert!(run.stdout.contains(&said), "{}", run.stdout);
    assert!(run.stdout.contains(later), "{}", run.stdout);
}

#[test]
fn a_staged_record_duplicating_an_unchanged_one_is_refused() {
    staged_duplicate_of("optimizations/stripe-batching-2025-12-04.md");
}

#[test]
fn a_duplicate_whose_kind_comes_from_front_matter_is_found_from_its_name() {
    // Outside the kind's folder: its `kind: optimization` field makes it a record.
    staged_duplicate_of("content/stripe-batching-2025-12-04.md");
}

#[test]
fn an_unrelated_broken_document_is_not_the_change_s_problem() {
    let repo = committed(&[(
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nSee [nothing](missing.md).\n",
    )]);
    repo.write("optimizations/stripe-batching-2025-12-04.md", FILLED_RECORD);
    repo.git(&["add", "optimizations/stripe-batching-2025-12-04.md"]);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(0);
    assert!(run.stderr.contains("checked 1 document"), "{}", run.stderr);
    // The whole practice still has the broken link.
    repo.perfdoc(&["check"]).code(1);
}
