//! Every page of the site, as a template name and its context: home, optimizations and one
//! page per record, reports by kind and as a timeline, trends, learnings, tags, free pages,
//! search, 404, feed and sitemap. Sorted and keyed so that two builds give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::markdown::{self, Env, Rendered, slug};
use super::model::{BaselineVersionView, PageHistory, SiteInput};
use super::svg::{line_chart, sparkline, with_unit};
use super::urls::{Urls, output_file};
use super::views::{self, DocCard, RecordRow, TagLink};
use crate::doc::Doc;

/// One page to render: output path (relative to the site root), template and context.
pub struct Page {
    pub url: String,
    pub template: &'static str,
    pub context: Context,
    /// Whether it belongs in the sitemap.
    pub listed: bool,
}

/// Search index entry.
#[derive(Debug, Serialize)]
pub struct SearchEntry {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub date: String,
    pub excerpt: String,
    pub text: String,
}

pub struct Planned {
    pub pages: Vec<Page>,
    pub search: Vec<SearchEntry>,
    pub assets: BTreeSet<String>,
}

#[derive(Serialize)]
struct SiteMeta {
    title: String,
    description: String,
    base: String,
    absolute: String,
    language: String,
    repo_url: String,
    #[serde(skip)]
    repo_prefix: String,
    nav: Vec<NavItem>,
    /// Newest document date, the feed's `updated` (no clock time, so builds repeat).
    updated: String,
}

impl SiteMeta {
    fn source_url(&self, path: &str) -> String {
        crate::location::source_url(&self.repo_url, &self.repo_prefix, path)
    }
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    title: &'static str,
    url: String,
}

#[derive(Serialize)]
struct SeriesView {
    key: String,
    name: String,
    unit: String,
    latest: String,
    latest_date: String,
    baseline: String,
    chart: String,
    spark: String,
    url: String,
    regressions: Vec<PointView>,
    promotions: Vec<PointView>,
}

#[derive(Serialize)]
struct PointView {
    date: String,
    value: String,
}

#[derive(Serialize)]
struct BaselineRow {
    name: String,
    before: String,
    after: String,
}

/// A version of the baseline file, as a record page names it.
#[derive(Serialize)]
struct VersionLink {
    short: String,
    /// The commit on the forge, when the practice names its repository.
    url: String,
    date: String,
    promoted: bool,
}

#[derive(Serialize)]
struct LearningGroup {
    tag: String,
    id: String,
    items: Vec<Learning>,
}

#[derive(Serialize, Clone)]
struct Learning {
    html: String,
    record_title: String,
    record_url: String,
}

#[derive(Serialize)]
struct KindGroup {
    kind: String,
    title: String,
    id: String,
    docs: Vec<DocCard>,
}

#[derive(Serialize)]
struct MonthGroup {
    month: String,
    docs: Vec<DocCard>,
}

