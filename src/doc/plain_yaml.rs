//! The common shape of front matter, read without the general YAML parser: `key: value` lines,
//! one level of indented `key: value` under a bare `key:`, and one-line `[a, b]` and
//! `{k: v, k: v}` of plain words and numbers. Reading 10,000 documents, serde-saphyr cost a
//! third of `check`; this reads what nearly every document holds in a fraction of that.
//!
//! It gives exactly the tree serde-saphyr gives (values, types and spans) or `None`, and
//! `None` sends the text to serde-saphyr: anything it is not sure of (quotes, comments,
//! blank lines, tabs, `\r`, anchors, block lists, deeper nesting, repeated keys, words YAML
//! reads as booleans or null, numbers in any but the plainest spelling) is not its to read.
//! `fuzzing::front_matter_agrees` holds the two to the same answers.

use std::ops::Range;

use super::yaml::{Entry, Node, Value};

/// Front matter larger than this goes to the general parser, which enforces the budgets.
const MAX_BYTES: usize = 16 * 1024;
const MAX_KEY: usize = 64;

/// The tree of `yaml`, spans counted from its start, when it has the simple shape.
pub fn parse(yaml: &str) -> Option<Node> {
    if yaml.len() > MAX_BYTES || !yaml.ends_with('\n') {
        return None;
    }
    let mut lines = Lines { yaml, pos: 0 };
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(line) = lines.next() {
        let (key, key_span, rest) = key_of(yaml, line.clone())?;
        if entries.iter().any(|e| e.key == key) {
            return None;
        }
        let value = if rest.is_empty() {
            nested(yaml, &mut lines)?
        } else {
            value(yaml, rest)?
        };
        entries.push(Entry {
            key,
            key_span,
            value,
        });
    }
    if entries.is_empty() {
        return None;
    }
    Some(Node {
        value: Value::Map(entries),
        span: 0..0,
    })
}

/// The lines of the text, without their `\n`.
struct Lines<'a> {
    yaml: &'a str,
    pos: usize,
}

impl Lines<'_> {
    fn next(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        let len = self.yaml[start..].find('\n')?;
        self.pos = start + len + 1;
        Some(start..start + len)
    }

    fn peek(&self) -> Option<Range<usize>> {
        Lines {
            yaml: self.yaml,
            pos: self.pos,
        }
        .next()
    }
}

/// `key: rest` or `key:` at the start of `line`: the key, its span and the range of what
/// follows `: ` (empty for a bare `key:`).
fn key_of(yaml: &str, line: Range<usize>) -> Option<(String, Range<usize>, Range<usize>)> {
    let text = &yaml[line.clone()];
    let colon = text.find(':')?;
    let key = &text[..colon];
    if !is_key(key) {
        return None;
    }
    let after = &text[colon + 1..];
    let rest = if after.is_empty() {
        line.end..line.end
    } else {
        // Exactly one space, then the value: anything else is for the general parser.
        let value = after.strip_prefix(' ')?;
        if value.is_empty() || value.starts_with(' ') {
            return None;
        }
        line.start + colon + 2..line.end
    };
    Some((key.to_string(), line.start..line.start + colon, rest))
}

/// A key that reads as the string it spells: a word, not a boolean or null.
fn is_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_KEY
        && (bytes[0].is_ascii_alphabetic() || bytes[0] == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        && !is_special_word(key)
}

