//! Values bound for the XML pages (feed, sitemap). Tera escapes `<`, `&` and quotes in them;
//! what it leaves is a control character or U+FFFE/U+FFFF from a title, an owner or
//! `book.toml`, which XML 1.0 forbids even escaped, so a single one would make the whole feed
//! unreadable. They carry no meaning in a title, so they are dropped.

/// `s` without the characters XML 1.0 forbids.
pub fn clean(s: &str) -> String {
    s.chars().filter(|&c| allowed(c)).collect()
}

/// XML 1.0's `Char`: tab, newline, carriage return, and everything from U+0020 but U+FFFE
/// and U+FFFF (surrogates are no `char`).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_drops_what_xml_forbids() {
        assert_eq!(clean("a\u{1}b\u{1b}c\u{fffe}d\u{ffff}e\u{0}"), "abcde");
        assert_eq!(
            clean("tab\there\nnew ü 😀 \u{7f}"),
            "tab\there\nnew ü 😀 \u{7f}"
        );
    }
}
