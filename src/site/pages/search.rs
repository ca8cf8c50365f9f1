//! The search page, its index, and the 404 page.

use super::super::views;
use super::parts::Parts;
use super::{Page, SearchEntry, ready};

pub fn search_page<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: "search/".into(),
        template: "search.html",
        context: ready(p.base_ctx("search", "Search", &p.urls.href("search/"))),
        inputs: None,
        listed: false,
    }]
}

pub fn not_found<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: "404.html".into(),
        template: "404.html",
        context: ready(p.base_ctx("404", "Page not found", &p.urls.href("404.html"))),
        inputs: None,
        listed: false,
    }]
}

/// One entry per document the site shows.
pub fn index(p: &Parts) -> Vec<SearchEntry> {
    let config = p.config();
    p.docs
        .iter()
        .filter(|d| p.urls.page(&d.path).is_some())
        .map(|d| {
            let t = p.text(d);
            SearchEntry {
                title: d.title(),
                url: p.urls.doc_href(&d.path),
                kind: d
                    .kind
                    .as_deref()
                    .and_then(|k| config.kind(k))
                    .map_or_else(|| "Page".into(), |k| k.title.clone()),
                date: d.date().map(|x| x.to_string()).unwrap_or_default(),
                excerpt: views::excerpt_of(t, 180),
                // Enough to find a page by what it says without making the index too large to
                // download: the start of each document is where its subject is named.
                text: views::excerpt_of(t, 1500),
            }
        })
        .collect()
}
