//! `perfdoc new`: renders a kind's template into a new document with everything that can be
//! known filled in (date, ISO week, owner, title, link to the previous report), and writes it
//! without ever replacing a file. Templates are embedded; `templates/scaffold/NAME` in the
//! practice overrides one by name.

mod figures;
pub mod given;
mod templates;

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{KindDef, NameParts, Period};
use crate::doc::period::{iso_week, month};
use crate::error::{Error, Result};
use crate::location::relative_link;
use crate::practice::Practice;

pub use templates::{EMBEDDED, embedded};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub kind: String,
    /// The record's slug, or a report's period (`2025-W49`, `2025-12`).
    pub slug: Option<String>,
    pub date: Date,
    pub title: Option<String>,
    pub owner: Option<String>,
    /// The report's figures, from `--figures`.
    pub figures: Option<given::Given>,
}

/// A document ready to be written.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Path relative to the practice root.
    pub path: String,
    pub content: String,
}

#[derive(Debug, Serialize)]
struct PreviousDoc {
    title: String,
    path: String,
    /// Relative link from the new document.
    link: String,
}

/// Works out the path and content of a new document. Nothing is written.
pub fn plan(practice: &Practice, req: &Request) -> Result<Planned> {
    let config = &practice.config;
    let kind = config.kind(&req.kind).ok_or_else(|| Error::UnknownKind {
        kind: req.kind.clone(),
        known: config.kind_names().join(", "),
    })?;
    let (parts, date) = name_parts(kind, req)?;
    let file = kind.pattern.render(&parts);
    let path = format!("{}/{}", kind.folder, file);
    let title = req
        .title
        .clone()
        .unwrap_or_else(|| default_title(kind, &parts));
    let previous = practice
        .of_kind(&kind.name)
        .filter(|d| d.date().is_some_and(|d| d < date) && d.path != path)
        .max_by_key(|d| d.date())
        .map(|d| PreviousDoc {
            title: d.title(),
            link: relative_link(&path, &d.path),
            path: d.path.clone(),
        });
    let mut ctx = tera::Context::new();
    ctx.insert("kind", &kind.name);
    ctx.insert("title", &title);
    ctx.insert("date", &date.to_string());
    ctx.insert("slug", &parts.slug);
    ctx.insert(
        "week",
        &parts.week.clone().unwrap_or_else(|| iso_week(date)),
    );
    ctx.insert("month", &parts.month.clone().unwrap_or_else(|| month(date)));
    ctx.insert("owner", &req.owner.clone().unwrap_or_default());
    ctx.insert("previous", &previous);
    ctx.insert("thresholds", &config.thresholds);
    ctx.insert("sections", &kind.sections);
    ctx.insert("fields", &kind.fields);
    let mut data = report_figures(practice, kind, date, &parts, req.figures.as_ref());
    if let Some(d) = &mut data {
        d.run_link = d.run.as_ref().map(|r| relative_link(&path, r));
    }
    ctx.insert("data", &data);
    ctx.insert("roadmap", &planned_roadmap(practice, &path));
    if kind.period == Some(Period::Month) {
        ctx.insert("changes", &month_changes(practice, &parts));
    }
    let content = templates::render(practice, kind, &ctx)?;
    Ok(Planned { path, content })
}

/// What the repository already knows for a periodic report (a day, a week or a month).
fn report_figures(
    practice: &Practice,
    kind: &KindDef,
    date: Date,
    parts: &NameParts,
    given: Option<&given::Given>,
) -> Option<figures::Figures> {
    let period = kind.period?;
    let (from, until) = match period {
        Period::Day => (date, date),
        Period::Week => (date, date.checked_add(jiff::Span::new().days(6)).ok()?),
        Period::Month => {
            let (y, m) = crate::doc::period::parse_month(parts.month.as_deref()?)?;
            let first = Date::new(y, m, 1).ok()?;
            (first, first.last_of_month())
        }
    };
    Some(figures::gather(practice, period, from, until, given))
}

#[derive(Debug, Serialize)]
struct PlannedGroup {
    heading: String,
    /// `[Title](link): estimated improvement …`, escaped for Markdown.
    lines: Vec<String>,
}