#[derive(Serialize)]
struct TagCount {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct RevisionLink {
    commit: String,
    short: String,
    date: String,
    author: String,
    summary: String,
    url: String,
}

pub fn plan(input: &SiteInput, urls: &Urls) -> Planned {
    let practice = input.practice;
    let config = &practice.config;
    let root = crate::location::Root::new(&practice.root);
    let is_file = move |rel: &str| root.asset(rel).is_ok();
    let env = Env {
        urls,
        is_file: &is_file,
        allow_html: config.allow_html,
    };
    let mut docs: Vec<&Doc> = practice.docs.iter().collect();
    docs.sort_by(|a, b| (a.date(), &a.path).cmp(&(b.date(), &b.path)));
    let rendered: BTreeMap<&str, Rendered> = docs
        .par_iter()
        .map(|d| (d.path.as_str(), markdown::render(&env, &d.path, d.body())))
        .collect();
    let text = |d: &Doc| {
        rendered
            .get(d.path.as_str())
            .map_or("", |r| r.text.as_str())
    };
    let mut assets = BTreeSet::new();
    for r in rendered.values() {
        assets.extend(r.assets.iter().cloned());
    }

    let is_record = |d: &Doc| d.kind.as_deref() == Some("optimization");
    let content_prefix = format!("{}/", config.folders.content);
    let is_page = |d: &Doc| d.path.starts_with(&content_prefix);
    let is_report = |d: &Doc| d.kind.is_some() && !is_record(d) && !is_page(d);
    let record_docs: Vec<&Doc> = docs.iter().copied().filter(|d| is_record(d)).collect();
    let page_docs: Vec<&Doc> = docs.iter().copied().filter(|d| is_page(d)).collect();

    let records: Vec<RecordRow> = record_docs
        .iter()
        .rev()
        .map(|d| views::record(config, urls, d, text(d)))
        .collect();
    let reports: Vec<&Doc> = docs
        .iter()
        .copied()
        .filter(|d| is_report(d))
        .rev()
        .collect();
    let report_cards: Vec<DocCard> = reports
        .iter()
        .map(|d| views::card(config, urls, d, text(d)))
        .collect();

    let site = SiteMeta {
        title: if config.book.title.is_empty() {
            "Performance practice".into()
        } else {
            config.book.title.clone()
        },
        description: config.book.description.clone(),
        base: urls.base.clone(),
        absolute: urls.absolute.clone(),
        language: config.book.language.clone(),
        repo_url: config.git_repository_url.clone().unwrap_or_default(),
        repo_prefix: input.repo_prefix.clone(),
        nav: [
            ("home", "Status", ""),
            ("optimizations", "Optimizations", "optimizations/"),
            ("reports", "Reports", "reports/"),
            ("trends", "Trends", "trends/"),
            ("learnings", "Learnings", "learnings/"),
            ("tags", "Tags", "tags/"),
        ]
        .into_iter()
        .chain(
            docs.iter()
                .any(|d| urls.page(&d.path) == Some("pages/"))
                .then_some(("about", "About", "pages/")),
        )
        .map(|(key, title, rel)| NavItem {
            key,
            title,
            url: urls.href(rel),
        })
        .collect(),
        updated: docs
            .iter()
            .filter_map(|d| d.date())
            .max()
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
    };
    let base_ctx = |section: &str, title: &str, url: &str| {
        let mut c = Context::new();
        c.insert("site", &site);
        c.insert("section", section);
        c.insert("title", title);
        c.insert("url", url);
        c
    };
    let mut pages = Vec::new();

    // Series views, shared by home and trends.
    let series: Vec<SeriesView> = input
        .series
        .iter()
        .map(|s| {
            let with_unit = |v: f64| with_unit(v, &s.unit);
            let last = s.points.last();
            SeriesView {
                key: s.key.clone(),
                name: s.name.clone(),
                unit: s.unit.clone(),
                latest: last.map(|p| with_unit(p.value)).unwrap_or_default(),
                latest_date: last.map(|p| p.date.to_string()).unwrap_or_default(),
                baseline: last
                    .and_then(|p| s.baseline_on(p.date))
                    .map(with_unit)
                    .unwrap_or_default(),
                chart: line_chart(s),
                spark: sparkline(&s.points.iter().map(|p| p.value).collect::<Vec<_>>()),
                url: urls.href(&format!("trends/#{}", slug(&s.key))),
                regressions: s
                    .regressions
                    .iter()
                    .map(|p| PointView {
                        date: p.date.to_string(),
                        value: with_unit(p.value),
                    })
                    .collect(),
                promotions: s
                    .promotions
                    .iter()
                    .map(|p| PointView {
                        date: p.date.to_string(),
                        value: with_unit(p.value),
                    })
                    .collect(),
            }
        })
        .collect();

    // Home.
    {
        let latest_daily = reports
            .iter()
            .find(|d| d.kind.as_deref() == Some("daily"))
            .or(reports.first());
        let mut c = base_ctx("home", &site.title, &urls.href(""));
        c.insert(
            "latest",
            &latest_daily.map(|d| views::card(config, urls, d, text(d))),
        );
        c.insert(
            "latest_figures",
            &latest_daily
                .map(|d| views::figures(config, d, "metrics"))
                .unwrap_or_default(),
        );
        c.insert("open_regressions", &input.open_regressions);
        c.insert("recent", &report_cards.iter().take(8).collect::<Vec<_>>());
        let mut wins: Vec<&RecordRow> = records.iter().filter(|r| r.best_value.is_some()).collect();
        wins.sort_by(|a, b| {
            b.best_value
                .partial_cmp(&a.best_value)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.doc.path.cmp(&b.doc.path))
        });
        wins.truncate(5);
        c.insert("wins", &wins);
        c.insert("series", &series);
        c.insert("capacity", &input.capacity);
        pages.push(Page {
            url: String::new(),
            template: "home.html",
            context: c,
            listed: true,
        });
    }

