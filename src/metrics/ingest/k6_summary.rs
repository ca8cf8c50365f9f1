//! k6 end-of-test summaries, in both shapes teams keep in their repositories: the
//! `handleSummary` data (`metrics.NAME.{type, contains, values{…}, thresholds{EXPR:{ok}}}`)
//! and the legacy `--summary-export` file (values flattened into the metric, a rate's value
//! called `value`, and a threshold's `true` meaning it was *crossed*). Both are read into one
//! normalised `Summary`; anything that is not a number where k6 writes numbers is an error
//! naming the file and the JSON path, never a silent zero.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::registry::{Format, is_json};
use crate::diagnostic::{Column, offset_of};
use crate::error::{Error, Result};

pub const FORMAT: Format = Format {
    name: "k6-summary",
    describe: "k6 end-of-test summary (handleSummary data, legacy --summary-export)",
    command: "k6 run --summary-export=run.json script.js",
    looks_like,
    named_like: |n| n.starts_with("k6") && is_json(n),
    parse: |file, text| Ok(to_run(&parse(file, text)?)),
};

fn looks_like(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') && text.contains("\"metrics\"") && !super::k6_ndjson::looks_like(text)
}

/// One mapping: catalog key ← stat of a k6 metric, scaled into the catalog's unit.
pub struct Mapping {
    pub key: &'static str,
    pub metric: &'static str,
    pub stat: &'static str,
    pub scale: f64,
}

/// The order here is the order figures are shown in. Latency comes from `http_req_duration`
/// (k6 records time in ms whatever `summaryTimeUnit` says); rates are fractions, shown in %.
/// `http_req_failed`'s rate is already the error rate: its "passes" are failed requests.
pub const MAPPINGS: &[Mapping] = &[
    m("avg_ms", "http_req_duration", "avg", 1.0),
    m("med_ms", "http_req_duration", "med", 1.0),
    m("p90_ms", "http_req_duration", "p(90)", 1.0),
    m("p95_ms", "http_req_duration", "p(95)", 1.0),
    m("p99_ms", "http_req_duration", "p(99)", 1.0),
    m("max_ms", "http_req_duration", "max", 1.0),
    m("error_rate_pct", "http_req_failed", "rate", 100.0),
    m(
        "success_rate_pct",
        "message_delivery_success",
        "rate",
        100.0,
    ),
    m("checks_pct", "checks", "rate", 100.0),
    m("throughput_rps", "http_reqs", "rate", 1.0),
];

const fn m(key: &'static str, metric: &'static str, stat: &'static str, scale: f64) -> Mapping {
    Mapping {
        key,
        metric,
        stat,
        scale,
    }
}

/// A summary as a run: the catalog figures, the per-endpoint figures of `{name:…}`
/// sub-metrics, and the crossed thresholds.
pub fn to_run(summary: &Summary) -> super::Run {
    let mut run = super::Run::new(
        &summary.file,
        FORMAT.name,
        format!("k6 {}", summary.shape.describe()),
    );
    for m in MAPPINGS {
        run.push(m.key, summary.value(m.metric, m.stat).map(|v| v * m.scale));
    }
    let mut endpoints: BTreeMap<String, Vec<super::Value>> = BTreeMap::new();
    for metric in summary.metrics.values() {
        let Some(name) = metric.tags.as_deref().and_then(|t| t.strip_prefix("name:")) else {
            continue;
        };
        for m in MAPPINGS.iter().filter(|m| m.metric == metric.base) {
            if let Some(v) = metric.values.get(m.stat) {
                endpoints
                    .entry(name.to_string())
                    .or_default()
                    .push(super::Value::catalog(m.key, v * m.scale));
            }
        }
    }
    run.endpoints = endpoints
        .into_iter()
        .map(|(name, figures)| super::Endpoint { name, figures })
        .collect();
    run.tool = summary
        .metrics
        .values()
        .flat_map(|m| {
            m.values
                .iter()
                .map(|(s, v)| (format!("{}.{s}", m.name), *v))
        })
        .collect();
    run.crossed = summary
        .crossed()
        .into_iter()
        .map(|(m, e)| format!("{m}: {e}"))
        .collect();
    run
}

