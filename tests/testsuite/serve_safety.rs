//! `perfdoc serve` as something a browser and a shell can trust: it answers only requests
//! addressed to localhost (a page whose name was rebound to 127.0.0.1 cannot read the
//! practice), a slow client does not hold up the others, and Ctrl-C or SIGTERM leave no
//! temporary build folder behind.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::serve::serve;
use crate::support::{Repo, names_starting};

/// Sends `GET /` with the given Host header (none for `None`); returns the status line.
fn status_for_host(addr: &str, host: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let host = host.map_or_else(String::new, |h| format!("Host: {h}\r\n"));
    write!(stream, "GET / HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    response.lines().next().unwrap_or("").to_string()
}

#[test]
fn serve_answers_only_requests_addressed_to_localhost() {
    let repo = Repo::example();
    let tmp = tempfile::tempdir().unwrap();
    let s = serve(&repo, tmp.path());
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "LocalHost".to_string(),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ] {
        let status = status_for_host(&s.addr, Some(&host));
        assert!(status.contains(" 200"), "Host: {host} → {status}");
    }
    for host in [
        Some("attacker.example".to_string()),
        Some(format!("attacker.example:{port}")),
        Some("localhost.attacker.example".to_string()),
        Some("127.0.0.1.nip.io".to_string()),
        Some(format!("10.0.0.1:{port}")),
        None,
    ] {
        let status = status_for_host(&s.addr, host.as_deref());
        assert!(
            status.contains(" 403") || status.contains(" 421"),
            "Host: {host:?} → {status}"
        );
    }
}

#[test]
fn a_slow_client_does_not_hold_up_another() {
    let repo = Repo::example();
    let tmp = tempfile::tempdir().unwrap();
    let s = serve(&repo, tmp.path());
    // Half a request, with a body promised and never sent, kept open.
    let mut slow = Vec::new();
    for _ in 0..3 {
        let mut stream = TcpStream::connect(&s.addr).expect("connect");
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\nhalf"
        )
        .unwrap();
        stream.flush().unwrap();
        slow.push(stream);
    }
    let mut head = TcpStream::connect(&s.addr).expect("connect");
    write!(head, "GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    slow.push(head);
    std::thread::sleep(Duration::from_millis(200));
    let status = status_for_host(&s.addr, Some("localhost"));
    assert!(status.contains(" 200"), "{status}");
    drop(slow);
}

/// perfdoc's temporary folders in `tmp`.
fn serve_folders(tmp: &Path) -> Vec<String> {
    names_starting(tmp, "perfdoc-serve-")
}

#[test]
fn serve_stopped_by_sigint_or_sigterm_leaves_no_temporary_folder() {
    for signal in ["INT", "TERM"] {
        let repo = Repo::example();
        let tmp = tempfile::tempdir().unwrap();
        let mut s = serve(&repo, tmp.path());
        assert_eq!(serve_folders(tmp.path()).len(), 1, "serve builds in TMPDIR");
        let kill = Command::new("kill")
            .args(["-s", signal, &s.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(kill.success());
        let status = s.child.wait().unwrap();
        assert!(
            status.success(),
            "SIG{signal}: serve stops cleanly: {status:?}"
        );
        assert_eq!(
            serve_folders(tmp.path()),
            Vec::<String>::new(),
            "SIG{signal} left its build"
        );
    }
}
