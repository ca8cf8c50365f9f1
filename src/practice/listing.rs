//! The practice as a queryable table, for `perfdoc list`: one row per document with its kind,
//! date, title, owner, status and tags, and for records the headline improvement (the best
//! improvement among their before/after metrics).

use jiff::civil::Date;
use serde::Serialize;

use crate::practice::Practice;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub path: String,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    pub status: Option<String>,
    pub tags: Vec<String>,
    /// The best improvement in %, among the record's metrics.
    pub improvement_pct: Option<f64>,
    /// The metric it was measured on.
    pub improvement_metric: Option<String>,
}

/// Which documents to list; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<String>,
    pub tag: Option<String>,
    pub status: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filter {
    fn keeps(&self, row: &Row, date: Option<Date>) -> bool {
        let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        self.kind
            .as_deref()
            .is_none_or(|k| row.kind.as_deref().is_some_and(|rk| same(rk, k)))
            && self
                .tag
                .as_deref()
                .is_none_or(|t| row.tags.iter().any(|rt| same(rt, t)))
            && self
                .status
                .as_deref()
                .is_none_or(|s| row.status.as_deref().is_some_and(|rs| same(rs, s)))
            && self.since.is_none_or(|s| date.is_some_and(|d| d >= s))
            && self.until.is_none_or(|u| date.is_some_and(|d| d <= u))
    }
}

/// The rows that pass `filter`, by date then path (undated documents last).
pub fn rows(practice: &Practice, filter: &Filter) -> Vec<Row> {
    let mut out: Vec<(Option<Date>, Row)> = practice
        .docs
        .iter()
        .map(|d| {
            let best = d
                .metrics(&practice.config)
                .into_iter()
                .filter_map(|m| Some((m.improvement_pct()?, m.key)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let date = d.date();
            (
                date,
                Row {
                    path: d.path.clone(),
                    kind: d.kind.clone(),
                    date: date.map(|d| d.to_string()),
                    title: d.title(),
                    owner: d.owner().map(str::to_string),
                    status: d.status().map(str::to_string),
                    tags: d.tags(),
                    improvement_pct: best.as_ref().map(|b| b.0),
                    improvement_metric: best.map(|b| b.1),
                },
            )
        })
        .filter(|(date, row)| filter.keeps(row, *date))
        .collect();
    out.sort_by(|a, b| (a.0.is_none(), a.0, &a.1.path).cmp(&(b.0.is_none(), b.0, &b.1.path)));
    out.into_iter().map(|(_, r)| r).collect()
}
