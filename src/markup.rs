//! Escaping text perfdoc writes into other languages: HTML (the site, sanitized SVG) and
//! GitHub-flavoured Markdown (the review, scaffolded reports, tracking, chat summaries). Below
//! every module that writes either, so each escaper exists once and nobody imports it from a
//! module above them.

use std::fmt::Write as _;

/// Text for HTML, in an element or a quoted attribute: the five characters HTML acts on as
/// entities.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Every value that comes from a document, a file name, `book.toml` or git, wherever it lands:
/// Markdown text, a table cell, a `<summary>` (raw HTML, where Markdown is not parsed) or a
/// `<code>`. One function, so no place is escaped less than another:
/// * direction overrides (U+202E and kin) are dropped, so no text shows reordered;
/// * line breaks and other control characters become spaces: a value stays on its line, so it
///   can neither end the `<details>` block (a blank line) nor start a heading or a list;
/// * the characters Markdown or HTML act on become character references, which both Markdown
///   text and HTML decode back to the character and never act on: a `|` so written does not
///   split a table cell, a `[` opens no link or image, a `<` no tag, a `` ` `` no code span,
///   a `$` no math, the `:` of `https://` and the `.` of `www.` no bare autolink;
/// * `@` and `#` are followed by a zero-width joiner. GitHub turns `@team` and `#12` into
///   mentions and references on the rendered text, after references are decoded, so only a
///   character that is not part of a name stops them. A code span would too, but it cannot be
///   used inside `<summary>`, and it changes how every title looks.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut last: [char; 3] = [' '; 3];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let www = last.iter().all(|l| l.eq_ignore_ascii_case(&'w'));
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            ':' if chars.peek() == Some(&'/') => out.push_str("&#58;"),
            '.' if www => out.push_str("&#46;"),
            '@' | '#' => {
                out.push(c);
                out.push('\u{200D}');
            }
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => out.push(' '),
            // Direction overrides and isolates would show what follows them reordered.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
        last = [last[1], last[2], c];
    }
    out
}

/// A link target, percent-encoded where Markdown would end it or GitHub would misread it (a
/// space, a bracket, a quote, anything outside ASCII). The scheme was checked when the
/// configuration was read: only `http(s)` and site paths reach here.
pub fn markdown_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:?#&=%+,;".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
