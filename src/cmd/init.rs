//! `perfdoc init`: start a practice in a directory: book.toml, the folders, the GitHub Actions
//! workflows (PR check and review, Pages), optionally the templates and the pre-commit hook.
//! Writes what is missing and leaves what exists alone, saying which is which.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::InitArgs;
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::scaffold;
use crate::write::{Existing, atomic_write, atomic_write_executable};

const BOOK_TOML: &str = r#"[book]
title = "Performance practice"
description = "Daily, weekly and monthly performance reports and optimization records."
authors = []
language = "en"
src = "content"

[output.html]
# site-url = "/REPO/"            # the Pages sub-path
# git-repository-url = "https://github.com/ORG/REPO"

# perfdoc's own settings. They live in a preprocessor table so that mdBook accepts the file;
# `renderers = []` keeps `mdbook build` from ever running perfdoc.
[preprocessor.perfdoc]
renderers = []

[preprocessor.perfdoc.thresholds]
latency-regression-pct = 10.0
min-success-rate-pct = 98.0
max-error-rate-pct = 0.5
baseline-improvement-pct = 10.0
"#;

/// GitHub Actions workflows: check and review every pull request; build and deploy Pages.
pub const WORKFLOWS: &[(&str, &str)] = &[
    (
        ".github/workflows/perfdoc-check.yml",
        include_str!("../../templates/ci/perfdoc-check.yml"),
    ),
    (
        ".github/workflows/perfdoc-pages.yml",
        include_str!("../../templates/ci/perfdoc-pages.yml"),
    ),
];

/// `--schedule`: the morning routine's workflow and the figures script it runs.
pub const SCHEDULE_WORKFLOW: (&str, &str) = (
    ".github/workflows/perfdoc-routine.yml",
    include_str!("../../templates/ci/perfdoc-routine.yml"),
);
pub const FIGURES_SCRIPT: (&str, &str) = (
    "scripts/perfdoc-figures.sh",
    include_str!("../../templates/ci/perfdoc-figures.sh"),
);

const INDEX_MD: &str = "---\ntitle: Performance practice\n---\n\nDaily health checks, weekly reviews against the baseline, monthly deep dives and one record per optimization.\n";

pub fn run(dir: &Path, args: InitArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let defaults = Config::from_sources(dir, None)?;
    let f = &defaults.folders;
    let mut files: Vec<(String, String)> = vec![
        (CONFIG_FILE.into(), BOOK_TOML.into()),
        (format!("{}/index.md", f.content), INDEX_MD.into()),
    ];
    for folder in [&f.reports, &f.optimizations, &f.benchmarks] {
        files.push((format!("{folder}/.gitkeep"), String::new()));
    }
    if args.templates {
        for (name, text) in scaffold::EMBEDDED {
            files.push((format!("templates/scaffold/{name}"), (*text).to_string()));
        }
        for (name, text) in crate::site::EMBEDDED {
            files.push((
                format!("{}/{name}", crate::site::USER_DIR),
                (*text).to_string(),
            ));
        }
    }
    for (rel, text) in WORKFLOWS {
        files.push(((*rel).to_string(), (*text).to_string()));
    }
    if args.schedule {
        files.push((SCHEDULE_WORKFLOW.0.into(), SCHEDULE_WORKFLOW.1.into()));
    }
    let script = args.schedule.then_some(FIGURES_SCRIPT);
    for (rel, text, executable) in files
        .iter()
        .map(|(r, t)| (r.as_str(), t.as_str(), false))
        .chain(script.map(|(r, t)| (r, t, true)))
    {
        let path = dir.join(rel);
        if path.exists() || path.is_symlink() {
            println!("kept     {rel} (exists)");
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        if executable {
            atomic_write_executable(&path, text.as_bytes(), Existing::Refuse)?;
        } else {
            atomic_write(&path, text.as_bytes(), Existing::Refuse)?;
        }
        println!("created  {rel}");
    }
    if args.hook {
        super::hook::print_installed(&crate::hook::install(dir, false)?);
    }
    println!("\nnext: perfdoc new daily   (then `perfdoc check`)");
    Ok(ExitCode::from(OK))
}
