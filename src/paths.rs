//! Practice-relative paths as they appear in links: the relative link from one document to
//! another, and percent-decoding of link targets. Scaffolds, the site, the server and the
//! review all write or read such links, so the one way of doing it lives here.

/// The relative link from the document at `from` to the file at `to`, both practice-relative
/// and `/`-separated.
pub fn relative_link(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.split('/').collect();
    from_dir.pop(); // the document itself
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// Decodes `%XX` escapes in a link target or request path; malformed escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_folders() {
        assert_eq!(relative_link("reports/a.md", "reports/b.md"), "b.md");
        assert_eq!(
            relative_link("reports/weekly-2026-W01.md", "content/runbooks/b.md"),
            "../content/runbooks/b.md"
        );
        assert_eq!(
            relative_link("reports/a.md", "optimizations/c.md"),
            "../optimizations/c.md"
        );
        assert_eq!(relative_link("index.md", "reports/b.md"), "reports/b.md");
        assert_eq!(relative_link("content/x/y.md", "content/z.md"), "../z.md");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
