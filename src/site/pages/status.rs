//! The two pages that show where the practice stands: home (latest report, open regressions,
//! biggest wins, sparklines, capacity) and trends (a chart per metric).

use super::super::views::{self, RecordRow};
use super::parts::Parts;
use super::{Page, PageContext};
use crate::config::Period;

pub fn home<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: String::new(),
        template: "home.html",
        context: Box::new(move || home_context(p)),
        // The latest report, the recent ones and the biggest wins are drawn from every
        // document; the change points are in the shared part.
        inputs: Some(Box::new(move || p.listing("home", &[], &p.docs, true))),
        listed: true,
    }]
}

fn home_context(p: &Parts) -> PageContext {
    let (config, urls) = (p.config(), p.urls);
    let latest_daily = p
        .reports
        .iter()
        .find(|d| {
            d.kind
                .as_deref()
                .and_then(|k| config.period_of(k))
                .is_some_and(|p| p == Period::Day)
        })
        .or(p.reports.first());
    let mut c = p.base_ctx("home", &p.site.title, &urls.href(""));
    c.insert("latest", &latest_daily.map(|d| p.card(d)));
    c.insert(
        "latest_figures",
        &latest_daily
            .map(|d| views::figures(config, d, "metrics"))
            .unwrap_or_default(),
    );
    c.insert("open_regressions", &p.input.open_regressions);
    c.insert("open_changes", &super::changes::links(p, |c| c.open));
    c.insert("recent", &p.report_cards.iter().take(8).collect::<Vec<_>>());
    let mut wins: Vec<&RecordRow> = p
        .records
        .iter()
        .filter(|r| r.best_value.is_some())
        .collect();
    wins.sort_by(|a, b| {
        b.best_value
            .partial_cmp(&a.best_value)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.doc.path.cmp(&b.doc.path))
    });
    wins.truncate(5);
    c.insert("wins", &wins);
    c.insert("series", &p.series);
    c.insert("capacity", &p.input.capacity);
    c
}

pub fn trends<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: "trends/".into(),
        template: "trends.html",
        context: Box::new(move || trends_context(p)),
        inputs: Some(Box::new(move || p.listing("trends", &[], &[], true))),
        listed: true,
    }]
}

fn trends_context(p: &Parts) -> PageContext {
    let mut c = p.base_ctx("trends", "Trends", &p.urls.href("trends/"));
    c.insert("series", &p.series);
    c.insert("capacity", &p.input.capacity);
    c.insert("open_regressions", &p.input.open_regressions);
    c
}
