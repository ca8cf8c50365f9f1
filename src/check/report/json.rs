//! Findings as one JSON array, for tools.

use crate::diagnostic::Diagnostic;

pub fn render(findings: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(findings).expect("findings serialize")
}
