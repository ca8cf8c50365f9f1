//! Findings as GitHub Actions workflow commands, so each one annotates its line in the PR.

use crate::diagnostic::{Diagnostic, Severity};

pub fn render(findings: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (line, col) = d.location.as_ref().map_or((1, 1), |l| (l.line, l.column));
        let message = super::message_with_hint(d, false);
        out.push_str(&format!(
            "::{level} file={},line={line},col={col},title={}::{}\n",
            escape_property(&d.path),
            escape_property(&format!("perfdoc {}", d.rule)),
            escape_data(&message)
        ));
    }
    out
}

/// Workflow-command escaping of the message part.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties additionally escape `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_points_at_the_line() {
        let d = Diagnostic::error("reports/a,b.md", "placeholder", "50% left\nhere");
        let out = render(&[d]);
        assert_eq!(
            out,
            "::error file=reports/a%2Cb.md,line=1,col=1,title=perfdoc placeholder::50%25 left%0Ahere\n"
        );
    }
}