/// Which of k6's two summary shapes a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// `handleSummary(data)` / `--summary-export` since k6 v0.30's `data` object.
    HandleSummary,
    /// The legacy `--summary-export` file.
    SummaryExport,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::HandleSummary => "handleSummary data",
            Shape::SummaryExport => "legacy --summary-export",
        }
    }
}

/// k6's four metric types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricType {
    Counter,
    Gauge,
    Rate,
    Trend,
}

impl MetricType {
    fn parse(s: &str) -> Option<MetricType> {
        match s {
            "counter" => Some(MetricType::Counter),
            "gauge" => Some(MetricType::Gauge),
            "rate" => Some(MetricType::Rate),
            "trend" => Some(MetricType::Trend),
            _ => None,
        }
    }
}

/// One threshold of a metric, with k6's two encodings resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub expr: String,
    /// True when the threshold was crossed (the run failed it).
    pub crossed: bool,
}

/// One metric (or tagged sub-metric) of a summary.
#[derive(Debug, Clone, Serialize)]
pub struct K6Metric {
    /// The key as k6 wrote it: `http_req_duration{expected_response:true}`.
    pub name: String,
    /// The metric without its tags: `http_req_duration`.
    pub base: String,
    /// The tag selector of a sub-metric: `expected_response:true`.
    pub tags: Option<String>,
    pub kind: MetricType,
    /// Values by stat name. A rate's fraction is always under `rate` (the legacy shape's
    /// `value` is renamed); note that on `http_req_failed` a "pass" is a *failed* request,
    /// so its `rate` is the error rate.
    pub values: BTreeMap<String, f64>,
    pub thresholds: Vec<Threshold>,
}

/// A k6 summary read from a file.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The file as named to the user.
    pub file: String,
    pub shape: Shape,
    pub metrics: BTreeMap<String, K6Metric>,
}

impl Summary {
    pub fn metric(&self, name: &str) -> Option<&K6Metric> {
        self.metrics.get(name)
    }

    /// A stat of a metric: `value("http_req_duration", "p(95)")`.
    pub fn value(&self, metric: &str, stat: &str) -> Option<f64> {
        self.metrics.get(metric)?.values.get(stat).copied()
    }

    /// Every crossed threshold, as `(metric, expression)`.
    pub fn crossed(&self) -> Vec<(&str, &str)> {
        self.metrics
            .values()
            .flat_map(|m| {
                m.thresholds
                    .iter()
                    .filter(|t| t.crossed)
                    .map(move |t| (m.name.as_str(), t.expr.as_str()))
            })
            .collect()
    }
}

/// Parses the text of a k6 summary, detecting its shape.
pub fn parse(file: &str, text: &str) -> Result<Summary> {
    super::registry::too_big(file, text.len() as u64)?;
    let top: Top = serde_json::from_str(text).map_err(|e| syntax_error(file, text, &e))?;
    summary(file, top)
}

fn syntax_error(file: &str, text: &str, e: &serde_json::Error) -> Error {
    let offset = offset_of(text, e.line(), Column::Bytes(e.column()));
    let what = if e.classify() == serde_json::error::Category::Eof {
        "ends early (truncated?)"
    } else {
        "is not valid JSON"
    };
    Error::Benchmark {
        file: file.to_string(),
        json_path: path_at(text, offset),
        message: format!("{what}: {e}"),
        hint: "write the file again with `k6 run --summary-export=FILE` or from handleSummary with JSON.stringify".into(),
    }
}

