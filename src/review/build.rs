//! From two revisions' worth of facts to a `Review`: which documents changed, what the checker
//! says about each as it is at head, their numbers, and the totals. Pure: git is read by
//! `gather`, which hands over the practice as it is at head and the list of changed files.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{
    BenchmarkChange, BrokenLink, DocRef, DocReview, FigureComparison, FigureRow, KindRow,
    MetricRow, Regression, Review, SeriesNote, Summary,
};
use crate::check;
use crate::config::{Better, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::Doc;
use crate::history::{ChangeStatus, CommitRef, FileChange};
use crate::location::{self, Target, relative_link, resolve_link};
use crate::metrics::placement;
use crate::metrics::stats::Options;
use crate::metrics::trends::{self, Series};
use crate::practice::Practice;

/// What a review is built from.
pub struct Input {
    pub base: CommitRef,
    pub head: CommitRef,
    pub base_branch: Option<String>,
    /// The practice as it is at the head revision.
    pub practice: Practice,
    /// Every file changed between base and head, relative to the practice root.
    pub changes: Vec<FileChange>,
    /// Deleted documents as they were at base (classified), so a deletion reads as what it
    /// removes: its title and kind. A deleted path missing here shows its file name.
    pub deleted: Vec<Doc>,
    /// The changed benchmark files (see `benchmark_changes`), with comparisons where they
    /// could be made.
    pub benchmarks: Vec<BenchmarkChange>,
    /// One series per figure across the dated runs at head (`changes::series_of_runs`).
    pub run_series: Vec<Series>,
}

/// The kind name free pages are counted under.
pub const PAGE_KIND: &str = "page";

/// The changed files under the benchmarks folder, without comparisons.
pub fn benchmark_changes(config: &Config, changes: &[FileChange]) -> Vec<BenchmarkChange> {
    let prefix = format!("{}/", config.folders.benchmarks);
    changes
        .iter()
        // Which of them are runs is for the run formats to say, by content.
        .filter(|c| c.path().starts_with(&prefix))
        .map(|c| BenchmarkChange {
            status: c.status,
            path: c.path().to_string(),
            old_path: c
                .old_path
                .clone()
                .filter(|_| c.status == ChangeStatus::Renamed),
            comparison: None,
            note: None,
        })
        .collect()
}

/// The page of a document on the published site, where the build puts it; `None` without a
/// site URL.
pub fn page_url(config: &Config, doc: &Doc) -> Option<String> {
    let site = config.site_url.as_deref()?;
    location::page_url(config, site, &doc.path, doc.kind.as_deref())
}

pub fn build(input: Input) -> Review {
    let practice = &input.practice;
    let config = &practice.config;
    let doc_changes: Vec<&FileChange> = input
        .changes
        .iter()
        .filter(|c| practice.is_doc_path(c.path()))
        .collect();
    let live: Vec<String> = doc_changes
        .iter()
        .filter_map(|c| c.new_path.clone())
        .collect();
    // Indexes, so a change to thousands of documents stays linear.
    let mut findings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for d in check::check(practice, Some(&live)) {
        findings.entry(d.path.clone()).or_default().push(d);
    }
    let at_head: HashMap<&str, &Doc> = practice.docs.iter().map(|d| (d.path.as_str(), d)).collect();
    let at_base: HashMap<&str, &Doc> = input.deleted.iter().map(|d| (d.path.as_str(), d)).collect();

    let mut documents: Vec<DocReview> = doc_changes
        .iter()
        .map(|change| {
            let path = change.path().to_string();
            let doc = match &change.new_path {
                Some(p) => at_head.get(p.as_str()).copied(),
                None => at_base.get(path.as_str()).copied(),
            };
            let found = findings.remove(&path).unwrap_or_default();
            let count = |s| found.iter().filter(|d| d.severity == s).count();
            let mut review = DocReview {
                status: change.status,
                old_path: change
                    .old_path
                    .clone()
                    .filter(|_| change.status == ChangeStatus::Renamed),
                kind: doc.and_then(|d| d.kind.clone()),
                title: doc.map_or_else(|| stem(&path).to_string(), Doc::title),
                date: doc.and_then(Doc::date).map(|d| d.to_string()),
                url: doc
                    .filter(|_| change.new_path.is_some())
                    .and_then(|d| page_url(config, d)),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                findings: found,
                metrics: Vec::new(),
                figures: None,
                path,
            };
            if let Some(doc) = doc.filter(|_| change.status != ChangeStatus::Deleted) {
                review.metrics = metric_rows(config, doc);
                if review.metrics.is_empty() {
                    review.figures = figures(practice, doc);
                }
            }
            review
        })
        .collect();
    documents.sort_by(|a, b| {
        let rank = |d: &DocReview| (d.errors == 0, !d.regressed(), d.warnings == 0, d.status);
        rank(a).cmp(&rank(b)).then_with(|| a.path.cmp(&b.path))
    });

    let mut regressions: Vec<Regression> = documents
        .iter()
        .flat_map(|d| {
            d.metrics
                .iter()
                .filter(|m| m.regressed())
                .map(|m| Regression {
                    path: d.path.clone(),
                    url: d.url.clone(),
                    metric: m.name.clone(),
                    unit: m.unit.clone(),
                    from: m.before.unwrap_or_default(),
                    to: m.after.unwrap_or_default(),
                    worse_pct: -m.improvement_pct.unwrap_or_default(),
                })
        })
        .collect();
    for b in &input.benchmarks {
        let Some(cmp) = &b.comparison else { continue };
        for row in cmp.rows.iter().filter(|r| r.regression) {
            regressions.push(Regression {
                path: b.path.clone(),
                url: None,
                metric: row.metric.clone(),
                unit: row.unit.clone(),
                from: row.baseline,
                to: row.current,
                worse_pct: row.change_pct.map_or(0.0, f64::abs),
            });
        }
    }
    regressions.sort_by(|a, b| {
        b.worse_pct
            .total_cmp(&a.worse_pct)
            .then_with(|| a.path.cmp(&b.path))
    });

    let broken_links = broken_links(practice, &input.changes);
    let series = series_notes(practice, &documents, &input.benchmarks, &input.run_series);
    let mut kinds: BTreeMap<String, KindRow> = BTreeMap::new();
    let mut summary = Summary {
        documents: documents.len(),
        broken_links: broken_links.len(),
        regressions: regressions.len(),
        benchmarks: input.benchmarks.len(),
        ..Summary::default()
    };
    for d in &documents {
        let name = d.kind.clone().unwrap_or_else(|| PAGE_KIND.to_string());
        let row = kinds.entry(name.clone()).or_insert_with(|| KindRow {
            kind: name,
            ..KindRow::default()
        });
        let (in_row, in_summary) = match d.status {
            ChangeStatus::Added => (&mut row.added, &mut summary.added),
            ChangeStatus::Modified => (&mut row.modified, &mut summary.modified),
            ChangeStatus::Renamed => (&mut row.renamed, &mut summary.renamed),
            ChangeStatus::Deleted => (&mut row.deleted, &mut summary.deleted),
        };
        *in_row += 1;
        *in_summary += 1;
        row.errors += d.errors;
        row.warnings += d.warnings;
        summary.errors += d.errors;
        summary.warnings += d.warnings;
    }

    Review {
        base: input.base,
        head: input.head,
        base_branch: input.base_branch,
        summary,
        kinds: kinds.into_values().collect(),
        regressions,
        broken_links,
        documents,
        benchmarks: input.benchmarks,
        series,
    }
}

/// Where each figure of the periodic reports and the runs the change adds or edits sits in its
/// series, by the change-point finder's defaults (`perfdoc changes`).
fn series_notes(
    practice: &Practice,
    documents: &[DocReview],
    benchmarks: &[BenchmarkChange],
    run_series: &[Series],
) -> Vec<SeriesNote> {
    let opts = Options::default();
    let note = |path: &str, s: &Series| {
        Some(SeriesNote {
            path: path.to_string(),
            metric: s.name.clone(),
            unit: s.unit.clone(),
            series: s.source.clone(),
            placement: Some(placement::place(s, path, &opts)?),
            samples: None,
        })
    };
    let mut by_kind: BTreeMap<&str, Vec<Series>> = BTreeMap::new();
    let mut out = Vec::new();
    for d in documents
        .iter()
        .filter(|d| d.status != ChangeStatus::Deleted)
    {
        let Some(kind) = d.kind.as_deref() else {
            continue;
        };
        if practice.config.period_of(kind).is_none() {
            continue;
        }
        let series = by_kind
            .entry(kind)
            .or_insert_with(|| trends::report_series(practice, kind));
        out.extend(series.iter().filter_map(|s| note(&d.path, s)));
    }
    for b in benchmarks
        .iter()
        .filter(|b| b.status != ChangeStatus::Deleted)
    {
        let rows = b.comparison.as_ref().map_or(&[][..], |c| &c.rows[..]);
        let mut notes: Vec<SeriesNote> =
            run_series.iter().filter_map(|s| note(&b.path, s)).collect();
        for row in rows.iter().filter(|r| r.samples.is_some()) {
            match notes.iter_mut().find(|n| n.metric == row.metric) {
                Some(n) => n.samples = row.samples,
                None => notes.push(SeriesNote {
                    path: b.path.clone(),
                    metric: row.metric.clone(),
                    unit: row.unit.clone(),
                    series: "benchmarks".to_string(),
                    placement: None,
                    samples: row.samples,
                }),
            }
        }
        out.extend(notes);
    }
    out
}

/// Links in documents the change left alone that lead to a file it deleted or renamed: the
/// checker would only find them once someone edits the linking document.
fn broken_links(practice: &Practice, changes: &[FileChange]) -> Vec<BrokenLink> {
    let touched: HashSet<&str> = changes
        .iter()
        .filter_map(|c| c.new_path.as_deref())
        .collect();
    let gone: BTreeMap<&str, Option<&str>> = changes
        .iter()
        .filter_map(|c| match c.status {
            ChangeStatus::Deleted => Some((c.old_path.as_deref()?, None)),
            ChangeStatus::Renamed => Some((c.old_path.as_deref()?, c.new_path.as_deref())),
            _ => None,
        })
        .collect();
    if gone.is_empty() {
        return Vec::new();
    }
    let mut docs: Vec<&Doc> = practice
        .docs
        .iter()
        .filter(|d| !touched.contains(&d.path.as_str()))
        .collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = Vec::new();
    for doc in docs {
        for link in &doc.outline.links {
            let Target::Local { path: target, .. } = resolve_link(&doc.path, &link.dest) else {
                continue;
            };
            let Some(renamed) = gone.get(target.as_str()) else {
                continue;
            };
            let anchor = link.dest.find('#').map_or("", |i| &link.dest[i..]);
            out.push(BrokenLink {
                path: doc.path.clone(),
                url: page_url(&practice.config, doc),
                line: doc.locate(link.span.clone()).line,
                dest: link.dest.clone(),
                renamed_to: renamed.map(|to| format!("{}{anchor}", relative_link(&doc.path, to))),
                target,
            });
        }
    }
    out
}

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn metric_rows(config: &Config, doc: &Doc) -> Vec<MetricRow> {
    doc.metrics(config)
        .into_iter()
        .map(|m| MetricRow {
            improvement_pct: m.improvement_pct(),
            key: m.key,
            name: m.name,
            unit: m.unit,
            before: m.before,
            after: m.after,
        })
        .collect()
}

/// A report's figures against the report of the same kind dated just before it.
fn figures(practice: &Practice, doc: &Doc) -> Option<FigureComparison> {
    let current = doc.figures("metrics");
    if current.is_empty() {
        return None;
    }
    let config = &practice.config;
    let previous = match (doc.kind.as_deref(), doc.date()) {
        (Some(kind), Some(date)) => practice
            .of_kind(kind)
            .filter(|d| d.path != doc.path)
            .filter_map(|d| Some((d.date()?, d)))
            .filter(|(d, _)| *d < date)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)))
            .map(|(_, d)| d),
        _ => None,
    };
    let before = previous.map(|p| p.figures("metrics")).unwrap_or_default();
    let rows = current
        .into_iter()
        .map(|f| {
            let catalog = config.metrics.get(&f.key);
            let prev = before.iter().find(|b| b.key == f.key).map(|b| b.value);
            let change_pct = prev
                .filter(|p| *p != 0.0)
                .and_then(|p| crate::metrics::format::change_pct(p, f.value));
            let better = match (prev, catalog) {
                (Some(p), Some(c)) if p != f.value => Some(match c.better {
                    Better::Lower => f.value < p,
                    Better::Higher => f.value > p,
                }),
                _ => None,
            };
            FigureRow {
                name: catalog.map_or_else(|| f.key.clone(), |c| c.name.clone()),
                unit: catalog.map(|c| c.unit.clone()).unwrap_or_default(),
                key: f.key,
                previous: prev,
                current: f.value,
                change_pct,
                better,
            }
        })
        .collect();
    Some(FigureComparison {
        previous: previous.map(|p| DocRef {
            path: p.path.clone(),
            title: p.title(),
            url: page_url(config, p),
        }),
        rows,
    })
}
