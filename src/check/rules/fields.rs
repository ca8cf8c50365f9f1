//! `required-field` and `field-type`: the kind's fields are present and each value has its
//! type — real dates, ISO weeks, months, numbers, statuses from their list.

use crate::config::{FieldSpec, FieldType, KindDef};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::doc::period::{parse_month, parse_week};
use crate::doc::yaml::{Node, Value};

pub fn check(doc: &Doc, kind: &KindDef, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root() else { return };
    for spec in &kind.fields {
        match root.get(&spec.name) {
            None => {
                if spec.required {
                    let at = doc.front_end_span();
                    out.push(
                        Diagnostic::error(
                            &doc.path,
                            "required-field",
                            format!("required field `{}` is missing", spec.name),
                        )
                        .at(doc.locate(at))
                        .hint(format!(
                            "add `{}: ` with {} to the front matter",
                            spec.name,
                            spec.ty.describe()
                        )),
                    );
                }
            }
            Some(node) if is_empty(node) => {
                if spec.required {
                    out.push(
                        Diagnostic::error(
                            &doc.path,
                            "required-field",
                            format!("required field `{}` is empty", spec.name),
                        )
                        .at(doc.locate(node.span.clone()))
                        .hint(format!(
                            "give `{}` {}",
                            spec.name,
                            spec.ty.describe()
                        )),
                    );
                }
            }
            Some(node) => {
                if let Some((message, hint)) = type_error(spec, node) {
                    out.push(
                        Diagnostic::error(&doc.path, "field-type", message)
                            .at(doc.locate(node.span.clone()))
                            .hint(hint),
                    );
                }
            }
        }
    }
}

fn is_empty(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Checks one value against its declared type; `None` when it fits.
pub fn type_error(spec: &FieldSpec, node: &Node) -> Option<(String, String)> {
    let name = &spec.name;
    let wrong = || {
        Some((
            format!(
                "`{name}` should be {}, found {}",
                spec.ty.describe(),
                node.type_name()
            ),
            format!("write `{name}` as {}", spec.ty.describe()),
        ))
    };
    match (spec.ty, &node.value) {
        (FieldType::String, Value::Str(_)) => None,
        (FieldType::String, _) => wrong(),
        (FieldType::Date, Value::Str(s)) => match s.parse::<jiff::civil::Date>() {
            Ok(_) if is_iso_date(s) => None,
            _ => Some((
                format!("`{name}: {s}` is not a real date"),
                "write the date as YYYY-MM-DD, e.g. 2025-12-04".into(),
            )),
        },
        (FieldType::Week, Value::Str(s)) => match parse_week(s) {
            Some(_) => None,
            None => Some((
                format!("`{name}: {s}` is not an ISO week"),
                "write the week as YYYY-Www, e.g. 2025-W49".into(),
            )),
        },
        (FieldType::Month, Value::Str(s)) => match parse_month(s) {
            Some(_) => None,
            None => Some((
                format!("`{name}: {s}` is not a month"),
                "write the month as YYYY-MM, e.g. 2025-12".into(),
            )),
        },
        (FieldType::Number, Value::Int(_)) => None,
        (FieldType::Number, Value::Float(f)) if f.is_finite() => None,
        (FieldType::Integer, Value::Int(_)) => None,
        (FieldType::Bool, Value::Bool(_)) => None,
        (FieldType::List, Value::Seq(_)) => None,
        (FieldType::Map, Value::Map(_)) => None,
        (FieldType::Enum, Value::Str(s)) if spec.values.contains(s) => None,
        (FieldType::Enum, _) => Some((
            format!(
                "`{name}: {}` is not one of {}",
                node.display(),
                spec.values.join(", ")
            ),
            format!("use one of: {}", spec.values.join(" | ")),
        )),
        (FieldType::Metrics, Value::Map(entries)) => entries
            .iter()
            .find(|e| !matches!(e.value.value, Value::Map(_)))
            .map(|e| {
                (
                    format!(
                        "metric `{}` should be `{{ before: N, after: N }}`, found {}",
                        e.key,
                        e.value.type_name()
                    ),
                    format!("write `{}: {{ before: 2800, after: 1100 }}`", e.key),
                )
            }),
        (FieldType::Figures, Value::Map(entries)) => entries
            .iter()
            .find(|e| !e.value.as_f64().is_some_and(f64::is_finite))
            .map(|e| {
                (
                    format!(
                        "figure `{}` should be a number, found {}",
                        e.key,
                        e.value.type_name()
                    ),
                    format!(
                        "write `{}: 285` (the unit comes from the metric catalog)",
                        e.key
                    ),
                )
            }),
        _ => wrong(),
    }
}

/// jiff accepts a few forms besides `YYYY-MM-DD`; documents use exactly that one.
fn is_iso_date(s: &str) -> bool {
    s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_type_errors() {
        let spec = FieldSpec {
            name: "date".into(),
            ty: FieldType::Date,
            required: true,
            values: vec![],
        };
        let node = |s: &str| Node {
            value: Value::Str(s.into()),
            span: 0..0,
        };
        assert!(type_error(&spec, &node("2025-02-30")).is_some());
        assert!(type_error(&spec, &node("2025-2-3")).is_some());
        assert!(type_error(&spec, &node("2024-02-29")).is_none());
    }
}