fn summary(file: &str, top: Top) -> Result<Summary> {
    let err = |json_path: &str, message: String, hint: &str| Error::Benchmark {
        file: file.to_string(),
        json_path: json_path.to_string(),
        message,
        hint: hint.to_string(),
    };
    let Top(top) = top;
    if !top.is_object() {
        return Err(err(
            "(top level)",
            format!("is not a k6 summary: the top level is {}", top.type_name()),
            "a k6 summary is an object with a `metrics` object",
        ));
    }
    let has_state = top.get("state").is_some();
    let Some(metrics) = top.take("metrics") else {
        return Err(err(
            "metrics",
            "is not a k6 summary: it has no `metrics` object".into(),
            "pass a file written by `k6 run --summary-export=FILE` or by handleSummary",
        ));
    };
    let metrics = match metrics {
        Raw::Object(entries) => entries,
        other => {
            return Err(err(
                "metrics",
                format!(
                    "is not a k6 summary: `metrics` is {}, not an object",
                    other.type_name()
                ),
                "pass a file written by `k6 run --summary-export=FILE` or by handleSummary",
            ));
        }
    };
    let shape = detect(has_state, &metrics);
    let mut out = BTreeMap::new();
    // Each metric's raw values are dropped as soon as it is read, so the raw tree and the
    // summary are not both whole in memory.
    for (name, m) in metrics {
        let at = format!("metrics.{name}");
        let Some(obj) = m.as_object() else {
            return Err(err(
                &at,
                format!("metric `{name}` is {}, not an object", m.type_name()),
                "each metric of a k6 summary is an object of values",
            ));
        };
        let metric = match shape {
            Shape::HandleSummary => handle_summary_metric(&name, obj, &at, &err)?,
            Shape::SummaryExport => legacy_metric(&name, obj, &at, &err)?,
        };
        out.insert(name, metric);
    }
    Ok(Summary {
        file: file.to_string(),
        shape,
        metrics: out,
    })
}

/// The top level of a k6 file as far as perfdoc reads it: the `metrics` object, and whether
/// a `state` key is there (which tells the shapes apart; its value is not kept). Everything
/// else (`root_group` with its checks, `options`, `setup_data`) is skipped as it is read,
/// never built.
struct Top(Raw);

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Top, D::Error> {
        d.deserialize_any(RawVisitor { top: true }).map(Top)
    }
}

/// A value inside `metrics`, kept only as far as perfdoc uses it: numbers, booleans, short
/// strings (metric types, and enough of any other string to name it in an error), objects.
/// Arrays are skipped as they are read: k6 writes none in a metric.
#[derive(Debug)]
enum Raw {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array,
    Object(Vec<(String, Raw)>),
}

/// How much of a string value is kept: `"type": "trend"` needs a few bytes, an error that
/// quotes a wrong value needs a few dozen.
const KEPT_STRING_CHARS: usize = 64;

impl Raw {
    fn get(&self, key: &str) -> Option<&Raw> {
        field(self.as_object()?, key)
    }
    /// Moves a key's value out (the last of repeated keys).
    fn take(self, key: &str) -> Option<Raw> {
        match self {
            Raw::Object(entries) => entries
                .into_iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_object(&self) -> Option<&[(String, Raw)]> {
        match self {
            Raw::Object(entries) => Some(entries),
            _ => None,
        }
    }
    fn is_object(&self) -> bool {
        matches!(self, Raw::Object(_))
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Raw::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Raw::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Raw::String(s) => Some(s),
            _ => None,
        }
    }
    fn type_name(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool(_) => "a boolean",
            Raw::Number(_) => "a number",
            Raw::String(_) => "a string",
            Raw::Array => "an array",
            Raw::Object(_) => "an object",
        }
    }
    fn describe(&self) -> String {
        match self {
            Raw::String(s) => format!("the string {s:?}"),
            Raw::Bool(b) => format!("the boolean {b}"),
            other => other.type_name().to_string(),
        }
    }
}

/// A key of an object; the last of repeated keys wins, as in JavaScript.
fn field<'a>(obj: &'a [(String, Raw)], key: &str) -> Option<&'a Raw> {
    obj.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl fmt::Display for Raw {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Raw::String(s) => write!(f, "{s:?}"),
            Raw::Number(n) => write!(f, "{n}"),
            Raw::Bool(b) => write!(f, "{b}"),
            other => f.write_str(other.type_name()),
        }
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor { top: false })
    }
}

