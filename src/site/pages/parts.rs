//! What more than one page family reads: the documents sorted and rendered once, the record
//! and report cards, the site's own metadata and the metric series, plus the context every
//! page starts from. Built once per build so each family only picks and draws.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use super::super::markdown::{self, Env, Rendered, slug};
use super::super::memo::{self, Render};
use super::super::model::{PageHistory, SiteInput};
use super::super::svg::{line_chart, sparkline};
use super::super::urls::Urls;
use super::super::views::{self, DocCard, RecordRow};
use super::context::PageContext;
use crate::config::Config;
use crate::doc::Doc;
use crate::metrics::format::with_unit;

pub struct Parts<'a> {
    pub input: &'a SiteInput<'a>,
    pub urls: &'a Urls,
    /// Every document, oldest first.
    pub docs: Vec<&'a Doc>,
    pub rendered: BTreeMap<&'a str, Arc<Rendered>>,
    /// Every document's rendering with what it depended on, for the next build's memo.
    pub renders: HashMap<String, Render>,
    /// Optimization records, oldest first.
    pub record_docs: Vec<&'a Doc>,
    /// Free pages under the content folder.
    pub page_docs: Vec<&'a Doc>,
    /// Newest first.
    pub records: Vec<RecordRow>,
    /// Reports of every kind, newest first, with their cards at the same index.
    pub reports: Vec<&'a Doc>,
    pub report_cards: Vec<DocCard>,
    pub site: SiteMeta,
    /// Series views, shared by home and trends.
    pub series: Vec<SeriesView>,
    /// Each document's part of the inputs of the pages drawn from it (`Page::inputs`): its
    /// path, its text and what its rendering was made from.
    identity: HashMap<&'a str, String>,
    /// The part every such page shares: whatever they read besides their own documents.
    shared: Option<String>,
    /// The part of the pages that draw the metrics: the series as shown, the capacity
    /// projection and the open regressions; made once, by the first page that asks.
    figures: OnceLock<Option<String>>,
}

#[derive(Serialize)]
pub struct SiteMeta {
    pub title: String,
    pub description: String,
    pub base: String,
    pub absolute: String,
    pub language: String,
    pub repo_url: String,
    /// The practice's folder inside the repository, for source links.
    #[serde(skip)]
    pub repo_prefix: String,
    pub nav: Vec<NavItem>,
    /// Newest document date, the feed's `updated` (no clock time, so builds repeat).
    pub updated: String,
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub key: &'static str,
    pub title: &'static str,
    pub url: String,
}

#[derive(Serialize)]
pub struct SeriesView {
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
    changes: Vec<ChangeView>,
}

/// A change point as the trends page lists it under its chart.
#[derive(Serialize)]
struct ChangeView {
    date: String,
    change: String,
    p: String,
    regression: bool,
}

#[derive(Serialize)]
struct PointView {
    date: String,
    value: String,
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

impl<'a> Parts<'a> {
    /// `memo` holds the renderings of a previous build: one whose document and whose links'
    /// answers are unchanged is reused.
    pub fn new(
        input: &'a SiteInput<'a>,
        urls: &'a Urls,
        env: &'a Env<'a>,
        memo: &HashMap<String, Render>,
    ) -> Parts<'a> {
        let practice = input.practice;
        let config = &practice.config;
        let mut docs: Vec<&Doc> = practice.docs.iter().collect();
        docs.sort_by(|a, b| (a.date(), &a.path).cmp(&(b.date(), &b.path)));
        let pages = urls.digest();
        let renders: HashMap<String, Render> = docs
            .par_iter()
            .map(|d| (d.path.clone(), render(env, d, &pages, memo)))
            .collect();
        let rendered: BTreeMap<&str, Arc<Rendered>> = docs
            .iter()
            .map(|d| (d.path.as_str(), renders[&d.path].out.clone()))
            .collect();
        let text = |d: &Doc| {
            rendered
                .get(d.path.as_str())
                .map_or("", |r| r.text.as_str())
        };
        let is_record = |d: &Doc| config.is_record(d.kind.as_deref());
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
        let site = site_meta(config, urls, &docs, &input.repo_prefix);
        let series = input.series.iter().map(|s| series_view(urls, s)).collect();
        let identity = docs
            .par_iter()
            .map(|d| (d.path.as_str(), identity(d, &renders[&d.path])))
            .collect();
        let shared = shared_inputs(input, &site, &pages);
        Parts {
            input,
            urls,
            docs,
            rendered,
            renders,
            record_docs,
            page_docs,
            records,
            reports,
            report_cards,
            site,
            series,
            identity,
            shared,
            figures: OnceLock::new(),
        }
    }

