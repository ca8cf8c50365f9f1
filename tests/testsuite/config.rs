//! `book.toml`: perfdoc's settings in an mdBook file, unknown keys named with their line, and
//! kinds a team adds without recompiling.

use crate::support::Repo;

#[test]
fn unknown_key_is_an_error_naming_the_key_file_and_line() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    let text = repo.read("book.toml").replace(
        "latency-regression-pct = 10.0",
        "latency-regresion-pct = 10.0",
    );
    repo.write("book.toml", text);
    let run = repo.perfdoc(&["check"]);
    run.code(2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn an_existing_mdbook_works_unchanged() {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        "[book]\ntitle = \"Handbook\"\nauthors = [\"A\"]\nsrc = \"src\"\n\n[build]\nbuild-dir = \"book\"\ncreate-missing = false\n\n[rust]\nedition = \"2021\"\n\n[preprocessor.links]\n\n[output.html]\nmathjax-support = true\nsite-url = \"/handbook/\"\n\n[output.html.search]\nlimit-results = 15\n",
    );
    repo.write("src/SUMMARY.md", "# Summary\n");
    repo.write("reports/daily-2025-12-04.md", crate::check::DAILY);
    repo.perfdoc(&["check"]).code(0);
}

#[test]
fn a_team_adds_an_incident_kind() {
    let repo = Repo::new();
    repo.write(
        "book.toml",
        "[preprocessor.perfdoc]\nrenderers = []\n\n[preprocessor.perfdoc.kinds.incident]\ntitle = \"Incident\"\nfolder = \"reports\"\npattern = \"incident-{date}-{slug}.md\"\nsections = [\"Timeline\", \"Impact\"]\n\n[preprocessor.perfdoc.kinds.incident.fields]\ntitle = { type = \"string\", required = true }\ndate = { type = \"date\", required = true }\nseverity = { type = \"enum\", values = [\"SEV1\", \"SEV2\", \"SEV3\"], required = true }\n",
    );
    let run = repo.perfdoc(&["new", "incident", "telnyx-outage", "--date", "2025-12-16"]);
    run.code(0);
    assert_eq!(
        run.stdout.trim(),
        "reports/incident-2025-12-16-telnyx-outage.md"
    );
    let check = repo.perfdoc(&["check"]);
    check.code(1);
    assert!(
        check.stdout.contains("placeholder `[SEV1 | SEV2 | SEV3]`"),
        "{}",
        check.stdout
    );
    repo.write(
        "reports/incident-2025-12-16-telnyx-outage.md",
        "---\ntitle: Telnyx outage\ndate: 2025-12-16\nseverity: SEV2\nkind: incident\n---\n\n## Timeline\n\n- 02:10 carrier errors start\n\n## Impact\n\nMessage success fell to 96.8 %.\n",
    );
    repo.perfdoc(&["check"]).code(0);
}

#[test]
fn wrong_types_and_ranges_in_config() {
    let repo = Repo::new();
    repo.write("reports/.gitkeep", "");
    for (toml, needle) in [
        (
            "[preprocessor.perfdoc.thresholds]\nmax-error-rate-pct = \"half\"\n",
            "book.toml:2:",
        ),
        (
            "[preprocessor.perfdoc.thresholds]\nmin-success-rate-pct = 120\n",
            "out of range",
        ),
        (
            "[preprocessor.perfdoc.kinds.x]\npattern = \"x-{when}.md\"\n",
            "unknown placeholder `{when}`",
        ),
        (
            "[preprocessor.perfdoc.metrics.queue]\nunit = \"jobs\"\n",
            "does not say which way is better",
        ),
        ("[book\ntitle = 1\n", "book.toml:1:"),
    ] {
        repo.write("book.toml", toml);
        let run = repo.perfdoc(&["check"]);
        run.code(2);
        assert!(run.stderr.contains(needle), "{toml}\n{}", run.stderr);
    }
}