struct RawVisitor {
    /// At the top level only `metrics` is read, and `state` noted.
    top: bool,
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::String(v.chars().take(KEPT_STRING_CHARS).collect()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Raw, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok(Raw::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = match key.as_str() {
                "state" if self.top => {
                    map.next_value::<IgnoredAny>()?;
                    Raw::Null
                }
                "metrics" => map.next_value::<Raw>()?,
                _ if self.top => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                _ => map.next_value::<Raw>()?,
            };
            entries.push((key, value));
        }
        Ok(Raw::Object(entries))
    }
}

type ErrFn<'a> = dyn Fn(&str, String, &str) -> Error + 'a;

/// handleSummary data has `state`/`options` beside `metrics`, and every metric carries its
/// `type` and a `values` object; the legacy export has neither.
fn detect(has_state: bool, metrics: &[(String, Raw)]) -> Shape {
    let typed = metrics
        .iter()
        .any(|(_, m)| m.get("type").is_some() && m.get("values").is_some_and(Raw::is_object));
    if typed || has_state {
        Shape::HandleSummary
    } else {
        Shape::SummaryExport
    }
}

fn split_name(name: &str) -> (String, Option<String>) {
    match name.split_once('{') {
        Some((base, rest)) => (
            base.to_string(),
            Some(rest.trim_end_matches('}').to_string()),
        ),
        None => (name.to_string(), None),
    }
}

fn handle_summary_metric(
    name: &str,
    obj: &[(String, Raw)],
    at: &str,
    err: &ErrFn,
) -> Result<K6Metric> {
    let ty = field(obj, "type").ok_or_else(|| {
        err(
            &format!("{at}.type"),
            format!("metric `{name}` has no `type`"),
            "handleSummary metrics carry `type`: counter, gauge, rate or trend",
        )
    })?;
    let kind = ty.as_str().and_then(MetricType::parse).ok_or_else(|| {
        err(
            &format!("{at}.type"),
            format!("metric `{name}` has type {ty}, which k6 does not write"),
            "k6's metric types are counter, gauge, rate and trend",
        )
    })?;
    let values = field(obj, "values").ok_or_else(|| {
        err(
            &format!("{at}.values"),
            format!("metric `{name}` has no `values`"),
            "handleSummary metrics carry their numbers under `values`",
        )
    })?;
    let Some(values) = values.as_object() else {
        return Err(err(
            &format!("{at}.values"),
            format!("`values` is {}, not an object", values.type_name()),
            "handleSummary metrics carry their numbers under `values`",
        ));
    };
    let mut out = BTreeMap::new();
    for (stat, v) in values {
        out.insert(
            stat.clone(),
            number(v, &format!("{at}.values.{stat}"), err)?,
        );
    }
    let mut thresholds = Vec::new();
    if let Some(t) = field(obj, "thresholds") {
        let tat = format!("{at}.thresholds");
        let Some(t) = t.as_object() else {
            return Err(err(
                &tat,
                format!("`thresholds` is {}, not an object", t.type_name()),
                "handleSummary writes thresholds as {\"EXPR\": {\"ok\": true}}",
            ));
        };
        for (expr, v) in t {
            let ok = v.get("ok").and_then(Raw::as_bool).ok_or_else(|| {
                err(
                    &format!("{tat}.{expr}.ok"),
                    format!("threshold `{expr}` has no boolean `ok`"),
                    "handleSummary writes thresholds as {\"EXPR\": {\"ok\": true}}",
                )
            })?;
            thresholds.push(Threshold {
                expr: expr.clone(),
                crossed: !ok,
            });
        }
    }
    let (base, tags) = split_name(name);
    Ok(K6Metric {
        name: name.to_string(),
        base,
        tags,
        kind,
        values: out,
        thresholds,
    })
}

