//! The scaffold templates: embedded defaults, overridden by same-named files under the
//! practice's `templates/scaffold/`; a kind a team added without a template gets one built
//! from its fields and sections.

use tera::{Context, Kwargs, State, Tera};

use crate::config::{FieldType, KindDef};
use crate::error::{Error, Result};
use crate::practice::Practice;

/// The embedded scaffold templates, by file name.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "optimization.md",
        include_str!("../../templates/scaffold/optimization.md"),
    ),
    (
        "daily.md",
        include_str!("../../templates/scaffold/daily.md"),
    ),
    (
        "weekly.md",
        include_str!("../../templates/scaffold/weekly.md"),
    ),
    (
        "monthly.md",
        include_str!("../../templates/scaffold/monthly.md"),
    ),
];

pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

pub fn render(practice: &Practice, kind: &KindDef, ctx: &Context) -> Result<String> {
    let name = format!("scaffold/{}", kind.template);
    let user = practice.root.join("templates").join(&name);
    let source = match std::fs::read_to_string(&user) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match embedded(&kind.template) {
            Some(t) => t.to_string(),
            None => generic(kind),
        },
        Err(source) => return Err(Error::Read { path: user, source }),
    };
    let mut tera = Tera::default();
    // Values go into YAML; a JSON string is a valid YAML double-quoted scalar.
    tera.register_filter("yaml", |s: &str, _: Kwargs, _: &State| {
        serde_json::to_string(s).unwrap_or_default()
    });
    tera.add_raw_template(&name, &source)
        .map_err(|e| Error::template(&name, &e))?;
    tera.render(&name, ctx)
        .map_err(|e| Error::template(&name, &e))
}

/// A scaffold for a kind defined in book.toml without a template of its own.
fn generic(kind: &KindDef) -> String {
    let mut out = String::from("---\n");
    for f in &kind.fields {
        let value = match (f.name.as_str(), f.ty) {
            ("title", _) => "{{ title | yaml }}".to_string(),
            ("kind", _) => kind.name.clone(),
            ("date", _) => "{{ date }}".to_string(),
            ("week", _) => "{{ week }}".to_string(),
            ("month", _) => "{{ month }}".to_string(),
            ("owner", _) => "{{ owner | yaml }}".to_string(),
            (_, FieldType::List) => "[]".to_string(),
            (_, FieldType::Enum) => format!("\"[{}]\"", f.values.join(" | ")),
            (_, FieldType::Metrics) => "\n  p95_ms: { before: \"[from dashboard]\" }".to_string(),
            (name, _) => format!("\"[{name}]\""),
        };
        out.push_str(&format!("{}: {value}\n", f.name));
    }
    if kind.field("kind").is_none() {
        out.push_str(&format!("kind: {}\n", kind.name));
    }
    out.push_str("---\n");
    for s in &kind.sections {
        out.push_str(&format!("\n## {s}\n\n[{s}]\n"));
    }
    out
}
