//! The site's input gathered in one place: a practice, the repository around it opened once,
//! each document's git history, the metrics over time and their change points. `build` and
//! `serve` both start here, so what a page shows comes down one path whichever command draws
//! it.

use std::collections::HashSet;

use super::kept::{self, Kept};
use super::metrics_cache::Disk;
use super::model::SiteInput;
use crate::history::{self, Progress, Session};
use crate::metrics::trends;
use crate::practice::Practice;

/// The repository around a practice, as the site reads it.
pub enum Git {
    /// A git repository, opened once for every page.
    Session(Session),
    /// No repository: file times stand in for history.
    Outside,
    /// A repository that could not be opened: the pages have no history (said once).
    Unreadable,
}

impl Git {
    /// Opens the repository around `practice`; a failure is a warning in `warnings`, and the
    /// pages then have no history.
    pub fn open(practice: &Practice, warnings: &mut Vec<String>) -> Git {
        match Session::discover(&practice.root) {
            Ok(Some(session)) => Git::Session(session),
            Ok(None) => Git::Outside,
            Err(e) => {
                warnings.push(format!("no git history on the pages: {e}"));
                Git::Unreadable
            }
        }
    }

    pub fn session(&self) -> Option<&Session> {
        match self {
            Git::Session(session) => Some(session),
            _ => None,
        }
    }
}

impl<'a> SiteInput<'a> {
    /// Everything the pages of `practice` show: its documents, their history (walked once,
    /// cached under `.git/perfdoc/`) and the metrics over time. What the reader should know
    /// (a shallow clone, a baseline version that does not parse) goes to `warnings`.
    pub fn gather(
        practice: &'a Practice,
        repo: &Git,
        progress: &dyn Progress,
        warnings: &mut Vec<String>,
    ) -> SiteInput<'a> {
        SiteInput::gather_kept(practice, repo, progress, warnings, &mut Kept::default())
    }

    /// [`SiteInput::gather`], reusing what `kept` holds from an earlier gather when what it
    /// was read from is unchanged (and giving none of the warnings its reading gave again);
    /// hand the input back with [`Kept::keep`] after the build. Inside git the metrics are
    /// also kept on disk between runs (`metrics_cache`), and a gather they answer gives the
    /// warnings their reading gave again.
    pub fn gather_kept(
        practice: &'a Practice,
        repo: &Git,
        progress: &dyn Progress,
        warnings: &mut Vec<String>,
        kept: &mut Kept,
    ) -> SiteInput<'a> {
        let git = repo.session();
        let head = git.and_then(Session::head_state);
        let mut input = SiteInput::from_practice(practice);
        // Outside git the history is the files' times, which an edit moves: never kept.
        let key = git
            .zip(head.as_deref())
            .map(|(g, h)| kept::history_key(h, g.prefix(), practice));
        if !key
            .as_ref()
            .is_some_and(|k| kept.history_into(k, &mut input))
        {
            input = with_history(input, repo, progress, warnings);
            kept.history_read(key);
        }
        // A `code-repository` clone's commits are not watched: its change points are read
        // every time. A repository whose HEAD cannot be read is read every time too.
        let keyed = practice.config.code_repository.is_none() && (git.is_none() || head.is_some());
        let key = keyed.then(|| kept::metrics_key(head.as_deref(), practice));
        if !key
            .as_ref()
            .is_some_and(|k| kept.metrics_into(k, &mut input))
        {
            // What `kept` holds is the first answer, the file under `.git/perfdoc/` the
            // second: keyed by the contents of what they are read from, it never answers for
            // a benchmark file or a configuration that `forget_metrics` was told changed.
            let disk = git
                .zip(head.as_deref())
                .filter(|_| keyed)
                .and_then(|(g, h)| Disk::new(g, h, practice));
            if !disk
                .as_ref()
                .is_some_and(|d| d.load_into(&mut input, warnings))
            {
                let from = warnings.len();
                input = with_metrics(input, git, warnings);
                input = with_changes(input, git, warnings);
                if let Some(disk) = &disk {
                    let said = warnings[from..].to_vec();
                    disk.save(&mut input, &said, warnings);
                }
            }
            kept.metrics_read(key);
        }
        input
    }
}

/// Walks git once for the history of every document; outside a repository file times stand
/// in, and a repository that cannot be read gives no history.
fn with_history<'a>(
    mut input: SiteInput<'a>,
    repo: &Git,
    progress: &dyn Progress,
    warnings: &mut Vec<String>,
) -> SiteInput<'a> {
    if matches!(repo, Git::Unreadable) {
        return input;
    }
    let git = repo.session();
    let practice = input.practice;
    let prefix = git.map_or("", Session::prefix);
    // Source links name the practice's folder inside the repository, as git sees it.
    input.repo_prefix = prefix.to_string();
    let docs: HashSet<String> = practice
        .docs
        .iter()
        .map(|d| git.map_or_else(|| d.path.clone(), |g| g.repo_path(&d.path)))
        .collect();
    match history::index(git, &practice.root, &|p| docs.contains(p), progress) {
        Ok(index) => {
            warnings.extend(index.warnings.iter().map(ToString::to_string));
            input.with_history(&index, prefix)
        }
        Err(e) => {
            warnings.push(format!("no git history on the pages: {e}"));
            input
        }
    }
}

/// The metrics over time: the reports' series, the baseline file's versions in git (none
/// outside a repository) and the capacity projection. Baseline versions that do not parse are
/// left off the charts and named in `warnings`.
fn with_metrics<'a>(
    input: SiteInput<'a>,
    git: Option<&Session>,
    warnings: &mut Vec<String>,
) -> SiteInput<'a> {
    let practice = input.practice;
    let versions = git.map_or_else(Vec::new, |g| {
        trends::git_versions_in(g, &practice.config.folders.baseline)
    });
    let overview = trends::overview(practice, Some(&versions));
    if let Some(b) = &overview.baseline {
        for skipped in &b.skipped {
            warnings.push(format!(
                "a baseline version is left off the trends: {skipped}"
            ));
        }
    }
    input.with_metrics(&overview)
}

/// The change points at `perfdoc changes`' defaults, with their commits. Commits that cannot
/// be read (a `code-repository` clone missing here) go to `warnings`; the changes are shown
/// without them.
fn with_changes<'a>(
    input: SiteInput<'a>,
    git: Option<&Session>,
    warnings: &mut Vec<String>,
) -> SiteInput<'a> {
    use crate::metrics::changes;
    let practice = input.practice;
    let mut found = changes::points(practice, git, &changes::Query::default());
    match changes::commits_for(practice, git, &found) {
        Ok(commits) => changes::attribute(&mut found, &commits),
        Err(e) => warnings.push(format!(
            "change points are shown without their commits: {e}"
        )),
    }
    input.with_changes(&found)
}
