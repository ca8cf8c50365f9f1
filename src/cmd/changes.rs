//! `perfdoc changes`: the change points of every series, with the commits in their windows.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{ChangesArgs, ChangesFormat};
use crate::error::{Error, Result};
use crate::metrics::changes::{self, Change};
use crate::metrics::format;
use crate::metrics::stats::Options;

pub fn run(dir: &Path, args: ChangesArgs) -> Result<ExitCode> {
    if !(args.p_value > 0.0 && args.p_value < 1.0) {
        return Err(Error::NotA {
            value: format!("--p-value {}", args.p_value),
            expected: "a probability",
            example: "a number between 0 and 1, e.g. 0.001",
        });
    }
    if args.window < 6 {
        return Err(Error::NotA {
            value: format!("--window {}", args.window),
            expected: "a window that can be split",
            example: "at least 6 points, e.g. 50",
        });
    }
    let since = super::date_flag("since", args.since.as_deref())?.map(|d| d.to_string());
    let practice = super::open_practice(dir)?;
    let git = crate::history::Session::discover(&practice.root)
        .ok()
        .flatten();
    let query = changes::Query {
        opts: Options {
            p_value: args.p_value,
            window: args.window,
            ..Options::default()
        },
        metric: args.metric.as_deref(),
        from: since.as_deref(),
        until: None,
    };
    let found = changes::find(&practice, git.as_ref(), &query)?;
    match args.format {
        ChangesFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&found).expect("changes serialize")
        ),
        ChangesFormat::Human => print!("{}", human(&found)),
    }
    Ok(ExitCode::from(OK))
}

fn human(found: &[Change]) -> String {
    if found.is_empty() {
        return "no change points\n".to_string();
    }
    let mut out = String::new();
    for c in found {
        let pct = c
            .change_pct
            .map_or_else(|| "changed".to_string(), format::change);
        out.push_str(&format!(
            "{} ({}) {pct} since {}: {} -> {}, p = {:.2e}{}, {} commit{} in the window\n",
            c.metric,
            c.series,
            c.date,
            format::number(c.before),
            format::number(c.after),
            c.p_value,
            if c.regression { ", regression" } else { "" },
            c.commits.len(),
            if c.commits.len() == 1 { "" } else { "s" },
        ));
        for k in &c.commits {
            out.push_str(&format!(
                "  {} {} ({}, {})\n",
                &k.id[..k.id.len().min(10)],
                printable(&k.summary),
                printable(&k.author),
                k.date
            ));
        }
    }
    out
}

/// A commit's text on one terminal line: control characters (escape sequences a hostile
/// commit could carry) shown as `?`.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