    // Optimizations and one page per record.
    {
        let mut c = base_ctx(
            "optimizations",
            "Optimizations",
            &urls.href("optimizations/"),
        );
        c.insert("records", &records);
        pages.push(Page {
            url: "optimizations/".into(),
            template: "optimizations.html",
            context: c,
            listed: true,
        });
        for d in &record_docs {
            let row = views::record(config, urls, d, text(d));
            let mut c = base_ctx("optimizations", &row.doc.title, &row.doc.url);
            // The baseline before and after the record: which versions, and the record's
            // metrics in each.
            let (before, after) = d
                .date()
                .map_or((None, None), |date| input.baseline_around(date));
            let baseline: Vec<BaselineRow> = row
                .metrics
                .iter()
                .filter_map(|m| {
                    let value = |v: Option<&BaselineVersionView>| {
                        v.and_then(|v| v.figures.get(&m.key)).copied()
                    };
                    let (b, a) = (value(before), value(after));
                    (b.is_some() || a.is_some()).then(|| BaselineRow {
                        name: m.name.clone(),
                        before: b.map_or_else(|| "—".into(), |v| with_unit(v, &m.unit)),
                        after: a.map_or_else(|| "—".into(), |v| with_unit(v, &m.unit)),
                    })
                })
                .collect();
            let version = |v: Option<&BaselineVersionView>| {
                v.map(|v| VersionLink {
                    short: v.commit.chars().take(7).collect(),
                    url: commit_url(&site.repo_url, &v.commit),
                    date: v.date.to_string(),
                    promoted: v.promoted,
                })
            };
            c.insert("baseline_before", &version(before));
            c.insert("baseline_after", &version(after));
            c.insert("baseline_file", &config.folders.baseline);
            c.insert("record", &row);
            c.insert("content", &rendered[d.path.as_str()].html);
            c.insert("baseline", &baseline);
            insert_history(&mut c, input.history.get(&d.path), site.repo_url.as_str());
            c.insert("source_url", &site.source_url(&d.path));
            pages.push(Page {
                url: urls.page(&d.path).unwrap_or_default().to_string(),
                template: "record.html",
                context: c,
                listed: true,
            });
        }
    }

    // Reports by kind, as a timeline, and each report with its neighbours of the same kind.
    {
        let mut by_kind = Vec::new();
        for k in &config.kinds {
            let docs: Vec<DocCard> = report_cards
                .iter()
                .filter(|c| c.kind == k.name)
                .cloned()
                .collect();
            if !docs.is_empty() {
                by_kind.push(KindGroup {
                    kind: k.name.clone(),
                    title: k.title.clone(),
                    id: slug(&k.name),
                    docs,
                });
            }
        }
        let mut timeline: Vec<MonthGroup> = Vec::new();
        for card in &report_cards {
            let month = card.date.get(..7).unwrap_or("undated").to_string();
            match timeline.last_mut() {
                Some(g) if g.month == month => g.docs.push(card.clone()),
                _ => timeline.push(MonthGroup {
                    month,
                    docs: vec![card.clone()],
                }),
            }
        }
        let mut c = base_ctx("reports", "Reports", &urls.href("reports/"));
        c.insert("by_kind", &by_kind);
        c.insert("timeline", &timeline);
        pages.push(Page {
            url: "reports/".into(),
            template: "reports.html",
            context: c,
            listed: true,
        });
        // `reports` is newest first: the next report is the one before in the list.
        let mut of_kind: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
        for (i, d) in reports.iter().enumerate() {
            of_kind.entry(d.kind.as_deref()).or_default().push(i);
        }
        for (i, d) in reports.iter().enumerate() {
            let card = &report_cards[i];
            let same = &of_kind[&d.kind.as_deref()];
            let at = same.binary_search(&i).unwrap_or(0);
            let newer = at
                .checked_sub(1)
                .and_then(|k| same.get(k))
                .map(|&j| &report_cards[j]);
            let older = same.get(at + 1).map(|&j| &report_cards[j]);
            let mut c = base_ctx("reports", &card.title, &card.url);
            c.insert("doc", card);
            c.insert("content", &rendered[d.path.as_str()].html);
            c.insert("figures", &views::figures(config, d, "metrics"));
            c.insert("baseline_figures", &views::figures(config, d, "baseline"));
            c.insert("previous", &older);
            c.insert("next", &newer);
            insert_history(&mut c, input.history.get(&d.path), site.repo_url.as_str());
            c.insert("source_url", &site.source_url(&d.path));
            pages.push(Page {
                url: urls.page(&d.path).unwrap_or_default().to_string(),
                template: "report.html",
                context: c,
                listed: true,
            });
        }
    }

