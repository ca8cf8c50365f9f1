//! A small static file server for a built site (tiny_http, a few worker threads): what
//! `perfdoc serve` and the browser test use. Serves under the site's base path, answers `dir/`
//! with `dir/index.html` and misses with `404.html`, like GitHub Pages. In serve mode it also
//! answers `/__perfdoc/version` and adds the live-reload script to HTML it sends; the built
//! files never contain it.
//!
//! It answers only requests addressed to this machine by a loopback name: a web page whose
//! own host name an attacker rebinds to 127.0.0.1 (DNS rebinding) sends its own name as `Host`
//! and is refused, so it cannot read a private practice through the browser.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Request, Response, StatusCode};

/// The live-reload endpoint, outside any base path.
pub const VERSION_PATH: &str = "/__perfdoc/version";

const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null;
  function poll() {
    fetch("/__perfdoc/version", { cache: "no-store" }).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) { location.reload(); } seen = v; })
      .catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"#;

/// What to serve and how.
#[derive(Clone)]
pub struct Static {
    /// The site folder. A rebuild swaps new contents in at the same path
    /// (`site::output`), so the server never needs to be told of it.
    pub dir: PathBuf,
    /// The base path (`/` or `/repo/`).
    pub prefix: String,
    /// The build counter, in serve mode.
    pub reload: Option<Arc<AtomicU64>>,
    /// Where to record the paths asked for and not found, when a caller wants them (the
    /// browser test checks a page asks for nothing that is missing). Off by default, so a long
    /// `serve` session does not keep every miss.
    pub misses: Option<Arc<Mutex<Vec<String>>>>,
}

impl Static {
    pub fn new(dir: PathBuf, prefix: &str) -> Static {
        Static {
            dir,
            prefix: prefix.to_string(),
            reload: None,
            misses: None,
        }
    }

    /// Answers requests until the server is unblocked or dropped, on `WORKERS` threads, so a
    /// client that is slow to send or to read ties up one of them, not the server.
    pub fn run(&self, server: &tiny_http::Server) {
        std::thread::scope(|scope| {
            for _ in 0..WORKERS {
                scope.spawn(|| {
                    for request in server.incoming_requests() {
                        self.handle(request);
                    }
                });
            }
        });
    }

    pub fn handle(&self, request: Request) {
        if !addressed_to_loopback(request.headers()) {
            let _ = request.respond(
                Response::from_string(
                    "perfdoc serve answers only requests for localhost, 127.0.0.1 or [::1]\n",
                )
                .with_status_code(StatusCode(403))
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
            );
            return;
        }
        let url = request.url().to_string();
        let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
        if let Some(version) = &self.reload
            && path == VERSION_PATH
        {
            let v = version.load(Ordering::SeqCst).to_string();
            let _ = request
                .respond(Response::from_string(v).with_header(header("Cache-Control", "no-store")));
            return;
        }
        let dir = &self.dir;
        match self.locate(dir, &path) {
            Found::File(file) => self.send(request, &file, 200),
            Found::Redirect(to) => {
                let _ = request
                    .respond(Response::empty(StatusCode(301)).with_header(header("Location", &to)));
            }
            Found::Missing => {
                if let Some(mut m) = self.misses.as_ref().and_then(|m| m.lock().ok()) {
                    m.push(path);
                }
                self.send(request, &dir.join("404.html"), 404);
            }
        }
    }

    fn locate(&self, dir: &Path, path: &str) -> Found {
        let Some(rest) = path.strip_prefix(&self.prefix).or_else(|| {
            // `/repo` without its slash.
            (format!("{path}/") == self.prefix).then_some("")
        }) else {
            return Found::Missing;
        };
        if format!("{path}/") == self.prefix {
            return Found::Redirect(self.prefix.clone());
        }
        let rel = crate::location::percent_decode(rest);
        let rel_path = Path::new(&rel);
        if rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Found::Missing;
        }
        let file = dir.join(rel_path);
        if file.is_dir() {
            if !path.ends_with('/') {
                return Found::Redirect(format!("{path}/"));
            }
            let index = file.join("index.html");
            return if index.is_file() {
                Found::File(index)
            } else {
                Found::Missing
            };
        }
        if file.is_file() {
            Found::File(file)
        } else {
            Found::Missing
        }
    }

    fn send(&self, request: Request, file: &Path, status: u16) {
        let mut bytes = std::fs::read(file).unwrap_or_default();
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "html" && self.reload.is_some() {
            let text = String::from_utf8_lossy(&bytes);
            let injected = match text.rfind("</body>") {
                Some(i) => format!("{}{RELOAD_SCRIPT}{}", &text[..i], &text[i..]),
                None => format!("{text}{RELOAD_SCRIPT}"),
            };
            bytes = injected.into_bytes();
        }
        let response = Response::from_data(bytes)
            .with_status_code(StatusCode(status))
            .with_header(header("Content-Type", content_type(ext)))
            .with_header(header("Cache-Control", "no-cache"));
        let _ = request.respond(response);
    }
}

/// Requests answered at once; more wait in tiny_http's queue. A preview server has one user.
const WORKERS: usize = 8;

/// Whether the request has one `Host` header and it names the loopback interface:
/// `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
fn addressed_to_loopback(headers: &[Header]) -> bool {
    let mut hosts = headers.iter().filter(|h| h.field.equiv("Host"));
    match (hosts.next(), hosts.next()) {
        (Some(host), None) => loopback_host(host.value.as_str()),
        _ => false,
    }
}

fn loopback_host(host: &str) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, port)) => (format!("[{ip}]"), port),
            None => return false,
        },
        None => {
            let (name, port) = host.split_at(host.find(':').unwrap_or(host.len()));
            (name.to_string(), port)
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]")
}

enum Found {
    File(PathBuf),
    Redirect(String),
    Missing,
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" | "md" | "csv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_are_served() {
        for ok in [
            "localhost",
            "localhost:4000",
            "LOCALHOST",
            "127.0.0.1",
            "127.0.0.1:80",
            "[::1]",
            "[::1]:4000",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "127.0.0.2",
            "localhost:",
            "localhost:80:80",
            "localhost:x",
            "[::1]x",
            "[::1",
            "[::2]:80",
            "0.0.0.0",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }
}
