//! `perfdoc serve`: builds, serves on localhost with the live-reload script, rebuilds when a
//! document changes and bumps the version pages poll; `build` output never has the script.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::Repo;

/// A plain HTTP/1.0 GET; returns (status line, body).
pub fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

/// A running `perfdoc serve --port 0` and the address it printed.
pub struct Serve {
    pub child: Child,
    pub addr: String,
    /// What it prints after its first summary.
    pub lines: mpsc::Receiver<String>,
    /// What it says on stderr.
    pub errors: mpsc::Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `perfdoc serve --port 0` in `repo` with `tmp` as its TMPDIR; returns once it serves.
pub fn serve(repo: &Repo, tmp: &Path) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_perfdoc"))
        .args(["serve", "--port", "0"])
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .env("HOME", repo.path())
        .env("TMPDIR", tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("perfdoc serve starts");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (err_tx, errors) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = err_tx.send(line);
        }
    });
    // The watch line comes after the summary, once the server answers.
    let mut addr = None;
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("serve prints its summary");
        if line.starts_with("built ") {
            addr = line
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .map(str::to_string);
        }
        if line.starts_with("watching ") {
            break;
        }
    }
    Serve {
        child,
        addr: addr.expect("URL in the summary"),
        lines: rx,
        errors,
    }
}

#[test]
fn serve_rebuilds_on_change_and_pages_reload() {
    let repo = Repo::example();
    let tmp = tempfile::tempdir().unwrap();
    let s = serve(&repo, tmp.path());
    let addr = s.addr.clone();
    let wait_built = || loop {
        let line = s
            .lines
            .recv_timeout(Duration::from_secs(60))
            .expect("a build summary");
        if line.starts_with("built ") {
            return line;
        }
    };

    let (status, version) = get(&addr, "/__perfdoc/version");
    assert!(status.contains("200"), "{status}");
    assert_eq!(version, "1");
    let (status, home) = get(&addr, "/");
    assert!(status.contains("200"), "{status}");
    assert!(home.contains("/__perfdoc/version"), "live reload injected");
    let (status, _) = get(&addr, "/optimizations");
    assert!(
        status.contains("301"),
        "folder without slash redirects: {status}"
    );
    let (status, missing) = get(&addr, "/no/such/page/");
    assert!(status.contains("404"), "{status}");
    assert!(missing.contains("Page not found"));

    let path = repo.path().join("reports/daily-2025-12-31.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "title: Daily performance report 2025-12-31",
        "title: New Year's Eve health check",
    );
    std::fs::write(&path, text).unwrap();
    wait_built();
    // The version moves after the files are swapped in; poll until it does.
    let mut seen = String::new();
    for _ in 0..100 {
        seen = get(&addr, "/__perfdoc/version").1;
        if seen != "1" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_ne!(seen, "1", "version did not move after a rebuild");
    let (_, page) = get(&addr, "/reports/daily-2025-12-31/");
    assert!(
        page.contains("New Year&#39;s Eve health check")
            || page.contains("New Year's Eve health check"),
        "{page}"
    );
    drop(s);

    // `build` output never carries the live-reload script.
    repo.perfdoc(&["build"]).code(0);
    let built = repo.read("site/index.html");
    assert!(
        !built.contains("__perfdoc"),
        "build output has serve's script"
    );
}
