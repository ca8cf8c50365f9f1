//! Configuration: the embedded defaults, laid under the practice's `book.toml`, then
//! `PERFDOC_*` environment variables; flags are applied by the commands. perfdoc's own settings
//! live in `[preprocessor.perfdoc]` so that mdBook (which since 0.5 rejects unknown top-level
//! tables) still builds the same repository; `renderers = []` there keeps mdBook from running it.

mod class;
mod kinds;
mod mapping;
mod raw;
mod urls;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use class::MetricClass;
pub use kinds::{FieldSpec, FieldType, KindDef, NameParts, Pattern, Period, Role};
use mapping::{metric_source, scale_of};
use raw::{RawBookToml, RawField, RawKind, RawPerfdoc};

use crate::diagnostic::LineIndex;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::{Error, Result};

pub const CONFIG_FILE: &str = "book.toml";
const DEFAULTS: &str = include_str!("defaults.toml");

/// Which way a metric improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Lower,
    Higher,
}

impl Better {
    pub fn parse(s: &str) -> Option<Better> {
        match s {
            "lower" => Some(Better::Lower),
            "higher" => Some(Better::Higher),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricDef {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub class: MetricClass,
    /// `from = "…"`: the run figure this metric takes its value from, when a team maps one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<MetricSource>,
}

/// Where a catalog metric's value comes from in a run (`checkout_duration.p(95)`), and the
/// factor that brings it to the metric's unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSource {
    pub name: String,
    pub scale: f64,
}

/// `code-repository = "../app"`, as written, and where (`book.toml:LINE:COL`).
#[derive(Debug, Clone, Serialize)]
pub struct CodeRepository {
    pub path: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Folders {
    pub reports: String,
    pub optimizations: String,
    pub content: String,
    pub benchmarks: String,
    /// The current reference run, `benchmarks/main-baseline.json` by default.
    pub baseline: String,
    /// The optimization tracking file `perfdoc tracking --write` keeps; not a document.
    pub tracking: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Thresholds {
    /// Latency worse than the baseline by more than this percentage is a regression.
    pub latency_regression_pct: f64,
    /// Message success below this percentage is a regression.
    pub min_success_rate_pct: f64,
    /// Error rate above this percentage is a regression.
    pub max_error_rate_pct: f64,
    /// A new run replaces the baseline only when it improves on it by more than this.
    pub baseline_improvement_pct: f64,
    /// Two runs' raw samples differ beyond chance when the test's p is at most this.
    pub significance: f64,
}

/// The optimization workflow's SLAs (defaults.toml: detection within 24 hours of the problem
/// starting, the root cause within 2 days and the fix deployed within 1 week of detection).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sla {
    pub detect_hours: f64,
    pub root_cause_hours: f64,
    pub fix_hours: f64,
    /// How a miss is reported: a warning unless the team makes it an error.
    pub level: Severity,
}

/// Where a figure from a monitoring tool goes in the catalog, and the factor that brings it
/// to the catalog's unit (seconds × 1000 = ms, a ratio × 100 = %).
#[derive(Debug, Clone, Serialize)]
pub struct Mapped {
    pub key: String,
    pub scale: f64,
}

/// The names of New Relic NRQL results and Prometheus series, mapped onto the catalog.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureSources {
    pub newrelic: BTreeMap<String, Mapped>,
    pub prometheus: BTreeMap<String, Mapped>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BookMeta {
    pub title: String,
    pub description: String,
    pub authors: Vec<String>,
    pub language: String,
}

/// The resolved configuration of one practice.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// `book.toml` when the practice has one.
    pub file: Option<PathBuf>,
    pub book: BookMeta,
    pub site_url: Option<String>,
    pub git_repository_url: Option<String>,
    /// `code-repository`: the application's clone, whose commits a change lists.
    pub code_repository: Option<CodeRepository>,
    pub out_dir: String,
    pub allow_html: bool,
    pub folders: Folders,
    pub thresholds: Thresholds,
    pub capacity_max_rps: Option<f64>,
    /// `[runs] formats`: file-name pattern → run format, first match wins.
    pub run_formats: Vec<(String, String)>,
    /// `[runs] decide-on`: the figures `promote` decides on when `--decide-on` is not given.
    pub decide_on: Vec<String>,
    pub sla: Sla,
    pub figure_sources: FigureSources,
    pub metrics: BTreeMap<String, MetricDef>,
    pub kinds: Vec<KindDef>,
}

impl Config {
    /// The format `[runs] formats` gives a file (by its name), if any.
    pub fn run_format(&self, path: &str) -> Option<&str> {
        let name = path.rsplit('/').next().unwrap_or(path);
        self.run_formats
            .iter()
            .find(|(pattern, _)| wildcard(pattern, name))
            .map(|(_, f)| f.as_str())
    }

    /// Loads `ROOT/book.toml` if it exists, else the built-in defaults alone.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(Error::Read { path, source }),
        };
        Config::from_book(root, CONFIG_FILE, text.as_deref())
    }

