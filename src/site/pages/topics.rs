//! The pages that cut across documents: learnings grouped by tag, the tag index and one page
//! per tag, and the free pages from the content folder.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::markdown::{self, slug};
use super::super::views::{DocCard, TagLink};
use super::Page;
use super::parts::Parts;

#[derive(Serialize)]
struct LearningGroup {
    tag: String,
    id: String,
    items: Vec<Learning>,
}

#[derive(Serialize, Clone)]
struct Learning {
    html: String,
    record_title: String,
    record_url: String,
}

#[derive(Serialize)]
struct TagCount {
    name: String,
    url: String,
    count: usize,
}

pub fn learnings(p: &Parts) -> Vec<Page> {
    let urls = p.urls;
    let mut groups: BTreeMap<String, Vec<Learning>> = BTreeMap::new();
    for d in p.record_docs.iter().rev() {
        let Some(section) = d.section_text("Lessons Learned") else {
            continue;
        };
        let items = markdown::list_items(p.env, &d.path, section);
        let mut tags = d.tags();
        tags.retain(|t| !t.trim().is_empty());
        if tags.is_empty() {
            tags.push("untagged".into());
        }
        for tag in tags {
            groups
                .entry(tag)
                .or_default()
                .extend(items.iter().map(|html| Learning {
                    html: html.clone(),
                    record_title: d.title(),
                    record_url: urls.doc_href(&d.path),
                }));
        }
    }
    let groups: Vec<LearningGroup> = groups
        .into_iter()
        .map(|(tag, items)| LearningGroup {
            id: slug(&tag),
            tag,
            items,
        })
        .collect();
    let mut c = p.base_ctx("learnings", "Learnings", &urls.href("learnings/"));
    c.insert("groups", &groups);
    vec![Page {
        url: "learnings/".into(),
        template: "learnings.html",
        context: c,
        listed: true,
    }]
}

pub fn tags(p: &Parts) -> Vec<Page> {
    let urls = p.urls;
    let mut tagged: BTreeMap<String, (String, Vec<DocCard>)> = BTreeMap::new();
    for d in p.docs.iter().rev() {
        for t in d.tags().into_iter().filter(|t| !t.trim().is_empty()) {
            tagged
                .entry(slug(&t))
                .or_insert_with(|| (t.clone(), Vec::new()))
                .1
                .push(p.card(d));
        }
    }
    let counts: Vec<TagCount> = tagged
        .iter()
        .map(|(s, (name, docs))| TagCount {
            name: name.clone(),
            url: urls.href(&format!("tags/{s}/")),
            count: docs.len(),
        })
        .collect();
    let mut c = p.base_ctx("tags", "Tags", &urls.href("tags/"));
    c.insert("tags", &counts);
    let mut pages = vec![Page {
        url: "tags/".into(),
        template: "tags.html",
        context: c,
        listed: true,
    }];
    for (s, (name, docs)) in tagged {
        let url = format!("tags/{s}/");
        let mut c = p.base_ctx("tags", &format!("Tagged “{name}”"), &urls.href(&url));
        c.insert(
            "tag",
            &TagLink {
                name: name.clone(),
                url: urls.href(&url),
            },
        );
        c.insert("docs", &docs);
        pages.push(Page {
            url,
            template: "tag.html",
            context: c,
            listed: true,
        });
    }
    pages
}

/// Free pages from the content folder.
pub fn free_pages(p: &Parts) -> Vec<Page> {
    p.page_docs
        .iter()
        .filter(|d| p.urls.page(&d.path).is_some())
        .map(|d| {
            let card = p.card(d);
            let mut c = p.base_ctx("about", &card.title, &card.url);
            c.insert("doc", &card);
            c.insert("content", p.html(d));
            p.insert_history(&mut c, d);
            Page {
                url: p.urls.page(&d.path).unwrap_or_default().to_string(),
                template: "page.html",
                context: c,
                listed: true,
            }
        })
        .collect()
}
