//! The benchmark runs kept in the practice: `benchmarks/k6-*.json` files, dated by the date in
//! their name (`k6-baseline-2025-12-29.json`) or else by their modification time.

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

/// Every `k6-*.json` run in the benchmarks folder, oldest first (dated runs by date, then
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
            if !(name.starts_with("k6-") && name.ends_with(".json")) {
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
    fn dates_in_names() {
        assert_eq!(
            date_in_name("k6-baseline-2025-12-29.json"),
            Some("2025-12-29".parse().unwrap())
        );
        assert_eq!(date_in_name("k6-latest.json"), None);
        assert_eq!(date_in_name("main-baseline-2025-11.json"), None);
    }
}
