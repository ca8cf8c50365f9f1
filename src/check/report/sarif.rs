//! Findings as SARIF 2.1.0, the format GitHub code scanning (and other tools) upload: one run
//! whose driver lists every rule perfdoc has, and one result per finding with its file, line
//! and column.

use serde_json::{Value, json};

use crate::check::rules::RULES;
use crate::diagnostic::{Diagnostic, Severity};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// `prefix` is the practice's folder inside the repository (empty at the top): code scanning
/// resolves `uri`s against the repository's root.
pub fn render(findings: &[Diagnostic], prefix: &str) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explain },
                "help": { "text": format!("{}\n\nperfdoc check --explain {}", r.explain, r.id) },
            })
        })
        .collect();
    let results: Vec<Value> = findings.iter().map(|d| result(d, prefix)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "perfdoc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            // perfdoc counts columns in characters, not UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).expect("SARIF serializes")
}

fn result(d: &Diagnostic, prefix: &str) -> Value {
    let uri = super::repo_path(d, prefix);
    let mut text = d.message.clone();
    if let Some(hint) = &d.hint {
        text.push_str("\nhelp: ");
        text.push_str(hint);
    }
    let (line, column) = d.location.as_ref().map_or((1, 1), |l| (l.line, l.column));
    let mut out = json!({
        "ruleId": d.rule,
        "level": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                "region": { "startLine": line, "startColumn": column },
            }
        }],
    });
    if let Some(index) = RULES.iter().position(|r| r.id == d.rule) {
        out["ruleIndex"] = json!(index);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::LineIndex;
    use crate::diagnostic::Location;

    #[test]
    fn one_result_per_finding_pointing_at_its_line() {
        let text = "---\ntitle: x\n---\nTODO here\n";
        let at = text.find("TODO").unwrap();
        let loc = Location::resolve(text, &LineIndex::new(text), at, at + 4);
        let d = Diagnostic::warning("reports/daily-2025-12-04.md", "placeholder", "left over")
            .at(loc)
            .hint("fill it in");
        let log: Value = serde_json::from_str(&render(std::slice::from_ref(&d), "")).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "perfdoc");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            RULES.len()
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "placeholder");
        assert_eq!(r["level"], "warning");
        assert_eq!(r["message"]["text"], "left over\nhelp: fill it in");
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "placeholder");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "reports/daily-2025-12-04.md"
        );
        assert_eq!(loc["region"]["startLine"], 4);
        assert_eq!(loc["region"]["startColumn"], 1);
        let nested: Value = serde_json::from_str(&render(&[d], "perf")).unwrap();
        assert_eq!(
            nested["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"],
            "perf/reports/daily-2025-12-04.md"
        );
    }
}