    /// The inputs of a page of `family` drawn from document `d` (and from the documents
    /// `others`, e.g. its neighbours, `None` where there is none): what `Page::inputs` tells.
    /// Sound only for a page whose context reads nothing but these documents, their history
    /// and what `shared_inputs` covers; a debug build checks every page kept by them.
    pub fn inputs(&self, family: &str, d: &Doc, others: &[Option<&Doc>]) -> Option<String> {
        let shared = self.shared.as_deref()?;
        let history = serde_json::to_vec(&self.input.history.get(&d.path)).ok()?;
        let mut parts: Vec<&[u8]> = vec![
            family.as_bytes(),
            shared.as_bytes(),
            self.identity.get(d.path.as_str())?.as_bytes(),
            &history,
        ];
        for other in others {
            parts.push(match other {
                Some(o) => self.identity.get(o.path.as_str())?.as_bytes(),
                None => b"-",
            });
        }
        Some(super::super::digest::parts(&parts))
    }

    /// The inputs of a page of `family` drawn from many documents (a list, a tag, the
    /// learnings): `extra` (what else sets it apart, a tag's name) and the identity of every
    /// document in `docs`, in order. Sound only for a page whose context reads nothing but
    /// what these documents render to, what `shared_inputs` covers, and, with `figures`,
    /// the metrics; a debug build checks every page kept by them.
    pub fn listing(
        &self,
        family: &str,
        extra: &[&[u8]],
        docs: &[&Doc],
        figures: bool,
    ) -> Option<String> {
        let shared = self.shared.as_deref()?;
        let figures = if figures {
            self.figures
                .get_or_init(|| {
                    let series = serde_json::to_vec(&self.series).ok()?;
                    let capacity = serde_json::to_vec(&self.input.capacity).ok()?;
                    let open = serde_json::to_vec(&self.input.open_regressions).ok()?;
                    Some(super::super::digest::parts(&[series, capacity, open]))
                })
                .as_deref()?
        } else {
            "-"
        };
        let mut parts: Vec<&[u8]> = vec![
            b"listing",
            family.as_bytes(),
            shared.as_bytes(),
            figures.as_bytes(),
        ];
        parts.push(&[]);
        parts.extend(extra);
        parts.push(&[]);
        for d in docs {
            parts.push(self.identity.get(d.path.as_str())?.as_bytes());
        }
        Some(super::super::digest::parts(&parts))
    }

    pub fn config(&self) -> &'a Config {
        &self.input.practice.config
    }

    /// A document's text, without markup.
    pub fn text(&self, d: &Doc) -> &str {
        self.rendered
            .get(d.path.as_str())
            .map_or("", |r| r.text.as_str())
    }

    /// A document's HTML.
    pub fn html(&self, d: &Doc) -> &str {
        &self.rendered[d.path.as_str()].html
    }

    pub fn card(&self, d: &Doc) -> DocCard {
        views::card(self.config(), self.urls, d, self.text(d))
    }

    /// Every document's card by path: the ones the record rows and report cards hold, made
    /// once, and the rest made now.
    pub fn cards(&self) -> HashMap<&str, Cow<'_, DocCard>> {
        let mut cards: HashMap<&str, Cow<DocCard>> = self
            .records
            .iter()
            .map(|r| (r.doc.path.as_str(), Cow::Borrowed(&r.doc)))
            .chain(
                self.report_cards
                    .iter()
                    .map(|c| (c.path.as_str(), Cow::Borrowed(c))),
            )
            .collect();
        for d in &self.docs {
            if !cards.contains_key(d.path.as_str()) {
                cards.insert(d.path.as_str(), Cow::Owned(self.card(d)));
            }
        }
        cards
    }

    /// What every page's context starts with.
    pub fn base_ctx(&self, section: &str, title: &str, url: &str) -> PageContext {
        let mut c = PageContext::new();
        c.insert("site", &self.site);
        c.insert("section", section);
        c.insert("title", title);
        c.insert("url", url);
        c
    }

    /// A document's git history and the link to its source, as its page shows them.
    pub fn insert_history(&self, c: &mut PageContext, d: &Doc) {
        let repo = self.site.repo_url.as_str();
        let h: Option<&PageHistory> = self.input.history.get(&d.path);
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
        c.insert("source_url", &self.site.source_url(&d.path));
    }
}

impl SiteMeta {
    fn source_url(&self, path: &str) -> String {
        crate::location::source_url(&self.repo_url, &self.repo_prefix, path)
    }

