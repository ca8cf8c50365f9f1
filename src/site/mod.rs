//! The static site: a practice rendered into HTML pages, SVG charts, a search index, a feed
//! and a sitemap, held in memory as `Site` (output path → bytes) and written whole by
//! `output`. Nothing here prints; `cmd/build` and `cmd/serve` do.

mod gather;
mod highlight;
pub mod markdown;
pub mod model;
pub mod output;
mod pages;
pub mod safe_html;
pub mod server;
mod svg;
mod templates;
pub mod urls;
mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use gather::Repository;
pub use model::SiteInput;
pub use output::{MARKER, check_target, write_site};
pub use templates::{EMBEDDED, USER_DIR};

use crate::error::{Error, Result};
use crate::location::{Refusal, Root, vet_link};

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base URL or path the site is served under (`/`, `/repo/`, `https://org.github.io/repo/`).
    pub base_url: String,
}

/// A built site, in memory.
#[derive(Debug, Default)]
pub struct Site {
    /// Output path (relative, `/`-separated) → content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// HTML pages among `files`.
    pub pages: usize,
    /// What the documents link to that the site left out, and why (`file:line:col: …`).
    pub left_out: Vec<String>,
}

/// Renders the whole site. Fails on a template error; writes nothing.
pub fn build(input: &SiteInput, options: &Options) -> Result<Site> {
    build_reporting(input, options, &|_| {})
}

/// `build`, telling `progress` which stage it is in (for a terminal's status line).
pub fn build_reporting(
    input: &SiteInput,
    options: &Options,
    progress: &dyn Fn(&str),
) -> Result<Site> {
    let practice = input.practice;
    let tpl = templates::load(&practice.root)?;
    let urls = urls::Urls::new(practice, &options.base_url);
    progress(&format!("rendering {} documents", practice.docs.len()));
    let planned = pages::plan(input, &urls);
    progress(&format!("rendering {} pages", planned.pages.len()));
    let rendered: Vec<Result<(String, Vec<u8>)>> = planned
        .pages
        .par_iter()
        .map(|p| {
            let html = tpl
                .tera
                .render(p.template, &p.context)
                .map_err(|e| crate::error::Error::template(p.template, &e))?;
            Ok((pages::file_of(p), html.into_bytes()))
        })
        .collect();
    let mut site = Site::default();
    for r in rendered {
        let (path, bytes) = r?;
        if path.ends_with(".html") {
            site.pages += 1;
        }
        site.files.insert(path, bytes);
    }
    for (name, text) in &tpl.statics {
        site.files.insert(name.clone(), text.clone().into_bytes());
    }
    let index = serde_json::to_vec(&planned.search).map_err(|e| Error::Template {
        name: "search-index.json".into(),
        message: e.to_string(),
    })?;
    site.files.insert("search-index.json".into(), index);
    // Each asset is vetted again as it is read, and read from its canonical path: what
    // rendering saw is not trusted to still hold.
    let root = Root::new(&practice.root);
    site.left_out = left_out(practice, &root);
    for rel in &planned.assets {
        // Refusals were named by `left_out`, from the same rules; a file that cannot be
        // read now is named here.
        let (bytes, dropped) = match root.publish(rel) {
            Ok(published) => published,
            Err(Refusal::Unresolvable(why)) => {
                let note = format!("{rel}: not published: cannot be read: {why}");
                site.left_out.push(note.replace(char::is_control, "?"));
                continue;
            }
            Err(_) => continue,
        };
        if dropped > 0 {
            let note = format!(
                "{rel}: published without {dropped} element(s) or attribute(s) that could run script or load from elsewhere"
            );
            site.left_out.push(note.replace(char::is_control, "?"));
        }
        site.files
            .insert(format!("{}{rel}", markdown::ASSET_DIR), bytes);
    }
    site.files.insert(MARKER.into(), marker_text().into_bytes());
    Ok(site)
}

/// Every link of every document that the site does not follow, as `check` reports it, in
/// document order. In parallel: each link is resolved on disk, symlinks and all.
fn left_out(practice: &crate::practice::Practice, root: &Root) -> Vec<String> {
    let mut docs: Vec<&crate::doc::Doc> = practice.docs.iter().collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let per_doc: Vec<Vec<String>> = docs
        .par_iter()
        .map(|doc| {
            let mut out = Vec::new();
            for link in &doc.outline.links {
                let Some(refusal) = vet_link(root, &doc.path, &link.dest) else {
                    continue;
                };
                let at = doc.locate(link.span.clone());
                let what = if link.image { "image" } else { "link" };
                let line = format!(
                    "{}:{}:{}: not published: {}",
                    doc.path,
                    at.line,
                    at.column,
                    refusal.describe(what, &link.dest)
                );
                // File names and links are the document author's: no terminal escapes.
                out.push(line.replace(char::is_control, "?"));
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

fn marker_text() -> String {
    "This folder was written by `perfdoc build`; perfdoc replaces it whole on the next build.\n"
        .to_string()
}
