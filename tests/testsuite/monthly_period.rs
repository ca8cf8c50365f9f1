//! `perfdoc new monthly` without a month: in the first seven days of a month it writes the
//! report of the month that just ended, as the seed does on the first Monday of January.

use crate::support::Repo;

#[test]
fn early_in_a_month_the_month_that_ended() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let run = repo.perfdoc(&["new", "monthly", "--date", "2026-01-05"]);
    run.code(0);
    assert_eq!(run.stdout.trim(), "reports/monthly-2025-12.md");
    let text = repo.read("reports/monthly-2025-12.md");
    assert!(text.contains("month: 2025-12\n"), "{text}");
    assert!(text.contains("date: 2026-01-05\n"), "{text}");
    repo.perfdoc(&["check", "reports/monthly-2025-12.md"]);
    let check = repo.perfdoc(&["check", "reports/monthly-2025-12.md"]);
    assert!(!check.stdout.contains("file-name"), "{}", check.stdout);
}

#[test]
fn later_in_a_month_that_month() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let run = repo.perfdoc(&["new", "monthly", "--date", "2026-01-08"]);
    run.code(0);
    assert_eq!(run.stdout.trim(), "reports/monthly-2026-01.md");
}
