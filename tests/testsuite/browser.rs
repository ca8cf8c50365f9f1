//! The built example site in a real browser: headless Chromium opens the main pages served
//! under a Pages-like sub-path, and we check that no console message or failed request occurs,
//! that search finds a known record, and that a chart is drawn. Skipped (with a notice) only
//! when `/usr/bin/chromium` is missing; CI installs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use perfdoc::site::server::Static;

use crate::support::Repo;

const CHROMIUM: &str = "/usr/bin/chromium";
const BASE: &str = "/repo/";

struct Browser {
    profile: tempfile::TempDir,
}

struct Visit {
    dom: String,
    /// Console lines Chromium logged for the page (errors, warnings, logs).
    console: Vec<String>,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            profile: tempfile::tempdir().expect("profile dir"),
        }
    }

    fn args(&self) -> Vec<String> {
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            // Lets the search script's fetch finish before the DOM is dumped.
            "--virtual-time-budget=5000",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", self.profile.path().display())])
        .collect()
    }

    fn visit(&self, url: &str) -> Visit {
        let out = Command::new(CHROMIUM)
            .args(self.args())
            .arg("--dump-dom")
            .arg(url)
            .output()
            .expect("chromium runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        Visit {
            dom: String::from_utf8_lossy(&out.stdout).into_owned(),
            console: stderr
                .lines()
                .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
                .map(str::to_string)
                .collect(),
        }
    }

    fn screenshot(&self, url: &str, to: &Path, height: u32) {
        let out = Command::new(CHROMIUM)
            .args(self.args())
            .arg(format!("--window-size=1280,{height}"))
            .arg("--hide-scrollbars")
            .arg(format!("--screenshot={}", to.display()))
            .arg(url)
            .output()
            .expect("chromium runs");
        assert!(
            to.is_file(),
            "no screenshot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn example_site_works_in_chromium_under_a_sub_path() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("NOTICE: browser test skipped: {CHROMIUM} is not installed (CI installs it)");
        return;
    }
    let repo = Repo::example();
    repo.perfdoc(&[
        "build",
        "--out",
        "public",
        "--base-url",
        "https://org.github.io/repo/",
    ])
    .code(0);
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("listen"));
    let port = server.server_addr().to_ip().expect("ip").port();
    let statics = Static::new(repo.path().join("public"), BASE);
    let misses = statics.misses.clone();
    {
        let server = server.clone();
        std::thread::spawn(move || statics.run(&server));
    }
    let url = |rel: &str| format!("http://127.0.0.1:{port}{BASE}{rel}");
    let browser = Browser::new();

    for page in [
        "",
        "optimizations/",
        "optimizations/billing-stripe-batching-2025-12-04/",
        "reports/",
        "reports/weekly-2025-W52/",
        "trends/",
        "learnings/",
        "tags/",
        "tags/stripe/",
        "pages/",
        "404.html",
    ] {
        let visit = browser.visit(&url(page));
        assert!(
            visit.dom.contains("<main>"),
            "{page} did not load:\n{}",
            visit.dom
        );
        assert!(
            visit.console.is_empty(),
            "{page}: console:\n{}",
            visit.console.join("\n")
        );
        if page == "trends/" {
            assert!(visit.dom.contains("<svg class=\"chart\""), "no chart drawn");
            assert!(
                visit.dom.contains("<path class=\"line\" d=\"M"),
                "chart has no line"
            );
        }
    }

    let search = browser.visit(&url("search/?q=stripe+batching"));
    assert!(search.console.is_empty(), "{}", search.console.join("\n"));
    let results = search
        .dom
        .split("id=\"search-results\"")
        .nth(1)
        .expect("results list");
    assert!(
        results.contains("href=\"/repo/optimizations/billing-stripe-batching-2025-12-04/\""),
        "search did not find the record:\n{}",
        search.dom
    );
    assert!(search.dom.contains("result"), "{}", search.dom);

    let missed = misses.lock().unwrap().clone();
    assert!(
        missed.is_empty(),
        "requests that found nothing (broken links or assets): {missed:?}"
    );

    // Screenshots for the README: always taken (so the step is tested), kept in
    // docs/screenshots/ when PERFDOC_UPDATE_SCREENSHOTS is set.
    let shots = tempfile::tempdir().unwrap();
    for (page, name, height) in [("", "home.png", 1300), ("trends/", "trends.png", 1800)] {
        let to = shots.path().join(name);
        browser.screenshot(&url(page), &to, height);
        let png = std::fs::read(&to).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
        if std::env::var_os("PERFDOC_UPDATE_SCREENSHOTS").is_some() {
            let keep = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
            std::fs::create_dir_all(&keep).unwrap();
            std::fs::write(keep.join(name), png).unwrap();
        }
    }
    server.unblock();
}
