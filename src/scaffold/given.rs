//! `perfdoc new … --figures FILE|-`: the morning's numbers as a team's script fetched them.
//! A flat map of catalog keys to values (JSON, YAML or `key,value` CSV), a New Relic NRQL
//! result, or a Prometheus query response; the last two through the mapping in book.toml.
//! Every figure is checked (a finite number, not negative, a known key) and a bad one is
//! named by `file:line:col`; nothing is written until all of them are right.

use std::collections::BTreeMap;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::config::{Config, Mapped};
use crate::diagnostic::LineIndex;
use crate::diagnostic::{Diagnostic, Location};
use crate::doc::yaml::{Node, Value};
use crate::error::{Error, Result};

/// More than a morning's figures: a file this big is not one.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The figures read, by catalog key, and the file they came from.
#[derive(Debug, Clone)]
pub struct Given {
    pub file: String,
    pub values: BTreeMap<String, f64>,
}

/// Reads `arg`: a path (relative to the current directory, as the shell gave it) or `-` for
/// standard input.
pub fn read(config: &Config, arg: &str) -> Result<Given> {
    let (name, bytes) = if arg == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|source| Error::Read {
                path: "<stdin>".into(),
                source,
            })?;
        ("<stdin>".to_string(), buf)
    } else {
        let path = Path::new(arg);
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            path: arg.into(),
            source,
        })?;
        let mut buf = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|source| Error::Read {
                path: arg.into(),
                source,
            })?;
        (arg.to_string(), buf)
    };
    if buf_too_large(&bytes) {
        return Err(Error::Figures {
            file: name,
            message: format!(
                "is larger than {} KiB, too large for a figures file",
                MAX_BYTES / 1024
            ),
            hint: "pass the figures of one report: catalog keys and their values".into(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::Figures {
        file: name.clone(),
        message: format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
        hint: "save the figures as UTF-8 JSON, YAML or CSV".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let csv = name.ends_with(".csv")
        || (!name.ends_with(".json")
            && !name.ends_with(".yaml")
            && !name.ends_with(".yml")
            && looks_like_csv(&text));
    let at = Reader {
        name: &name,
        text: &text,
    };
    let values = if csv {
        at.csv(config)?
    } else {
        at.tree(config)?
    };
    Ok(Given { file: name, values })
}

fn buf_too_large(bytes: &[u8]) -> bool {
    bytes.len() as u64 > MAX_BYTES
}

/// A first line with a comma and no `:` or `{` is CSV.
fn looks_like_csv(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.contains(',') && !first.contains(':') && !first.trim_start().starts_with(['{', '['])
}

struct Reader<'a> {
    name: &'a str,
    text: &'a str,
}

impl Reader<'_> {
    fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Error {
        let index = LineIndex::new(self.text);
        Error::invalid(
            Diagnostic::error(self.name, "figures", message)
                .at(Location::resolve(self.text, &index, span.start, span.end))
                .hint(hint),
        )
    }

    /// A figure's value checked, then scaled into the catalog's unit.
    fn value(&self, key: &str, v: Option<f64>, span: Range<usize>, shown: &str) -> Result<f64> {
        match v {
            Some(x) if x.is_finite() && x >= 0.0 => Ok(x),
            Some(x) if x.is_finite() => Err(self.error(
                span,
                format!("`{key}` is negative ({shown})"),
                "figures are measurements: latencies, rates and counts are zero or more",
            )),
            _ => Err(self.error(
                span,
                format!("`{key}`: `{shown}` is not a number"),
                "write the bare number, e.g. `285` for 285 ms or `0.2` for 0.2%",
            )),
        }
    }

    fn known(&self, config: &Config, key: &str, span: Range<usize>) -> Result<()> {
        if config.metrics.contains_key(key) {
            return Ok(());
        }
        Err(self.error(
            span,
            format!("`{key}` is not in the metric catalog"),
            format!(
                "use catalog keys ({}), or add `{key}` under [preprocessor.perfdoc.metrics] in book.toml",
                config.metrics.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        ))
    }

    fn csv(&self, config: &Config) -> Result<BTreeMap<String, f64>> {
        let mut out = BTreeMap::new();
        let mut offset = 0;
        let mut first = true;
        for raw in self.text.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            if fields.len() != 2 {
                return Err(self.error(
                    start..start + line.len(),
                    format!(
                        "a CSV line should have two fields, key and value; this one has {}",
                        fields.len()
                    ),
                    "write one `key,value` per line, e.g. `p95_ms,285`",
                ));
            }
            let unquote = |s: &str| s.trim().trim_matches('"').to_string();
            let (key, value) = (unquote(fields[0]), unquote(fields[1]));
            let value_at = start + fields[0].len() + 1;
            let value_span = value_at..value_at + fields[1].len();
            let parsed = value.parse::<f64>().ok();
            if first && parsed.is_none() && !config.metrics.contains_key(&key) {
                first = false;
                continue; // a header such as `metric,value`
            }
            first = false;
            self.known(config, &key, start..start + fields[0].len())?;
            let v = self.value(&key, parsed, value_span, &value)?;
            out.insert(key, v);
        }
        Ok(out)
    }

    fn tree(&self, config: &Config) -> Result<BTreeMap<String, f64>> {
        let root = crate::doc::parse_yaml(self.text).map_err(|e| {
            let message = e
                .message
                .replace(
                    "front matter is not valid YAML",
                    "the figures are not valid JSON or YAML",
                )
                .replace("front matter ", "the figures file ");
            self.error(e.at..e.at, message, e.hint)
        })?;
        if let Some(results) = nrql_results(&root) {
            return self.mapped(
                config,
                "New Relic",
                "newrelic",
                &config.figure_sources.newrelic,
                nrql_names(results),
            );
        }
        if let Some(series) = prometheus_series(&root) {
            return self.mapped(
                config,
                "Prometheus",
                "prometheus",
                &config.figure_sources.prometheus,
                series,
            );
        }
        let Some(entries) = root.entries() else {
            return Err(self.error(
                root.span.clone(),
                format!(
                    "the figures are {}, not a map of catalog keys to values",
                    root.type_name()
                ),
                "write `{\"p95_ms\": 285, \"error_rate_pct\": 0.2}`, or `p95_ms: 285` lines",
            ));
        };
        let mut out = BTreeMap::new();
        for e in entries {
            self.known(config, &e.key, e.key_span.clone())?;
            let v = self.value(
                &e.key,
                e.value.as_f64(),
                e.value.span.clone(),
                &e.value.display(),
            )?;
            out.insert(e.key.clone(), v);
        }
        Ok(out)
    }

    /// Figures named by a monitoring tool, kept where the mapping names them.
    fn mapped(
        &self,
        config: &Config,
        tool: &str,
        table: &str,
        mapping: &BTreeMap<String, Mapped>,
        found: Vec<(String, &Node)>,
    ) -> Result<BTreeMap<String, f64>> {
        let mut out = BTreeMap::new();
        for (name, node) in &found {
            let Some(m) = mapping.get(name) else { continue };
            let number = match &node.value {
                // Prometheus writes sample values as strings: `"0.2853"`.
                Value::Str(s) => s.trim().parse::<f64>().ok(),
                _ => node.as_f64(),
            };
            let v = self.value(name, number, node.span.clone(), &node.display())?;
            debug_assert!(config.metrics.contains_key(&m.key));
            out.insert(m.key.clone(), v * m.scale);
        }
        if out.is_empty() {
            let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
            return Err(Error::Figures {
                file: self.name.to_string(),
                message: format!(
                    "is a {tool} result, but none of its names ({}) is mapped to the catalog",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
                hint: format!(
                    "add them to book.toml, e.g.\n\n    [preprocessor.perfdoc.figures.{table}]\n    \"{}\" = {{ key = \"p95_ms\", scale = 1000 }}   # seconds to ms",
                    names.first().copied().unwrap_or("NAME")
                ),
            });
        }
        Ok(out)
    }
}

/// The `results` of an NRQL query: the Insights query API's top level, or NerdGraph's
/// `data.actor.account.nrql.results`.
fn nrql_results(root: &Node) -> Option<&[Node]> {
    let results = root.get("results").or_else(|| {
        root.get("data")?
            .get("actor")?
            .get("account")?
            .get("nrql")?
            .get("results")
    })?;
    match &results.value {
        Value::Seq(items) => Some(items),
        _ => None,
    }
}

/// Every number of every result, named by its path: `percentile.duration` holding
/// `{"95": 0.285}` is `percentile.duration.95`.
fn nrql_names(results: &[Node]) -> Vec<(String, &Node)> {
    fn walk<'a>(prefix: &str, node: &'a Node, out: &mut Vec<(String, &'a Node)>) {
        match node.entries() {
            Some(entries) => {
                for e in entries {
                    let name = if prefix.is_empty() {
                        e.key.clone()
                    } else {
                        format!("{prefix}.{}", e.key)
                    };
                    walk(&name, &e.value, out);
                }
            }
            None if !prefix.is_empty() => out.push((prefix.to_string(), node)),
            None => {}
        }
    }
    let mut out = Vec::new();
    for r in results {
        walk("", r, &mut out);
    }
    out
}

/// A Prometheus instant-query response's samples, each named by its `__name__` label or,
/// for an expression (which has none), a `name` label the query adds with `label_replace`.
fn prometheus_series(root: &Node) -> Option<Vec<(String, &Node)>> {
    root.get("status")?;
    let result = root.get("data")?.get("result")?;
    let Value::Seq(items) = &result.value else {
        return None;
    };
    let mut out = Vec::new();
    for item in items {
        let labels = item.get("metric");
        let name = labels
            .and_then(|l| l.get("__name__").or_else(|| l.get("name")))
            .and_then(Node::as_str);
        let value = match item.get("value").map(|v| &v.value) {
            Some(Value::Seq(pair)) if pair.len() == 2 => &pair[1],
            _ => continue,
        };
        if let Some(name) = name {
            out.push((name.to_string(), value));
        }
    }
    Some(out)
}
