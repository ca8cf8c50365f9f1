//! Byte offsets to line and column. Spans are kept as byte ranges into the whole file and only
//! turned into `line:col` when a finding is shown, so every layer can work in offsets.

/// Start offsets of every line of a text, for binary search.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line number holding `offset`, with the byte range of that line (without
    /// its `\n`).
    pub fn line_of(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[i];
        let end = self
            .starts
            .get(i + 1)
            .map_or(text.len(), |next| next - 1)
            .max(start);
        (i + 1, start, end)
    }

    /// Byte offset where 1-based `line` starts, clamped to the text.
    pub fn line_start(&self, line: usize, text_len: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text_len)
    }
}

/// How a parser counts the 1-based column it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// In characters (serde-saphyr).
    Chars(usize),
    /// In bytes (serde_json).
    Bytes(usize),
}

/// Byte offset of 1-based `line` and `column` within `text`, kept on that line (a column
/// past its end is its end) and on a character boundary; a line past the end is the end.
pub fn offset_of(text: &str, line: usize, column: Column) -> usize {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let within = match column {
        Column::Chars(c) => rest
            .char_indices()
            .take_while(|(_, ch)| *ch != '\n')
            .nth(c.saturating_sub(1))
            .map_or(line_len, |(i, _)| i),
        Column::Bytes(b) => {
            let mut i = b.saturating_sub(1).min(line_len);
            while !rest.is_char_boundary(i) {
                i -= 1;
            }
            i
        }
    };
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_of(text, 0), (1, 0, 2));
        assert_eq!(idx.line_of(text, 4), (2, 3, 5));
        assert_eq!(idx.line_of(text, 6), (3, 6, 6));
        assert_eq!(idx.line_of(text, 8), (4, 7, 9));
        assert_eq!(idx.line_start(2, text.len()), 3);
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        let text = "ab\néf\n";
        assert_eq!(offset_of(text, 2, Column::Chars(2)), 5);
        assert_eq!(offset_of(text, 2, Column::Bytes(2)), 3); // inside `é`: its start
        assert_eq!(offset_of(text, 2, Column::Bytes(3)), 5);
        assert_eq!(offset_of(text, 1, Column::Chars(9)), 2); // past the line: its end
        assert_eq!(offset_of(text, 1, Column::Bytes(9)), 2);
        assert_eq!(offset_of(text, 9, Column::Chars(1)), text.len());
    }
}
