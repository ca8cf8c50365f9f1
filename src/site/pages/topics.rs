//! The pages that cut across documents: learnings grouped by tag, the tag index and one page
//! per tag, and the free pages from the content folder.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::super::markdown::slug;
use super::super::views::{DocCard, TagLink};
use super::parts::Parts;
use super::{Page, PageContext, ready};
use crate::doc::Doc;

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

pub fn learnings<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: "learnings/".into(),
        template: "learnings.html",
        context: Box::new(move || learnings_context(p)),
        inputs: Some(Box::new(move || {
            p.listing("learnings", &[], &p.record_docs, false)
        })),
        listed: true,
    }]
}

fn learnings_context(p: &Parts) -> PageContext {
    let urls = p.urls;
    let mut groups: BTreeMap<String, Vec<Learning>> = BTreeMap::new();
    // Each record's lessons were rendered with its body; grouped here in record order.
    let lessons = p.record_docs.iter().rev().filter_map(|d| {
        let items = p.rendered.get(d.path.as_str())?.lessons.as_ref()?;
        Some((*d, items))
    });
    for (d, items) in lessons {
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
    c
}

pub fn tags<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    let urls = p.urls;
    let mut tagged: BTreeMap<String, (String, Vec<&Doc>)> = BTreeMap::new();
    for d in p.docs.iter().rev() {
        for t in d.tags().into_iter().filter(|t| !t.trim().is_empty()) {
            tagged
                .entry(slug(&t))
                .or_insert_with(|| (t.clone(), Vec::new()))
                .1
                .push(d);
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
        context: ready(c),
        inputs: Some(Box::new(move || p.listing("tags", &[], &p.docs, false))),
        listed: true,
    }];
    // A tag page lists thousands of cards in a large practice: each is drawn when it is
    // rendered, in parallel with the others, from cards made once.
    let cards = Arc::new(p.cards());
    for (s, (name, docs)) in tagged {
        let url = format!("tags/{s}/");
        let cards = Arc::clone(&cards);
        let href = urls.href(&url);
        let listed = docs.clone();
        let tag = name.clone();
        pages.push(Page {
            url,
            template: "tag.html",
            context: Box::new(move || {
                let mut c = p.base_ctx("tags", &format!("Tagged “{name}”"), &href);
                c.insert(
                    "tag",
                    &TagLink {
                        name,
                        url: href.clone(),
                    },
                );
                let docs: Vec<&DocCard> = docs
                    .iter()
                    .map(|d| cards[d.path.as_str()].as_ref())
                    .collect();
                c.insert("docs", &docs);
                c
            }),
            inputs: Some(Box::new(move || {
                p.listing("tag", &[tag.as_bytes()], &listed, false)
            })),
            listed: true,
        });
    }
    pages
}

/// Free pages from the content folder.
pub fn free_pages<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    p.page_docs
        .iter()
        .filter(|d| p.urls.page(&d.path).is_some())
        .map(|d| Page {
            url: p.urls.page(&d.path).unwrap_or_default().to_string(),
            template: "page.html",
            context: Box::new(move || {
                let card = p.card(d);
                let mut c = p.base_ctx("about", &card.title, &card.url);
                c.insert("doc", &card);
                c.insert("content", p.html(d));
                p.insert_history(&mut c, d);
                c
            }),
            inputs: Some(Box::new(move || p.inputs("page", d, &[]))),
            listed: true,
        })
        .collect()
}
