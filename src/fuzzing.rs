//! Entry points shared by the fuzz targets (`fuzz/`) and the regression tests that replay
//! their corpus in `cargo test`. Each panics if an invariant breaks; errors are fine.

use std::path::Path;
use std::sync::LazyLock;

use crate::config::Config;
use crate::practice::Practice;

const ROOT: &str = "/nonexistent-perfdoc-fuzz-root";

/// Built once: loading the defaults compiles the kinds' patterns, which would otherwise cost
/// more than checking the input.
static DEFAULTS: LazyLock<Config> =
    LazyLock::new(|| Config::from_sources(Path::new(ROOT), None).expect("defaults load"));

/// Parses `data` as each kind of document and checks it; every finding must point inside
/// the text, on a character boundary.
pub fn check_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    front_matter_agrees(text);
    if let crate::doc::FrontMatter::Parsed { block, .. }
    | crate::doc::FrontMatter::Invalid { block, .. } = crate::doc::split(text).front
    {
        front_matter_agrees(&text[block]);
    }
    let root = Path::new(ROOT);
    for name in [
        "optimizations/fuzz-case-2025-12-04.md",
        "reports/daily-2025-12-04.md",
        "reports/weekly-2025-W49.md",
        "reports/monthly-2025-12.md",
        "content/page.md",
    ] {
        let mut practice = Practice {
            root: root.to_path_buf(),
            config: DEFAULTS.clone(),
            docs: Vec::new(),
            problems: Vec::new(),
        };
        practice.replace(name, text.to_string());
        for d in crate::check::check(&practice, None) {
            if let Some(loc) = &d.location {
                assert!(loc.start <= loc.end && loc.end <= text.len(), "{d:?}");
                assert!(text.is_char_boundary(loc.start) && text.is_char_boundary(loc.end));
            }
        }
    }
}

/// The fast reader of plain front matter gives serde-saphyr's tree or leaves the text to it:
/// whatever it reads, serde-saphyr reads alike, spans and all.
pub fn front_matter_agrees(yaml: &str) {
    if let Some(fast) = crate::doc::parse_plain_yaml(yaml) {
        match crate::doc::parse_general(yaml) {
            Ok(general) => assert_eq!(fast, general, "{yaml:?}"),
            Err(e) => panic!(
                "{yaml:?} read as {fast:?}, but it is not valid YAML: {}",
                e.message
            ),
        }
    }
}

/// Loads `data` as a `book.toml`.
pub fn load_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(crate::Error::Invalid(d)) =
        Config::from_sources(Path::new(ROOT), Some(("book.toml", text)))
        && let Some(loc) = &d.location
    {
        assert!(loc.end <= text.len() && text.is_char_boundary(loc.start));
    }
}

/// Reads `data` as every run format, forced, and as whichever format it is detected as: a
/// run holds only finite numbers, or the error names the file and a place.
pub fn ingest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let results = crate::metrics::ingest::FORMATS
        .iter()
        .map(|f| (f.parse)("fuzz.run", text))
        .chain([crate::metrics::ingest::registry::parse_as(
            "fuzz.run", text, None,
        )]);
    for result in results {
        match result {
            Ok(run) => {
                let finite =
                    |v: &[crate::metrics::ingest::Value]| v.iter().all(|x| x.value.is_finite());
                assert!(finite(&run.figures), "{run:?}");
                assert!(run.endpoints.iter().all(|e| finite(&e.figures)), "{run:?}");
                assert!(
                    run.samples.values().flatten().all(|v| v.is_finite()),
                    "{run:?}"
                );
                assert!(run.tool.values().all(|v| v.is_finite()), "{run:?}");
                assert!(run.series.iter().all(|p| finite(&p.figures)), "{run:?}");
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.starts_with("`fuzz.run`: ") && msg.contains("\n  at: "),
                    "{msg}"
                );
            }
        }
    }
}

/// Reads `data` as a k6 summary: it parses into finite numbers, or the error names the file
/// and a JSON path; and a parsed summary maps onto the catalog. Every other run format reads
/// the same input too (`ingest`).
pub fn k6_summary(data: &[u8]) {
    ingest(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::metrics::ingest::k6_summary::parse("fuzz.json", text) {
        Ok(summary) => {
            for m in summary.metrics.values() {
                assert!(m.values.values().all(|v| v.is_finite()), "{m:?}");
            }
            let _ = crate::metrics::ingest::k6_summary::to_run(&summary);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with("`fuzz.json`: ") && msg.contains("\n  at: "),
                "{msg}"
            );
        }
    }
}

/// Renders `data` as a document body the way the site does (sanitized, links rewritten, list
/// items for the learnings page); no script may survive in what comes out.
pub fn markdown_html(data: &[u8]) {
    use crate::site::markdown::{Env, list_items, render, render_in_chunks};
    use crate::site::safe_html::unsafe_parts;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let practice = Practice {
        root: Path::new(ROOT).to_path_buf(),
        config: DEFAULTS.clone(),
        docs: Vec::new(),
        problems: Vec::new(),
    };
    let urls = crate::site::urls::Urls::new(&practice, "/repo/");
    let is_file = |p: &str| p.ends_with(".json");
    let env = Env {
        urls: &urls,
        is_file: &is_file,
        allow_html: false,
    };
    let doc = "optimizations/fuzz-case-2025-12-04.md";
    // Whole, and cut after every block as a long document is.
    for rendered in [
        render(&env, doc, text),
        render_in_chunks(&env, doc, text, 1),
    ] {
        let found = unsafe_parts(&rendered.html);
        assert!(found.is_empty(), "{found:?} in {}", rendered.html);
    }
    for item in list_items(&env, doc, text) {
        let found = unsafe_parts(&item);
        assert!(found.is_empty(), "{found:?} in {item}");
    }
}
