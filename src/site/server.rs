//! A small static file server for a built site (tiny_http, a few worker threads): what
//! `perfdoc serve` and the browser test use. Serves under the site's base path, answers `dir/`
//! with `dir/index.html` and misses with `404.html`, like GitHub Pages. In serve mode it also
//! answers `/__perfdoc/version` and adds the live-reload script to HTML it sends; the built
//! files never contain it. Each rebuild says which files it changed, and a page reloads only
//! when one of them is its own (or a style sheet, script or copied file every page may use).
//!
//! It answers only requests addressed to this machine by a loopback name: a web page whose
//! own host name an attacker rebinds to 127.0.0.1 (DNS rebinding) sends its own name as `Host`
//! and is refused, so it cannot read a private practice through the browser.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Request, Response, StatusCode};

/// The live-reload endpoint, outside any base path.
pub const VERSION_PATH: &str = "/__perfdoc/version";

/// The live-reload script, after `var mine = [...], seen = N;` (the files this page was
/// served from, the version it was served at). `/__perfdoc/version?since=N` answers the
/// files changed since, or `all` when they are no longer known.
const RELOAD_SCRIPT: &str = r#"
  function mineChanged(r) {
    return r.all || r.changed.some(function (c) {
      return mine.indexOf(c) >= 0 || c.indexOf("static/") === 0 || c.indexOf("files/") === 0;
    });
  }
  function poll() {
    fetch("/__perfdoc/version?since=" + seen, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (r) { if (r.version !== seen && mineChanged(r)) { location.reload(); } seen = r.version; })
      .catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"#;

/// The rebuilds a serve session has made: a counter, and which files each of the latest
/// changed.
#[derive(Default)]
pub struct Reloads {
    state: Mutex<ReloadLog>,
}

#[derive(Default)]
struct ReloadLog {
    version: u64,
    /// (version, files it changed), oldest first, at most `KEPT_REBUILDS` of them.
    recent: VecDeque<(u64, Vec<String>)>,
}

/// How many rebuilds' changes are remembered: a page that slept through more reloads anyway.
const KEPT_REBUILDS: usize = 64;

impl Reloads {
    pub fn new(version: u64) -> Reloads {
        Reloads {
            state: Mutex::new(ReloadLog {
                version,
                recent: VecDeque::new(),
            }),
        }
    }

    /// A rebuild changed `files` (output paths, `a/index.html`).
    pub fn changed(&self, files: Vec<String>) {
        if let Ok(mut log) = self.state.lock() {
            log.version += 1;
            let v = log.version;
            log.recent.push_back((v, files));
            while log.recent.len() > KEPT_REBUILDS {
                log.recent.pop_front();
            }
        }
    }

    pub fn version(&self) -> u64 {
        self.state.lock().map_or(0, |log| log.version)
    }

    /// `{"version":N,"changed":[...]}` for the rebuilds after `since`, or `"all":true` when
    /// some of them are no longer remembered.
    fn since(&self, since: u64) -> String {
        let Ok(log) = self.state.lock() else {
            return r#"{"version":0,"all":true}"#.into();
        };
        let remembered = log.recent.front().map_or(log.version, |(v, _)| v - 1);
        if since < remembered || since > log.version {
            return format!(r#"{{"version":{},"all":true,"changed":[]}}"#, log.version);
        }
        let changed: BTreeSet<&String> = log
            .recent
            .iter()
            .filter(|(v, _)| *v > since)
            .flat_map(|(_, files)| files)
            .collect();
        serde_json::json!({ "version": log.version, "all": false, "changed": changed }).to_string()
    }
}

/// What to serve and how.
#[derive(Clone)]
pub struct Static {
    /// The site folder. A rebuild swaps new contents in at the same path
    /// (`site::output`), so the server never needs to be told of it.
    pub dir: PathBuf,
    /// The base path (`/` or `/repo/`).
    pub prefix: String,
    /// The rebuilds, in serve mode.
    pub reload: Option<Arc<Reloads>>,
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
        if let Some(reloads) = &self.reload
            && path == VERSION_PATH
        {
            let since = url
                .split_once("?since=")
                .and_then(|(_, v)| v.split(['&', '#']).next()?.parse::<u64>().ok());
            let (body, kind) = match since {
                Some(since) => (reloads.since(since), "application/json"),
                None => (reloads.version().to_string(), "text/plain; charset=utf-8"),
            };
            let _ = request.respond(
                Response::from_string(body)
                    .with_header(header("Cache-Control", "no-store"))
                    .with_header(header("Content-Type", kind)),
            );
            return;
        }
        // Read before the file: a page newer than its version reloads once more, never less.
        let version = self.reload.as_ref().map_or(0, |r| r.version());
        let dir = &self.dir;
        match self.locate(dir, &path) {
            Found::File(file) => {
                let mine = self.rel(&file).into_iter().collect();
                self.send(request, &file, 200, mine, version);
            }
            Found::Redirect(to) => {
                let _ = request
                    .respond(Response::empty(StatusCode(301)).with_header(header("Location", &to)));
            }
            Found::Missing => {
                if let Some(mut m) = self.misses.as_ref().and_then(|m| m.lock().ok()) {
                    m.push(path.clone());
                }
                // The page that is missing now may be the one a rebuild makes.
                let mut mine = vec!["404.html".to_string()];
                if let Some(rest) = path.strip_prefix(&self.prefix) {
                    let rel = crate::location::percent_decode(rest);
                    mine.push(crate::site::urls::output_file(&rel));
                    mine.push(format!("{}/index.html", rel.trim_end_matches('/')));
                }
                mine.dedup();
                self.send(request, &dir.join("404.html"), 404, mine, version);
            }
        }
    }

    /// A served file's path in the site, `/`-separated.
    fn rel(&self, file: &Path) -> Option<String> {
        file.strip_prefix(&self.dir)
            .ok()
            .map(crate::practice::to_slash)
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

    fn send(&self, request: Request, file: &Path, status: u16, mine: Vec<String>, version: u64) {
        let mut bytes = std::fs::read(file).unwrap_or_default();
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "html" && self.reload.is_some() {
            let text = String::from_utf8_lossy(&bytes);
            // File names are the practice's: as JSON, with `<` escaped so no name can close
            // the script element.
            let mine = serde_json::to_string(&mine)
                .unwrap_or_else(|_| "[]".into())
                .replace('<', "\\u003c");
            let script = format!(
                "<script>\n(function () {{\n  var mine = {mine}, seen = {version};{RELOAD_SCRIPT}"
            );
            let injected = match text.rfind("</body>") {
                Some(i) => format!("{}{script}{}", &text[..i], &text[i..]),
                None => format!("{text}{script}"),
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
    fn the_reload_answer_names_what_changed_since_and_all_when_forgotten() {
        let r = Reloads::new(1);
        assert_eq!(r.since(1), r#"{"all":false,"changed":[],"version":1}"#);
        r.changed(vec!["a/index.html".into()]);
        r.changed(vec!["b/index.html".into(), "a/index.html".into()]);
        assert_eq!(
            r.since(1),
            r#"{"all":false,"changed":["a/index.html","b/index.html"],"version":3}"#
        );
        assert_eq!(
            r.since(2),
            r#"{"all":false,"changed":["a/index.html","b/index.html"],"version":3}"#
        );
        assert_eq!(r.since(3), r#"{"all":false,"changed":[],"version":3}"#);
        for _ in 0..KEPT_REBUILDS {
            r.changed(vec!["c".into()]);
        }
        assert!(r.since(1).contains(r#""all":true"#));
        assert!(r.since(1000).contains(r#""all":true"#));
    }

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
