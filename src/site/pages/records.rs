//! The optimizations list and one page per record, with the baseline versions in force
//! before and after it.

use serde::Serialize;

use super::super::model::BaselineVersionView;
use super::super::views;
use super::parts::{Parts, commit_url};
use super::{Page, PageContext};
use crate::doc::Doc;
use crate::metrics::format::with_unit;

#[derive(Serialize)]
struct BaselineRow {
    name: String,
    before: String,
    after: String,
}

/// A version of the baseline file, as a record page names it.
#[derive(Serialize)]
struct VersionLink {
    short: String,
    /// The commit on the forge, when the practice names its repository.
    url: String,
    date: String,
    promoted: bool,
}

pub fn records<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    let mut pages = vec![Page {
        url: "optimizations/".into(),
        template: "optimizations.html",
        context: Box::new(move || {
            let href = p.urls.href("optimizations/");
            let mut c = p.base_ctx("optimizations", "Optimizations", &href);
            c.insert("records", &p.records);
            c
        }),
        inputs: Some(Box::new(move || {
            p.listing("optimizations", &[], &p.record_docs, false)
        })),
        listed: true,
    }];
    pages.extend(p.record_docs.iter().map(|d| record(p, d)));
    pages
}

fn record<'p>(p: &'p Parts<'_>, d: &'p Doc) -> Page<'p> {
    Page {
        url: p.urls.page(&d.path).unwrap_or_default().to_string(),
        template: "record.html",
        context: Box::new(move || record_context(p, d)),
        inputs: Some(Box::new(move || p.inputs("record", d, &[]))),
        listed: true,
    }
}

fn record_context(p: &Parts, d: &Doc) -> PageContext {
    let (config, urls) = (p.config(), p.urls);
    let row = views::record(config, urls, d, p.text(d));
    let mut c = p.base_ctx("optimizations", &row.doc.title, &row.doc.url);
    // The baseline before and after the record: which versions, and the record's metrics in
    // each.
    let (before, after) = d
        .date()
        .map_or((None, None), |date| p.input.baseline_around(date));
    let baseline: Vec<BaselineRow> = row
        .metrics
        .iter()
        .filter_map(|m| {
            let value =
                |v: Option<&BaselineVersionView>| v.and_then(|v| v.figures.get(&m.key)).copied();
            let (b, a) = (value(before), value(after));
            (b.is_some() || a.is_some()).then(|| BaselineRow {
                name: m.name.clone(),
                before: b.map_or_else(|| "—".into(), |v| with_unit(v, &m.unit)),
                after: a.map_or_else(|| "—".into(), |v| with_unit(v, &m.unit)),
            })
        })
        .collect();
    let version = |v: Option<&BaselineVersionView>| {
        v.map(|v| VersionLink {
            short: v.commit.chars().take(7).collect(),
            url: commit_url(&p.site.repo_url, &v.commit),
            date: v.date.to_string(),
            promoted: v.promoted,
        })
    };
    c.insert("baseline_before", &version(before));
    c.insert("baseline_after", &version(after));
    c.insert("baseline_file", &config.folders.baseline);
    c.insert("record", &row);
    c.insert("content", p.html(d));
    c.insert("baseline", &baseline);
    p.insert_history(&mut c, d);
    c
}
