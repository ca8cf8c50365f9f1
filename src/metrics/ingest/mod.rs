//! Every way a run reaches perfdoc: one file per tool's format, a registry that tells them
//! apart by content (the file's name only breaks ties), and one output type, `Run`, that every
//! command reading runs works on — baseline comparison, promotion, trends, the scaffolds, the
//! site and the review. A file no format reads, or one that breaks the format it looks like,
//! is an error naming the file, the format and the place; never a silent zero.

pub mod benchmarks;
pub mod gatling;
pub mod harnesses;
pub mod hey;
pub mod hyperfine;
pub mod jtl;
pub mod k6_csv;
pub mod k6_machine;
pub mod k6_ndjson;
pub mod k6_summary;
pub mod latency;
pub mod locust;
pub mod registry;
pub mod summaries;
pub mod text;
pub mod wrk;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Better;

pub use registry::{FORMATS, Format, detect, load, parse, read};

/// A catalog key and its value, or a harness benchmark as the tool names it (then with its
/// own unit and direction, since the catalog does not know it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    pub key: String,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub better: Option<Better>,
}

impl Value {
    /// A catalog figure: its unit and direction come from the catalog.
    pub fn catalog(key: &str, value: f64) -> Value {
        Value {
            key: key.to_string(),
            value,
            unit: None,
            better: None,
        }
    }

    /// A harness benchmark, named as the tool names it.
    pub fn benchmark(name: &str, value: f64, unit: &str, better: Better) -> Value {
        Value {
            key: name.to_string(),
            value,
            unit: Some(unit.to_string()),
            better: Some(better),
        }
    }
}

/// The catalog figures of one endpoint (k6's `name` tag, Locust's `Name`, a JTL `label`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Endpoint {
    pub name: String,
    pub figures: Vec<Value>,
}

/// The key under which a load tool's per-request latencies are kept in `Run::samples` (ms).
pub const LATENCY_SAMPLES: &str = "latency_ms";

/// One run, whatever produced it: the contract between the formats and everything else.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// The file as named to the user.
    pub file: String,
    /// The registry name of the format it was read as (`k6-summary`, `hyperfine`, …).
    pub format: &'static str,
    /// How the file is described to the user (`k6 handleSummary data`, `hey -o csv`).
    pub shape: String,
    /// Catalog figures in the catalog's order, then harness benchmarks in the file's order.
    /// A figure the run does not have is absent, never zero; a tool that reports only some
    /// percentiles gets only those.
    pub figures: Vec<Value>,
    /// Per-endpoint figures where the tool has them, by endpoint name.
    pub endpoints: Vec<Endpoint>,
    /// The individual observations where the format carries them, in the metric's unit:
    /// `LATENCY_SAMPLES` for a load tool's requests, a benchmark's name for its timings.
    /// This is what a significance test reads.
    pub samples: BTreeMap<String, Vec<f64>>,
    /// Thresholds the run crossed, as `metric: expression` (k6 only).
    pub crossed: Vec<String>,
    /// When the run started, where the format records it (the first sample's time of a raw
    /// stream); end-of-test summaries carry no time, so a baseline file of one is dated by
    /// the run it came from or its commit instead.
    #[serde(skip)]
    pub started: Option<jiff::Timestamp>,
}

impl Run {
    pub fn new(file: &str, format: &'static str, shape: impl Into<String>) -> Run {
        Run {
            file: file.to_string(),
            format,
            shape: shape.into(),
            figures: Vec::new(),
            endpoints: Vec::new(),
            samples: BTreeMap::new(),
            crossed: Vec::new(),
            started: None,
        }
    }

    pub fn get(&self, key: &str) -> Option<f64> {
        self.figures.iter().find(|f| f.key == key).map(|f| f.value)
    }

    /// The raw observations behind a figure or benchmark, when the format carried them.
    pub fn samples(&self, key: &str) -> Option<&[f64]> {
        self.samples.get(key).map(Vec::as_slice)
    }

    /// Adds a figure when it is known: absent stays absent.
    pub fn push(&mut self, key: &str, value: Option<f64>) {
        if let Some(v) = value {
            self.figures.push(Value::catalog(key, v));
        }
    }
}