/// The month's change points as the monthly report lists them: one Markdown line each, and
/// the commits in its window under it; `note` says why commits are missing.
#[derive(Debug, Default, Serialize)]
struct MonthChanges {
    items: Vec<MonthChange>,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct MonthChange {
    line: String,
    commits: Vec<String>,
}

/// The change points whose first point falls in the report's month (`perfdoc changes`' own
/// defaults), with their commits.
fn month_changes(practice: &Practice, parts: &NameParts) -> MonthChanges {
    use crate::markup::markdown_text as text;
    use crate::metrics::changes;
    let Some((y, m)) = parts
        .month
        .as_deref()
        .and_then(crate::doc::period::parse_month)
    else {
        return MonthChanges::default();
    };
    let (from, until) = (format!("{y:04}-{m:02}-01"), format!("{y:04}-{m:02}-31"));
    let git = crate::history::Session::discover(&practice.root)
        .ok()
        .flatten();
    let query = changes::Query {
        from: Some(&from),
        until: Some(&until),
        ..Default::default()
    };
    let mut found = changes::points(practice, git.as_ref(), &query);
    let note = match changes::commits_for(practice, git.as_ref(), &found) {
        Ok(commits) => {
            changes::attribute(&mut found, &commits);
            None
        }
        Err(e) => Some(text(&e.to_string().replace(char::is_control, "?"))),
    };
    let config = &practice.config;
    let items = found
        .iter()
        .map(|c| {
            let n = c.commits.len();
            MonthChange {
                line: format!(
                    "{} ({}), {}, in the {} series{}",
                    text(&c.headline(config)),
                    text(&c.levels(config)),
                    crate::metrics::noise::p_text(c.p_value),
                    text(&c.series),
                    if c.regression { "; a regression" } else { "" },
                ) + &format!(
                    "; {n} commit{} in the window",
                    if n == 1 { "" } else { "s" }
                ),
                commits: c
                    .commits
                    .iter()
                    .map(|k| {
                        // The id is hex; the rest is the commit author's text.
                        format!(
                            "`{}` {} ({}, {})",
                            k.id.chars().take(10).collect::<String>(),
                            text(&k.summary.replace(char::is_control, "?")),
                            text(&k.author.replace(char::is_control, "?")),
                            k.date
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    MonthChanges { items, note }
}

/// The roadmap as the monthly report's "Optimizations Planned" lines.
fn planned_roadmap(practice: &Practice, from: &str) -> Vec<PlannedGroup> {
    use crate::markup::{markdown_href as href, markdown_text as text};
    crate::roadmap::compute(practice)
        .into_iter()
        .map(|g| PlannedGroup {
            heading: g.heading,
            lines: g
                .items
                .iter()
                .map(|i| {
                    let details = crate::roadmap::details(i);
                    format!(
                        "[{}]({}){}",
                        text(&i.title),
                        href(&relative_link(from, &i.path)),
                        if details.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", text(&details))
                        }
                    )
                })
                .collect(),
        })
        .collect()
}

/// Writes a planned document; refuses if the file exists.
pub fn write(practice: &Practice, planned: &Planned) -> Result<PathBuf> {
    let full = practice.root.join(&planned.path);
    crate::fs::write::atomic_write(
        &full,
        planned.content.as_bytes(),
        crate::fs::write::Existing::Refuse,
    )?;
    Ok(full)
}

fn name_parts(kind: &KindDef, req: &Request) -> Result<(NameParts, Date)> {
    let mut date = req.date;
    let mut parts = NameParts {
        date: Some(date.to_string()),
        ..Default::default()
    };
    if kind.pattern.has("slug") {
        let slug = req.slug.as_deref().ok_or_else(|| Error::NeedsSlug {
            kind: kind.name.clone(),
        })?;
        validate_slug(slug)?;
        parts.slug = Some(slug.to_string());
    } else if let Some(period) = &req.slug {
        // Reports take their period instead of a slug: `perfdoc new weekly 2025-W49`.
        if kind.pattern.has("week") {
            let w = crate::doc::period::parse_week(period).ok_or_else(|| Error::NotA {
                value: period.to_string(),
                expected: "an ISO week",
                example: "2025-W49",
            })?;
            date = w.date();
        } else if kind.pattern.has("month") {
            let (y, m) = crate::doc::period::parse_month(period).ok_or_else(|| Error::NotA {
                value: period.to_string(),
                expected: "a month",
                example: "2025-12",
            })?;
            parts.month = Some(format!("{y:04}-{m:02}"));
        } else if kind.pattern.has("date") {
            date = period.parse().map_err(|_| Error::NotA {
                value: period.to_string(),
                expected: "a date",
                example: "2025-12-04",
            })?;
        }
        parts.date = Some(date.to_string());
    } else if kind.pattern.has("week") {
        // A weekly report is dated on the Monday of its week.
        date = date
            .iso_week_date()
            .first_of_week()
            .map_err(|e| Error::System {
                doing: format!("date the week of {date}"),
                message: e.to_string(),
            })?
            .date();
        parts.date = Some(date.to_string());
    }
    if kind.pattern.has("week") {
        parts.week = Some(iso_week(date));
    }
    if kind.pattern.has("month") && parts.month.is_none() {
        parts.month = Some(month(report_month(date)));
    }
    Ok((parts, date))
}

/// The month a monthly report written on `date` covers: in the first seven days of a month
/// (the first Monday is among them) the month that just ended, else the month itself.
fn report_month(date: Date) -> Date {
    if date.day() <= 7 {
        date.first_of_month().yesterday().unwrap_or(date)
    } else {
        date
    }
}

/// Slugs are lowercase kebab-case words: they become file names and URLs.
pub fn validate_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= 80
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if ok {
        return Ok(());
    }
    let suggestion = slugify(slug);
    Err(Error::BadSlug {
        slug: slug.to_string(),
        suggestion,
    })
}

/// Turns a title into a slug: `Stripe API call batching` → `stripe-api-call-batching`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn default_title(kind: &KindDef, parts: &NameParts) -> String {
    match (&parts.slug, &parts.week, &parts.month, &parts.date) {
        (Some(slug), ..) => {
            let mut words: Vec<String> = slug.split('-').map(str::to_string).collect();
            if let Some(first) = words.first_mut() {
                let mut c = first.chars();
                *first = c
                    .next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect());
            }
            words.join(" ")
        }
        (None, Some(week), ..) => format!("{} {week}", kind.title),
        (None, None, Some(month), _) => format!("{} {month}", kind.title),
        (None, None, None, Some(date)) => format!("{} {date}", kind.title),
        _ => kind.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(validate_slug("billing-stripe").is_ok());
        for bad in ["Billing", "../x", "a/b", "a--b", "-a", "a b", "", "a.md"] {
            assert!(validate_slug(bad).is_err(), "{bad}");
        }
        assert_eq!(
            slugify("Stripe API call batching!"),
            "stripe-api-call-batching"
        );
    }
}
