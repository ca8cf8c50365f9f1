//! The page of every document in the built site (as `location::page_path` places it), and
//! how links are written so the site works under a sub-path (`https://org.github.io/repo/`): every link is the base path plus
//! the page's path, never a bare `/`.

use std::collections::BTreeMap;

use crate::location::page_path;
pub use crate::location::split_base;
use crate::practice::Practice;

pub struct Urls {
    /// Path part of the base URL, starting and ending with `/` (`/repo/`).
    pub base: String,
    /// The absolute site URL when one is known (`https://org.github.io/repo/`), for the feed
    /// and the sitemap; else the base path.
    pub absolute: String,
    /// Document path → page path relative to the base (`optimizations/x/`).
    pages: BTreeMap<String, String>,
}

impl Urls {
    pub fn new(practice: &Practice, base_url: &str) -> Urls {
        let (absolute, base) = split_base(base_url);
        let pages = practice
            .docs
            .iter()
            .filter_map(|d| {
                let page = page_path(&practice.config, &d.path, d.kind.as_deref())?;
                Some((d.path.clone(), page))
            })
            .collect();
        Urls {
            base,
            absolute,
            pages,
        }
    }

    /// The page path of a document, relative to the base; `None` for what is no page.
    pub fn page(&self, doc_path: &str) -> Option<&str> {
        self.pages.get(doc_path).map(String::as_str)
    }

    /// A link to a page path relative to the base.
    pub fn href(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel)
    }

    pub fn doc_href(&self, doc_path: &str) -> String {
        self.href(self.page(doc_path).unwrap_or(""))
    }

    /// One digest of every document's page path and the base: what a document's links to
    /// other documents depend on.
    pub fn digest(&self) -> String {
        let mut all = format!("{}\0{}\n", self.base, self.absolute);
        for (doc, page) in &self.pages {
            all.push_str(doc);
            all.push('\0');
            all.push_str(page);
            all.push('\n');
        }
        super::digest::bytes(all.as_bytes())
    }

    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.absolute, rel)
    }
}

/// The output file that serves a page path: `a/b/` → `a/b/index.html`.
pub fn output_file(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files() {
        assert_eq!(output_file("a/"), "a/index.html");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("feed.xml"), "feed.xml");
    }
}
