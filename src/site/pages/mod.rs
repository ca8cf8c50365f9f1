//! Every page of the site, as a template name and its context: home, optimizations and one
//! page per record, reports by kind and as a timeline, trends, learnings, tags, free pages,
//! search, 404, feed and sitemap. Sorted and keyed so that two builds give the same bytes.
//! One function per page family, each in the file named after it; `plan` composes them.

mod changes;
mod context;
mod feed;
mod parts;
mod records;
mod reports;
mod roadmap;
mod search;
mod sitemap;
mod status;
mod topics;
mod tracking;
mod xml;

use std::collections::BTreeSet;

use serde::Serialize;

use super::urls::output_file;
pub use context::PageContext;
pub use parts::Parts;

/// One page to render: output path (relative to the site root), template and context.
pub struct Page<'p> {
    pub url: String,
    pub template: &'static str,
    /// Made when the page is rendered, not when it is planned: only the pages being rendered
    /// hold a context (ten thousand at once would be most of a build's memory), and they are
    /// made in parallel.
    pub context: Make<'p>,
    /// The digest of everything its context is made from, for a page that can tell it without
    /// making the context (one per document): a rebuild keeps such a page when it is unchanged,
    /// and makes the context only for the pages whose inputs changed.
    pub inputs: Option<Inputs<'p>>,
    /// Whether it belongs in the sitemap.
    pub listed: bool,
}

/// What makes a page's context.
pub type Make<'p> = Box<dyn FnOnce() -> PageContext + Send + 'p>;

/// What tells a page's inputs (`Page::inputs`); `None` when they cannot be told.
pub type Inputs<'p> = Box<dyn FnOnce() -> Option<String> + Send + 'p>;

/// A context made already (a page that draws on many documents, of which there are few).
pub fn ready<'p>(c: PageContext) -> Make<'p> {
    Box::new(move || c)
}

/// Search index entry.
#[derive(Debug, Serialize)]
pub struct SearchEntry {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub date: String,
    pub excerpt: String,
    pub text: String,
}

pub struct Planned<'p> {
    pub pages: Vec<Page<'p>>,
    pub search: Vec<SearchEntry>,
    pub assets: BTreeSet<String>,
}

/// Plans every page.
pub fn plan<'p>(parts: &'p Parts<'_>) -> Planned<'p> {
    let assets = parts
        .rendered
        .values()
        .flat_map(|r| r.assets.iter().cloned())
        .collect();
    let families: [for<'q> fn(&'q Parts<'_>) -> Vec<Page<'q>>; 12] = [
        status::home,
        records::records,
        reports::reports,
        status::trends,
        topics::learnings,
        tracking::tracking,
        roadmap::roadmap,
        topics::tags,
        topics::free_pages,
        search::search_page,
        search::not_found,
        feed::feed,
    ];
    let mut pages: Vec<Page> = families.iter().flat_map(|family| family(parts)).collect();
    let sitemap = sitemap::sitemap(parts, &pages);
    pages.extend(sitemap);
    let search = search::index(parts);
    Planned {
        pages,
        search,
        assets,
    }
}

/// The output file of a page path.
pub fn file_of(page: &Page) -> String {
    output_file(&page.url)
}