    // Trends.
    {
        let mut c = base_ctx("trends", "Trends", &urls.href("trends/"));
        c.insert("series", &series);
        c.insert("capacity", &input.capacity);
        c.insert("open_regressions", &input.open_regressions);
        pages.push(Page {
            url: "trends/".into(),
            template: "trends.html",
            context: c,
            listed: true,
        });
    }

    // Learnings, grouped by tag.
    {
        let mut groups: BTreeMap<String, Vec<Learning>> = BTreeMap::new();
        for d in record_docs.iter().rev() {
            let Some(section) = d.section_text("Lessons Learned") else {
                continue;
            };
            let items = markdown::list_items(&env, &d.path, section);
            let mut tags = d.tags();
            tags.retain(|t| !t.trim().is_empty());
            if tags.is_empty() {
                tags.push("untagged".into());
            }
            for tag in tags {
                groups
                    .entry(tag)
                    .or_default()
                    .extend(items.iter().map(|html| Learning {
                        html: html.clone(),
                        record_title: d.title(),
                        record_url: urls.doc_href(&d.path),
                    }));
            }
        }
        let groups: Vec<LearningGroup> = groups
            .into_iter()
            .map(|(tag, items)| LearningGroup {
                id: slug(&tag),
                tag,
                items,
            })
            .collect();
        let mut c = base_ctx("learnings", "Learnings", &urls.href("learnings/"));
        c.insert("groups", &groups);
        pages.push(Page {
            url: "learnings/".into(),
            template: "learnings.html",
            context: c,
            listed: true,
        });
    }

    // Tags.
    {
        let mut tagged: BTreeMap<String, (String, Vec<DocCard>)> = BTreeMap::new();
        for d in docs.iter().rev() {
            for t in d.tags().into_iter().filter(|t| !t.trim().is_empty()) {
                tagged
                    .entry(slug(&t))
                    .or_insert_with(|| (t.clone(), Vec::new()))
                    .1
                    .push(views::card(config, urls, d, text(d)));
            }
        }
        let counts: Vec<TagCount> = tagged
            .iter()
            .map(|(s, (name, docs))| TagCount {
                name: name.clone(),
                url: urls.href(&format!("tags/{s}/")),
                count: docs.len(),
            })
            .collect();
        let mut c = base_ctx("tags", "Tags", &urls.href("tags/"));
        c.insert("tags", &counts);
        pages.push(Page {
            url: "tags/".into(),
            template: "tags.html",
            context: c,
            listed: true,
        });
        for (s, (name, docs)) in tagged {
            let url = format!("tags/{s}/");
            let mut c = base_ctx("tags", &format!("Tagged “{name}”"), &urls.href(&url));
            c.insert(
                "tag",
                &TagLink {
                    name: name.clone(),
                    url: urls.href(&url),
                },
            );
            c.insert("docs", &docs);
            pages.push(Page {
                url,
                template: "tag.html",
                context: c,
                listed: true,
            });
        }
    }

