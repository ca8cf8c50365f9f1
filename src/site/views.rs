//! What templates see: documents, records, metrics and tags as plain, pre-formatted values, so
//! templates stay simple (no number formatting or date logic in Tera) and every value a
//! document controls reaches HTML through Tera's autoescaping.

use serde::Serialize;

use super::markdown::slug;
use super::urls::Urls;
use crate::config::Config;
use crate::doc::Doc;
use crate::metrics::format::{self, number};

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocCard {
    pub path: String,
    pub url: String,
    pub title: String,
    pub kind: String,
    pub kind_title: String,
    pub date: String,
    pub status: String,
    /// `ok`, `warn`, `bad` or `none`: a CSS class for the status badge.
    pub status_class: String,
    pub owner: String,
    pub tags: Vec<TagLink>,
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub before: String,
    pub after: String,
    /// `61.0%`, or empty when it cannot be computed.
    pub improvement: String,
    /// `good`, `bad` or `none`.
    pub improvement_class: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordRow {
    pub doc: DocCard,
    pub metrics: Vec<MetricRow>,
    /// The largest improvement among the metrics, formatted; empty when none.
    pub best: String,
    #[serde(skip)]
    pub best_value: Option<f64>,
    /// `p95 2800 → 1100 ms`: the metric that improved most.
    pub headline: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub key: String,
    pub name: String,
    pub value: String,
}

pub fn tag_url(urls: &Urls, tag: &str) -> String {
    urls.href(&format!("tags/{}/", slug(tag)))
}

pub fn card(config: &Config, urls: &Urls, doc: &Doc, excerpt: &str) -> DocCard {
    let kind = doc.kind.clone().unwrap_or_default();
    let kind_title = config
        .kind(&kind)
        .map_or_else(|| "Page".to_string(), |k| k.title.clone());
    let status = doc.status().unwrap_or("").to_string();
    let status_class = match status.to_ascii_lowercase().as_str() {
        "green" | "deployed" => "ok",
        "yellow" | "in-progress" | "proposed" => "warn",
        "red" | "reverted" => "bad",
        _ => "none",
    };
    DocCard {
        path: doc.path.clone(),
        url: urls.doc_href(&doc.path),
        title: doc.title(),
        kind,
        kind_title,
        date: doc.date().map(|d| d.to_string()).unwrap_or_default(),
        status,
        status_class: status_class.to_string(),
        owner: doc.owner().unwrap_or("").to_string(),
        tags: doc
            .tags()
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| TagLink {
                url: tag_url(urls, &t),
                name: t,
            })
            .collect(),
        excerpt: excerpt_of(excerpt, 220),
    }
}

pub fn record(config: &Config, urls: &Urls, doc: &Doc, excerpt: &str) -> RecordRow {
    let entries = doc.metrics(config);
    let mut best: Option<(f64, String)> = None;
    let metrics = entries
        .iter()
        .map(|m| {
            let imp = m.improvement_pct();
            let fmt = |v: Option<f64>| v.map(number).unwrap_or_else(|| "—".into());
            if let (Some(i), Some(b), Some(a)) = (imp, m.before, m.after)
                && best.as_ref().is_none_or(|(v, _)| i > *v)
            {
                let unit = if m.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", m.unit)
                };
                best = Some((i, format!("{} {} → {}{unit}", m.name, number(b), number(a))));
            }
            MetricRow {
                key: m.key.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                before: fmt(m.before),
                after: fmt(m.after),
                improvement: imp.map(format::change).unwrap_or_default(),
                improvement_class: match imp {
                    Some(i) if i > 0.0 => "good",
                    Some(i) if i < 0.0 => "bad",
                    _ => "none",
                }
                .to_string(),
            }
        })
        .collect();
    RecordRow {
        doc: card(config, urls, doc, excerpt),
        metrics,
        best: best
            .as_ref()
            .map(|(v, _)| format::percent(*v))
            .unwrap_or_default(),
        best_value: best.as_ref().map(|(v, _)| *v),
        headline: best.map(|(_, h)| h).unwrap_or_default(),
    }
}

pub fn figures(config: &Config, doc: &Doc, field: &str) -> Vec<FigureRow> {
    doc.figures(field)
        .into_iter()
        .map(|f| {
            let def = config.metrics.get(&f.key);
            let unit = def.map(|d| d.unit.as_str()).unwrap_or("");
            FigureRow {
                name: def.map_or_else(|| f.key.clone(), |d| d.name.clone()),
                value: format::with_unit(f.value, unit),
                key: f.key,
            }
        })
        .collect()
}

/// The first `max` characters of `text`, cut at a word.
pub fn excerpt_of(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt_of("one two three", 9), "one two…");
        assert_eq!(excerpt_of("short", 9), "short");
    }
}
