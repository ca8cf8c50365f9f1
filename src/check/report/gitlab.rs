//! Findings as a GitLab Code Quality report: the `codequality` artifact a merge request shows
//! as a widget and as marks in its diff. GitLab compares the reports of the base and the head by
//! `fingerprint`, so a fingerprint names the finding, not the line number it sits on.

use serde_json::{Value, json};

use super::repo_path;
use crate::diagnostic::{Diagnostic, Severity};

/// `prefix` is the practice's folder inside the repository (empty at the top): GitLab resolves
/// `location.path` against the repository's root.
pub fn render(findings: &[Diagnostic], prefix: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let issues: Vec<Value> = findings
        .iter()
        .map(|d| {
            let path = repo_path(d, prefix);
            let line = d.location.as_ref().map_or(1, |l| l.line);
            let line_text = d.location.as_ref().map_or("", |l| l.line_text.as_str());
            let description = super::message_with_hint(d, true);
            // The same finding twice in one file (two identical lines) still needs two
            // fingerprints: the occurrence count tells them apart.
            let key = format!("{}\0{path}\0{}\0{}", d.rule, d.message, line_text.trim());
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key.clone());
            json!({
                "type": "issue",
                "description": description,
                "check_name": d.rule,
                "fingerprint": fingerprint(&format!("{key}\0{occurrence}")),
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "categories": ["Style"],
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(issues)).expect("report serializes")
}

/// A stable hex digest: git's blob hash, which perfdoc already links for its history index.
fn fingerprint(key: &str) -> String {
    crate::history::blob_hash(key.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_issue_per_finding_with_distinct_fingerprints() {
        let a = Diagnostic::error("reports/a.md", "placeholder", "left here");
        let b = Diagnostic::error("reports/a.md", "placeholder", "left here");
        let out: Value = serde_json::from_str(&render(&[a, b], "docs")).unwrap();
        let issues = out.as_array().unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0]["location"]["path"], "docs/reports/a.md");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 1);
        assert_eq!(issues[0]["severity"], "major");
        assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 40);
    }
}