    // Free pages from content/.
    for d in &page_docs {
        if urls.page(&d.path).is_none() {
            continue;
        }
        let card = views::card(config, urls, d, text(d));
        let mut c = base_ctx("about", &card.title, &card.url);
        c.insert("doc", &card);
        c.insert("content", &rendered[d.path.as_str()].html);
        insert_history(&mut c, input.history.get(&d.path), site.repo_url.as_str());
        c.insert("source_url", &site.source_url(&d.path));
        pages.push(Page {
            url: urls.page(&d.path).unwrap_or_default().to_string(),
            template: "page.html",
            context: c,
            listed: true,
        });
    }

    // Search, 404, feed, sitemap.
    pages.push(Page {
        url: "search/".into(),
        template: "search.html",
        context: base_ctx("search", "Search", &urls.href("search/")),
        listed: false,
    });
    pages.push(Page {
        url: "404.html".into(),
        template: "404.html",
        context: base_ctx("404", "Page not found", &urls.href("404.html")),
        listed: false,
    });
    {
        let mut entries: Vec<&DocCard> = report_cards.iter().collect();
        let record_cards: Vec<&DocCard> = records.iter().map(|r| &r.doc).collect();
        entries.extend(record_cards);
        entries.sort_by(|a, b| (&b.date, &b.path).cmp(&(&a.date, &a.path)));
        entries.truncate(50);
        let feed_entries: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "title": e.title,
                    "link": format!("{}{}", urls.absolute, e.url.strip_prefix(&urls.base).unwrap_or(&e.url)),
                    "updated": if e.date.is_empty() { site.updated.clone() } else { format!("{}T00:00:00Z", e.date) },
                    "author": e.owner,
                    "summary": e.excerpt,
                    "kind": e.kind_title,
                })
            })
            .collect();
        let mut c = base_ctx("feed", &site.title, &urls.href("feed.xml"));
        c.insert("entries", &feed_entries);
        pages.push(Page {
            url: "feed.xml".into(),
            template: "feed.xml",
            context: c,
            listed: false,
        });
    }
    let locs: Vec<String> = pages
        .iter()
        .filter(|p| p.listed)
        .map(|p| urls.absolute(&p.url))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut c = base_ctx("sitemap", "sitemap", &urls.href("sitemap.xml"));
    c.insert("locs", &locs);
    pages.push(Page {
        url: "sitemap.xml".into(),
        template: "sitemap.xml",
        context: c,
        listed: false,
    });

    let search = docs
        .iter()
        .filter(|d| urls.page(&d.path).is_some())
        .map(|d| {
            let t = text(d);
            SearchEntry {
                title: d.title(),
                url: urls.doc_href(&d.path),
                kind: d
                    .kind
                    .as_deref()
                    .and_then(|k| config.kind(k))
                    .map_or_else(|| "Page".into(), |k| k.title.clone()),
                date: d.date().map(|x| x.to_string()).unwrap_or_default(),
                excerpt: views::excerpt_of(t, 180),
                // Enough to find a page by what it says without making the index too large to
                // download: the start of each document is where its subject is named.
                text: views::excerpt_of(t, 1500),
            }
        })
        .collect();

    Planned {
        pages,
        search,
        assets,
    }
}

fn commit_url(repo: &str, commit: &str) -> String {
    if repo.is_empty() {
        String::new()
    } else {
        format!("{}/commit/{commit}", repo.trim_end_matches('/'))
    }
}

fn insert_history(c: &mut Context, h: Option<&PageHistory>, repo: &str) {
    c.insert("history", &h);
    let revisions: Vec<RevisionLink> = h
        .map(|h| {
            h.commits
                .iter()
                .map(|r| RevisionLink {
                    short: r.commit.chars().take(7).collect(),
                    url: commit_url(repo, &r.commit),
                    commit: r.commit.clone(),
                    date: r.date.clone(),
                    author: r.author.clone(),
                    summary: r.summary.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    c.insert("revisions", &revisions);
}

/// The output file of a page path.
pub fn file_of(page: &Page) -> String {
    output_file(&page.url)
}
