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
}
