//! Links as documents write them: what a link target points at (another site, a place in the
//! page, a path inside the practice, or a path that climbs out of it), the relative link from
//! one document to another, and percent-decoding. The checker, the site, the server, the
//! review and the scaffolds all read or write such links through these functions, so they
//! agree on what a link means.

/// What a link written in a document points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A URL with a scheme (`https:`, `mailto:`) or a host (`//cdn.example`): not ours.
    External,
    /// A place in the same page (`#results`), or an empty link.
    Anchor,
    /// A path inside the practice: practice-relative, `/`-separated, decoded, without `.` or
    /// `..`; `suffix` is the `#fragment` or `?query` as written.
    Local { path: String, suffix: String },
    /// A path that climbs above the practice's root.
    Outside,
}

/// Resolves `dest`, written in the document at practice-relative `from`. Relative paths are
/// taken from the document's folder, `/…` from the practice's root; `%XX` escapes are decoded
/// before the path is split, so `..%2F` climbs like `../` does.
pub fn resolve_link(from: &str, dest: &str) -> Target {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') {
        return Target::Anchor;
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return Target::External;
    }
    let (raw, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    if raw.is_empty() {
        return Target::Anchor;
    }
    let decoded = percent_decode(raw);
    let mut parts: Vec<&str> = Vec::new();
    if !decoded.starts_with('/') {
        parts.extend(from.split('/'));
        parts.pop(); // the document itself
    }
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    Target::Local {
        path: parts.join("/"),
        suffix: suffix.to_string(),
    }
}

/// `scheme:` as RFC 3986 spells it (a letter, then letters, digits, `+`, `-`, `.`), before any
/// `/`, `?` or `#`; a browser reads `a:b.png` as a URL of scheme `a`, never as a file.
fn has_scheme(dest: &str) -> bool {
    let Some(i) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..i];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

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

    fn local(path: &str, suffix: &str) -> Target {
        Target::Local {
            path: path.into(),
            suffix: suffix.into(),
        }
    }

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

    #[test]
    fn every_form_of_link_target() {
        let from = "reports/weekly-2025-W49.md";
        assert_eq!(
            resolve_link(from, "../optimizations/a.md#results"),
            local("optimizations/a.md", "#results")
        );
        assert_eq!(
            resolve_link(from, "./b.md?x=1"),
            local("reports/b.md", "?x=1")
        );
        assert_eq!(
            resolve_link(from, "/content/c.md"),
            local("content/c.md", "")
        );
        assert_eq!(resolve_link(from, "a%20b.md"), local("reports/a b.md", ""));
        assert_eq!(resolve_link(from, "../../etc/passwd"), Target::Outside);
        assert_eq!(resolve_link(from, "..%2F..%2Fetc/passwd"), Target::Outside);
        assert_eq!(resolve_link(from, "%2E%2E/%2E%2E/x"), Target::Outside);
        assert_eq!(resolve_link(from, "/../x"), Target::Outside);
        assert_eq!(
            resolve_link(from, "https://example.com/x"),
            Target::External
        );
        assert_eq!(resolve_link(from, "mailto:a@b.c"), Target::External);
        assert_eq!(resolve_link(from, "//cdn.example/x.js"), Target::External);
        assert_eq!(resolve_link(from, "#top"), Target::Anchor);
        assert_eq!(resolve_link(from, ""), Target::Anchor);
        assert_eq!(
            resolve_link(from, "dir/a:b.png"),
            local("reports/dir/a:b.png", "")
        );
    }
}
