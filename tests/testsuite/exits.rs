//! Exit codes when standard output cannot be written: a reader that closed the pipe
//! (`perfdoc list | head -1`) is a success with no message; any other write error (a full
//! disk, `> /dev/full`) is exit 2 with one line saying so. The same for every command.

use std::process::{Command, Stdio};

use crate::support::{Repo, Run};

/// Commands that print to standard output on the example practice.
const PRINTING: &[&[&str]] = &[
    &["list"],
    &["list", "--format", "json"],
    &["log"],
    &["check", "--format", "json"],
    &[
        "baseline",
        "compare",
        "benchmarks/k6-baseline-2025-12-29.json",
    ],
    &["completions", "bash"],
    &["man"],
    &["--help"],
];

fn perfdoc(repo: &Repo, args: &[&str], stdout: Stdio) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_perfdoc"))
        .args(args)
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("perfdoc runs");
    Run::from(out)
}

fn example() -> Repo {
    let repo = Repo::example();
    repo.commit("practice", "2025-12-01T09:00:00+00:00", "Jane Doe");
    repo
}

#[test]
fn a_closed_pipe_is_a_quiet_success_for_every_command() {
    let repo = example();
    for args in PRINTING {
        // The reading end is closed before perfdoc starts, so its first write meets a
        // closed pipe every time, not only when a reader happens to be quick.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let run = perfdoc(&repo, args, Stdio::from(writer));
        assert_eq!(
            run.code, 0,
            "perfdoc {args:?} into a closed pipe\n--- stderr\n{}",
            run.stderr
        );
        assert_eq!(run.stderr, "", "perfdoc {args:?} says nothing");
    }
}

#[test]
fn a_full_disk_is_exit_2_with_one_line_for_every_command() {
    let full = std::path::Path::new("/dev/full");
    if !full.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "/dev/full is needed on CI"
        );
        return;
    }
    let repo = example();
    for args in PRINTING {
        let file = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let run = perfdoc(&repo, args, Stdio::from(file));
        assert_eq!(
            run.code, 2,
            "perfdoc {args:?} > /dev/full\n--- stderr\n{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "perfdoc {args:?}: one line\n{}",
            run.stderr
        );
        assert!(
            run.stderr
                .starts_with("error: cannot write to standard output: "),
            "perfdoc {args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}
