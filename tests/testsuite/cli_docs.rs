//! The command line documents itself: completions for each shell, a man page, and an example
//! in every command's `--help`.

use crate::support::run_in;

#[test]
fn completions_for_every_shell_know_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = run_in(dir.path(), &["completions", shell]);
        run.code(0);
        for cmd in ["review", "hook", "check"] {
            assert!(run.stdout.contains(cmd), "{shell} lacks {cmd}");
        }
    }
    let bash = run_in(dir.path(), &["completions", "bash"]);
    assert!(
        bash.stdout.contains("complete -F _perfdoc"),
        "{}",
        bash.stdout
    );
    run_in(dir.path(), &["completions", "tcsh"]).code(2);
}

#[test]
fn man_page_is_roff_for_perfdoc() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["man"]);
    run.code(0);
    assert!(
        run.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &run.stdout[..80]
    );
    assert!(run.stdout.contains(".TH perfdoc 1"), "{}", run.stdout);
    assert!(run.stdout.contains("review"), "subcommands are listed");
}

#[test]
fn every_command_has_an_example_in_its_help() {
    use clap::CommandFactory;
    // Every command there is, so one added later without an example fails here.
    let names: Vec<String> = perfdoc::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 7, "{names:?}");
    let dir = tempfile::tempdir().unwrap();
    for cmd in &names {
        let run = run_in(dir.path(), &[cmd.as_str(), "--help"]);
        run.code(0);
        let examples =
            run.stdout.split("Examples:").nth(1).unwrap_or_else(|| {
                panic!("`perfdoc {cmd} --help` has no example:\n{}", run.stdout)
            });
        assert!(
            examples.contains(&format!("perfdoc {cmd}")),
            "`perfdoc {cmd} --help`'s examples do not run it:\n{examples}"
        );
    }
}
