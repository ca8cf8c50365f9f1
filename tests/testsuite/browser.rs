//! The built example site in a real browser: headless Chromium opens the main pages served
//! under a Pages-like sub-path, and we check that no console message or failed request occurs,
//! that search finds a known record, and that a chart is drawn; and a site built from
//! documents full of script payloads runs none of them. Skipped (with a notice) when
//! `/usr/bin/chromium` is missing, and failed then if `CI` is set; CI installs it.

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

    /// Visits a page of the site, which must load.
    #[track_caller]
    fn page(&self, url: &str) -> Visit {
        let visit = self.visit(url);
        assert!(
            visit.dom.contains("<main>"),
            "{url} did not load:\n{}",
            visit.dom
        );
        visit
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

/// Whether Chromium is there to run the test; missing, it is a failure under CI.
fn have_chromium() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {CHROMIUM} is missing: apt-get install chromium"
    );
    eprintln!("NOTICE: browser test skipped: {CHROMIUM} is not installed (CI installs it)");
    false
}

/// Serves `dir` under [`BASE`] on a free port; returns the server, its port and the paths
/// requested that found nothing.
fn serve(
    dir: PathBuf,
) -> (
    Arc<tiny_http::Server>,
    u16,
    Arc<std::sync::Mutex<Vec<String>>>,
) {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("listen"));
    let port = server.server_addr().to_ip().expect("ip").port();
    let mut statics = Static::new(dir, BASE);
    let misses = Arc::new(std::sync::Mutex::new(Vec::new()));
    statics.misses = Some(misses.clone());
    {
        let server = server.clone();
        std::thread::spawn(move || statics.run(&server));
    }
    (server, port, misses)
}

