//! The README's tour of the seed's routine runs as written: every line of the `sh` blocks of
//! "The routine, command by command", in order, through `sh -c` on a copy of the example
//! practice, each with the exit code its `# exit N` comment names (0 otherwise).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;

use crate::support::{Repo, ScrubGit};

const HEADING: &str = "## The routine, command by command";

/// The tour's commands with the exit code each should give.
fn tour() -> Vec<(String, i32)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find(HEADING).expect("the README has the tour");
    let section = &readme[start + HEADING.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in section.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        let line = line.trim();
        if !in_sh || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (cmd, comment) = line.split_once("  #").unwrap_or((line, ""));
        let code = comment
            .trim()
            .strip_prefix("exit ")
            .and_then(|c| c.split(|ch: char| !ch.is_ascii_digit()).next())
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        out.push((cmd.trim().to_string(), code));
    }
    out
}

fn sh(dir: &Path, cmd: &str) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_perfdoc")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .current_dir(dir)
        .scrub_git()
        .env("PATH", path)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("PERFDOC_SITE_URL")
        .env_remove("PERFDOC_OUT_DIR")
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "--- stdout\n{}\n--- stderr\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_readme_tour_runs_as_written_on_the_example() {
    let commands = tour();
    let all: String = commands.iter().map(|(c, _)| format!("{c}\n")).collect();
    // The whole routine is there.
    for step in [
        "perfdoc new daily",
        "--figures",
        "perfdoc summary",
        "perfdoc new weekly",
        "perfdoc changes",
        "perfdoc new monthly",
        "perfdoc baseline compare",
        "perfdoc baseline promote",
        "perfdoc list",
        "perfdoc new optimization",
        "perfdoc check",
        "perfdoc tracking",
        "perfdoc build",
        "perfdoc serve",
        "perfdoc review",
    ] {
        assert!(all.contains(step), "the tour lacks `{step}`:\n{all}");
    }

    let repo = Repo::example();
    repo.commit(
        "The platform team's December",
        "2026-01-05T07:00:00Z",
        "Jane Doe",
    );
    for (cmd, expected) in &commands {
        if cmd.starts_with("perfdoc serve") {
            assert_eq!(
                cmd, "perfdoc serve --port 0",
                "the test runs serve as the tour writes it"
            );
            let tmp = tempfile::tempdir().unwrap();
            let serve = crate::serve::serve(&repo, tmp.path());
            let mut stream = TcpStream::connect(&serve.addr).expect("serve answers");
            write!(stream, "GET / HTTP/1.0\r\nHost: {}\r\n\r\n", serve.addr).unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            assert!(
                response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200"),
                "{response}"
            );
            assert!(
                response.contains("Platform performance practice"),
                "{response}"
            );
            continue;
        }
        let (code, output) = sh(repo.path(), cmd);
        assert_eq!(code, *expected, "`{cmd}`\n{output}");
    }

    // What the routine wrote.
    let daily = repo.read("reports/daily-2026-01-05.md");
    assert!(daily.contains("status: GREEN"), "{daily}");
    assert!(daily.contains("p95_ms: 401"), "{daily}");
    let weekly = repo.read("reports/weekly-2026-W01.md");
    assert!(
        weekly.contains("today's file; no version was committed by 2026-01-04"),
        "{weekly}"
    );
    let monthly = repo.read("reports/monthly-2025-12.md");
    assert!(monthly.contains("baseline_decision: keep"), "{monthly}");
    assert!(
        monthly.contains("webhook-retry-backoff-2025-12-22.md"),
        "{monthly}"
    );
    assert!(
        repo.path()
            .join("optimizations/checkout-latency-2026-01-05.md")
            .is_file()
    );
    assert!(repo.path().join("site/trends/index.html").is_file());
    let log = repo.git(&["log", "--format=%s", "-1"]);
    assert_eq!(log.trim(), "Reports of Monday 5 January");
}