/// Words YAML (as serde-saphyr reads it) takes for a boolean, null or a non-number.
fn is_special_word(word: &str) -> bool {
    [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
}

/// The indented `key: value` lines under a bare `key:`: a map whose span is empty, at its
/// first key, as serde-saphyr places a block map.
fn nested(yaml: &str, lines: &mut Lines) -> Option<Node> {
    let first = lines.peek()?;
    let indent = yaml[first.clone()]
        .bytes()
        .take_while(|b| *b == b' ')
        .count();
    if indent == 0 {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(line) = lines.peek() {
        let text = &yaml[line.clone()];
        let own = text.bytes().take_while(|b| *b == b' ').count();
        if own == 0 && !text.is_empty() {
            break;
        }
        if own != indent {
            return None;
        }
        lines.next();
        let (key, key_span, rest) = key_of(yaml, line.start + indent..line.end)?;
        if rest.is_empty() || entries.iter().any(|e| e.key == key) {
            return None;
        }
        let value = value(yaml, rest)?;
        entries.push(Entry {
            key,
            key_span,
            value,
        });
    }
    let at = entries.first()?.key_span.start;
    Some(Node {
        value: Value::Map(entries),
        span: at..at,
    })
}

/// A value on the rest of a line: `[…]`, `{…}` or a plain scalar.
fn value(yaml: &str, at: Range<usize>) -> Option<Node> {
    let text = &yaml[at.clone()];
    match text.as_bytes()[0] {
        b'[' => {
            let inner = text.strip_suffix(']')?;
            let items = flow_items(yaml, at.start + 1, &inner[1..])?
                .into_iter()
                .map(|item| scalar(yaml, item))
                .collect::<Option<Vec<_>>>()?;
            Some(Node {
                value: Value::Seq(items),
                span: at.start..at.start + 1,
            })
        }
        b'{' => {
            let inner = text.strip_suffix('}')?;
            let mut entries: Vec<Entry> = Vec::new();
            for item in flow_items(yaml, at.start + 1, &inner[1..])? {
                let (key, key_span, rest) = key_of(yaml, item)?;
                if rest.is_empty() || entries.iter().any(|e| e.key == key) {
                    return None;
                }
                entries.push(Entry {
                    key,
                    key_span,
                    value: scalar(yaml, rest)?,
                });
            }
            Some(Node {
                value: Value::Map(entries),
                span: at.start..at.start + 1,
            })
        }
        _ => scalar(yaml, at),
    }
}

/// The comma-separated items between a flow collection's brackets (`inner` starts at byte
/// `start`), each without the spaces around it. No item may hold a bracket, a brace or a
/// comma of its own; an empty collection has no items.
fn flow_items(yaml: &str, start: usize, inner: &str) -> Option<Vec<Range<usize>>> {
    if inner
        .bytes()
        .any(|b| matches!(b, b'[' | b']' | b'{' | b'}'))
    {
        return None;
    }
    if inner.trim_matches(' ').is_empty() {
        return inner.is_empty().then(Vec::new);
    }
    let mut out = Vec::new();
    let mut from = start;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start_matches(' ').len();
        let trimmed = part.trim_matches(' ');
        if trimmed.is_empty() {
            return None;
        }
        out.push(from + lead..from + lead + trimmed.len());
        from += part.len() + 1;
    }
    debug_assert!(out.iter().all(|r| yaml.is_char_boundary(r.end)));
    Some(out)
}

/// A plain scalar: a whole-number or decimal, a date, ISO week or month (which YAML reads as
/// text), or text of plain characters that begins with a letter.
fn scalar(yaml: &str, at: Range<usize>) -> Option<Node> {
    let text = &yaml[at.clone()];
    let bytes = text.as_bytes();
    let value = if bytes[0].is_ascii_alphabetic() {
        let plain = bytes.iter().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b'_' | b'/' | b'-' | b'+')
        });
        if !plain || bytes[bytes.len() - 1] == b' ' || is_special_word(text) {
            return None;
        }
        Value::Str(text.to_string())
    } else if is_calendar(bytes) {
        Value::Str(text.to_string())
    } else {
        number(text)?
    };
    Some(Node { value, span: at })
}

/// `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`: text to YAML, dates to perfdoc's rules.
fn is_calendar(b: &[u8]) -> bool {
    let digits = |r: Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        8 => digits(0..4) && b[4] == b'-' && b[5] == b'W' && digits(6..8),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        _ => false,
    }
}

/// `0`, `1234`, `-12`, `27.5`, `-0.25`: no leading zeros, signs other than `-`, exponents,
/// underscores or radix prefixes, and few enough digits that the value is exact.
fn number(text: &str) -> Option<Value> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || (whole.len() > 1 && whole.starts_with('0')) || whole.len() > 15 {
        return None;
    }
    match fraction {
        None if text.starts_with('-') && whole == "0" => None,
        None => text.parse().ok().map(Value::Int),
        // `-0.0` would have to keep its sign through every reader; it is not a measurement.
        Some(f) if all_digits(f) && f.len() <= 15 => text
            .parse::<f64>()
            .ok()
            .filter(|v| *v != 0.0 || !text.starts_with('-'))
            .map(Value::Float),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(yaml: &str) {
        let general = crate::doc::parse_general(yaml).expect("valid YAML");
        assert_eq!(parse(yaml), Some(general), "{yaml:?}");
    }

    #[test]
    fn reads_the_common_shapes_as_serde_saphyr_does() {
        same("title: Remove chatty RPC in a-b\ndate: 2018-07-06\nkind: optimization\n");
        same("tags: [grpc, latency, q3]\nempty: []\nflow: {}\n");
        same(
            "metrics:\n  p95_ms: {before: 3848, after: 27.5}\n  cpu: { before: -1, after: 0 }\nm: 0\n",
        );
        same("week: 2025-W49\nmonth: 2025-12\nowner: a.b\nx: -0.25\nbig: 123456789012345\n");
        same("title: Cut N+1 queries\nstatus: in-progress\n");
    }

    #[test]
    fn leaves_everything_else_to_the_general_parser() {
        for yaml in [
            "title: \"quoted\"\n",
            "a: 1\na: 2\n",
            "on: 1\n",
            "flag: yes\n",
            "x: null\n",
            "x: 0755\n",
            "x: 1e5\n",
            "x: 1_000\n",
            "x: -0\n",
            "x: -0.0\n",
            "x: +1\n",
            "x: .5\n",
            "title: a # comment\n",
            "title: a\n\nb: c\n",
            "title: a\r\n",
            "title:  two spaces\n",
            "title: trailing \n",
            "tags:\n  - a\n",
            "m:\n  a:\n    b: 1\n",
            "m:\n  a: 1\n   b: 2\n",
            "t: [a, [b]]\n",
            "t: [a,, b]\n",
            "t: [ ]\n",
            "t: a: b\n",
            "t: &x a\n",
            "t: 2025-13-45x\n",
            "t: 12345678901234567890\n",
            "k:\n",
            "",
            "no newline: a",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }
}
