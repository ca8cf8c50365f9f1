//! The sitemap: every listed page's absolute URL, sorted.

use std::collections::BTreeSet;

use super::Page;
use super::parts::Parts;

/// The sitemap of `pages` (the pages planned so far).
pub fn sitemap(p: &Parts, pages: &[Page]) -> Vec<Page> {
    let locs: Vec<String> = pages
        .iter()
        .filter(|p| p.listed)
        .map(|page| p.urls.absolute(&page.url))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut c = p.base_ctx("sitemap", "sitemap", &p.urls.href("sitemap.xml"));
    c.insert("locs", &locs);
    vec![Page {
        url: "sitemap.xml".into(),
        template: "sitemap.xml",
        context: c,
        listed: false,
    }]
}
