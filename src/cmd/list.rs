//! `perfdoc list`: the practice as a table, JSON or CSV, filtered by kind, tag, status and
//! date.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{ListArgs, ListFormat};
use crate::error::{Error, Result};
use crate::metrics::format;
use crate::practice::listing::{self, Filter, Row};

pub fn run(dir: &Path, args: ListArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let date = |flag: &str, v: &Option<String>| super::date_flag(flag, v.as_deref());
    if let Some(k) = &args.kind
        && practice.config.kind(k).is_none()
    {
        return Err(Error::UnknownKind {
            kind: k.clone(),
            known: practice.config.kind_names().join(", "),
        });
    }
    let filter = Filter {
        kind: args.kind.clone(),
        tag: args.tag.clone(),
        status: args.status.clone(),
        since: date("since", &args.since)?,
        until: date("until", &args.until)?,
    };
    let rows = listing::rows(&practice, &filter);
    match args.format {
        ListFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("rows serialize")
        ),
        ListFormat::Csv => print!("{}", csv(&rows)),
        ListFormat::Table => print!("{}", table(&rows)),
    }
    Ok(ExitCode::from(OK))
}

const HEADER: [&str; 8] = [
    "path",
    "kind",
    "date",
    "title",
    "owner",
    "status",
    "tags",
    "improvement",
];

fn cells(r: &Row) -> [String; 8] {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        r.path.clone(),
        o(&r.kind),
        o(&r.date),
        r.title.clone(),
        o(&r.owner),
        o(&r.status),
        r.tags.join(", "),
        match (&r.improvement_pct, &r.improvement_metric) {
            (Some(p), Some(m)) => format!("{} ({m})", format::percent(*p)),
            _ => String::new(),
        },
    ]
}

fn table(rows: &[Row]) -> String {
    let all: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let header = HEADER.map(str::to_uppercase);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = super::table::render(&header, &all, &[]);
    out.push_str(&format!(
        "{} document{}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
}

/// RFC 4180: fields with a comma, quote or newline are quoted, quotes doubled.
fn csv(rows: &[Row]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let mut header: Vec<&str> = HEADER[..7].to_vec();
    header.extend(["improvement_pct", "improvement_metric"]);
    out.push_str(&header.join(","));
    out.push('\n');
    for r in rows {
        let c = cells(r);
        let mut line: Vec<String> = c[..7].iter().map(|s| field(s)).collect();
        line.push(r.improvement_pct.map(format::number).unwrap_or_default());
        line.push(field(r.improvement_metric.as_deref().unwrap_or("")));
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
