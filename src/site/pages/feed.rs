//! The Atom feed: the fifty newest reports and records. Every value in it goes through
//! `xml::clean`, so no title makes the feed unreadable.

use super::super::views::DocCard;
use super::parts::Parts;
use super::xml::clean;
use super::{Page, PageContext};

pub fn feed<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: "feed.xml".into(),
        template: "feed.xml",
        context: Box::new(move || feed_context(p)),
        inputs: None,
        listed: false,
    }]
}

fn feed_context(p: &Parts) -> PageContext {
    let urls = p.urls;
    let mut entries: Vec<&DocCard> = p.report_cards.iter().collect();
    entries.extend(p.records.iter().map(|r| &r.doc));
    entries.sort_by(|a, b| (&b.date, &b.path).cmp(&(&a.date, &a.path)));
    entries.truncate(50);
    let feed_entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let link = format!(
                "{}{}",
                urls.absolute,
                e.url.strip_prefix(&urls.base).unwrap_or(&e.url)
            );
            let updated = if e.date.is_empty() {
                p.site.updated.clone()
            } else {
                format!("{}T00:00:00Z", e.date)
            };
            serde_json::json!({
                "title": clean(&e.title),
                "link": clean(&link),
                "updated": clean(&updated),
                "author": clean(&e.owner),
                "summary": clean(&e.excerpt),
                "kind": clean(&e.kind_title),
            })
        })
        .collect();
    let mut c = p.base_ctx("feed", &clean(&p.site.title), &urls.href("feed.xml"));
    c.insert("site", &p.site.cleaned(clean));
    c.insert("entries", &feed_entries);
    c
}
