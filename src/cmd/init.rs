//! `perfdoc init`: start a practice in a directory: book.toml, the folders, the CI files
//! (GitHub Actions workflows or a .gitlab-ci.yml: check and review, Pages), the site's output
//! folder in .gitignore, optionally the templates and the pre-commit hook. Writes what is
//! missing and leaves what exists alone, saying which is which.

use std::path::Path;
use std::process::ExitCode;

use super::output::OK;
use crate::cli::{CiKind, InitArgs};
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::fs::write::{Existing, atomic_write};
use crate::scaffold;

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

/// GitLab CI: Code Quality report, merge-request note, GitLab Pages.
pub const GITLAB_CI: (&str, &str) = (
    ".gitlab-ci.yml",
    include_str!("../../templates/ci/gitlab-ci.yml"),
);

/// A CI file as written: pinned to the perfdoc that writes it, from the repository in
/// Cargo.toml, so a release needs no edit to the templates; Pages publishes from
/// `default_branch`.
pub fn render_ci(text: &str, default_branch: &str) -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let action = format!(
        "{}@v{}",
        repository.trim_start_matches("https://github.com/"),
        env!("CARGO_PKG_VERSION")
    );
    text.replace("@PERFDOC_VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@PERFDOC_REPOSITORY@", repository)
        .replace("@PERFDOC_ACTION@", &action)
        .replace("@DEFAULT_BRANCH@", &yaml_branch(default_branch))
}

/// A branch name as a YAML flow-sequence item that GitHub's filter matches literally: single
/// quotes (doubled inside) keep `#`, `:` and `,` from being YAML, and a backslash keeps `!`
/// and `+` from being filter syntax.
fn yaml_branch(name: &str) -> String {
    let mut literal = String::new();
    for c in name.chars() {
        if matches!(c, '!' | '+' | '\\') {
            literal.push('\\');
        }
        literal.push(c);
    }
    format!("'{}'", literal.replace('\'', "''"))
}

/// The branch the repository publishes from: the remote's default (`origin/HEAD`), else the
/// branch checked out (born or not), else git's `init.defaultBranch`, else `main`.
fn default_branch(dir: &Path) -> String {
    let from_repo = git2::Repository::discover(dir).ok().and_then(|repo| {
        let symbolic = |name: &str, prefix: &str| -> Option<String> {
            let reference = repo.find_reference(name).ok()?;
            let target = reference.symbolic_target().ok()??;
            target.strip_prefix(prefix).map(str::to_string)
        };
        symbolic("refs/remotes/origin/HEAD", "refs/remotes/origin/")
            .or_else(|| symbolic("HEAD", "refs/heads/"))
            .or_else(|| repo.config().ok()?.get_string("init.defaultBranch").ok())
    });
    from_repo
        .or_else(|| {
            git2::Config::open_default()
                .ok()?
                .get_string("init.defaultBranch")
                .ok()
        })
        .filter(|b| !b.is_empty() && !b.chars().any(char::is_control))
        .unwrap_or_else(|| "main".into())
}

fn ci_files(kind: CiKind, dir: &Path) -> Vec<(String, String)> {
    let branch = default_branch(dir);
    let chosen: Vec<(&str, &str)> = match kind {
        CiKind::Github => WORKFLOWS.to_vec(),
        CiKind::Gitlab => vec![GITLAB_CI],
        CiKind::None => Vec::new(),
    };
    chosen
        .into_iter()
        .map(|(rel, text)| (rel.to_string(), render_ci(text, &branch)))
        .collect()
}

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
    files.extend(ci_files(args.ci, dir));
    for (rel, text) in files {
        let path = dir.join(&rel);
        if path.exists() {
            println!("kept     {rel} (exists)");
            continue;
        }
        atomic_write(&path, text.as_bytes(), Existing::Refuse)?;
        println!("created  {rel}");
    }
    // An existing book.toml may move the site; one that does not load keeps the default.
    let out_dir = Config::load(dir).map_or(defaults.out_dir.clone(), |c| c.out_dir);
    ignore_site(dir, &out_dir)?;
    if args.hook {
        let git = crate::history::Session::open(dir, "so there is no hook to install")?;
        super::hook::print_installed(&crate::hook::install(&git, false)?);
    }
    println!("\nnext: perfdoc new daily   (then `perfdoc check`)");
    Ok(ExitCode::from(OK))
}

/// Lists the site's output folder in .gitignore: creates the file, or appends the line when no
/// line names the folder yet. A .gitignore that is a symlink is left alone: appending would
/// write wherever it points.
fn ignore_site(dir: &Path, out_dir: &str) -> Result<()> {
    let rel = ".gitignore";
    let path = dir.join(rel);
    let folder = out_dir.trim_matches('/');
    let line = format!("/{folder}/");
    // A folder outside the practice, or a name that would be several patterns, is not ours
    // to ignore.
    if folder.is_empty()
        || folder.chars().any(|c| c.is_control())
        || Path::new(folder).is_absolute()
        || folder.split('/').any(|p| p == "..")
    {
        println!("kept     {rel} (the site folder `{out_dir}` is not inside the practice)");
        return Ok(());
    }
    let existing = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(Error::Read { path, source }),
        Ok(meta) if !meta.is_file() => {
            println!("kept     {rel} (not a regular file; add {line} to it yourself)");
            return Ok(());
        }
        Ok(_) => Some(
            std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?,
        ),
    };
    let Some(text) = existing else {
        let body = format!("# The site `perfdoc build` writes.\n{line}\n");
        atomic_write(&path, body.as_bytes(), Existing::Refuse)?;
        println!("created  {rel}");
        return Ok(());
    };
    let names_it = text.lines().any(|l| {
        let l = l.trim();
        [
            folder.to_string(),
            format!("/{folder}"),
            format!("{folder}/"),
            line.clone(),
        ]
        .contains(&l.to_string())
    });
    if names_it {
        println!("kept     {rel} (lists {folder})");
        return Ok(());
    }
    let mut body = text;
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    body.push_str(&format!("{line}\n"));
    atomic_write(&path, body.as_bytes(), Existing::Replace)?;
    println!("updated  {rel} (added {line})");
    Ok(())
}
