//! Where a document lives: its page on the site, its source in the repository, the links
//! between documents and what a link written in one resolves to, and the boundary of the
//! practice that every read and copy stays inside. The site, the review and the checker all
//! ask here, so a review links to the page the build wrote and `check` refuses exactly what
//! the build would not publish.

mod confine;
mod link;
mod publish;
mod svg;

pub use confine::{Refusal, Root};
pub use link::{Target, percent_decode, relative_link, resolve_link};
pub use publish::PASSIVE;

use crate::config::Config;

/// The page path of the document at practice-relative `path` of kind `kind`, relative to the
/// site's base: `pages/…/` for free pages under the content folder, `optimizations/…/` for
/// kinds with the record role, `reports/…/` for every other kind; sub-folders are kept, so two documents with
/// one name in different folders do not meet. `None` for mdBook's `SUMMARY.md`, the book's
/// table of contents, which is no page of the site.
pub fn page_path(config: &Config, path: &str, kind: Option<&str>) -> Option<String> {
    if path.rsplit('/').next() == Some("SUMMARY.md") {
        return None;
    }
    let content = format!("{}/", config.folders.content);
    if let Some(rest) = path.strip_prefix(&content) {
        let stem = rest.strip_suffix(".md").unwrap_or(rest);
        let stem = stem
            .strip_suffix("index")
            .filter(|s| s.is_empty() || s.ends_with('/'))
            .map_or_else(|| format!("{stem}/"), str::to_string);
        return Some(clean(&format!("pages/{stem}")));
    }
    let group = if config.is_record(kind) {
        "optimizations"
    } else {
        "reports"
    };
    let rest = path.split_once('/').map_or(path, |(_, r)| r);
    let stem = rest.strip_suffix(".md").unwrap_or(rest);
    Some(clean(&format!("{group}/{stem}/")))
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

/// `("https://org.github.io/repo/", "/repo/")` from either form; `/` when empty. The first is
/// the absolute site URL when one is known, else the path.
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

/// The published page of a document, as the review links it: `site_url` (as `site-url` or
/// `--base-url` give it) followed by its page path.
pub fn page_url(config: &Config, site_url: &str, path: &str, kind: Option<&str>) -> Option<String> {
    let page = page_path(config, path, kind)?;
    Some(format!("{}{page}", split_base(site_url).0))
}

/// The document's source in the repository's web view: `{repo}/blob/HEAD/{prefix}/{path}`,
/// where `prefix` is the practice's folder inside the repository (empty at its root). Empty
/// without a repository URL.
pub fn source_url(repo: &str, prefix: &str, path: &str) -> String {
    if repo.is_empty() {
        return String::new();
    }
    let prefix = prefix.trim_matches('/');
    let full = if prefix.is_empty() {
        path.to_string()
    } else {
        format!("{prefix}/{path}")
    };
    format!(
        "{}/blob/HEAD/{}",
        repo.trim_end_matches('/'),
        percent_encode_path(&full)
    )
}

/// `%XX` for every byte a URL path cannot hold as it is.
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What is wrong with the link `dest` written in the document at `from`, if anything: it
/// climbs out of the practice, its target is missing, leads out through a symlink, lies in
/// `.git`, or is a file the site would not publish. Links to other sites and anchors are
/// never wrong here. `check` reports these and the build names them as what it left out.
pub fn vet_link(root: &Root, from: &str, dest: &str) -> Option<Refusal> {
    let path = match resolve_link(from, dest) {
        Target::External | Target::Anchor => return None,
        Target::Outside => return Some(Refusal::Climbs),
        Target::Local { path, .. } => path,
    };
    match root.vet(&path) {
        Err(refusal) => Some(refusal),
        Ok(canonical) if canonical.is_dir() => None,
        Ok(_) => root.asset(&path).err(),
    }
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
    fn pages_of_each_kind() {
        let c = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let page = |p, k| page_path(&c, p, k);
        assert_eq!(
            page("content/runbooks/a.md", None).unwrap(),
            "pages/runbooks/a/"
        );
        assert_eq!(page("content/index.md", None).unwrap(), "pages/");
        assert_eq!(page("content/SUMMARY.md", None), None);
        assert_eq!(
            page("optimizations/x-2025-12-04.md", Some("optimization")).unwrap(),
            "optimizations/x-2025-12-04/"
        );
        assert_eq!(
            page("reports/2025/daily-2025-12-04.md", Some("daily")).unwrap(),
            "reports/2025/daily-2025-12-04/"
        );
        assert_eq!(
            page_url(&c, "https://acme.github.io/perf", "content/a.md", None).unwrap(),
            "https://acme.github.io/perf/pages/a/"
        );
    }

    #[test]
    fn source_links_keep_the_practice_folder() {
        assert_eq!(
            source_url("https://github.com/a/b/", "perf/", "reports/x y.md"),
            "https://github.com/a/b/blob/HEAD/perf/reports/x%20y.md"
        );
        assert_eq!(
            source_url("https://github.com/a/b", "", "reports/x.md"),
            "https://github.com/a/b/blob/HEAD/reports/x.md"
        );
        assert_eq!(source_url("", "perf", "reports/x.md"), "");
    }
}
