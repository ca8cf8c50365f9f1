//! The monthly deep dive's optimization roadmap: records still `proposed` or `in-progress`
//! that have a `priority`, grouped High (this month) / Medium (next month) / Low (backlog),
//! each with its estimated improvement, effort, impact and owner. Shown on the site's Roadmap
//! page and written into the monthly report's "Optimizations Planned".

use serde::Serialize;

use crate::doc::Doc;
use crate::doc::lifecycle::{self, Lifecycle};
use crate::metrics::format;
use crate::practice::Practice;

/// The priorities, in roadmap order, with what each means in the seed.
pub const PRIORITIES: &[(&str, &str)] = &[
    ("high", "High priority (implement this month)"),
    ("medium", "Medium priority (implement next month)"),
    ("low", "Low priority (backlog)"),
];

#[derive(Debug, Serialize)]
pub struct Item {
    pub title: String,
    pub path: String,
    pub status: String,
    /// `20% on p95_ms`, when the record's plan has an estimate.
    pub estimate: Option<String>,
    /// `5 h`.
    pub effort: Option<String>,
    /// `high (50 customers a day)`.
    pub impact: Option<String>,
    pub owner: String,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub priority: String,
    pub heading: String,
    pub items: Vec<Item>,
}

/// The roadmap's groups, only those with items; records oldest first within a group.
pub fn compute(practice: &Practice) -> Vec<Group> {
    let config = &practice.config;
    let mut open: Vec<&Doc> = practice
        .docs
        .iter()
        .filter(|d| lifecycle::applies(config, d))
        .filter(|d| matches!(d.status(), Some("proposed" | "in-progress")))
        .collect();
    open.sort_by(|a, b| (a.date(), &a.path).cmp(&(b.date(), &b.path)));
    PRIORITIES
        .iter()
        .filter_map(|(priority, heading)| {
            let items: Vec<Item> = open
                .iter()
                .filter(|d| d.str_field("priority") == Some(priority))
                .map(|d| {
                    let life = Lifecycle::read(d);
                    let plan = life.plan();
                    let metric = plan
                        .and_then(|p| p.metric.clone())
                        .or_else(|| d.metrics(config).first().map(|m| m.key.clone()));
                    let estimate = plan.and_then(|p| p.estimate_pct).map(|e| match &metric {
                        Some(m) => format!("{}% on {m}", format::number(e)),
                        None => format!("{}%", format::number(e)),
                    });
                    let effort = plan
                        .and_then(|p| p.effort_hours)
                        .or_else(|| d.field("effort_hours").and_then(|n| n.as_f64()))
                        .map(|h| format!("{} h", format::number(h)));
                    let customers = d.field("customers_affected").and_then(|n| n.as_f64());
                    let impact = match (d.str_field("severity"), customers) {
                        (Some(s), Some(c)) => {
                            Some(format!("{s} ({} customers a day)", format::number(c)))
                        }
                        (Some(s), None) => Some(s.to_string()),
                        (None, Some(c)) => Some(format!("{} customers a day", format::number(c))),
                        (None, None) => None,
                    };
                    Item {
                        title: d.title(),
                        path: d.path.clone(),
                        status: d.status().unwrap_or_default().to_string(),
                        estimate,
                        effort,
                        impact,
                        owner: d.owner().unwrap_or_default().to_string(),
                    }
                })
                .collect();
            (!items.is_empty()).then(|| Group {
                priority: priority.to_string(),
                heading: heading.to_string(),
                items,
            })
        })
        .collect()
}

/// An item as one line: `estimated improvement 20% on p95_ms, effort 5 h, impact high, owner X`.
pub fn details(item: &Item) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &item.estimate {
        parts.push(format!("estimated improvement {e}"));
    }
    if let Some(e) = &item.effort {
        parts.push(format!("effort {e}"));
    }
    if let Some(i) = &item.impact {
        parts.push(format!("impact {i}"));
    }
    if !item.owner.is_empty() {
        parts.push(format!("owner {}", item.owner));
    }
    parts.join(", ")
}
