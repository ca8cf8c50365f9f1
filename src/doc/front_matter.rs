//! Splits the YAML front matter off a document and parses it, keeping byte offsets into the
//! whole file. A missing closing `---` is an error here (gray_matter would silently take the
//! rest of the file as YAML), and YAML errors are moved from block coordinates to file ones.

use std::ops::Range;

use super::yaml::{Node, Value};
use crate::diagnostic::{Column, offset_of};

/// The result of looking for front matter at the top of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontMatter {
    /// The file does not open with `---`.
    Missing,
    /// An opening `---` with no closing line; `open` is the opening line.
    Unclosed {
        open: Range<usize>,
    },
    /// The block is there but is not valid YAML, or not a mapping.
    Invalid {
        block: Range<usize>,
        message: String,
        at: Range<usize>,
        hint: Option<String>,
    },
    Parsed {
        block: Range<usize>,
        root: Node,
    },
}

/// Where the parts of a file lie.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

const BOM: &str = "\u{feff}";

/// Finds and parses the front matter of `text`.
pub fn split(text: &str) -> Split {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = LineIter::new(text, start);
    let Some(first) = lines.next() else {
        return Split {
            front: FrontMatter::Missing,
            body_start: start,
        };
    };
    if trim_line(&text[first.start..first.end]) != "---" {
        return Split {
            front: FrontMatter::Missing,
            body_start: start,
        };
    }
    let yaml_start = first.end_with_newline;
    for line in lines {
        let content = trim_line(&text[line.start..line.end]);
        if content == "---" || content == "..." {
            let block = yaml_start..line.start;
            return Split {
                front: parse_block(text, block),
                body_start: line.end_with_newline,
            };
        }
    }
    Split {
        front: FrontMatter::Unclosed {
            open: first.start..first.end,
        },
        body_start: start,
    }
}

fn trim_line(line: &str) -> &str {
    line.trim_end_matches(['\r', ' ', '\t'])
}

fn parse_block(text: &str, block: Range<usize>) -> FrontMatter {
    let yaml = &text[block.clone()];
    if yaml.trim().is_empty() {
        return FrontMatter::Parsed {
            root: Node {
                value: Value::Map(Vec::new()),
                span: block.clone(),
            },
            block,
        };
    }
    match parse_yaml(yaml) {
        Ok(mut root) => {
            root.shift(block.start);
            if root.entries().is_none() {
                let at = root.span.clone();
                return FrontMatter::Invalid {
                    block,
                    message: format!("front matter is {}, not a map of fields", root.type_name()),
                    at,
                    hint: Some("write `key: value` lines between the `---` lines".into()),
                };
            }
            FrontMatter::Parsed { block, root }
        }
        Err(e) => {
            let s = (block.start + e.at).min(block.end);
            FrontMatter::Invalid {
                block,
                message: e.message,
                at: s..s,
                hint: Some(e.hint),
            }
        }
    }
}

/// Why a YAML text could not be read: the message, the byte offset in the text, a fix.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub at: usize,
    pub hint: String,
}

/// Reads a YAML (or JSON) text into a spanned tree, spans counted from the text's start. The
/// one reader of YAML, with the parser's budgets, for front matter and figures files alike.
pub fn parse_yaml(yaml: &str) -> Result<Node, YamlError> {
    // Most front matter is a few plain `key: value` lines, read to the same tree far faster.
    match super::plain_yaml::parse(yaml) {
        Some(root) => Ok(root),
        None => parse_general(yaml),
    }
}

/// [`parse_yaml`] through serde-saphyr alone, whatever the shape of the text.
pub fn parse_general(yaml: &str) -> Result<Node, YamlError> {
    match serde_saphyr::from_str::<serde_saphyr::Spanned<Value>>(yaml) {
        Ok(spanned) => Ok(Node::from(spanned)),
        Err(e) => {
            let at = e
                .location()
                .map_or(0, |l| {
                    offset_of(yaml, l.line() as usize, Column::Chars(l.column() as usize))
                })
                .min(yaml.len());
            if let Some((message, hint)) = super::yaml::budget_breach(&e) {
                return Err(YamlError { message, at, hint });
            }
            let raw = error_message(&e);
            let hint = if yaml.contains('\t') {
                "YAML does not allow tabs for indentation; indent with spaces".to_string()
            } else if raw.contains("non-finite") {
                "write a finite number: NaN and infinities are not measurements".to_string()
            } else if raw.contains("duplicate") {
                "each field may appear once; remove or merge the repeated key".to_string()
            } else {
                "fix the YAML syntax; quote values that contain `: ` or start with `[`, `{`, `*` or `&`".to_string()
            };
            Err(YamlError {
                message: format!("front matter is not valid YAML: {raw}"),
                at,
                hint,
            })
        }
    }
}

/// serde-saphyr's message without its own position suffix or snippet: perfdoc prints the
/// position against the whole file itself.
fn error_message(e: &serde_saphyr::Error) -> String {
    let full = e.to_string();
    let mut first = full.lines().next().unwrap_or("").trim();
    first = first.strip_prefix("error: ").unwrap_or(first);
    if first.starts_with("line ")
        && let Some(i) = first.find(": ")
    {
        first = &first[i + 2..];
    }
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    first.trim_end_matches(':').to_string()
}

/// A line's byte range without its terminator, and where the next line starts.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    end_with_newline: usize,
}

struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        LineIter { text, pos }
    }
}

impl Iterator for LineIter<'_> {
    type Item = Line;
    fn next(&mut self) -> Option<Line> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let (end, next) = match self.text[start..].find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = next;
        Some(Line {
            start,
            end,
            end_with_newline: next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_places_spans_in_the_file() {
        let text = "---\ntitle: Hello\ndate: 2025-12-04\n---\n## Body\n";
        let s = split(text);
        let FrontMatter::Parsed { root, .. } = s.front else {
            panic!("{:?}", s.front)
        };
        let date = root.get("date").unwrap();
        assert_eq!(&text[date.span.clone()], "2025-12-04");
        assert_eq!(&text[s.body_start..], "## Body\n");
    }

    #[test]
    fn unclosed_block_is_reported() {
        let s = split("---\ntitle: x\n## Body\n");
        assert!(matches!(s.front, FrontMatter::Unclosed { .. }));
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(split("# Title\n").front, FrontMatter::Missing);
        assert_eq!(split("").front, FrontMatter::Missing);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nbody\r\n";
        let s = split(text);
        let FrontMatter::Parsed { root, .. } = s.front else {
            panic!("{:?}", s.front)
        };
        assert_eq!(root.get("title").unwrap().as_str(), Some("x"));
        assert_eq!(&text[s.body_start..], "body\r\n");
    }

    #[test]
    fn yaml_error_points_into_the_file() {
        let text = "---\ntitle: x\ndate: [2025\n---\n";
        let s = split(text);
        let FrontMatter::Invalid { at, .. } = s.front else {
            panic!("{:?}", s.front)
        };
        assert!(at.start >= 4, "{at:?}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let s = split("---\ntitle: a\ntitle: b\n---\n");
        assert!(
            matches!(s.front, FrontMatter::Invalid { .. }),
            "{:?}",
            s.front
        );
    }
}
