//! The static site: a practice rendered into HTML pages, SVG charts, a search index, a feed
//! and a sitemap, held in memory as `Site` (output path → bytes) and written whole by
//! `output`. Nothing here prints; `cmd/build` and `cmd/serve` do.

pub mod cache;
mod digest;
mod gather;
mod highlight;
pub mod kept;
pub mod markdown;
pub mod memo;
pub mod metrics_cache;
pub mod model;
pub mod output;
mod pages;
pub mod safe_html;
pub mod server;
pub mod stamp;
mod svg;
mod templates;
pub mod urls;
mod views;

use rayon::prelude::*;

pub use gather::Git;
pub use memo::Memo;
pub use model::SiteInput;
pub use output::{Delta, MARKER, Staging, check_target, record_stats, remove_gone};
pub use templates::{EMBEDDED, USER_DIR};

use crate::error::{Error, Result};
use crate::location::{Refusal, Root, vet_link};

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base URL or path the site is served under (`/`, `/repo/`, `https://org.github.io/repo/`).
    pub base_url: String,
}

/// A built site: its files went to a `Sink` as they were made; what is left is what to tell.
#[derive(Debug, Default)]
pub struct Site {
    /// What this build made, for the next one to start from (one entry per file of the site);
    /// stats are filled in once written.
    pub memo: Memo,
    /// HTML pages among them.
    pub pages: usize,
    /// Pages kept from the previous build rather than rendered.
    pub kept: usize,
    /// What the documents link to that the site left out, and why (`file:line:col: …`).
    pub left_out: Vec<String>,
}

impl Site {
    /// Every file of the site, made now or kept.
    pub fn file_count(&self) -> usize {
        self.memo.files.len()
    }
}

/// Where a build's files go as they are made, so no page is held longer than it takes to
/// write it: the staging folder of a `build` (`output::Staging`), the served folder of
/// `serve` (`output::Delta`).
pub trait Sink: Sync {
    /// A file made now; `digest` is its bytes' (`digest::bytes`).
    fn put(&self, rel: &str, bytes: &[u8], digest: &str) -> Result<()>;
    /// A page the memo kept: the previous build's file, as `entry` describes it.
    fn keep(&self, rel: &str, entry: &memo::Entry) -> Result<()>;
}

/// Builds the site into `sink`, starting from `memo` (what an earlier build made): a page
/// whose key is the one the memo holds, and whose file `reusable` says is still the one the
/// memo describes, is kept rather than rendered; so is a document's rendering whose inputs
/// are unchanged. Fails on a template error. `progress` is told which stage the build is in
/// (for a terminal's status line).
pub fn build_with(
    input: &SiteInput,
    options: &Options,
    memo: &Memo,
    reusable: &(dyn Fn(&str, &memo::Entry) -> bool + Sync),
    sink: &dyn Sink,
    progress: &dyn Fn(&str),
) -> Result<Site> {
    let practice = input.practice;
    let tpl = templates::load(&practice.root)?;
    let urls = urls::Urls::new(practice, &options.base_url);
    progress(&format!("rendering {} documents", practice.docs.len()));
    let root = Root::new(&practice.root);
    let is_file = |rel: &str| root.asset(rel).is_ok();
    let env = markdown::Env {
        urls: &urls,
        is_file: &is_file,
        allow_html: practice.config.allow_html,
    };
    // Every document rendered (one whose rendering the memo holds, still valid, is reused).
    let parts = pages::Parts::new(input, &urls, &env, &memo.renders);
    let pages::Planned {
        pages: planned,
        search,
        assets,
    } = pages::plan(&parts);
    progress(&format!("rendering {} pages", planned.len()));
    let put = |rel: String, bytes: &[u8], key: Option<String>, inputs: Option<String>| {
        let digest = digest::bytes(bytes);
        sink.put(&rel, bytes, &digest)?;
        let entry = memo::Entry {
            key,
            inputs,
            bytes: digest,
            stat: None,
        };
        Ok::<_, Error>((rel, entry))
    };
    // The search index goes first, so neither its entries nor its bytes are held while the
    // pages render.
    let index = serde_json::to_vec(&search).map_err(|e| Error::Template {
        name: "search-index.json".into(),
        message: e.to_string(),
    })?;
    drop(search);
    let (index_file, index_entry) = put("search-index.json".into(), &index, None, None)?;
    drop(index);
    // Each page is keyed, rendered or kept, and its context dropped, in one go, in parallel:
    // no more contexts are alive than there are threads.
    let made: Vec<Result<(String, memo::Entry, bool)>> = planned
        .into_par_iter()
        .map(|p| {
            let file = pages::file_of(&p);
            let template = p.template;
            let old = memo.files.get(&file);
            let inputs = p
                .inputs
                .and_then(|inputs| inputs())
                .map(|i| memo::inputs_key(template, &tpl.digest, &i, &options.base_url));
            let context_key = |c: &pages::PageContext| {
                c.digest()
                    .map(|c| memo::page_key(template, &tpl.digest, &c, &options.base_url))
            };
            // Kept by its inputs, without making its context. A debug build (the tests')
            // makes it anyway, to catch a page that reads more than its inputs name.
            if let (Some(inputs), Some(old)) = (&inputs, old)
                && old.inputs.as_ref() == Some(inputs)
                && reusable(&file, old)
            {
                if cfg!(debug_assertions) && context_key(&(p.context)()) != old.key {
                    return Err(Error::Template {
                        name: template.into(),
                        message: format!(
                            "{file} was kept by its inputs, but its context changed: the page reads something its inputs do not name"
                        ),
                    });
                }
                sink.keep(&file, old)?;
                return Ok((file, old.clone(), true));
            }
            let context = (p.context)();
            let key = context_key(&context);
            if let (Some(key), Some(old)) = (&key, old)
                && old.key.as_ref() == Some(key)
                && reusable(&file, old)
            {
                sink.keep(&file, old)?;
                let entry = memo::Entry {
                    inputs,
                    ..old.clone()
                };
                return Ok((file, entry, true));
            }
            let html = tpl
                .tera
                .render(template, &context.tera)
                .map_err(|e| crate::error::Error::template(template, &e))?;
            let (file, entry) = put(file, html.as_bytes(), key, inputs)?;
            Ok((file, entry, false))
        })
        .collect();
    let mut site = Site::default();
    site.memo.files.insert(index_file, index_entry);
    for r in made {
        let (path, entry, kept) = r?;
        if path.ends_with(".html") {
            site.pages += 1;
        }
        site.kept += usize::from(kept);
        site.memo.files.insert(path, entry);
    }
    let mut others: Vec<(String, Vec<u8>)> = tpl
        .statics
        .iter()
        .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
        .collect();
    site.memo.renders = parts.renders;
    // Each asset is vetted again as it is read, and read from its canonical path: what
    // rendering saw is not trusted to still hold.
    site.left_out = left_out(practice, &root);
    for rel in &assets {
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
        others.push((format!("{}{rel}", markdown::ASSET_DIR), bytes));
    }
    others.push((MARKER.into(), marker_text().into_bytes()));
    for (rel, bytes) in others {
        let (rel, entry) = put(rel, &bytes, None, None)?;
        site.memo.files.insert(rel, entry);
    }
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
