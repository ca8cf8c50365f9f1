//! The Roadmap page of the monthly deep dive: records still proposed or in progress that have
//! a priority, High / Medium / Low, with estimated improvement, effort, impact and owner.

use serde::Serialize;

use super::parts::Parts;
use super::{Page, PageContext};

#[derive(Serialize)]
struct RoadmapItem {
    title: String,
    url: String,
    status: String,
    estimate: Option<String>,
    effort: Option<String>,
    impact: Option<String>,
    owner: String,
}

#[derive(Serialize)]
struct RoadmapGroup {
    heading: String,
    items: Vec<RoadmapItem>,
}

/// The Roadmap page: open records with a priority, High / Medium / Low.
const URL: &str = "roadmap/";

pub fn roadmap<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: URL.into(),
        template: "roadmap.html",
        context: Box::new(move || roadmap_context(p)),
        inputs: None,
        listed: true,
    }]
}

fn roadmap_context(p: &Parts) -> PageContext {
    let groups: Vec<RoadmapGroup> = crate::roadmap::compute(p.input.practice)
        .into_iter()
        .map(|g| RoadmapGroup {
            heading: g.heading,
            items: g
                .items
                .into_iter()
                .map(|i| RoadmapItem {
                    url: p.urls.doc_href(&i.path),
                    title: i.title,
                    status: i.status,
                    estimate: i.estimate,
                    effort: i.effort,
                    impact: i.impact,
                    owner: i.owner,
                })
                .collect(),
        })
        .collect();
    let mut c = p.base_ctx("roadmap", "Optimization roadmap", &p.urls.href(URL));
    c.insert("groups", &groups);
    c
}
