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

#[cfg(test)]
mod tests {
    use super::*;

    const SMALLER: &str = include_str!("../../../tests/fixtures/formats/custom-smaller-fast.json");

    fn config(book: &str) -> Config {
        Config::from_sources(Path::new("."), Some(("book.toml", book))).unwrap()
    }

    #[test]
    fn the_forced_format_beats_book_toml_which_beats_detection() {
        let c = config(
            "[preprocessor.perfdoc.runs]\nformats = { \"up-*.json\" = \"custom-bigger-is-better\" }\n",
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("up-1.json"), SMALLER).unwrap();
        let by_book = load(&c, dir.path(), "up-1.json").unwrap();
        assert_eq!(by_book.format, "custom-bigger-is-better");
        let forced = read(
            &c,
            &dir.path().join("up-1.json"),
            "up-1.json",
            Some("custom-smaller-is-better"),
        )
        .unwrap();
        assert_eq!(forced.format, "custom-smaller-is-better");
        assert_eq!(
            parse(&c, "other.json", "other.json@1234", SMALLER)
                .unwrap()
                .format,
            "custom-smaller-is-better"
        );
        assert_eq!(
            parse(&c, "up-2.json", "up-2.json@1234", SMALLER)
                .unwrap()
                .format,
            "custom-bigger-is-better"
        );
        assert!(recognises(&c, "up-3.json", "not a run"));
        assert!(!recognises(&c, "notes.txt", "not a run"));
    }

    #[test]
    fn a_mapped_metric_overrides_the_formats_own_and_stays_absent_without_its_source() {
        let c = config(
            "[preprocessor.perfdoc.metrics.p95_ms]\nfrom = \"render page\"\n\n[preprocessor.perfdoc.metrics.other_ms]\nbetter = \"lower\"\nfrom = \"nowhere\"\nscale = 2\n",
        );
        let run = parse(&c, "a.json", "a.json", SMALLER).unwrap();
        assert_eq!(run.get("p95_ms"), Some(12.5));
        assert_eq!(run.get("other_ms"), None);
        let c = config(
            "[preprocessor.perfdoc.metrics.twice_ms]\nbetter = \"lower\"\nfrom = \"parse config\"\nscale = 2\n",
        );
        let run = parse(&c, "a.json", "a.json", SMALLER).unwrap();
        assert_eq!(run.get("twice_ms"), Some(6.5));
    }
}
