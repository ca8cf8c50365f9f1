//! `file-name`: the name follows the kind's pattern and agrees with the front matter's date,
//! week or month, so a report copied from yesterday's cannot keep yesterday's date.

use crate::config::{KindDef, NameParts};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::doc::period::{parse_month, parse_week};

pub fn check(doc: &Doc, kind: &KindDef, out: &mut Vec<Diagnostic>) {
    let date = doc.date();
    let Some(parts) = &doc.name_parts else {
        let suggested = suggestion(doc, kind, date);
        out.push(
            Diagnostic::error(
                &doc.path,
                "file-name",
                format!(
                    "`{}` does not follow the {} pattern `{}`",
                    doc.file_name(),
                    kind.name,
                    kind.pattern.source
                ),
            )
            .at(doc.locate(0..0))
            .hint(match suggested {
                Some(name) => format!("rename it to `{name}`"),
                None => format!("rename it to match `{}`", kind.pattern.source),
            }),
        );
        return;
    };
    let span_of = |field: &str| {
        doc.field(field)
            .map_or(doc.front_end_span(), |n| n.span.clone())
    };
    if let (Some(name_date), Some(date)) = (&parts.date, date)
        && name_date != &date.to_string()
    {
        out.push(
            Diagnostic::error(
                &doc.path,
                "file-name",
                format!("file name says {name_date} but `date` is {date}"),
            )
            .at(doc.locate(span_of("date")))
            .hint("make the file name and the `date` field agree"),
        );
    }
    if let Some(name_week) = &parts.week {
        if let Some(week) = doc.str_field("week")
            && week != name_week
        {
            out.push(
                Diagnostic::error(
                    &doc.path,
                    "file-name",
                    format!("file name says week {name_week} but `week` is {week}"),
                )
                .at(doc.locate(span_of("week")))
                .hint("make the file name and the `week` field agree"),
            );
        }
        if let (Some(iso), Some(date)) = (parse_week(name_week), date) {
            let d = date.iso_week_date();
            if (d.year(), d.week()) != (iso.year(), iso.week()) {
                out.push(
                    Diagnostic::error(
                        &doc.path,
                        "file-name",
                        format!("`date: {date}` is not in week {name_week}"),
                    )
                    .at(doc.locate(span_of("date")))
                    .hint(format!(
                        "use a date of that week, such as its Monday {}",
                        iso.date()
                    )),
                );
            }
        }
    }
    if let Some(name_month) = &parts.month {
        if let Some(month) = doc.str_field("month")
            && month != name_month
        {
            out.push(
                Diagnostic::error(
                    &doc.path,
                    "file-name",
                    format!("file name says month {name_month} but `month` is {month}"),
                )
                .at(doc.locate(span_of("month")))
                .hint("make the file name and the `month` field agree"),
            );
        }
        // A monthly report is written during its month or in the first days after it closes.
        if let (Some((y, m)), Some(date)) = (parse_month(name_month), date) {
            let months = |y: i16, m: i8| i32::from(y) * 12 + i32::from(m);
            let diff = months(date.year(), date.month()) - months(y, m);
            if !(0..=1).contains(&diff) {
                out.push(
                    Diagnostic::error(
                        &doc.path,
                        "file-name",
                        format!("`date: {date}` is neither in {name_month} nor the month after"),
                    )
                    .at(doc.locate(span_of("date")))
                    .hint("date the report within its month, or in the days after it closes"),
                );
            }
        }
    }
}

/// The name the document would have, built from its front matter.
fn suggestion(doc: &Doc, kind: &KindDef, date: Option<jiff::civil::Date>) -> Option<String> {
    let mut parts = NameParts {
        date: date.map(|d| d.to_string()),
        week: doc.str_field("week").map(str::to_string),
        month: doc.str_field("month").map(str::to_string),
        slug: None,
    };
    if kind.pattern.has("slug") {
        let slug = crate::scaffold::slugify(&doc.title());
        parts.slug = (!slug.is_empty()).then_some(slug);
    }
    if let (true, Some(d)) = (kind.pattern.has("week") && parts.week.is_none(), date) {
        let w = d.iso_week_date();
        parts.week = Some(format!("{}-W{:02}", w.year(), w.week()));
    }
    if let (true, Some(d)) = (kind.pattern.has("month") && parts.month.is_none(), date) {
        parts.month = Some(format!("{}-{:02}", d.year(), d.month()));
    }
    let name = kind.pattern.render(&parts);
    (!name.contains('{')).then_some(name)
}
