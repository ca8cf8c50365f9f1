//! The benchmark runs kept in the practice: the files of the benchmarks folder that a run
//! format reads (`k6-*.json` by name, any other by its content), the baseline and its
//! archives aside; dated by the date in their name (`k6-baseline-2025-12-29.json`,
//! `hey-2026-01-05.csv`) or else by their modification time.

use std::path::Path;

use jiff::civil::Date;

use crate::config::Config;

/// A run file in the benchmarks folder.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFile {
    /// Relative to the practice root, `/`-separated.
    pub path: String,
    pub date: Option<Date>,
    /// Seconds since the epoch, for ordering undated runs.
    pub mtime: i64,
}

/// The date written in a file name, if any: the first `YYYY-MM-DD` in it.
pub fn date_in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = name.get(i..i + 10)?;
        let shaped = s.bytes().enumerate().all(|(j, c)| {
            if j == 4 || j == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        if shaped { s.parse().ok() } else { None }
    })
}

/// Whether a file of the benchmarks folder is a run: `k6-*.json` always (read and judged
/// later, so a broken one is reported, not skipped); another name when it is not the
/// baseline or one of its archives and its content is a format perfdoc reads.
fn is_run(dir: &Path, name: &str, config: &Config) -> bool {
    if let Some(known) = run_by_name(name, config) {
        return known;
    }
    let path = dir.join(name);
    if !path.is_file() {
        return false;
    }
    // A format named for it makes it a run unread, so a broken one is reported.
    config.run_format(name).is_some()
        || super::ingest::registry::read_text(&path, name)
            .is_ok_and(|text| super::ingest::recognises(config, name, &text))
}

/// What a benchmark file's name alone says about it being a run: yes for `k6-*.json`, no
/// for the baseline, its archives and hidden files; `None` when its content decides.
pub fn run_by_name(name: &str, config: &Config) -> Option<bool> {
    if name.starts_with("k6-") && name.ends_with(".json") {
        return Some(true);
    }
    let baseline = Path::new(&config.folders.baseline);
    let stem = baseline
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("main-baseline");
    (name.starts_with(stem) || name.starts_with('.')).then_some(false)
}

/// Every run in the benchmarks folder, oldest first (dated runs by date, then
/// undated ones, by modification time, before them).
pub fn list(root: &Path, config: &Config) -> Vec<RunFile> {
    let dir = root.join(&config.folders.benchmarks);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<RunFile> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            if !is_run(&dir, &name, config) {
                return None;
            }
            let mtime = e
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs() as i64);
            Some(RunFile {
                path: format!("{}/{name}", config.folders.benchmarks),
                date: date_in_name(&name),
                mtime,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.date, a.mtime, &a.path).cmp(&(b.date, b.mtime, &b.path)));
    out
}

/// The newest run on or before `until` (when given): dated runs by their date; undated runs
/// count only when no dated run qualifies.
pub fn latest(root: &Path, config: &Config, until: Option<Date>) -> Option<RunFile> {
    let runs = list(root, config);
    let dated = runs
        .iter()
        .filter(|r| r.date.is_some_and(|d| until.is_none_or(|u| d <= u)))
        .max_by_key(|r| r.date);
    dated
        .or_else(|| {
            runs.iter()
                .filter(|r| r.date.is_none())
                .max_by_key(|r| r.mtime)
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_every_format_are_listed_and_the_baseline_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::from_sources(dir.path(), None).unwrap();
        let b = dir.path().join(&config.folders.benchmarks);
        std::fs::create_dir_all(&b).unwrap();
        let hey = include_str!("../../tests/fixtures/formats/hey-fast.csv");
        std::fs::write(b.join("hey-2026-01-05.csv"), hey).unwrap();
        std::fs::write(b.join("main-baseline.csv"), hey).unwrap();
        std::fs::write(b.join("README.md"), "# runs\n").unwrap();
        std::fs::write(b.join("k6-2026-01-04.json"), "{}").unwrap();
        let names: Vec<String> = list(dir.path(), &config)
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(
            names,
            [
                format!("{}/k6-2026-01-04.json", config.folders.benchmarks),
                format!("{}/hey-2026-01-05.csv", config.folders.benchmarks)
            ]
        );
    }

    #[test]
    fn dates_in_names() {
        assert_eq!(
            date_in_name("k6-baseline-2025-12-29.json"),
            Some("2025-12-29".parse().unwrap())
        );
        assert_eq!(date_in_name("k6-latest.json"), None);
        assert_eq!(date_in_name("main-baseline-2025-11.json"), None);
    }
}