fn legacy_metric(name: &str, obj: &[(String, Raw)], at: &str, err: &ErrFn) -> Result<K6Metric> {
    let mut values = BTreeMap::new();
    let mut thresholds = Vec::new();
    for (stat, v) in obj {
        if stat == "thresholds" {
            let tat = format!("{at}.thresholds");
            let Some(t) = v.as_object() else {
                return Err(err(
                    &tat,
                    format!("`thresholds` is {}, not an object", v.type_name()),
                    "--summary-export writes thresholds as {\"EXPR\": false}",
                ));
            };
            for (expr, crossed) in t {
                let crossed = crossed.as_bool().ok_or_else(|| {
                    err(
                        &format!("{tat}.{expr}"),
                        format!(
                            "threshold `{expr}` is {}, not true or false",
                            crossed.type_name()
                        ),
                        "--summary-export writes `true` for a crossed threshold, `false` otherwise",
                    )
                })?;
                thresholds.push(Threshold {
                    expr: expr.clone(),
                    crossed,
                });
            }
            continue;
        }
        values.insert(stat.clone(), number(v, &format!("{at}.{stat}"), err)?);
    }
    // The legacy shape drops the type; the stats it kept tell which one it was.
    let kind = if values.contains_key("passes") || values.contains_key("fails") {
        MetricType::Rate
    } else if values.contains_key("count") {
        MetricType::Counter
    } else if values.contains_key("avg") || values.contains_key("med") {
        MetricType::Trend
    } else if values.contains_key("value") {
        MetricType::Gauge
    } else {
        return Err(err(
            at,
            format!("metric `{name}` has none of k6's stats (count, value, avg, passes)"),
            "is this a k6 summary? a --summary-export metric holds its numbers directly",
        ));
    };
    if kind == MetricType::Rate {
        let value = values.remove("value").ok_or_else(|| {
            err(
                &format!("{at}.value"),
                format!("rate metric `{name}` has no `value`"),
                "--summary-export writes a rate's fraction as `value`",
            )
        })?;
        values.insert("rate".into(), value);
    }
    let (base, tags) = split_name(name);
    Ok(K6Metric {
        name: name.to_string(),
        base,
        tags,
        kind,
        values,
        thresholds,
    })
}

fn number(v: &Raw, at: &str, err: &ErrFn) -> Result<f64> {
    if let Some(n) = v.as_f64()
        && !super::text::in_range(n)
    {
        return Err(err(
            at,
            format!("{n} is out of range (beyond ±1e15)"),
            "k6 writes measurements far below this; was the file edited by hand?",
        ));
    }
    v.as_f64().ok_or_else(|| {
        err(
            at,
            format!("expected a number, found {}", v.describe()),
            "k6 writes every summary value as a JSON number; was the file edited by hand?",
        )
    })
}

