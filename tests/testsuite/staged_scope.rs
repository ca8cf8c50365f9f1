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

fn later(date: &str) -> String {
    FILLED_RECORD.replace("date: 2025-12-04", &format!("date: {date}"))
}

#[test]
fn a_staged_record_duplicating_an_unchanged_one_is_refused() {
    let repo = committed(&[("optimizations/stripe-batching-2025-12-04.md", FILLED_RECORD)]);
    repo.write(
        "optimizations/stripe-batching-2025-12-09.md",
        later("2025-12-09"),
    );
    repo.git(&["add", "optimizations/stripe-batching-2025-12-09.md"]);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(
        run.stdout.contains("error[duplicate-slug]: `stripe-batching` is also the optimization `optimizations/stripe-batching-2025-12-04.md`"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_duplicate_whose_kind_comes_from_front_matter_is_found_from_its_name() {
    // Outside the kind's folder: its `kind: optimization` field makes it a record.
    let repo = committed(&[("content/stripe-batching-2025-12-04.md", FILLED_RECORD)]);
    repo.write(
        "optimizations/stripe-batching-2025-12-09.md",
        later("2025-12-09"),
    );
    repo.git(&["add", "optimizations/stripe-batching-2025-12-09.md"]);
    let run = repo.perfdoc(&["check", "--staged"]);
    run.code(1);
    assert!(
        run.stdout.contains(
            "`stripe-batching` is also the optimization `content/stripe-batching-2025-12-04.md`"
        ),
        "{}",
        run.stdout
    );
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
