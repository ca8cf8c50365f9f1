//! The Tracking page: the optimization tracking report (SLA compliance per stage, median and
//! worst times, open items by severity and age, estimate accuracy), the same figures
//! `perfdoc tracking` prints.

use serde::Serialize;

use super::parts::Parts;
use super::{Page, PageContext};
use crate::metrics::format;
use crate::tracking::{self, duration};

#[derive(Serialize)]
struct Cell {
    text: String,
    url: Option<String>,
}

const URL: &str = "tracking/";

pub fn tracking<'p>(p: &'p Parts<'_>) -> Vec<Page<'p>> {
    vec![Page {
        url: URL.into(),
        template: "tracking.html",
        context: Box::new(move || tracking_context(p)),
        inputs: None,
        listed: true,
    }]
}

fn tracking_context(p: &Parts) -> PageContext {
    let t = tracking::compute(p.input.practice);
    let link = |l: &tracking::Link| Cell {
        text: l.title.clone(),
        url: Some(p.urls.doc_href(&l.path)),
    };
    let text = |s: String| Cell { text: s, url: None };
    let na = || "n/a".to_string();
    let sla: Vec<Vec<Cell>> = t
        .sla
        .iter()
        .map(|r| {
            vec![
                text(r.stage.to_string()),
                text(duration(r.limit_hours)),
                text(r.met.to_string()),
                text(r.missed.to_string()),
                text(r.compliance_pct.map_or_else(na, format::percent)),
                text(r.median_hours.map_or_else(na, duration)),
                text(r.worst_hours.map_or_else(na, duration)),
                r.worst.as_ref().map_or_else(|| text(String::new()), link),
            ]
        })
        .collect();
    let open: Vec<Vec<Cell>> = t
        .open
        .iter()
        .map(|o| {
            vec![
                text(o.severity.clone()),
                link(&o.record),
                text(o.status.clone()),
                text(o.since.clone()),
                text(o.owner.clone()),
            ]
        })
        .collect();
    let estimates: Vec<Vec<Cell>> = t
        .estimates
        .iter()
        .map(|e| {
            vec![
                link(&e.record),
                text(e.option.clone()),
                text(e.metric.clone()),
                text(format::percent(e.estimate_pct)),
                text(format::percent(e.measured_pct)),
                text(format::change(e.difference).replace('%', " pts")),
            ]
        })
        .collect();
    let mut c = p.base_ctx("tracking", "Optimization tracking", &p.urls.href(URL));
    c.insert("records", &t.records);
    c.insert("sla", &sla);
    c.insert("open", &open);
    c.insert("estimates", &estimates);
    c.insert(
        "mean_abs_difference",
        &t.mean_abs_difference.map(format::number),
    );
    c
}
