//! Syntax highlighting for code blocks, done here rather than with syntect: syntect pulls
//! bincode (RUSTSEC-2025-0141, unmaintained) and a large grammar set, while the code a
//! performance practice writes is a handful of languages (shell, SQL, JSON, YAML, JavaScript,
//! Rust). A small scanner marks comments, strings, numbers and keywords with classes the
//! stylesheet colours; unknown languages are escaped and left plain.

use crate::markup::escape_html;

/// Highlighted HTML for `code` in `lang`: `<span class="hl-X">` around tokens, everything
/// escaped. Deterministic and never fails.
pub fn highlight(lang: &str, code: &str) -> String {
    let Some(syntax) = syntax(lang) else {
        return escape_html(code);
    };
    let mut out = String::with_capacity(code.len() + code.len() / 4);
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest = &chars[i..];
        if let Some(len) = comment_len(&syntax, rest) {
            push_span(&mut out, "hl-c", &chars[i..i + len]);
            i += len;
        } else if syntax.string_quotes.contains(&c) {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if chars[j] == '\\' {
                    j += 1;
                }
                if chars[j.min(chars.len() - 1)] == '\n' && c != '`' {
                    break;
                }
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            push_span(&mut out, "hl-s", &chars[i..end]);
            i = end;
        } else if c.is_ascii_digit() && (i == 0 || !is_word(chars[i - 1])) {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '.') {
                j += 1;
            }
            push_span(&mut out, "hl-n", &chars[i..j]);
            i = j;
        } else if is_word(c) {
            let mut j = i;
            while j < chars.len() && (is_word(chars[j]) || (syntax.dash_words && chars[j] == '-')) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let is_kw = if syntax.case_insensitive {
                syntax
                    .keywords
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&word))
            } else {
                syntax.keywords.contains(&word.as_str())
            };
            let is_key = syntax.yaml_keys && chars.get(j) == Some(&':') && line_start(&chars, i);
            if is_kw || is_key {
                push_span(&mut out, if is_key { "hl-a" } else { "hl-k" }, &chars[i..j]);
            } else {
                out.push_str(&escape_html(&word));
            }
            i = j;
        } else {
            out.push_str(&escape_html(&c.to_string()));
            i += 1;
        }
    }
    out
}

struct Syntax {
    keywords: &'static [&'static str],
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    string_quotes: &'static [char],
    case_insensitive: bool,
    /// Shell and YAML words may contain dashes (`--summary-export`, `max-rps`).
    dash_words: bool,
    /// YAML: a word followed by `:` at the start of a line is a key.
    yaml_keys: bool,
}

fn syntax(lang: &str) -> Option<Syntax> {
    let base = Syntax {
        keywords: &[],
        line_comments: &[],
        block_comment: None,
        string_quotes: &['"', '\''],
        case_insensitive: false,
        dash_words: false,
        yaml_keys: false,
    };
    Some(match lang.to_ascii_lowercase().as_str() {
        "bash" | "sh" | "shell" | "console" | "zsh" => Syntax {
            keywords: &[
                "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "case",
                "esac", "function", "return", "export", "local", "echo", "cd", "set", "exit",
                "curl", "git", "k6", "perfdoc", "cat", "cp", "mv", "grep",
            ],
            line_comments: &["#"],
            dash_words: true,
            ..base
        },
        "sql" | "psql" | "postgres" => Syntax {
            keywords: &[
                "select",
                "from",
                "where",
                "and",
                "or",
                "not",
                "insert",
                "into",
                "values",
                "update",
                "set",
                "delete",
                "create",
                "index",
                "on",
                "table",
                "join",
                "left",
                "inner",
                "order",
                "by",
                "group",
                "limit",
                "offset",
                "as",
                "explain",
                "analyze",
                "concurrently",
                "null",
                "is",
                "in",
                "desc",
                "asc",
                "having",
                "with",
                "drop",
            ],
            line_comments: &["--"],
            block_comment: Some(("/*", "*/")),
            string_quotes: &['\''],
            case_insensitive: true,
            ..base
        },
        "json" | "jsonc" => Syntax {
            keywords: &["true", "false", "null"],
            ..base
        },
        "yaml" | "yml" | "toml" => Syntax {
            keywords: &["true", "false", "null"],
            line_comments: &["#"],
            dash_words: true,
            yaml_keys: true,
            ..base
        },
        "js" | "javascript" | "ts" | "typescript" | "node" => Syntax {
            keywords: &[
                "const",
                "let",
                "var",
                "function",
                "return",
                "if",
                "else",
                "for",
                "while",
                "await",
                "async",
                "new",
                "class",
                "import",
                "export",
                "from",
                "default",
                "try",
                "catch",
                "finally",
                "throw",
                "true",
                "false",
                "null",
                "undefined",
                "this",
                "of",
                "in",
                "typeof",
            ],
            line_comments: &["//"],
            block_comment: Some(("/*", "*/")),
            string_quotes: &['"', '\'', '`'],
            ..base
        },
        "rust" | "rs" => Syntax {
            keywords: &[
                "fn", "let", "mut", "pub", "use", "mod", "struct", "enum", "impl", "trait", "for",
                "in", "if", "else", "match", "return", "self", "Self", "const", "static", "where",
                "loop", "while", "async", "await", "move", "true", "false", "crate",
            ],
            line_comments: &["//"],
            block_comment: Some(("/*", "*/")),
            string_quotes: &['"'],
            ..base
        },
        _ => return None,
    })
}

fn comment_len(s: &Syntax, rest: &[char]) -> Option<usize> {
    let starts = |p: &str| {
        let p: Vec<char> = p.chars().collect();
        rest.len() >= p.len() && rest[..p.len()] == p[..]
    };
    if s.line_comments.iter().any(|p| starts(p)) {
        return Some(rest.iter().position(|&c| c == '\n').unwrap_or(rest.len()));
    }
    let (open, close) = s.block_comment?;
    if !starts(open) {
        return None;
    }
    let close: Vec<char> = close.chars().collect();
    let end = (open.len()..rest.len().saturating_sub(close.len() - 1))
        .find(|&k| rest[k..k + close.len()] == close[..])
        .map_or(rest.len(), |k| k + close.len());
    Some(end)
}

fn line_start(chars: &[char], i: usize) -> bool {
    chars[..i]
        .iter()
        .rev()
        .take_while(|&&c| c != '\n')
        .all(|&c| c == ' ' || c == '-' || c == '\t')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn push_span(out: &mut String, class: &str, text: &[char]) {
    let text: String = text.iter().collect();
    out.push_str(&format!(
        "<span class=\"{class}\">{}</span>",
        escape_html(&text)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_keywords_strings_comments_and_numbers() {
        let html = highlight("sql", "SELECT * FROM t WHERE a = 'x' -- why\n LIMIT 10");
        assert!(
            html.contains("<span class=\"hl-k\">SELECT</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-s\">&#39;x&#39;</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-c\">-- why</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-n\">10</span>"), "{html}");
    }

    #[test]
    fn escapes_everything_and_leaves_unknown_languages_plain() {
        assert_eq!(highlight("cobol", "<a>&"), "&lt;a&gt;&amp;");
        let html = highlight("js", "const s = \"<script>\";");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn unterminated_tokens_do_not_panic() {
        for lang in ["bash", "sql", "json", "yaml", "js", "rust"] {
            for code in ["\"abc", "/* x", "'", "\\", "a:\n", "\"\\"] {
                let _ = highlight(lang, code);
            }
        }
    }
}
