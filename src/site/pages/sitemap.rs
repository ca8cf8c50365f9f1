//! The sitemap: every listed page's absolute URL, sorted. The sitemap protocol allows 50,000
//! URLs in one file, so a larger site gets `sitemap-1.xml`, `sitemap-2.xml`, … of at most
//! that many, and `sitemap.xml` becomes the index naming them (where crawlers look first).
//! A site within the limit keeps its one `sitemap.xml`.

use std::collections::BTreeSet;

use super::parts::Parts;
use super::xml::clean;
use super::{Page, ready};

/// The sitemap protocol's limit of URLs in one sitemap file.
const MAX_URLS: usize = 50_000;

/// One file of the sitemap: its path, whether it is the index, and the URLs it lists (pages
/// in a `urlset`, sitemap files in the index).
#[derive(Debug, PartialEq)]
struct File {
    path: String,
    index: bool,
    locs: Vec<String>,
}

/// The sitemap of `pages` (the pages planned so far).
pub fn sitemap<'p>(p: &'p Parts<'_>, pages: &[Page]) -> Vec<Page<'p>> {
    let locs = pages
        .iter()
        .filter(|p| p.listed)
        .map(|page| clean(&p.urls.absolute(&page.url)))
        .collect();
    files(locs, MAX_URLS, |path| clean(&p.urls.absolute(path)))
        .into_iter()
        .map(|f| {
            let mut c = p.base_ctx("sitemap", "sitemap", &p.urls.href(&f.path));
            c.insert(if f.index { "sitemaps" } else { "locs" }, &f.locs);
            Page {
                url: f.path,
                template: if f.index {
                    "sitemap-index.xml"
                } else {
                    "sitemap.xml"
                },
                context: ready(c),
                inputs: None,
                listed: false,
            }
        })
        .collect()
}

/// The files listing `locs` (sorted, each once), at most `limit` URLs a file; `absolute`
/// gives a sitemap file's URL for the index.
fn files(locs: BTreeSet<String>, limit: usize, absolute: impl Fn(&str) -> String) -> Vec<File> {
    let locs: Vec<String> = locs.into_iter().collect();
    if locs.len() <= limit {
        return vec![File {
            path: "sitemap.xml".into(),
            index: false,
            locs,
        }];
    }
    let mut out: Vec<File> = locs
        .chunks(limit.max(1))
        .enumerate()
        .map(|(i, chunk)| File {
            path: format!("sitemap-{}.xml", i + 1),
            index: false,
            locs: chunk.to_vec(),
        })
        .collect();
    let index = File {
        path: "sitemap.xml".into(),
        index: true,
        locs: out.iter().map(|f| absolute(&f.path)).collect(),
    };
    out.push(index);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(n: usize) -> BTreeSet<String> {
        (0..n).map(|i| format!("https://x.org/p{i}/")).collect()
    }

    fn abs(path: &str) -> String {
        format!("https://x.org/{path}")
    }

    #[test]
    fn a_site_within_the_limit_keeps_one_sitemap() {
        let f = files(locs(3), 3, abs);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].path.as_str(), f[0].index), ("sitemap.xml", false));
        assert_eq!(f[0].locs.len(), 3);
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_files_within_it() {
        let f = files(locs(7), 3, abs);
        let shape: Vec<(&str, bool, usize)> = f
            .iter()
            .map(|f| (f.path.as_str(), f.index, f.locs.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("sitemap-1.xml", false, 3),
                ("sitemap-2.xml", false, 3),
                ("sitemap-3.xml", false, 1),
                ("sitemap.xml", true, 3),
            ]
        );
        assert_eq!(f[3].locs[0], "https://x.org/sitemap-1.xml");
        // Every URL once, in order, across the files.
        let all: Vec<&String> = f[..3].iter().flat_map(|f| &f.locs).collect();
        assert_eq!(all, locs(7).iter().collect::<Vec<_>>());
    }
}