/// The JSON path of the value being read at `offset`, for files that do not parse: a small
/// scan that tracks object keys and array indices, so a truncated file still says where it
/// stopped (`metrics.http_req_duration.values`).
fn path_at(text: &str, offset: usize) -> String {
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array { index: usize },
    }
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, want_key }) => {
                    *want_key = true;
                    *key = None;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let s = String::from_utf8_lossy(&bytes[start..j.min(bytes.len())]).into_owned();
                if let Some(Frame::Object { key, want_key }) = stack.last_mut()
                    && *want_key
                {
                    *key = Some(s);
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        "(top level)".into()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANDLE: &str = include_str!("../../../tests/testsuite/k6/handle-summary.json");
    const LEGACY: &str = include_str!("../../../tests/testsuite/k6/summary-export.json");

    #[test]
    fn both_shapes_read_the_same() {
        let a = parse("a.json", HANDLE).unwrap();
        let b = parse("b.json", LEGACY).unwrap();
        assert_eq!(a.shape, Shape::HandleSummary);
        assert_eq!(b.shape, Shape::SummaryExport);
        assert_eq!(a.metrics.len(), 6);
        for (name, m) in &a.metrics {
            let other = &b.metrics[name];
            assert_eq!(m.values, other.values, "{name}");
            assert_eq!(m.kind, other.kind, "{name}");
            assert_eq!(m.thresholds, other.thresholds, "{name}");
        }
        // handleSummary's `ok: false` and the export's `true` both mean crossed.
        assert_eq!(
            a.crossed(),
            vec![("checks", "rate>0.99"), ("http_req_failed", "rate<0.01")]
        );
        // On http_req_failed the 3 "passes" are the failed requests: rate is the error rate.
        assert_eq!(b.value("http_req_failed", "rate"), Some(0.03));
        let sub = &a.metrics["http_req_duration{expected_response:true}"];
        assert_eq!(sub.base, "http_req_duration");
        assert_eq!(sub.tags.as_deref(), Some("expected_response:true"));
        assert_eq!(sub.values["p(95)"], 240.0);
    }

    #[test]
    fn the_example_practices_runs() {
        for (name, text, shape) in [
            (
                "k6-baseline-2025-12-29.json",
                include_str!("../../../benchmarks/k6-baseline-2025-12-29.json"),
                Shape::HandleSummary,
            ),
            (
                "main-baseline-2025-11.json",
                include_str!("../../../benchmarks/main-baseline-2025-11.json"),
                Shape::SummaryExport,
            ),
        ] {
            let s = parse(name, text).unwrap();
            assert_eq!(s.shape, shape, "{name}");
            assert!(s.crossed().is_empty(), "{name}");
            assert_eq!(
                s.metric("message_delivery_success").unwrap().kind,
                MetricType::Rate
            );
        }
    }

    #[track_caller]
    fn fails(text: &str, path: &str, words: &str) {
        let e = parse("benchmarks/run.json", text).unwrap_err().to_string();
        assert!(e.contains("`benchmarks/run.json`"), "{e}");
        assert!(e.ends_with(&format!("at: {path}")), "{e}");
        assert!(e.contains(words), "{e}");
    }

    #[test]
    fn broken_files_name_file_and_path() {
        fails(
            &HANDLE.replace("\"p(95)\": 250.5", "\"p(95)\": \"250.5\""),
            "metrics.http_req_duration.values.p(95)",
            "found the string \"250.5\"",
        );
        fails(
            &LEGACY.replace("\"p(95)\": 250.5", "\"p(95)\": null"),
            "metrics.http_req_duration.p(95)",
            "found null",
        );
        fails(
            &LEGACY.replace("\"value\": 0.03", "\"value\": \"3%\""),
            "metrics.http_req_failed.value",
            "expected a number",
        );
        let cut = HANDLE.find("\"p(90)\": 200").unwrap();
        fails(
            &HANDLE[..cut],
            "metrics.http_req_duration.values",
            "ends early",
        );
        fails("[1, 2]", "(top level)", "not a k6 summary");
        fails("{\"name\": \"x\"}", "metrics", "no `metrics` object");
        fails("{\"metrics\": []}", "metrics", "not an object");
        fails(
            "{\"metrics\": {\"foo\": {\"bar\": 1}}}",
            "metrics.foo",
            "none of k6's stats",
        );
        fails(
            &HANDLE.replace("\"type\": \"counter\"", "\"type\": \"histogram\""),
            "metrics.http_reqs.type",
            "k6 does not write",
        );
        fails(
            &HANDLE.replace("{ \"ok\": true }", "{ \"ok\": \"yes\" }"),
            "metrics.http_req_duration.thresholds.p(95)<500.ok",
            "no boolean `ok`",
        );
        fails("{\"metrics\": {,}}", "metrics", "not valid JSON");
    }

    #[test]
    fn path_of_a_truncated_file() {
        let text = r#"{"metrics": {"http_req_duration": {"values": {"avg": 1, "p(9"#;
        assert_eq!(
            path_at(text, text.len()),
            "metrics.http_req_duration.values.p(9"
        );
        let text = r#"{"a": [1, {"b": "x,y"}, "#;
        assert_eq!(path_at(text, text.len()), "a[2]");
    }
}
