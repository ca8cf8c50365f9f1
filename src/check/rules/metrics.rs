//! `metric-incomplete` and `metric-unknown`: every before/after metric has numbers (after may
//! wait while the record is `proposed`) and a known direction, so improvements can be computed.

use crate::config::{Config, FieldType, KindDef};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::doc::yaml::{Node, Value};

pub fn check(config: &Config, doc: &Doc, kind: &KindDef, out: &mut Vec<Diagnostic>) {
    let proposed = doc.status() == Some("proposed");
    for spec in kind.fields.iter().filter(|f| f.ty == FieldType::Metrics) {
        let Some(node) = doc.field(&spec.name) else {
            continue;
        };
        let Some(entries) = node.entries() else {
            continue;
        };
        if entries.is_empty() && spec.required {
            out.push(
                Diagnostic::error(&doc.path, "metric-incomplete", "no metrics are given")
                    .at(doc.locate(node.span.clone()))
                    .hint("add at least one, e.g. `p95_ms: { before: 2800, after: 1100 }`"),
            );
        }
        for entry in entries {
            let m = &entry.value;
            if !matches!(m.value, Value::Map(_)) {
                continue; // the type rule reports it
            }
            for (side, optional) in [("before", false), ("after", proposed)] {
                match m.get(side) {
                    None
                    | Some(Node {
                        value: Value::Null, ..
                    }) if optional => {}
                    None
                    | Some(Node {
                        value: Value::Null, ..
                    }) => out.push(
                        Diagnostic::error(
                            &doc.path,
                            "metric-incomplete",
                            format!("metric `{}` has no `{side}` value", entry.key),
                        )
                        .at(doc.locate(entry.key_span.clone()))
                        .hint(if side == "after" {
                            format!(
                                "add `{side}: N`, or set `status: proposed` until it is measured"
                            )
                        } else {
                            format!("add `{side}: N` with the measured number")
                        }),
                    ),
                    Some(v) if !v.as_f64().is_some_and(f64::is_finite) => out.push(
                        Diagnostic::error(
                            &doc.path,
                            "metric-incomplete",
                            format!(
                                "metric `{}`: `{side}` should be a number, found `{}`",
                                entry.key,
                                v.display()
                            ),
                        )
                        .at(doc.locate(v.span.clone()))
                        .hint("write the bare number; the unit comes from the catalog or `unit:`"),
                    ),
                    Some(_) => {}
                }
            }
            let inline = m.get("better").and_then(Node::as_str);
            match inline {
                Some(b) if b != "lower" && b != "higher" => out.push(
                    Diagnostic::error(
                        &doc.path,
                        "metric-unknown",
                        format!("metric `{}`: `better: {b}` is not a direction", entry.key),
                    )
                    .at(doc.locate(m.get("better").map_or(entry.key_span.clone(), |n| n.span.clone())))
                    .hint("write `better: lower` or `better: higher`"),
                ),
                None if !config.metrics.contains_key(&entry.key) => out.push(
                    Diagnostic::error(
                        &doc.path,
                        "metric-unknown",
                        format!(
                            "metric `{}` is not in the catalog and does not say which way is better",
                            entry.key
                        ),
                    )
                    .at(doc.locate(entry.key_span.clone()))
                    .hint(format!(
                        "add `better: lower|higher` (and `unit:`) to it, add it to [preprocessor.perfdoc.metrics] in book.toml, or use a catalog name such as {}",
                        nearest(config, &entry.key)
                    )),
                ),
                _ => {}
            }
        }
    }
}

/// A catalog name sharing the most leading characters with `key`, to suggest.
fn nearest(config: &Config, key: &str) -> String {
    config
        .metrics
        .keys()
        .max_by_key(|k| {
            k.chars()
                .zip(key.chars())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .map_or_else(|| "p95_ms".into(), |k| format!("`{k}`"))
}
