//! The one table printer of the human output (`list`, `log`, `baseline`, `formats`): columns
//! as wide as their widest cell (counted in characters), two spaces between them, the last
//! column unpadded, no trailing blanks.

/// `rows` under `header` (no header line when it is empty); the columns in `right` align
/// right (numbers).
pub fn render<R: AsRef<[String]>>(header: &[&str], rows: &[R], right: &[usize]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let lines: Vec<&[String]> = std::iter::once(&header[..])
        .filter(|h| !h.is_empty())
        .chain(rows.iter().map(AsRef::as_ref))
        .collect();
    let columns = lines.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for line in lines {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.chars().count());
            if i + 1 == line.len() && !right.contains(&i) {
                text.push_str(cell);
            } else if right.contains(&i) {
                text.push_str(&pad);
                text.push_str(cell);
                text.push_str("  ");
            } else {
                text.push_str(cell);
                text.push_str(&pad);
                text.push_str("  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn columns_fit_their_widest_cell_in_characters_and_numbers_align_right() {
        let rows = [
            row(&["é.md", "3", "Jane"]),
            row(&["long-name.md", "12", ""]),
        ];
        assert_eq!(
            render(&["PATH", "REVS", "AUTHORS"], &rows, &[1]),
            "PATH          REVS  AUTHORS\n\
             é.md             3  Jane\n\
             long-name.md    12\n"
        );
    }

    #[test]
    fn no_header_line_without_a_header() {
        let rows = [row(&["k6", "k6 summary"]), row(&["", "$ k6 run"])];
        assert_eq!(render(&[], &rows, &[]), "k6  k6 summary\n    $ k6 run\n");
    }
}
