//! Every page of the site, as a template name and its context: home, optimizations and one
//! page per record, reports by kind and as a timeline, trends, learnings, tags, free pages,
//! search, 404, feed and sitemap. Sorted and keyed so that two builds give the same bytes.
//! One function per page family, each in the file named after it; `plan` composes them.

mod changes;
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
use tera::Context;

use super::markdown::Env;
use super::model::SiteInput;
use super::urls::{Urls, output_file};
use parts::Parts;

/// One page to render: output path (relative to the site root), template and context.
pub struct Page {
    pub url: String,
    pub template: &'static str,
    pub context: Context,
    /// Whether it belongs in the sitemap.
    pub listed: bool,
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

pub struct Planned {
    pub pages: Vec<Page>,
    pub search: Vec<SearchEntry>,
    pub assets: BTreeSet<String>,
}

pub fn plan(input: &SiteInput, urls: &Urls) -> Planned {
    let practice = input.practice;
    let root = crate::location::Root::new(&practice.root);
    let is_file = move |rel: &str| root.asset(rel).is_ok();
    let env = Env {
        urls,
        is_file: &is_file,
        allow_html: practice.config.allow_html,
    };
    let parts = Parts::new(input, urls, &env);
    let assets = parts
        .rendered
        .values()
        .flat_map(|r| r.assets.iter().cloned())
        .collect();
    let families: [fn(&Parts) -> Vec<Page>; 12] = [
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
    let mut pages: Vec<Page> = families.iter().flat_map(|family| family(&parts)).collect();
    let sitemap = sitemap::sitemap(&parts, &pages);
    pages.extend(sitemap);
    Planned {
        pages,
        search: search::index(&parts),
        assets,
    }
}

/// The output file of a page path.
pub fn file_of(page: &Page) -> String {
    output_file(&page.url)
}
