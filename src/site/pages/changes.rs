//! Change points as links for the pages: the home page's open changes and the note on the
//! report page whose date starts one, each linking the report that shows the new level (or
//! the metric's chart) and, when the repository URL is configured, each commit.

use serde::Serialize;

use super::super::markdown::slug;
use super::super::model::{ChangeCommitView, ChangeView};
use super::parts::{Parts, commit_url};

#[derive(Debug, Clone, Serialize)]
pub struct ChangeLink<'a> {
    #[serde(flatten)]
    pub change: &'a ChangeView,
    /// The page of the report the change starts on, else the metric's chart.
    pub url: String,
    pub commits: Vec<CommitLink<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitLink<'a> {
    #[serde(flatten)]
    pub commit: &'a ChangeCommitView,
    /// Empty without a repository URL to link it to.
    pub url: String,
}

/// The changes `keep` selects, newest first.
pub fn links<'a>(p: &'a Parts, keep: impl Fn(&ChangeView) -> bool) -> Vec<ChangeLink<'a>> {
    let repo = p.site.repo_url.as_str();
    let mut out: Vec<ChangeLink> = p
        .input
        .changes
        .iter()
        .filter(|c| keep(c))
        .map(|c| ChangeLink {
            change: c,
            url: match p.urls.page(&c.source) {
                Some(page) => p.urls.href(page),
                None => p.urls.href(&format!("trends/#{}", slug(&c.metric))),
            },
            commits: c
                .commits
                .iter()
                .map(|k| CommitLink {
                    commit: k,
                    url: if c.own_commits {
                        commit_url(repo, &k.id)
                    } else {
                        String::new()
                    },
                })
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        (&b.change.date, &a.change.metric, &a.change.series).cmp(&(
            &a.change.date,
            &b.change.metric,
            &b.change.series,
        ))
    });
    out
}
