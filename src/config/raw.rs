//! The shape of perfdoc's table in `book.toml`, exactly as written. Every field is optional so
//! the embedded defaults and the practice's file can be laid over each other before they are
//! resolved; `deny_unknown_fields` makes a typo an error that names the key and its line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// `[book]`, read leniently: it is mdBook's table and mdBook owns its keys.
#[derive(Debug, Default, Deserialize)]
pub struct RawBook {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub language: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawOutput {
    pub html: Option<RawHtml>,
}

/// `[output.html]`, mdBook's; perfdoc reads the two keys it shares with it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawHtml {
    pub site_url: Option<Spanned<String>>,
    pub git_repository_url: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawPreprocessors {
    pub perfdoc: Option<RawPerfdoc>,
}

/// The whole of `book.toml` as far as perfdoc cares. Unknown top-level tables (`[build]`,
/// `[rust]`, other preprocessors and outputs) are mdBook's and ignored.
#[derive(Debug, Default, Deserialize)]
pub struct RawBookToml {
    #[serde(default)]
    pub book: RawBook,
    #[serde(default)]
    pub output: RawOutput,
    #[serde(default)]
    pub preprocessor: RawPreprocessors,
}

/// `[preprocessor.perfdoc]`: perfdoc's own settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPerfdoc {
    // mdBook's own keys for any preprocessor table; accepted so that `renderers = []` can keep
    // `mdbook build` from ever running perfdoc as a preprocessor. perfdoc itself ignores them.
    #[allow(dead_code)]
    pub command: Option<toml::Value>,
    #[allow(dead_code)]
    pub renderers: Option<toml::Value>,
    #[allow(dead_code)]
    pub before: Option<toml::Value>,
    #[allow(dead_code)]
    pub after: Option<toml::Value>,
    #[allow(dead_code)]
    pub optional: Option<toml::Value>,

    pub out_dir: Option<String>,
    pub allow_html: Option<bool>,
    /// A local clone of the application, whose commits `changes` lists instead of the
    /// practice's own.
    pub code_repository: Option<Spanned<String>>,
    #[serde(default)]
    pub folders: RawFolders,
    #[serde(default)]
    pub thresholds: RawThresholds,
    #[serde(default)]
    pub capacity: RawCapacity,
    #[serde(default)]
    pub runs: RawRuns,
    #[serde(default)]
    pub sla: RawSla,
    #[serde(default)]
    pub figures: RawFigureSources,
    #[serde(default)]
    pub metrics: BTreeMap<String, RawMetric>,
    #[serde(default)]
    pub kinds: BTreeMap<String, RawKind>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFolders {
    pub reports: Option<Spanned<String>>,
    pub optimizations: Option<Spanned<String>>,
    pub content: Option<Spanned<String>>,
    pub benchmarks: Option<Spanned<String>>,
    pub baseline: Option<Spanned<String>>,
    pub tracking: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawThresholds {
    pub latency_regression_pct: Option<Spanned<f64>>,
    pub min_success_rate_pct: Option<Spanned<f64>>,
    pub max_error_rate_pct: Option<Spanned<f64>>,
    pub baseline_improvement_pct: Option<Spanned<f64>>,
    /// The level at which two runs' raw samples differ beyond chance (`baseline compare`).
    pub significance: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCapacity {
    /// The load (req/s) the platform can carry; the projection says when growth reaches it.
    pub max_rps: Option<Spanned<f64>>,
}

/// `[preprocessor.perfdoc.runs]`: which benchmark files are runs of which format, and the
/// figure `promote` decides on.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRuns {
    /// File-name pattern (`*` any characters) → format name.
    #[serde(default)]
    pub formats: BTreeMap<String, Spanned<String>>,
    pub decide_on: Option<Vec<String>>,
}

/// `[figures.newrelic]` and `[figures.prometheus]`: a source's names → catalog keys.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigureSources {
    #[serde(default)]
    pub newrelic: BTreeMap<String, Spanned<RawMapped>>,
    #[serde(default)]
    pub prometheus: BTreeMap<String, Spanned<RawMapped>>,
}

/// `"average.duration" = "avg_ms"`, or with a factor: `{ key = "avg_ms", scale = 1000 }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawMapped {
    Key(String),
    Full {
        key: String,
        #[serde(default)]
        scale: Option<toml::Value>,
    },
}

/// `[sla]`: the optimization workflow's success metrics, in hours, and how a miss is reported.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSla {
    pub detect_hours: Option<Spanned<f64>>,
    pub root_cause_hours: Option<Spanned<f64>>,
    pub fix_hours: Option<Spanned<f64>>,
    pub level: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub name: Option<String>,
    pub unit: Option<String>,
    pub better: Option<Spanned<String>>,
    /// What kind of figure it is, which decides its verdict against the baseline.
    pub class: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    pub title: Option<String>,
    pub folder: Option<Spanned<String>>,
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub template: Option<String>,
    pub role: Option<Spanned<String>>,
    pub period: Option<Spanned<String>>,
    /// Required `##` sections; for a built-in kind these are added to its own.
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, Spanned<RawField>>,
}

/// A field is either a bare type name (`severity = "string"`) or a table.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawField {
    Type(String),
    Full(RawFieldTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFieldTable {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub values: Vec<String>,
}
