//! Where each document and page lives in the built site, and how links are written so the site
//! works under a sub-path (`https://org.github.io/repo/`): every link is the base path plus
//! the page's path, never a bare `/`.

use std::collections::BTreeMap;

use crate::doc::Doc;
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
            .map(|d| (d.path.clone(), doc_page(practice, d)))
            .collect();
        Urls {
            base,
            absolute,
            pages,
        }
    }

    /// The page path of a document, relative to the base.
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

/// `("https://org.github.io/repo/", "/repo/")` from either form; `/` when empty.
pub fn split_base(base_url: &str) -> (String, String) {
    let trimmed = base_url.trim();
    let path = match trimmed.find("://") {
        Some(i) => {
            let after = &trimmed[i + 3..];
            after.find('/').map_or("/", |j| &after[j..])
        }
        None => trimmed,
    };
    let mut path = path.trim_matches('/').to_string();
    path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let absolute = if trimmed.contains("://") {
        format!("{}/", trimmed.trim_end_matches('/'))
    } else {
        path.clone()
    };
    (absolute, path)
}

fn doc_page(practice: &Practice, doc: &Doc) -> String {
    let f = &practice.config.folders;
    let content = format!("{}/", f.content);
    if let Some(rest) = doc.path.strip_prefix(&content) {
        let stem = rest.strip_suffix(".md").unwrap_or(rest);
        let stem = stem
            .strip_suffix("index")
            .filter(|s| s.is_empty() || s.ends_with('/'))
            .map_or_else(|| format!("{stem}/"), str::to_string);
        return clean(&format!("pages/{stem}"));
    }
    let group = if doc.kind.as_deref() == Some("optimization") {
        "optimizations"
    } else {
        "reports"
    };
    // Keep sub-folders so two documents with the same name in different folders do not meet.
    let rest = doc
        .path
        .split_once('/')
        .map_or(doc.path.as_str(), |(_, r)| r);
    let stem = rest.strip_suffix(".md").unwrap_or(rest);
    clean(&format!("{group}/{stem}/"))
}

/// URL-safe path characters only; anything else becomes `-`.
fn clean(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .replace("..", "-")
}

/// Resolves `dest` against the folder of `from` (both `/`-separated, relative to the root).
/// `None` when the result would leave the root.
pub fn resolve(from: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in dest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_become_paths() {
        assert_eq!(split_base("").1, "/");
        assert_eq!(split_base("/").1, "/");
        assert_eq!(split_base("repo").1, "/repo/");
        let (abs, path) = split_base("https://org.github.io/repo");
        assert_eq!(path, "/repo/");
        assert_eq!(abs, "https://org.github.io/repo/");
        assert_eq!(split_base("https://example.com").1, "/");
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("optimizations/a.md", "../reports/b.md").as_deref(),
            Some("reports/b.md")
        );
        assert_eq!(resolve("a.md", "../../x.md"), None);
        assert_eq!(output_file("a/"), "a/index.html");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("feed.xml"), "feed.xml");
    }
}
