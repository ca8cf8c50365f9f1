//! Dates for a folder that is not a git repository: file times, so `perfdoc log` still says
//! something useful on an exported copy, with a warning that it is not history.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::HistoryError;
use super::stamp;
use super::types::{DocHistory, HistoryIndex, HistorySource, Stamp, Warning};

pub fn file_times(
    root: &Path,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<HistoryIndex, HistoryError> {
    let mut docs = BTreeMap::new();
    // The same rules as the rest of perfdoc's file discovery: hidden files and .gitignore'd
    // files are not documents.
    for entry in ignore::WalkBuilder::new(root)
        .sort_by_file_path(Ord::cmp)
        .build()
    {
        let entry = entry.map_err(|source| HistoryError::Walk {
            path: root.to_owned(),
            source,
        })?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        if !wanted(&rel) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let Ok(modified) = meta.modified() else {
            continue;
        };
        let stamp_at = |t| Stamp {
            commit: String::new(),
            date: stamp::from_system_time(t),
            author: String::new(),
            email: String::new(),
        };
        // Birth time where the file system keeps it; otherwise the best we have is mtime.
        let created = meta.created().unwrap_or(modified).min(modified);
        docs.insert(
            rel.clone(),
            DocHistory {
                path: rel,
                created: stamp_at(created),
                updated: stamp_at(modified),
                revisions: 0,
                authors: Vec::new(),
                previous_paths: Vec::new(),
                commits: Vec::new(),
            },
        );
    }
    Ok(HistoryIndex {
        source: HistorySource::FileTimes,
        docs,
        warnings: vec![Warning::NotARepository {
            dir: root.display().to_string(),
        }],
    })
}