    /// The configuration from `ROOT/book.toml`'s text, as read from disk or from a revision
    /// (named `display` in messages), then the `PERFDOC_*` variables; the defaults alone
    /// without a text.
    pub fn from_book(root: &Path, display: &str, text: Option<&str>) -> Result<Config> {
        let mut config = Config::from_sources(root, text.map(|t| (display, t)))?;
        if text.is_some() {
            config.file = Some(root.join(CONFIG_FILE));
        }
        config.apply_env(|k| std::env::var(k).ok());
        Ok(config)
    }

    /// Builds a configuration from the defaults and, optionally, a `book.toml` text
    /// (named `display` in messages).
    pub fn from_sources(root: &Path, book_toml: Option<(&str, &str)>) -> Result<Config> {
        let defaults: RawPerfdoc = toml::from_str(DEFAULTS).expect("embedded defaults parse");
        let mut config = resolve_defaults(root, defaults);
        if let Some((display, text)) = book_toml {
            let raw: RawBookToml =
                toml::from_str(text).map_err(|e| toml_error(display, text, &e))?;
            let ctx = Ctx { display, text };
            config.book = BookMeta {
                title: raw.book.title.unwrap_or_default(),
                description: raw.book.description.unwrap_or_default(),
                authors: raw.book.authors,
                language: raw.book.language.unwrap_or_else(|| "en".into()),
            };
            if let Some(html) = raw.output.html {
                if let Some(url) = html.site_url {
                    config.site_url = Some(ctx.url(url, "site-url", urls::Allow::SitePath)?);
                }
                if let Some(url) = html.git_repository_url {
                    config.git_repository_url =
                        Some(ctx.url(url, "git-repository-url", urls::Allow::HttpOnly)?);
                }
            }
            if let Some(user) = raw.preprocessor.perfdoc {
                config.overlay(&ctx, user)?;
            }
        }
        Ok(config)
    }