    /// The same with `f` applied to every text, for pages that are not HTML.
    pub fn cleaned(&self, f: impl Fn(&str) -> String) -> SiteMeta {
        SiteMeta {
            title: f(&self.title),
            description: f(&self.description),
            base: f(&self.base),
            absolute: f(&self.absolute),
            language: f(&self.language),
            repo_url: f(&self.repo_url),
            repo_prefix: self.repo_prefix.clone(),
            nav: self
                .nav
                .iter()
                .map(|n| NavItem {
                    url: f(&n.url),
                    ..n.clone()
                })
                .collect(),
            updated: f(&self.updated),
        }
    }
}

/// A document's Markdown as HTML: the memo's when its key and every answer its links got
/// are unchanged, else rendered now, noting which files its links asked about.
fn render(env: &Env, d: &Doc, pages: &str, memo: &HashMap<String, Render>) -> Render {
    let key = memo::render_key(&d.path, d.body(), &env.urls.base, env.allow_html, pages);
    if let Some(old) = memo.get(&d.path)
        && old.key == key
        && old.files.iter().all(|(p, was)| (env.is_file)(p) == *was)
    {
        return old.clone();
    }
    let asked = Mutex::new(Vec::new());
    let is_file = |p: &str| {
        let yes = (env.is_file)(p);
        if let Ok(mut asked) = asked.lock() {
            asked.push((p.to_string(), yes));
        }
        yes
    };
    let local = Env {
        urls: env.urls,
        is_file: &is_file,
        allow_html: env.allow_html,
    };
    let mut out = markdown::render(&local, &d.path, d.body());
    out.lessons = d
        .section_text(markdown::LESSONS)
        .map(|section| markdown::list_items(&local, &d.path, section));
    Render {
        key,
        files: asked.into_inner().unwrap_or_default(),
        out: Arc::new(out),
    }
}

/// A document's part of its pages' inputs: its path and text (front matter and body), and its
/// rendering's key with the answers its links got, which together make the rendering.
fn identity(d: &Doc, r: &Render) -> String {
    let mut parts: Vec<&[u8]> = vec![d.path.as_bytes(), d.text.as_bytes(), r.key.as_bytes()];
    for (path, was) in &r.files {
        parts.push(path.as_bytes());
        parts.push(if *was { b"file" } else { b"none" });
    }
    super::super::digest::parts(&parts)
}

/// What every page keyed by its inputs reads besides its own documents: the site's metadata
/// (title, navigation, newest date), the source folder, the configuration, every page's
/// path (`Urls::digest`, base URL included), the baseline's versions and the change points.
/// `None` when one cannot be written down, and then every page makes its context.
fn shared_inputs(input: &SiteInput, site: &SiteMeta, pages: &str) -> Option<String> {
    let site = serde_json::to_vec(site).ok()?;
    let versions = serde_json::to_vec(&input.baseline_versions).ok()?;
    let changes = serde_json::to_vec(&input.changes).ok()?;
    let config = super::super::digest::config(&input.practice.config);
    Some(super::super::digest::parts(&[
        "shared inputs".as_bytes(),
        &site,
        input.repo_prefix.as_bytes(),
        config.as_bytes(),
        pages.as_bytes(),
        &versions,
        &changes,
    ]))
}

fn site_meta(config: &Config, urls: &Urls, docs: &[&Doc], repo_prefix: &str) -> SiteMeta {
    SiteMeta {
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
        repo_prefix: repo_prefix.to_string(),
        nav: [
            ("home", "Status", ""),
            ("optimizations", "Optimizations", "optimizations/"),
            ("reports", "Reports", "reports/"),
            ("trends", "Trends", "trends/"),
            ("learnings", "Learnings", "learnings/"),
            ("tracking", "Tracking", "tracking/"),
            ("roadmap", "Roadmap", "roadmap/"),
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
    }
}

fn series_view(urls: &Urls, s: &super::super::model::Series) -> SeriesView {
    let with_unit = |v: f64| with_unit(v, &s.unit);
    let point_views = |points: &[super::super::model::Point]| {
        points
            .iter()
            .map(|p| PointView {
                date: p.date.to_string(),
                value: with_unit(p.value),
            })
            .collect()
    };
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
        regressions: point_views(&s.regressions),
        promotions: point_views(&s.promotions),
        changes: s
            .changes
            .iter()
            .map(|c| {
                let (change, p) = c.shown();
                ChangeView {
                    date: c.date.to_string(),
                    change,
                    p,
                    regression: c.regression,
                }
            })
            .collect(),
    }
}

pub fn commit_url(repo: &str, commit: &str) -> String {
    if repo.is_empty() {
        String::new()
    } else {
        format!("{}/commit/{commit}", repo.trim_end_matches('/'))
    }
}
