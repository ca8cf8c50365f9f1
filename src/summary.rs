//! `perfdoc summary`: what the team posts to chat, from a document. A daily report is the
//! seed's "📈 Daily Performance Report" status message, a weekly report its summary against
//! the baseline, an optimization record the #optimizations share (problem, solution,
//! results). Built once as plain data, then written as text, Markdown or Slack Block Kit
//! JSON, each escaping every value that came from the document in its own way.

use serde_json::json;

use crate::config::Period;
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::metrics::status::{self, Mark};
use crate::metrics::{compare, format};
use crate::practice::Practice;

/// A part of a summary: an optional title, and lines shown as a list or as prose.
#[derive(Debug, Clone)]
pub struct Part {
    pub title: Option<String>,
    pub lines: Vec<String>,
    /// `•` or `-` for a list, empty for prose.
    pub bullet: &'static str,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub header: String,
    pub parts: Vec<Part>,
}

fn part(title: &str, bullet: &'static str, lines: Vec<String>) -> Option<Part> {
    (!lines.is_empty()).then(|| Part {
        title: Some(title.to_string()),
        lines,
        bullet,
    })
}

/// The summary of the document at `path` (relative to the practice's root).
pub fn build(practice: &Practice, path: &str) -> Result<Summary> {
    let path = path.strip_prefix("./").unwrap_or(path);
    let doc = practice.doc(path).ok_or_else(|| Error::NoSummary {
        path: path.to_string(),
        why: "is not a document of this practice",
    })?;
    let period = doc
        .kind
        .as_deref()
        .and_then(|k| practice.config.kind(k))
        .and_then(|k| k.period);
    match period {
        Some(Period::Day) => Ok(daily(practice, doc)),
        Some(Period::Week) => Ok(weekly(practice, doc)),
        _ if crate::doc::lifecycle::applies(&practice.config, doc) => Ok(record(practice, doc)),
        _ => Err(Error::NoSummary {
            path: path.to_string(),
            why: "is not a daily or weekly report, or an optimization record",
        }),
    }
}

fn status_line(doc: &Doc) -> Option<Part> {
    let s = doc.status()?;
    let emoji = match s {
        "GREEN" => "✅",
        "YELLOW" => "⚠️",
        "RED" => "🔴",
        _ => return None,
    };
    Some(Part {
        title: None,
        lines: vec![format!("{emoji} System Status: {s}")],
        bullet: "",
    })
}