    pub(crate) fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) {
        if let Some(url) = var("PERFDOC_SITE_URL") {
            self.site_url = Some(url);
        }
        if let Some(out) = var("PERFDOC_OUT_DIR") {
            self.out_dir = out;
        }
    }

    fn overlay(&mut self, ctx: &Ctx, user: RawPerfdoc) -> Result<()> {
        if let Some(out) = user.out_dir {
            self.out_dir = out;
        }
        if let Some(allow) = user.allow_html {
            self.allow_html = allow;
        }
        if let Some(repo) = user.code_repository {
            self.code_repository = Some(ctx.code_repository(repo)?);
        }
        let f = user.folders;
        for (slot, value) in [
            (&mut self.folders.reports, f.reports),
            (&mut self.folders.optimizations, f.optimizations),
            (&mut self.folders.content, f.content),
            (&mut self.folders.benchmarks, f.benchmarks),
            (&mut self.folders.baseline, f.baseline),
            (&mut self.folders.tracking, f.tracking),
        ] {
            if let Some(v) = value {
                *slot = ctx.relative_path(&v)?;
            }
        }
        self.overlay_limits(ctx, user.thresholds, user.capacity)?;
        self.overlay_runs(ctx, user.runs)?;
        self.overlay_sla(ctx, user.sla)?;
        for (key, m) in user.metrics {
            self.overlay_metric(ctx, key, m)?;
        }
        self.overlay_figures(ctx, user.figures)?;
        for (name, raw) in user.kinds {
            self.overlay_kind(ctx, &name, raw)?;
        }
        Ok(())
    }

    /// The thresholds and the capacity, each within its range.
    fn overlay_limits(
        &mut self,
        ctx: &Ctx,
        t: raw::RawThresholds,
        capacity: raw::RawCapacity,
    ) -> Result<()> {
        for (slot, value, max) in [
            (
                &mut self.thresholds.latency_regression_pct,
                t.latency_regression_pct,
                1000.0,
            ),
            (
                &mut self.thresholds.min_success_rate_pct,
                t.min_success_rate_pct,
                100.0,
            ),
            (
                &mut self.thresholds.max_error_rate_pct,
                t.max_error_rate_pct,
                100.0,
            ),
            (
                &mut self.thresholds.baseline_improvement_pct,
                t.baseline_improvement_pct,
                100.0,
            ),
        ] {
            if let Some(v) = value {
                let x = *v.get_ref();
                if !(x.is_finite() && (0.0..=max).contains(&x)) {
                    return Err(ctx.error(
                        v.span(),
                        format!("threshold {x} is out of range"),
                        format!("use a percentage between 0 and {max}"),
                    ));
                }
                *slot = x;
            }
        }
        if let Some(v) = t.significance {
            let x = *v.get_ref();
            if !(x.is_finite() && x > 0.0 && x < 1.0) {
                return Err(ctx.error(
                    v.span(),
                    format!("significance {x} is not a probability"),
                    "give the level as a number between 0 and 1, e.g. `significance = 0.05`",
                ));
            }
            self.thresholds.significance = x;
        }
        if let Some(max) = capacity.max_rps {
            let x = *max.get_ref();
            if !(x.is_finite() && x > 0.0) {
                return Err(ctx.error(
                    max.span(),
                    format!("capacity {x} is not a positive number"),
                    "give the load the platform can carry, in req/s",
                ));
            }
            self.capacity_max_rps = Some(x);
        }
        Ok(())
    }

    /// `[runs]`: a format named per file pattern must be one the ingest registry reads.
    fn overlay_runs(&mut self, ctx: &Ctx, runs: raw::RawRuns) -> Result<()> {
        for (pattern, format) in runs.formats {
            if crate::metrics::ingest::registry::by_name(format.get_ref()).is_none() {
                return Err(ctx.error(
                    format.span(),
                    format!("`{}` is not a run format", format.get_ref()),
                    "`perfdoc formats` lists the format names",
                ));
            }
            self.run_formats.push((pattern, format.into_inner()));
        }
        if let Some(keys) = runs.decide_on {
            self.decide_on = keys;
        }
        Ok(())
    }

    fn overlay_sla(&mut self, ctx: &Ctx, s: raw::RawSla) -> Result<()> {
        for (slot, value) in [
            (&mut self.sla.detect_hours, s.detect_hours),
            (&mut self.sla.root_cause_hours, s.root_cause_hours),
            (&mut self.sla.fix_hours, s.fix_hours),
        ] {
            if let Some(v) = value {
                let x = *v.get_ref();
                if !(x.is_finite() && x > 0.0) {
                    return Err(ctx.error(
                        v.span(),
                        format!("SLA of {x} hours is not a positive number"),
                        "give the hours a stage may take, e.g. `detect-hours = 24`",
                    ));
                }
                *slot = x;
            }
        }
        if let Some(level) = s.level {
            self.sla.level = match level.get_ref().as_str() {
                "warning" => Severity::Warning,
                "error" => Severity::Error,
                other => {
                    return Err(ctx.error(
                        level.span(),
                        format!("SLA level `{other}` is not one"),
                        "write `level = \"warning\"` (the default) or `level = \"error\"`",
                    ));
                }
            };
        }
        Ok(())
    }

    /// One `[metrics.KEY]` table: a change to a catalog metric, or a new one that says which
    /// way is better.
    fn overlay_metric(&mut self, ctx: &Ctx, key: String, m: raw::RawMetric) -> Result<()> {
        let better = match &m.better {
            Some(b) => Some(Better::parse(b.get_ref()).ok_or_else(|| {
                ctx.error(
                    b.span(),
                    format!("`better = \"{}\"` is not a direction", b.get_ref()),
                    "write `better = \"lower\"` or `better = \"higher\"`",
                )
            })?),
            None => None,
        };
        let class = match &m.class {
            Some(c) => Some(ctx.choice(c, "class", MetricClass::parse, MetricClass::NAMES)?),
            None => None,
        };
        let entry = self.metrics.entry(key.clone());
        let existing = match entry {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => {
                let Some(better) = better else {
                    return Err(Error::invalid(
                        Diagnostic::error(
                            ctx.display,
                            "config",
                            format!("metric `{key}` does not say which way is better"),
                        )
                        .hint("add `better = \"lower\"` or `better = \"higher\"`"),
                    ));
                };
                v.insert(MetricDef {
                    key: key.clone(),
                    name: key.clone(),
                    unit: String::new(),
                    better,
                    class: MetricClass::Other,
                    from: None,
                })
            }
        };
        if let Some(name) = m.name {
            existing.name = name;
        }
        if let Some(unit) = m.unit {
            existing.unit = unit;
        }
        if let Some(better) = better {
            existing.better = better;
        }
        if let Some(class) = class {
            existing.class = class;
        }
        if let Some(from) = m.from {
            existing.from = Some(metric_source(ctx, &key, from, m.scale)?);
        } else if let Some(scale) = m.scale {
            return Err(ctx.error(
                scale.span(),
                format!("metric `{key}` has a `scale` but no `from`"),
                "a scale converts the run figure named by `from`; add `from = \"METRIC.STAT\"`",
            ));
        }
        Ok(())
    }

    /// `[figures.newrelic]` and `[figures.prometheus]`: each source's name mapped to a catalog key
    /// and a non-zero scale.
    fn overlay_figures(&mut self, ctx: &Ctx, figures: raw::RawFigureSources) -> Result<()> {
        for (raw, slot) in [
            (figures.newrelic, &mut self.figure_sources.newrelic),
            (figures.prometheus, &mut self.figure_sources.prometheus),
        ] {
            for (name, m) in raw {
                let span = m.span();
                let (key, scale) = match m.into_inner() {
                    raw::RawMapped::Key(key) => (key, None),
                    raw::RawMapped::Full { key, scale } => (key, scale),
                };
                let scale = scale_of(ctx, span.clone(), &name, scale.as_ref())?;
                if !self.metrics.contains_key(&key) {
                    return Err(ctx.error(
                        span,
                        format!("`{name}` is mapped to `{key}`, which is not in the metric catalog"),
                        format!(
                            "map it to a catalog key such as {}, or add `{key}` under [preprocessor.perfdoc.metrics]",
                            self.metrics.keys().take(6).cloned().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                slot.insert(name, Mapped { key, scale });
            }
        }
        Ok(())
    }

    fn overlay_kind(&mut self, ctx: &Ctx, name: &str, raw: RawKind) -> Result<()> {
        let index = match self.kinds.iter().position(|k| k.name == name) {
            Some(i) => i,
            None => {
                let Some(pattern) = &raw.pattern else {
                    return Err(Error::invalid(
                        Diagnostic::error(
                            ctx.display,
                            "config",
                            format!("new kind `{name}` has no `pattern`"),
                        )
                        .hint(
                            "give its file names, e.g. `pattern = \"incident-{date}-{slug}.md\"`",
                        ),
                    ));
                };
                let pattern = ctx.pattern(pattern)?;
                self.kinds.push(KindDef {
                    name: name.to_string(),
                    title: name.to_string(),
                    folder: self.folders.reports.clone(),
                    template: format!("{name}.md"),
                    pattern,
                    aliases: Vec::new(),
                    sections: Vec::new(),
                    fields: Vec::new(),
                    // A kind of the practice's own is a report until it says otherwise.
                    role: Role::Report,
                    period: None,
                });
                self.kinds.len() - 1
            }
        };
        let folders = self.folders.clone();
        let kind = &mut self.kinds[index];
        if let Some(title) = raw.title {
            kind.title = title;
        }
        if let Some(folder) = &raw.folder {
            kind.folder = resolve_folder(&folders, &ctx.relative_path(folder)?);
        }
        if let Some(pattern) = &raw.pattern {
            kind.pattern = ctx.pattern(pattern)?;
        }
        for alias in &raw.aliases {
            kind.aliases.push(ctx.pattern(alias)?);
        }
        if let Some(template) = raw.template {
            kind.template = template;
        }
        ctx.role(kind, raw.role.as_ref(), raw.period.as_ref())?;
        for section in raw.sections {
            if !kind.sections.contains(&section) {
                kind.sections.push(section);
            }
        }
        for (field, spec) in raw.fields {
            let spec = ctx.field(&field, spec)?;
            match kind.fields.iter_mut().find(|f| f.name == field) {
                Some(existing) => *existing = spec,
                None => kind.fields.push(spec),
            }
        }
        Ok(())
    }

    pub fn kind(&self, name: &str) -> Option<&KindDef> {
        self.kinds.iter().find(|k| k.name == name)
    }

    /// The folders perfdoc reads documents from: every kind's folder and the content folder.
    pub fn doc_folders(&self) -> Vec<String> {
        let mut folders: Vec<String> = self.kinds.iter().map(|k| k.folder.clone()).collect();
        folders.push(self.folders.content.clone());
        folders.sort();
        folders.dedup();
        folders
    }

    /// Whether a path is a file perfdoc generates (the tracking file), not a document.
    pub fn is_generated(&self, rel: &str) -> bool {
        rel == self.folders.tracking
    }

    pub fn kind_names(&self) -> Vec<&str> {
        self.kinds.iter().map(|k| k.name.as_str()).collect()
    }

    /// Whether documents of kind `name` are records (before/after metrics, own page).
    pub fn is_record(&self, name: Option<&str>) -> bool {
        name.and_then(|n| self.kind(n))
            .is_some_and(KindDef::is_record)
    }

    /// The periodic report kinds covering `period`, in configuration order.
    pub fn kinds_of_period(&self, period: Period) -> impl Iterator<Item = &KindDef> {
        self.kinds.iter().filter(move |k| k.period == Some(period))
    }

    /// The period of the reports of kind `name`, if they are periodic.
    pub fn period_of(&self, name: &str) -> Option<Period> {
        self.kind(name).and_then(|k| k.period)
    }

    /// The class of catalog metric `key`; a key outside the catalog is judged as `other`.
    pub fn class_of(&self, key: &str) -> MetricClass {
        self.metrics
            .get(key)
            .map_or(MetricClass::Other, |m| m.class)
    }
}

/// A kind's `folder` may name one of the configured folders (`reports`) or be a path.
fn resolve_folder(folders: &Folders, folder: &str) -> String {
    match folder {
        "reports" => folders.reports.clone(),
        "optimizations" => folders.optimizations.clone(),
        "content" => folders.content.clone(),
        "benchmarks" => folders.benchmarks.clone(),
        other => other.to_string(),
    }
}

fn resolve_defaults(root: &Path, raw: RawPerfdoc) -> Config {
    let take = |v: Option<toml::Spanned<String>>| v.map(|s| s.into_inner()).unwrap_or_default();
    let folders = Folders {
        reports: take(raw.folders.reports),
        optimizations: take(raw.folders.optimizations),
        content: take(raw.folders.content),
        benchmarks: take(raw.folders.benchmarks),
        baseline: take(raw.folders.baseline),
        tracking: take(raw.folders.tracking),
    };
    let pct = |v: Option<toml::Spanned<f64>>| v.map(|s| s.into_inner()).unwrap_or_default();
    let thresholds = Thresholds {
        latency_regression_pct: pct(raw.thresholds.latency_regression_pct),
        min_success_rate_pct: pct(raw.thresholds.min_success_rate_pct),
        max_error_rate_pct: pct(raw.thresholds.max_error_rate_pct),
        baseline_improvement_pct: pct(raw.thresholds.baseline_improvement_pct),
        significance: pct(raw.thresholds.significance),
    };
    let metrics = raw
        .metrics
        .into_iter()
        .map(|(key, m)| {
            let def = MetricDef {
                key: key.clone(),
                name: m.name.unwrap_or_else(|| key.clone()),
                unit: m.unit.unwrap_or_default(),
                better: m
                    .better
                    .and_then(|b| Better::parse(b.get_ref()))
                    .expect("defaults name a direction"),
                class: m
                    .class
                    .and_then(|c| MetricClass::parse(c.get_ref()))
                    .expect("defaults name a class"),
                from: None,
            };
            (key, def)
        })
        .collect();
    let ctx = Ctx {
        display: "defaults.toml",
        text: DEFAULTS,
    };
    let mut kinds: Vec<KindDef> = raw
        .kinds
        .into_iter()
        .map(|(name, k)| {
            let pattern = ctx
                .pattern(k.pattern.as_ref().expect("pattern"))
                .expect("valid");
            let mut def = KindDef {
                title: k.title.unwrap_or_else(|| name.clone()),
                folder: resolve_folder(&folders, k.folder.as_ref().expect("folder").get_ref()),
                pattern,
                aliases: k
                    .aliases
                    .iter()
                    .map(|a| ctx.pattern(a).expect("valid"))
                    .collect(),
                template: k.template.unwrap_or_else(|| format!("{name}.md")),
                sections: k.sections,
                fields: k
                    .fields
                    .into_iter()
                    .map(|(f, spec)| ctx.field(&f, spec).expect("valid"))
                    .collect(),
                name,
                role: Role::Report,
                period: None,
            };
            ctx.role(&mut def, k.role.as_ref(), k.period.as_ref())
                .expect("valid role");
            def
        })
        .collect();
    // Built-in kinds keep the order users know: records first, then the reports from the
    // shortest period to the longest.
    kinds.sort_by_key(|k| (!k.is_record(), k.period.map(|p| p as u8)));
    Config {
        root: root.to_path_buf(),
        file: None,
        book: BookMeta {
            title: "Performance practice".into(),
            language: "en".into(),
            ..Default::default()
        },
        site_url: None,
        git_repository_url: None,
        code_repository: None,
        out_dir: raw.out_dir.unwrap_or_else(|| "site".into()),
        allow_html: raw.allow_html.unwrap_or(false),
        folders,
        thresholds,
        capacity_max_rps: None,
        run_formats: Vec::new(),
        decide_on: Vec::new(),
        figure_sources: FigureSources::default(),
        sla: Sla {
            detect_hours: pct(raw.sla.detect_hours),
            root_cause_hours: pct(raw.sla.root_cause_hours),
            fix_hours: pct(raw.sla.fix_hours),
            level: match raw.sla.level.as_ref().map(|l| l.get_ref().as_str()) {
                Some("error") => Severity::Error,
                _ => Severity::Warning,
            },
        },
        metrics,
        kinds,
    }
}

/// The file being read, for errors that point into it.
struct Ctx<'a> {
    display: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Error {
        let index = LineIndex::new(self.text);
        Error::invalid(
            Diagnostic::error(self.display, "config", message)
                .at(Location::resolve(self.text, &index, span.start, span.end))
                .hint(hint),
        )
    }

    /// A value that must be one of `names`; the error points at it and lists them.
    fn choice<T>(
        &self,
        v: &toml::Spanned<String>,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Result<T> {
        parse(v.get_ref()).ok_or_else(|| {
            self.error(
                v.span(),
                format!("`{key} = \"{}\"` is not known", v.get_ref()),
                format!("write one of: {}", names.join(", ")),
            )
        })
    }

    /// Applies a kind's `role` and `period`; only a report has a period.
    fn role(
        &self,
        kind: &mut KindDef,
        role: Option<&toml::Spanned<String>>,
        period: Option<&toml::Spanned<String>>,
    ) -> Result<()> {
        if let Some(role) = role {
            kind.role = self.choice(role, "role", Role::parse, Role::NAMES)?;
            if kind.role == Role::Record {
                kind.period = None;
            }
        }
        if let Some(period) = period {
            if kind.role == Role::Record {
                return Err(self.error(
                    period.span(),
                    format!("kind `{}` is a record, which has no period", kind.name),
                    "remove `period`, or give the kind `role = \"report\"`",
                ));
            }
            kind.period = Some(self.choice(period, "period", Period::parse, Period::NAMES)?);
        }
        Ok(())
    }

    fn pattern(&self, p: &toml::Spanned<String>) -> Result<Pattern> {
        Pattern::new(p.get_ref()).map_err(|msg| {
            self.error(
                p.span(),
                msg,
                "a pattern is a file name with {slug}, {date}, {week} or {month} in it",
            )
        })
    }

    /// A URL pages and review comments link to: see `urls::check`.
    fn url(&self, v: toml::Spanned<String>, key: &str, allow: urls::Allow) -> Result<String> {
        match urls::check(v.get_ref(), allow) {
            Ok(()) => Ok(v.into_inner()),
            Err(why) => Err(self.error(v.span(), format!("`{key}` {why}"), allow.hint(key))),
        }
    }

    /// `code-repository`: a relative path (from the practice), kept with its place in
    /// `book.toml` so that a clone missing when a command needs it is reported there.
    fn code_repository(&self, v: toml::Spanned<String>) -> Result<CodeRepository> {
        let value = v.get_ref().trim_end_matches('/');
        let why = if value.is_empty() {
            Some("is empty")
        } else if Path::new(value).is_absolute() || value.starts_with('\\') || value.contains(':') {
            Some("is not a relative path")
        } else if value.chars().any(char::is_control) {
            Some("holds a control character")
        } else {
            None
        };
        let index = LineIndex::new(self.text);
        let at = Location::resolve(self.text, &index, v.span().start, v.span().end);
        if let Some(why) = why {
            return Err(self.error(
                v.span(),
                format!("`code-repository = \"{value}\"` {why}"),
                "name the application's local clone relative to the practice, e.g. \"../app\"",
            ));
        }
        Ok(CodeRepository {
            path: value.to_string(),
            at: format!("{}:{}:{}", self.display, at.line, at.column),
        })
    }

    /// A folder or file must stay inside the practice.
    fn relative_path(&self, p: &toml::Spanned<String>) -> Result<String> {
        let value = p.get_ref().trim_end_matches('/');
        let escapes = Path::new(value).is_absolute()
            || value.split(['/', '\\']).any(|part| part == "..")
            || value.is_empty();
        if escapes {
            return Err(self.error(
                p.span(),
                format!("`{value}` is not a path inside the practice"),
                "give a relative path without `..`, such as \"reports\"",
            ));
        }
        Ok(value.trim_start_matches("./").to_string())
    }

    fn field(&self, name: &str, spec: toml::Spanned<RawField>) -> Result<FieldSpec> {
        let span = spec.span();
        let (ty, required, values) = match spec.into_inner() {
            RawField::Type(t) => (t, false, Vec::new()),
            RawField::Full(t) => (t.ty, t.required, t.values),
        };
        let ty = FieldType::parse(&ty).ok_or_else(|| {
            self.error(
                span.clone(),
                format!("field `{name}` has unknown type `{ty}`"),
                format!("use one of: {}", FieldType::NAMES.join(", ")),
            )
        })?;
        if ty == FieldType::Enum && values.is_empty() {
            return Err(self.error(
                span,
                format!("enum field `{name}` lists no values"),
                "add `values = [\"a\", \"b\"]`",
            ));
        }
        Ok(FieldSpec {
            name: name.to_string(),
            ty,
            required,
            values,
        })
    }
}

/// A TOML error as a diagnostic pointing at the offending key or value.
fn toml_error(display: &str, text: &str, e: &toml::de::Error) -> Error {
    let mut d = Diagnostic::error(display, "config", e.message().trim().to_string());
    if let Some(span) = e.span() {
        let index = LineIndex::new(text);
        d = d.at(Location::resolve(text, &index, span.start, span.end));
    }
    let hint = if e.message().contains("unknown field") {
        "remove the key or fix its spelling; the README lists every setting"
    } else {
        "see the README's configuration section"
    };
    Error::invalid(d.hint(hint))
}

/// Whether `name` matches `pattern`, where `*` is any run of characters. Greedy with one
/// backtrack point, so a hostile pattern (`*a*a*a*…b`) costs O(pattern × name), not more.
fn wildcard(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if i < p.len() && p[i] == n[j] {
            i += 1;
            j += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config> {
        Config::from_sources(Path::new("/p"), Some(("book.toml", text)))
    }

    #[test]
    fn run_format_patterns() {
        assert!(wildcard("hey-*.csv", "hey-2026-01-05.csv"));
        assert!(wildcard("*", ""));
        assert!(!wildcard("hey-*.csv", "hey-2026.json"));
        assert!(wildcard("a*b*c", "aXXbYYc"));
        // A hostile pattern against a long name ends at once instead of backtracking forever.
        let pattern = format!("{}b", "*a".repeat(40));
        assert!(!wildcard(&pattern, &"a".repeat(4000)));
    }

    #[test]
    fn defaults_have_the_seed_thresholds_and_four_kinds() {
        let c = Config::from_sources(Path::new("/p"), None).unwrap();
        assert_eq!(c.thresholds.latency_regression_pct, 10.0);
        assert_eq!(c.thresholds.min_success_rate_pct, 98.0);
        assert_eq!(c.thresholds.max_error_rate_pct, 0.5);
        assert_eq!(
            c.kind_names(),
            ["optimization", "daily", "weekly", "monthly"]
        );
        assert_eq!(c.metrics["p95_ms"].better, Better::Lower);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = load("[book]\ntitle = \"x\"\n\n[preprocessor.perfdoc.thresholds]\nlatency = 5\n")
            .unwrap_err();
        let Error::Invalid(d) = err else {
            panic!("{err:?}")
        };
        assert!(d.message.contains("latency"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 5);
    }

    #[test]
    fn mdbook_tables_are_left_alone() {
        let c = load(
            "[book]\ntitle = \"T\"\nsrc = \"src\"\n[build]\nbuild-dir = \"book\"\n[rust]\nedition = \"2021\"\n\
             [preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n[output.html]\nsite-url = \"/repo/\"\nmathjax-support = true\n\
             [output.linkcheck]\n",
        )
        .unwrap();
        assert_eq!(c.book.title, "T");
        assert_eq!(c.site_url.as_deref(), Some("/repo/"));
    }

    #[test]
    fn a_team_adds_a_kind_and_extends_one() {
        let c = load(
            "[preprocessor.perfdoc.kinds.incident]\npattern = \"incident-{date}-{slug}.md\"\nsections = [\"Timeline\"]\n\
             fields.severity = { type = \"enum\", values = [\"SEV1\", \"SEV2\"], required = true }\n\
             [preprocessor.perfdoc.kinds.optimization]\nsections = [\"Rollback Plan\"]\n",
        )
        .unwrap();
        let incident = c.kind("incident").unwrap();
        assert_eq!(incident.folder, "reports");
        assert!(incident.field("severity").unwrap().required);
        let opt = c.kind("optimization").unwrap();
        assert_eq!(opt.sections.last().unwrap(), "Rollback Plan");
        assert_eq!(opt.sections.len(), 8);
    }

    #[test]
    fn thresholds_out_of_range_are_errors() {
        let err =
            load("[preprocessor.perfdoc.thresholds]\nmax-error-rate-pct = 150\n").unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    #[test]
    fn folder_escaping_the_practice_is_refused() {
        let err = load("[preprocessor.perfdoc.folders]\nreports = \"../elsewhere\"\n").unwrap_err();
        assert!(err.to_string().contains("not a path inside"), "{err}");
    }
}
