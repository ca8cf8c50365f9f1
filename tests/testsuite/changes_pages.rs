//! Change points where a person looks: the home page's open changes (with links to the report
//! and the commits), the report page whose date starts a change, and the monthly scaffold's
//! list of the month's change points with their commits.

use crate::support::Repo;

fn built() -> Repo {
    let repo = Repo::example_with_history();
    repo.perfdoc(&["build"]).code(0);
    repo
}

fn head_of(repo: &Repo, summary: &str) -> String {
    repo.git(&["log", "--format=%H", "--grep", summary])
        .trim()
        .to_string()
}

#[test]
fn the_home_page_lists_the_open_changes_with_links() {
    let repo = built();
    let home = repo.read("site/index.html");
    let section = home
        .split("<h2>Open changes</h2>")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no open changes on the home page:\n{home}"));
    assert!(
        section.contains(
            "Slow queries -59.0% since 2025-12-10</a>, p &lt; 0.001, 1 commit in the window"
        ),
        "{section}"
    );
    assert!(
        section.contains(
            "Average latency -18.4% since 2025-12-18</a>, p &lt; 0.001, 1 commit in the window"
        ),
        "{section}"
    );
    // The change links the report that shows the new level, each commit its page.
    assert!(
        section.contains("href=\"/perfdoc/reports/daily-2025-12-10/\""),
        "{section}"
    );
    let index = head_of(&repo, "subscriptions index");
    assert_eq!(index.len(), 40);
    assert!(
        section.contains(&format!(
            "href=\"https://github.com/perfdoc/perfdoc/commit/{index}\""
        )),
        "{section}"
    );
    assert!(section.contains("Pool auth sessions"), "{section}");
    // A hostile summary's escape sequence does not reach the page.
    assert!(!home.contains('\u{1b}'));
    assert!(
        section.contains("Add the subscriptions index?[31m"),
        "{section}"
    );
}

#[test]
fn a_report_page_says_when_its_date_starts_a_change() {
    let repo = built();
    let page = repo.read("site/reports/daily-2025-12-10/index.html");
    assert!(
        page.contains(
            "This report&#x27;s date starts a change: Slow queries -59.0% since 2025-12-10"
        ) || page
            .contains("This report's date starts a change: Slow queries -59.0% since 2025-12-10"),
        "{page}"
    );
    assert!(page.contains("1 commit in the window"), "{page}");
    let other = repo.read("site/reports/daily-2025-12-11/index.html");
    assert!(!other.contains("starts a change"), "{other}");
}

#[test]
fn without_a_repository_url_commits_are_named_not_linked() {
    let repo = Repo::example_with_history();
    let toml = repo.read("book.toml").replace(
        "git-repository-url = \"https://github.com/perfdoc/perfdoc\"\n",
        "",
    );
    repo.write("book.toml", toml);
    repo.perfdoc(&["build"]).code(0);
    let home = repo.read("site/index.html");
    assert!(home.contains("<h2>Open changes</h2>"), "{home}");
    assert!(home.contains("Pool auth sessions"), "{home}");
    assert!(!home.contains("/commit/"), "{home}");
}

#[test]
fn the_monthly_scaffold_lists_the_months_change_points_with_their_commits() {
    let repo = Repo::example_with_history();
    repo.remove("reports/monthly-2025-12.md");
    let run = repo.perfdoc(&["new", "monthly", "2025-12"]);
    run.code(0);
    let text = repo.read("reports/monthly-2025-12.md");
    let section = text
        .split("Change points this month (`perfdoc changes`):")
        .nth(1)
        .unwrap_or_else(|| panic!("no change points in\n{text}"));
    let pool = head_of(&repo, "Pool auth sessions");
    assert!(
        section.contains("- Slow queries -59.0% since 2025-12-10 (4.71 count → 1.93 count), p < 0.001, in the daily series; 1 commit in the window"),
        "{section}"
    );
    assert!(
        section.contains(&format!(
            "  - `{}` Pool auth sessions (Tomás Alvarez, 2025-12-18)",
            &pool[..10]
        )),
        "{section}"
    );
    // Commit text is the author's: Markdown in it is escaped, escapes made visible.
    assert!(!text.contains('\u{1b}'));
    assert!(
        section.contains("Add the subscriptions index?&#91;31m"),
        "{section}"
    );
    // The document is still a valid monthly report.
    let check = repo.perfdoc(&["check", "reports/monthly-2025-12.md"]);
    assert!(check.code == 0 || check.code == 1, "{}", check.stderr);
}

#[test]
fn a_monthly_scaffold_for_a_month_without_changes_lists_none() {
    let repo = Repo::example_with_history();
    let run = repo.perfdoc(&["new", "monthly", "2025-11"]);
    run.code(0);
    let text = repo.read("reports/monthly-2025-11.md");
    assert!(!text.contains("Change points this month"), "{text}");
}
