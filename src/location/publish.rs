//! Which file types the site publishes. A file the site copies is served from the site's own
//! origin, so anything a browser would run (HTML, SVG, XML, JavaScript) could read and act on
//! every page of it. Passive types on this list are copied as they are, SVG is rewritten
//! without its script (`svg::clean`); everything else, and any type not listed, is refused.

/// Extensions (lowercase) of the passive types the site copies: a browser draws them, shows
/// them as text or downloads them, and runs none. Scripts a browser would run (`js`, `mjs`,
/// `wasm`) are not here, whatever else they are.
#[rustfmt::skip]
pub const PASSIVE: &[&str] = &[
    // Images.
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico",
    // Documents, data and text: k6 and HAR output, folded stacks, queries, patches.
    "pdf", "csv", "tsv", "json", "jsonl", "ndjson", "har", "txt", "log", "md", "yaml", "yml",
    "toml", "ini", "conf", "folded", "sql", "sh", "py", "diff", "patch",
    // Archives and recordings.
    "zip", "gz", "tgz", "tar", "bz2", "xz", "zst", "7z", "mp4", "webm",
];

/// How a file is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Treatment {
    /// Copied byte for byte.
    Verbatim,
    /// Rewritten by `svg::clean`.
    CleanSvg,
}

/// How the file named `name` (a path or a file name) is published; `Err` with its extension
/// (empty when it has none) when it is not.
pub fn treatment(name: &str) -> Result<Treatment, String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let ext = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    };
    if PASSIVE.contains(&ext.as_str()) {
        Ok(Treatment::Verbatim)
    } else if ext == "svg" {
        Ok(Treatment::CleanSvg)
    } else {
        Err(ext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_passive_types() {
        assert_eq!(treatment("benchmarks/run.json"), Ok(Treatment::Verbatim));
        assert_eq!(treatment("a/Chart.PNG"), Ok(Treatment::Verbatim));
        assert_eq!(treatment("perf/flame.SVG"), Ok(Treatment::CleanSvg));
        for bad in [
            "x.html", "x.htm", "x.xhtml", "x.xml", "x.js", "x.mjs", "x.wasm", "x.exe", "x.svgz",
        ] {
            assert!(treatment(bad).is_err(), "{bad}");
        }
        assert_eq!(treatment("Makefile"), Err(String::new()));
        assert_eq!(treatment("dir.png/README"), Err(String::new()));
        assert_eq!(treatment(".png"), Err(String::new()));
    }
}
