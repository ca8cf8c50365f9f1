//! Reports by kind and as a timeline, and each report with its neighbours of the same kind.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::markdown::slug;
use super::super::views::{self, DocCard};
use super::parts::{Parts, commit_url};
use super::{Page, PageContext};
use crate::config::Period;
use crate::doc::Doc;

#[derive(Serialize)]
struct KindGroup {
    kind: String,
    title: String,
    id: String,
    docs: Vec<DocCard>,
}

#[derive(Serialize)]
struct MonthGroup {
    month: String,
    docs: Vec<DocCard>,
}

pub fn reports<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    let urls = p.urls;
    let mut pages = vec![Page {
        url: "reports/".into(),
        template: "reports.html",
        context: Box::new(move || list(p)),
        inputs: Some(Box::new(move || {
            p.listing("reports", &[], &p.reports, false)
        })),
        listed: true,
    }];
    // `reports` is newest first: the next report is the one before in the list.
    let mut of_kind: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, d) in p.reports.iter().enumerate() {
        of_kind.entry(d.kind.as_deref()).or_default().push(i);
    }
    for (i, d) in p.reports.iter().enumerate() {
        let same = &of_kind[&d.kind.as_deref()];
        let at = same.binary_search(&i).unwrap_or(0);
        let newer = at.checked_sub(1).and_then(|k| same.get(k)).copied();
        let older = same.get(at + 1).copied();
        pages.push(Page {
            url: urls.page(&d.path).unwrap_or_default().to_string(),
            template: "report.html",
            context: Box::new(move || report(p, i, d, older, newer)),
            inputs: Some(Box::new(move || {
                let neighbours = [older, newer].map(|j| j.map(|j| p.reports[j]));
                p.inputs("report", d, &neighbours)
            })),
            listed: true,
        });
    }
    pages
}

/// The reports page: every report by kind and as a timeline by month.
fn list(p: &Parts) -> PageContext {
    let (config, urls) = (p.config(), p.urls);
    let mut by_kind = Vec::new();
    for k in &config.kinds {
        let docs: Vec<DocCard> = p
            .report_cards
            .iter()
            .filter(|c| c.kind == k.name)
            .cloned()
            .collect();
        if !docs.is_empty() {
            by_kind.push(KindGroup {
                kind: k.name.clone(),
                title: k.title.clone(),
                id: slug(&k.name),
                docs,
            });
        }
    }
    let mut timeline: Vec<MonthGroup> = Vec::new();
    for card in &p.report_cards {
        let month = card.date.get(..7).unwrap_or("undated").to_string();
        match timeline.last_mut() {
            Some(g) if g.month == month => g.docs.push(card.clone()),
            _ => timeline.push(MonthGroup {
                month,
                docs: vec![card.clone()],
            }),
        }
    }
    let mut c = p.base_ctx("reports", "Reports", &urls.href("reports/"));
    c.insert("by_kind", &by_kind);
    c.insert("timeline", &timeline);
    c
}

/// The context of report `i` of `p.reports`, with the indexes of its older and newer
/// neighbours of the same kind.
fn report(p: &Parts, i: usize, d: &Doc, older: Option<usize>, newer: Option<usize>) -> PageContext {
    let config = p.config();
    let card = &p.report_cards[i];
    let neighbour = |j: Option<usize>| j.map(|j| &p.report_cards[j]);
    let mut c = p.base_ctx("reports", &card.title, &card.url);
    c.insert("doc", card);
    c.insert("content", p.html(d));
    c.insert("figures", &views::figures(config, d, "metrics"));
    c.insert("baseline_figures", &views::figures(config, d, "baseline"));
    c.insert("baseline_in_force", &week_baseline(p, d));
    c.insert(
        "starts_changes",
        &super::changes::links(p, |c| c.source == d.path),
    );
    c.insert("previous", &neighbour(older));
    c.insert("next", &neighbour(newer));
    p.insert_history(&mut c, d);
    c
}

/// The baseline version a weekly report's week was judged against: the one committed by the
/// week's end (its Monday's date plus six days), from git.
#[derive(Serialize)]
struct InForce {
    label: String,
    url: String,
}

fn week_baseline(p: &Parts, d: &Doc) -> Option<InForce> {
    let kind = d.kind.as_deref()?;
    if p.config().period_of(kind) != Some(Period::Week) {
        return None;
    }
    let end = d.date()?.checked_add(jiff::Span::new().days(6)).ok()?;
    let v = p.input.baseline_committed_by(end)?;
    Some(InForce {
        label: crate::metrics::trends::version_label(&v.date.to_string(), &v.commit),
        url: commit_url(&p.site.repo_url, &v.commit),
    })
}
