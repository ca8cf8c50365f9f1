//! The one entry point every command reads runs through, with the practice's configuration:
//! the format `--input-format` forces, else the one `[runs] formats` in book.toml gives the
//! file's name, else the detected one; then the catalog metrics book.toml feeds from a run
//! figure (`[metrics.KEY] from = "checkout_duration.p(95)"`). The registry below reads
//! formats; nothing else reads a run.

use std::path::Path;

use super::{Run, Value, registry};
use crate::config::Config;
use crate::error::Result;

/// Reads a run file (plain, gzip, or a criterion folder); `display` names it in errors and
/// is the name `[runs] formats` matches.
pub fn read(config: &Config, path: &Path, display: &str, forced: Option<&str>) -> Result<Run> {
    let format = forced.or_else(|| config.run_format(display));
    registry::read(path, display, format).map(|run| configure(config, run))
}

/// Reads `root/rel`.
pub fn load(config: &Config, root: &Path, rel: &str) -> Result<Run> {
    read(config, &root.join(rel), rel, None)
}

/// Parses a run's text (out of git history, say); `name` is the file's path, which
/// `[runs] formats` matches, `display` how errors name it (`main-baseline.json@1a2b3c4d`).
pub fn parse(config: &Config, name: &str, display: &str, text: &str) -> Result<Run> {
    registry::parse_as(display, text, config.run_format(name)).map(|run| configure(config, run))
}

/// Whether a file is a run: book.toml names its format, or its content is one.
pub fn recognises(config: &Config, name: &str, text: &str) -> bool {
    config.run_format(name).is_some() || registry::detect(name, text).is_some()
}

/// The catalog metrics that take their value from a run figure, laid over what the format
/// mapped: a team's explicit `from` wins; a run without that figure leaves the metric absent.
fn configure(config: &Config, mut run: Run) -> Run {
    for def in config.metrics.values() {
        let Some(from) = &def.from else { continue };
        let Some(v) = run.source(&from.name).map(|v| v * from.scale) else {
            continue;
        };
        match run.figures.iter_mut().find(|f| f.key == def.key) {
            Some(f) => *f = Value::catalog(&def.key, v),
            None => run.figures.push(Value::catalog(&def.key, v)),
        }
    }
    run
}

/// Makes `key` a figure of the run when it names an endpoint's figure (`GET /api.p95_ms`),
/// with the unit and direction the catalog gives the figure, so `promote` can decide on one
/// endpoint; whether the run has `key` as a figure now.
pub fn surface(config: &Config, run: &mut Run, key: &str) -> bool {
    if run.get(key).is_some() {
        return true;
    }
    let Some(f) = run.endpoint_figure(key) else {
        return false;
    };
    let (value, figure) = (f.value, f.key.clone());
    let v = match config.metrics.get(&figure) {
        Some(def) => Value::benchmark(key, value, &def.unit, def.better),
        None => match (&f.unit, f.better) {
            (Some(u), Some(b)) => Value::benchmark(key, value, u, b),
            _ => return false,
        },
    };
    run.figures.push(v);
    true
}
