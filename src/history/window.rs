//! The commits that landed in a date window: what changed between the last point before a
//! change and the first point after it (`perfdoc changes`' attribution), read from HEAD's
//! history.

use serde::Serialize;

use super::error::HistoryError;
use super::session::Session;

/// One commit, as a change point lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowCommit {
    pub id: String,
    pub summary: String,
    pub author: String,
    /// `YYYY-MM-DD`, the committer's date in UTC (when it landed, not when it was written).
    pub date: String,
}

/// How many commits older than the bound the walk reads before it stops: commits are walked
/// by committer time, and a few may be out of order (a clock set wrong, a rebase), as git's
/// own `log --since` allows for.
const OLDER_SLOP: usize = 5;

impl Session {
    /// The commits reachable from HEAD dated on or after `since` (`YYYY-MM-DD`; all of them
    /// when `None`), newest first, as `WindowCommit`s: read once, then filtered per window
    /// with [`in_window`]. The walk stops past the bound, so a long history costs only the
    /// window asked for. Empty for a repository without commits.
    pub fn dated_commits(&self, since: Option<&str>) -> Result<Vec<WindowCommit>, HistoryError> {
        let git = self.repo.git2();
        let Ok(head) = git.head().and_then(|h| h.peel_to_commit()) else {
            return Ok(Vec::new());
        };
        let fail = |source: git2::Error| HistoryError::Git {
            doing: "walking the commits for change attribution".to_string(),
            source: source.into(),
        };
        let mut walk = git.revwalk().map_err(fail)?;
        walk.set_sorting(git2::Sort::TIME).map_err(fail)?;
        walk.push(self.repo.replaced(head.id())).map_err(fail)?;
        let mut out = Vec::new();
        let mut older = 0;
        for id in walk.flatten() {
            let Ok(commit) = self.repo.find_commit(id) else {
                continue;
            };
            let mut date = super::stamp::rfc3339(commit.time().seconds(), 0);
            date.truncate(10);
            if since.is_some_and(|s| date.as_str() < s) {
                older += 1;
                if older > OLDER_SLOP {
                    break;
                }
                continue;
            }
            out.push(WindowCommit {
                id: id.to_string(),
                summary: commit
                    .summary_bytes()
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .unwrap_or_default(),
                author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
                date,
            });
        }
        Ok(out)
    }
}

/// The commits dated after `after` and up to `until` (both `YYYY-MM-DD`), oldest first: the
/// day of the last point before a change is excluded (the point already measured it), the day
/// of the first point after is included.
pub fn in_window(commits: &[WindowCommit], after: &str, until: &str) -> Vec<WindowCommit> {
    let mut out: Vec<WindowCommit> = commits
        .iter()
        .filter(|c| c.date.as_str() > after && c.date.as_str() <= until)
        .cloned()
        .collect();
    out.reverse();
    out
}