/// The items of a `##` list section, without their bullets.
fn list_items(doc: &Doc, section: &str) -> Vec<String> {
    let Some(text) = doc.section_text(section) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| {
            let t = l.trim_start();
            t.strip_prefix("- ")
                .or_else(|| t.strip_prefix("* "))
                .map(|rest| rest.trim().to_string())
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The first paragraph of a section on one line, cut at 400 characters.
fn first_paragraph(doc: &Doc, section: &str) -> Vec<String> {
    let Some(text) = doc.section_text(section) else {
        return Vec::new();
    };
    let para = text
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if para.is_empty() {
        return Vec::new();
    }
    let mut cut: String = para.chars().take(400).collect();
    if cut.len() < para.len() {
        cut.push('…');
    }
    vec![cut]
}

fn figure_line(
    practice: &Practice,
    key: &str,
    value: f64,
    baseline: Option<f64>,
    compared: bool,
) -> String {
    let config = &practice.config;
    let def = config.metrics.get(key);
    let name = def.map_or_else(|| key.to_string(), |d| d.name.clone());
    let unit = def.map_or("", |d| d.unit.as_str());
    let mut line = format!("{name}: {}", format::with_unit(value, unit));
    if compared && let Some(b) = baseline {
        let c = compare::one(config, key, b, value);
        line.push_str(&format!(
            " (baseline {}, {})",
            format::with_unit(b, unit),
            c.change_pct.map_or_else(|| "n/a".into(), format::change)
        ));
    }
    if let Some(j) = status::judge(config, key, value, baseline) {
        line.push(' ');
        line.push_str(j.mark.symbol());
        if j.mark != Mark::Within && !compared {
            line.push_str(&format!(" ({})", j.reason));
        }
    }
    line
}

fn daily(practice: &Practice, doc: &Doc) -> Summary {
    let baseline = crate::metrics::ingest::load(
        &practice.config,
        &practice.root,
        &practice.config.folders.baseline,
    )
    .ok();
    let figures = doc
        .figures("metrics")
        .iter()
        .map(|f| {
            let b = baseline.as_ref().and_then(|b| b.get(&f.key));
            figure_line(practice, &f.key, f.value, b, false)
        })
        .collect();
    let date = doc.date().map(|d| d.to_string()).unwrap_or_default();
    Summary {
        header: format!("📈 Daily Performance Report ({date})"),
        parts: [
            status_line(doc),
            part("Overnight Metrics", "•", figures),
            part("Notable Events", "-", list_items(doc, "Notable Events")),
            part("Action Items", "-", list_items(doc, "Action Items")),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

fn weekly(practice: &Practice, doc: &Doc) -> Summary {
    let baseline = doc.figures("baseline");
    let figures = doc
        .figures("metrics")
        .iter()
        .map(|f| {
            let b = baseline.iter().find(|b| b.key == f.key).map(|b| b.value);
            figure_line(practice, &f.key, f.value, b, true)
        })
        .collect();
    let week = doc.str_field("week").unwrap_or_default().to_string();
    Summary {
        header: format!("📊 Weekly Performance Report ({week})"),
        parts: [
            status_line(doc),
            part("Metrics Summary", "•", figures),
            part("Top Issues", "-", list_items(doc, "Top Issues")),
            part(
                "Next Week Actions",
                "-",
                list_items(doc, "Next Week Actions"),
            ),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

fn record(practice: &Practice, doc: &Doc) -> Summary {
    let results = doc
        .metrics(&practice.config)
        .iter()
        .filter_map(|m| {
            let (b, a) = (m.before?, m.after?);
            let imp = m.improvement_pct();
            Some(format!(
                "{}: {} → {}{}",
                m.name,
                format::with_unit(b, &m.unit),
                format::with_unit(a, &m.unit),
                imp.map_or_else(String::new, |i| format!(
                    " ({} {})",
                    format::percent(i.abs()),
                    if i >= 0.0 { "better" } else { "worse" }
                ))
            ))
        })
        .collect();
    Summary {
        header: format!("🚀 Optimization: {}", doc.title()),
        parts: [
            part("Problem", "", first_paragraph(doc, "Problem")),
            part("Solution", "", first_paragraph(doc, "Solution")),
            part("Results", "•", results),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

/// Control characters (a terminal escape, a line break inside a value) become spaces.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn text(s: &Summary) -> String {
    let mut out = format!("{}\n", plain(&s.header));
    for p in &s.parts {
        out.push('\n');
        if let Some(t) = &p.title {
            out.push_str(&format!("{t}:\n"));
        }
        for l in &p.lines {
            if p.bullet.is_empty() {
                out.push_str(&format!("{}\n", plain(l)));
            } else {
                out.push_str(&format!("{} {}\n", p.bullet, plain(l)));
            }
        }
    }
    out
}

pub fn markdown(s: &Summary) -> String {
    use crate::markup::markdown_text as esc;
    let mut out = format!("**{}**\n", esc(&s.header));
    for p in &s.parts {
        out.push('\n');
        if let Some(t) = &p.title {
            out.push_str(&format!("**{t}**\n\n"));
        }
        for l in &p.lines {
            if p.bullet.is_empty() {
                out.push_str(&format!("{}\n", esc(l)));
            } else {
                out.push_str(&format!("- {}\n", esc(l)));
            }
        }
    }
    out
}

/// Slack mrkdwn's escaping: `&`, `<` and `>` as entities (so `<!channel>`, `<@U…>` and
/// `<url|text>` stay text), a zero-width joiner after `@` and `#` so no `@here` or `#channel`
/// is read as one, control characters as spaces.
pub fn slack_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' | '#' => {
                out.push(c);
                out.push('\u{200D}');
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts text to what a Block Kit field may hold.
fn cap(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        return s;
    }
    let mut c: String = s.chars().take(max - 1).collect();
    c.push('…');
    c
}

/// Block Kit JSON for an incoming webhook: a header block, then one mrkdwn section per part.
pub fn slack(s: &Summary) -> String {
    let mut blocks = vec![json!({
        "type": "header",
        "text": {"type": "plain_text", "text": cap(slack_escape(&s.header), 150), "emoji": true}
    })];
    for p in s.parts.iter().take(49) {
        let mut text = String::new();
        if let Some(t) = &p.title {
            text.push_str(&format!("*{t}*\n"));
        }
        let lines: Vec<String> = p
            .lines
            .iter()
            .map(|l| {
                if p.bullet.is_empty() {
                    slack_escape(l)
                } else {
                    format!("• {}", slack_escape(l))
                }
            })
            .collect();
        text.push_str(&lines.join("\n"));
        blocks.push(json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": cap(text, 3000)}
        }));
    }
    let doc = json!({"text": slack_escape(&s.header), "blocks": blocks});
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
