//! A review as GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`:
//! totals and a table per kind first, then what needs attention (errors, regressions), then
//! one collapsed section per document, then the benchmark files. Kept under GitHub's comment
//! size limit: past the budget, the remaining documents are named by count only.

use std::fmt::Write;

use super::model::{
    BenchmarkChange, BenchmarkComparison, BenchmarkRow, DocReview, FigureComparison, MetricRow,
    Review, SeriesNote,
};
use crate::diagnostic::Severity;
use crate::history::ChangeStatus;
use crate::markup::{markdown_href as href, markdown_text as text};
use crate::metrics::noise::Verdict;
use crate::metrics::placement::Placement;

/// GitHub refuses comments over 65 536 characters; leave room for the totals and the footer.
pub const BUDGET: usize = 60_000;
/// Lines of "needs attention" before the rest are counted rather than listed.
const ATTENTION_LINES: usize = 30;
/// Above this many documents the per-document sections are themselves folded away.
const FOLD_ALL_ABOVE: usize = 25;
/// Lines of "Against the series" shown, notable ones first; the JSON has them all.
const SERIES_LINES: usize = 40;

pub fn render(review: &Review) -> String {
    render_within(review, BUDGET)
}

pub fn render_within(review: &Review, budget: usize) -> String {
    let mut out = String::new();
    let s = &review.summary;
    out.push_str("## perfdoc review\n\n");
    let base_note = review
        .base_branch
        .as_ref()
        .map(|b| format!(" (merge base with {})", code(b)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Base `{}`{base_note} → head `{}` {}\n",
        review.base.short,
        review.head.short,
        text(&review.head.summary)
    );
    if s.documents == 0 && s.benchmarks == 0 {
        out.push_str("No documents or benchmark files changed.\n");
        return out;
    }
    let mut totals = vec![format!("**{}** changed", plural(s.documents, "document"))];
    let parts: Vec<String> = [
        (s.added, "added"),
        (s.modified, "modified"),
        (s.renamed, "renamed"),
        (s.deleted, "deleted"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if !parts.is_empty() {
        totals[0].push_str(&format!(" ({})", parts.join(", ")));
    }
    if s.benchmarks > 0 {
        totals.push(plural(s.benchmarks, "benchmark file"));
    }
    totals.push(format!("❌ {}", plural(s.errors, "error")));
    totals.push(format!("⚠️ {}", plural(s.warnings, "warning")));
    totals.push(format!("📉 {}", plural(s.regressions, "regression")));
    if s.broken_links > 0 {
        totals.push(format!("🔗 {}", plural(s.broken_links, "broken link")));
    }
    let _ = writeln!(out, "{}\n", totals.join(" · "));

    if !review.kinds.is_empty() {
        out.push_str("| Kind | Added | Modified | Renamed | Deleted | Errors | Warnings |\n");
        out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
        for k in &review.kinds {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                text(&k.kind),
                k.added,
                k.modified,
                k.renamed,
                k.deleted,
                k.errors,
                k.warnings
            );
        }
        out.push('\n');
    }

    attention(review, &mut out);

    if !review.documents.is_empty() {
        out.push_str("### Documents\n\n");
        let fold_all = review.documents.len() > FOLD_ALL_ABOVE;
        if fold_all {
            let _ = writeln!(
                out,
                "<details><summary>All {}</summary>\n",
                plural(review.documents.len(), "document")
            );
        }
        let footer = tail(review);
        for (i, d) in review.documents.iter().enumerate() {
            let section = document(d);
            if out.len() + section.len() + footer.len() > budget {
                let left = review.documents.len() - i;
                let _ = writeln!(
                    out,
                    "… and {} more not shown here (too long for one comment): run `perfdoc review` locally, or `perfdoc review --format json`.\n",
                    plural(left, "document")
                );
                break;
            }
            out.push_str(&section);
        }
        if fold_all {
            out.push_str("</details>\n\n");
        }
    }
    out.push_str(&tail(review));
    out
}

/// What follows the documents: the benchmark files, then where the new figures sit in their
/// series.
fn tail(review: &Review) -> String {
    let mut out = benchmarks(&review.benchmarks);
    out.push_str(&series(&review.series));
    out
}

/// One line per figure of a new report or run: a change point, beyond or within the noise;
/// the ones within the noise folded away.
fn series(notes: &[SeriesNote]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let notable = |n: &SeriesNote| {
        !matches!(
            n.placement,
            None | Some(Placement::WithinNoise { .. } | Placement::TooFew { .. })
        ) || n.samples.is_some_and(|v| v.is_regression())
    };
    let line = |n: &SeriesNote| {
        let mut words = match &n.placement {
            Some(p) => placement(p, &n.unit),
            None => "in no dated series".to_string(),
        };
        if let Some(v) = &n.samples {
            let _ = write!(
                words,
                "; its samples against the baseline's: {}",
                v.describe()
            );
        }
        format!(
            "- {} · {}{} ({}): {words}\n",
            code(&n.path),
            text(&n.metric),
            unit_paren(&n.unit),
            text(&n.series)
        )
    };
    let mut out = String::from("### Against the series\n\n");
    let (loud, quiet): (Vec<&SeriesNote>, Vec<&SeriesNote>) =
        notes.iter().partition(|n| notable(n));
    let mut room = SERIES_LINES;
    for n in loud.iter().take(room) {
        out.push_str(&line(n));
    }
    room = room.saturating_sub(loud.len());
    if !quiet.is_empty() && room > 0 {
        if !loud.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "<details><summary>{} within the noise or too new to tell</summary>\n",
            plural(quiet.len(), "figure")
        );
        for n in quiet.iter().take(room) {
            out.push_str(&line(n));
        }
        out.push_str("\n</details>\n");
    }
    if notes.len() > SERIES_LINES {
        let _ = writeln!(
            out,
            "\n… and {} more: `perfdoc review --format json` has every one.",
            notes.len() - SERIES_LINES
        );
    }
    out.push('\n');
    out
}

fn placement(p: &Placement, u: &str) -> String {
    let pct = |c: &Option<f64>| {
        c.map_or_else(String::new, |c| {
            format!(", {}", crate::metrics::format::change(c))
        })
    };
    let worse = |r: bool| if r { " 📉" } else { "" };
    match p {
        Placement::StartsChange {
            before,
            after,
            change_pct,
            p_value,
            regression,
        } => format!(
            "starts a change point{}: the level moves from {} to {}{}{}, p = {p_value:.1e}",
            worse(*regression),
            figure(*before),
            figure(*after),
            unit(u),
            pct(change_pct)
        ),
        Placement::BeyondNoise {
            level,
            value,
            change_pct,
            points,
            regression,
        } => format!(
            "beyond the noise of the {points} points before it{}: {} against a level of {}{}{}; a change point if the next ones stay there",
            worse(*regression),
            figure(*value),
            figure(*level),
            unit(u),
            pct(change_pct)
        ),
        Placement::WithinNoise { points } => {
            format!("within the noise of its level ({points} points)")
        }
        Placement::TooFew { before, needed } => {
            format!("too new to tell: {before} points before it, a level needs {needed}")
        }
    }
}

fn attention(review: &Review, out: &mut String) {
    let mut lines = Vec::new();
    for d in review.documents.iter().filter(|d| d.errors > 0) {
        let first = d
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .map(|f| format!(": {} line {}: {}", code(f.rule), f.line(), text(&f.message)))
            .unwrap_or_default();
        lines.push(format!(
            "- ❌ {} — {}{first}",
            link(&d.title, d.url.as_deref(), &d.path),
            plural(d.errors, "error")
        ));
    }
    for b in &review.broken_links {
        let target = match &b.url {
            Some(url) => format!("[{}]({})", code(&b.path), href(url)),
            None => code(&b.path),
        };
        let fix = match &b.renamed_to {
            Some(to) => format!("renamed by this change: link to {} instead", code(to)),
            None => "deleted by this change".to_string(),
        };
        lines.push(format!(
            "- 🔗 {target} line {} links to {}, {fix}",
            b.line,
            code(&b.dest)
        ));
    }
    for r in &review.regressions {
        let target = match &r.url {
            Some(url) => format!("[{}]({})", code(&r.path), href(url)),
            None => code(&r.path),
        };
        lines.push(format!(
            "- 📉 {target} — {}: {} → {}{}, {} worse",
            text(&r.metric),
            figure(r.from),
            figure(r.to),
            unit(&r.unit),
            crate::metrics::format::percent(r.worse_pct)
        ));
    }
    for n in &review.series {
        if let Some(p) = n.placement.filter(Placement::is_regression) {
            lines.push(format!(
                "- 📉 {} — {}: {}",
                code(&n.path),
                text(&n.metric),
                placement(&p, &n.unit)
            ));
        }
    }
    for b in &review.benchmarks {
        if let Some(note) = &b.note {
            lines.push(format!(
                "- ⚠️ {} was not compared: {}",
                code(&b.path),
                text(note)
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    out.push_str("### Needs attention\n\n");
    let total = lines.len();
    for line in lines.into_iter().take(ATTENTION_LINES) {
        out.push_str(&line);
        out.push('\n');
    }
    if total > ATTENTION_LINES {
        let _ = writeln!(out, "- … and {} more", total - ATTENTION_LINES);
    }
    out.push('\n');
}

fn icon(d: &DocReview) -> &'static str {
    if d.errors > 0 {
        "❌"
    } else if d.regressed() {
        "📉"
    } else if d.warnings > 0 {
        "⚠️"
    } else if d.status == ChangeStatus::Deleted {
        "➖"
    } else {
        "✅"
    }
}

fn document(d: &DocReview) -> String {
    let mut head = format!("{} <b>{}</b> · ", icon(d), text(&d.title));
    if let Some(kind) = &d.kind {
        head.push_str(&format!("{} · ", text(kind)));
    }
    head.push_str(d.status.as_str());
    head.push_str(&format!(" · {}", code(&d.path)));

    if d.status == ChangeStatus::Deleted {
        // Nothing of it is left to check or measure: one line is enough.
        return format!("- {head}\n\n");
    }
    let mut body = String::new();
    let mut notes = Vec::new();
    if let Some(url) = &d.url {
        notes.push(format!("[View the page]({})", href(url)));
    }
    if let Some(old) = &d.old_path {
        notes.push(format!("renamed from {}", code(old)));
    }
    if let Some(date) = &d.date {
        notes.push(format!("dated {}", text(date)));
    }
    if !notes.is_empty() {
        let _ = writeln!(body, "{}\n", notes.join(" · "));
    }
    if !d.metrics.is_empty() {
        metrics(&d.metrics, &mut body);
    }
    if let Some(f) = &d.figures {
        figures(f, &mut body);
    }
    for f in &d.findings {
        let (mark, word) = match f.severity {
            Severity::Error => ("❌", "error"),
            Severity::Warning => ("⚠️", "warning"),
        };
        let at = f
            .location
            .as_ref()
            .map(|l| format!(" line {}:{}", l.line, l.column))
            .unwrap_or_default();
        let _ = write!(
            body,
            "- {mark} **{word}** {}{at}: {}",
            code(f.rule),
            text(&f.message)
        );
        if let Some(hint) = &f.hint {
            let _ = write!(body, " — help: {}", text(hint));
        }
        body.push('\n');
    }
    if body.is_empty() {
        // Nothing to unfold: one line is enough.
        return format!("- {head}\n\n");
    }
    format!(
        "<details><summary>{head}</summary>\n\n{}\n</details>\n\n",
        body.trim_end()
    )
}

fn metrics(rows: &[MetricRow], out: &mut String) {
    out.push_str("| Metric | Before | After | Change |\n|---|---:|---:|---:|\n");
    for m in rows {
        let change = match m.improvement_pct {
            Some(p) if p > 0.0 => format!("✅ {} better", crate::metrics::format::percent(p)),
            Some(p) if p < 0.0 => format!("📉 {} worse", crate::metrics::format::percent(-p)),
            Some(_) => "unchanged".to_string(),
            None => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {change} |",
            text(&m.name),
            unit_paren(&m.unit),
            opt(m.before),
            opt(m.after)
        );
    }
    out.push('\n');
}

fn figures(f: &FigureComparison, out: &mut String) {
    match &f.previous {
        Some(p) => {
            let _ = writeln!(
                out,
                "Against the previous report, {}:\n",
                link(&p.title, p.url.as_deref(), &p.path)
            );
        }
        None => out.push_str("The first report of its kind: nothing to compare with.\n\n"),
    }
    out.push_str("| Figure | Previous | Now | Change |\n|---|---:|---:|---:|\n");
    for r in &f.rows {
        let mark = match r.better {
            Some(true) => "✅ ",
            Some(false) => "🔻 ",
            None => "",
        };
        let change = r.change_pct.map_or_else(
            || "—".to_string(),
            |p| format!("{mark}{}", crate::metrics::format::change(p)),
        );
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {change} |",
            text(&r.name),
            unit_paren(&r.unit),
            opt(r.previous),
            num(r.current)
        );
    }
    out.push('\n');
}

/// The baseline a run was judged by and the revision it was read at.
fn against(c: &BenchmarkComparison) -> String {
    format!("{} at {}", code(&c.against), code(&c.at.short))
}

fn benchmarks(changes: &[BenchmarkChange]) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("### Benchmarks\n\n| File | Change | Against the baseline |\n|---|---|---|\n");
    for b in changes {
        let status = match &b.old_path {
            Some(old) => format!("renamed from {}", code(old)),
            None => b.status.as_str().to_string(),
        };
        let verdict = match &b.comparison {
            None => match &b.note {
                Some(note) => format!("⚠️ not compared: {}", text(note)),
                None => "not compared".to_string(),
            },
            Some(c) => {
                let bad = c.rows.iter().filter(|r| r.regression).count();
                if bad == 0 {
                    format!("✅ no regression against {}", against(c))
                } else {
                    format!("📉 {} against {}", plural(bad, "regression"), against(c))
                }
            }
        };
        let _ = writeln!(out, "| {} | {status} | {verdict} |", code(&b.path));
    }
    out.push('\n');
    for b in changes {
        let Some(c) = &b.comparison else { continue };
        let _ = writeln!(
            out,
            "<details><summary>{} against {}</summary>\n",
            code(&b.path),
            against(c)
        );
        out.push_str("| Metric | Baseline | Run | Change | |\n|---|---:|---:|---:|---|\n");
        let mut rows: Vec<_> = c.rows.iter().collect();
        // Regressions first, so the eye lands on them.
        rows.sort_by_key(|r| !r.regression);
        for r in rows {
            let _ = writeln!(
                out,
                "| {}{} | {} | {} | {} | {} |",
                text(&r.metric),
                unit_paren(&r.unit),
                figure(r.baseline),
                figure(r.current),
                r.change_pct
                    .map_or_else(|| "n/a".to_string(), crate::metrics::format::change),
                verdict(r)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    out
}

/// A benchmark row's verdict: the threshold's, weighed against the noise where both sides
/// carry raw samples.
fn verdict(r: &BenchmarkRow) -> String {
    match (&r.samples, r.regression) {
        (Some(v), _) if *v != Verdict::Fine => {
            let icon = if r.regression { "📉 " } else { "" };
            format!("{icon}{}", v.describe())
        }
        (_, true) => "📉 regression".to_string(),
        _ => String::new(),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn link(title: &str, url: Option<&str>, path: &str) -> String {
    match url {
        Some(url) => format!("[{}]({}) ({})", text(title), href(url), code(path)),
        None => format!("{} ({})", text(title), code(path)),
    }
}

fn num(v: f64) -> String {
    format!("{v}")
}

/// A measured figure, rounded as the practice writes them: k6 gives `390.217305`, people
/// read `390.2`.
fn figure(v: f64) -> String {
    crate::metrics::format::number(v)
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), num)
}

fn unit(u: &str) -> String {
    if u.is_empty() {
        String::new()
    } else if u == "%" {
        " %".to_string()
    } else {
        format!(" {}", text(u))
    }
}

fn unit_paren(u: &str) -> String {
    if u.is_empty() {
        String::new()
    } else {
        format!(" ({})", text(u))
    }
}

/// A value shown as code: `<code>` rather than a code span, because a code span shows
/// character references as they are written and GitHub still acts on mentions inside it.
fn code(s: &str) -> String {
    format!("<code>{}</code>", text(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::CommitRef;
    use crate::review::model::Summary;

    fn rev(id: &str) -> CommitRef {
        CommitRef {
            id: id.repeat(40),
            short: id.repeat(7),
            summary: "Add <b>things</b>".into(),
        }
    }

    fn doc(i: usize) -> DocReview {
        DocReview {
            status: ChangeStatus::Added,
            path: format!("content/page-{i}.md"),
            old_path: None,
            kind: None,
            title: format!("Page | {i} <x>"),
            date: None,
            url: Some(format!("/site/content/page-{i}/")),
            errors: 0,
            warnings: 0,
            findings: Vec::new(),
            metrics: Vec::new(),
            figures: None,
        }
    }

    fn review(documents: Vec<DocReview>, benchmarks: Vec<BenchmarkChange>) -> Review {
        Review {
            base: rev("a"),
            head: rev("b"),
            base_branch: None,
            summary: Summary {
                documents: documents.len(),
                added: documents.len(),
                benchmarks: benchmarks.len(),
                ..Summary::default()
            },
            kinds: Vec::new(),
            regressions: Vec::new(),
            broken_links: Vec::new(),
            documents,
            benchmarks,
            series: Vec::new(),
        }
    }

    #[test]
    fn escapes_html_and_stays_within_the_budget() {
        let r = review((0..200).map(doc).collect(), Vec::new());
        let out = render_within(&r, 5_000);
        assert!(out.len() <= 5_000 + 300, "{}", out.len());
        assert!(out.contains("Add &lt;b&gt;things&lt;/b&gt;"), "{out}");
        assert!(out.contains("<b>Page &#124; 0 &lt;x&gt;</b>"), "{out}");
        assert!(out.contains("more not shown here"), "{out}");
        assert!(out.contains("<details><summary>All 200 documents</summary>"));
        assert!(out.trim_end().ends_with("</details>"), "the fold is closed");
    }

    #[test]
    fn benchmark_regressions_come_first() {
        let row = |metric: &str, change_pct: f64, regression: bool| BenchmarkRow {
            key: metric.into(),
            metric: metric.into(),
            unit: "ms".into(),
            baseline: 100.0,
            current: 100.0 + change_pct,
            change_pct: Some(change_pct),
            regression,
            samples: None,
        };
        let b = BenchmarkChange {
            status: ChangeStatus::Added,
            path: "benchmarks/k6-2025-12-29.json".into(),
            old_path: None,
            comparison: Some(BenchmarkComparison {
                against: "benchmarks/main-baseline.json".into(),
                at: rev("b"),
                rows: vec![
                    row("Average latency", -3.0, false),
                    row("P95 latency", 14.0, true),
                ],
            }),
            note: None,
        };
        let out = render(&review(Vec::new(), vec![b]));
        assert!(out.contains(
            "| <code>benchmarks/k6-2025-12-29.json</code> | added | 📉 1 regression against <code>benchmarks/main-baseline.json</code> at <code>bbbbbbb</code> |"
        ), "{out}");
        let p95 = out
            .find("| P95 latency (ms) | 100 | 114 | +14.0% | 📉 regression |")
            .unwrap();
        let avg = out
            .find("| Average latency (ms) | 100 | 97 | -3.0% |  |")
            .unwrap();
        assert!(p95 < avg, "{out}");
    }
}
