//! Which file types the site publishes. A file the site copies is served from the site's own
//! origin, so anything a browser would run (HTML, SVG, XML, JavaScript) could read and act on
//! every page of it. Only passive types on this list are copied; everything else, and any
//! type not listed, is refused.

/// Extensions (lowercase) of the passive types the site copies.
pub const PASSIVE: &[&str] = &[
    // Images a browser only draws.
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", // Documents and data.
    "pdf", "csv", "tsv", "json", "jsonl", "ndjson", "txt", "log", "md", "yaml", "yml", "toml",
    // Archives and recordings.
    "zip", "gz", "tgz", "tar", "bz2", "xz", "zst", "7z", "mp4", "webm",
];

/// `Ok` when the file named `name` (a path or a file name) has a passive type; else its
/// extension (empty when it has none).
pub fn passive(name: &str) -> Result<(), String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let ext = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    };
    if PASSIVE.contains(&ext.as_str()) {
        Ok(())
    } else {
        Err(ext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_passive_types() {
        assert!(passive("benchmarks/run.json").is_ok());
        assert!(passive("a/Chart.PNG").is_ok());
        for bad in [
            "x.html",
            "x.htm",
            "x.xhtml",
            "x.xml",
            "x.js",
            "x.mjs",
            "flame.svg",
            "x.exe",
        ] {
            assert!(passive(bad).is_err(), "{bad}");
        }
        assert_eq!(passive("Makefile"), Err(String::new()));
        assert_eq!(passive("dir.png/README"), Err(String::new()));
    }
}