#[test]
fn example_site_works_in_chromium_under_a_sub_path() {
    if !have_chromium() {
        return;
    }
    let repo = Repo::example_with_history();
    repo.perfdoc(&[
        "build",
        "--out",
        "public",
        "--base-url",
        "https://org.github.io/repo/",
    ])
    .code(0);
    let (server, port, misses) = serve(repo.path().join("public"));
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
        let visit = browser.page(&url(page));
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
    // The results list as the script filled it: its items, each a link to a hit.
    let results = search
        .dom
        .split("id=\"search-results\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("results list");
    let hits: Vec<&str> = results
        .split("<li><a href=\"")
        .skip(1)
        .filter_map(|item| item.split('"').next())
        .collect();
    assert!(
        hits.contains(&"/repo/optimizations/billing-stripe-batching-2025-12-04/"),
        "search did not list the record among {hits:?}:\n{}",
        search.dom
    );

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

/// Runs `document.title = "PWNED-<name>"` when executed; the marker is split in the source
/// so only a script that ran can write it.
fn mark(name: &str) -> String {
    format!("document.title='PW'+'NED-{name}'")
}

/// One document per way Markdown can carry markup: heading attributes, raw HTML blocks and
/// inline, autolinks, link and image destinations, reference definitions, footnotes, tables,
/// task lists, math, definition lists, smart punctuation, code info strings, front matter.
fn payloads() -> Vec<(&'static str, String)> {
    let m = mark;
    vec![
        (
            "heading-attributes",
            format!(
                "## Title {{onfocus={} autofocus tabindex=1}}\n\n# Two {{#x .c onclick={}}}\n",
                m("heading"),
                m("heading-click")
            ),
        ),
        (
            "raw-html",
            format!(
                "<script>{}</script>\n\n<img src=x onerror=\"{}\">\n\n<svg onload=\"{}\"></svg>\n\n\
                 <details open ontoggle=\"{}\"><summary>s</summary>x</details>\n\n\
                 <input autofocus onfocus=\"{}\">\n\n<iframe srcdoc=\"<script>parent.{}</script>\"></iframe>\n\n\
                 <object data=\"javascript:{}\"></object><embed src=\"javascript:{}\">\n\n\
                 <meta http-equiv=\"refresh\" content=\"0;url=javascript:{}\">\n\n\
                 <math><mi><mglyph><style><img src=x onerror=\"{}\">\n",
                m("script"),
                m("img"),
                m("svg"),
                m("details"),
                m("input"),
                m("iframe"),
                m("object"),
                m("embed"),
                m("meta"),
                m("mglyph"),
            ),
        ),
        (
            "inline-html",
            format!(
                "Text <img src=x onerror=\"{}\"> and <b onmouseover=\"{}\">bold</b>.\n",
                m("inline"),
                m("inline-b")
            ),
        ),
        (
            "links",
            format!(
                "[a](javascript:{0}) [b](JaVaScRiPt:{0}) [c]( &#106;avascript:{0}) [d](java\tscript:{0}) \
                 [e](vbscript:{0}) [f](data:text/html,<script>{0}</script>) <javascript:{0}>\n\n\
                 ![i](javascript:{0}) ![j](x \"t\\\" onerror=\\\"{0}\")\n\n[r][ref]\n\n[ref]: javascript:{0}\n",
                m("link")
            ),
        ),
        (
            "footnotes-tables-tasks",
            format!(
                "Note[^1].\n\n[^1]: <img src=x onerror=\"{0}\">\n\n| a | <img src=x onerror=\"{1}\"> |\n|:--|--:|\n| 1 | 2 |\n\n\
                 - [x] <img src=x onerror=\"{2}\">\n",
                m("footnote"),
                m("table"),
                m("task")
            ),
        ),
        (
            "math-deflists-smart",
            format!(
                "$<img src=x onerror=\"{0}\">$\n\nTerm\n: <img src=x onerror=\"{1}\">\n\n\"<img src=x onerror=\"{2}\">\" -- x...\n",
                m("math"),
                m("deflist"),
                m("smart")
            ),
        ),
        (
            "code-info",
            format!(
                "```js\" onmouseover=\"{0}\nlet x = 1;\n```\n\n```\"><img src=x onerror=\"{1}\">\nx\n```\n",
                m("code-class"),
                m("code-info")
            ),
        ),
    ]
}

#[test]
fn a_site_of_hostile_documents_runs_no_script_in_chromium() {
    if !have_chromium() {
        return;
    }
    let repo = Repo::example();
    for (name, body) in payloads() {
        repo.write(
            &format!("content/xss-{name}.md"),
            format!(
                "---\ntitle: \"<img src=x onerror={}>\"\ntags: [\"<svg onload={}>\"]\n---\n\n{body}",
                mark("title"),
                mark("tag")
            ),
        );
    }
    repo.perfdoc(&["build", "--out", "public", "--base-url", BASE])
        .code(0);
    let (server, port, _) = serve(repo.path().join("public"));
    let browser = Browser::new();
    let url = |rel: &str| format!("http://127.0.0.1:{port}{BASE}{rel}");
    let mut pages: Vec<String> = payloads()
        .iter()
        .map(|(name, _)| format!("pages/xss-{name}/"))
        .collect();
    pages.extend(["pages/", "tags/", ""].map(str::to_string));
    for page in &pages {
        let visit = browser.page(&url(page));
        assert!(
            !visit.dom.contains("PWNED"),
            "{page} ran a script:\n{}",
            visit.dom
        );
        if !page.starts_with("pages/xss-") {
            continue;
        }
        // What no visit can trigger (a click, a hover) must not be in the document either.
        let main = visit
            .dom
            .split("<main>")
            .nth(1)
            .and_then(|m| m.split("</main>").next())
            .expect("main");
        let found = perfdoc::site::safe_html::unsafe_parts(main);
        assert!(found.is_empty(), "{page}: {found:?}");
    }

    // The same pages with `allow-html`: the raw HTML runs, so a script that runs is seen.
    let toml = repo.read("book.toml").replace(
        "[preprocessor.perfdoc]\n",
        "[preprocessor.perfdoc]\nallow-html = true\n",
    );
    repo.write("book.toml", toml);
    repo.perfdoc(&["build", "--out", "public", "--base-url", BASE])
        .code(0);
    let visit = browser.visit(&url("pages/xss-raw-html/"));
    assert!(
        visit.dom.contains("PWNED-"),
        "the control did not run:\n{}",
        visit.dom
    );
    server.unblock();
}
