//! The Atom feed: the fifty newest reports and records.

use super::super::views::DocCard;
use super::Page;
use super::parts::Parts;

pub fn feed(p: &Parts) -> Vec<Page> {
    let urls = p.urls;
    let mut entries: Vec<&DocCard> = p.report_cards.iter().collect();
    entries.extend(p.records.iter().map(|r| &r.doc));
    entries.sort_by(|a, b| (&b.date, &b.path).cmp(&(&a.date, &a.path)));
    entries.truncate(50);
    let feed_entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "title": e.title,
                "link": format!("{}{}", urls.absolute, e.url.strip_prefix(&urls.base).unwrap_or(&e.url)),
                "updated": if e.date.is_empty() { p.site.updated.clone() } else { format!("{}T00:00:00Z", e.date) },
                "author": e.owner,
                "summary": e.excerpt,
                "kind": e.kind_title,
            })
        })
        .collect();
    let mut c = p.base_ctx("feed", &p.site.title, &urls.href("feed.xml"));
    c.insert("entries", &feed_entries);
    vec![Page {
        url: "feed.xml".into(),
        template: "feed.xml",
        context: c,
        listed: false,
    }]
}
