//! The rules of `perfdoc check`, one file each, and the registry that names them. A rule reads
//! a document (or the whole practice) and pushes findings; it never prints.

mod duplicates;
mod fields;
mod file_name;
mod front_matter;
mod kind;
mod lifecycle;
mod links;
mod math;
mod metrics;
mod placeholders;
mod sections;
pub mod sla;
mod tracking;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::practice::Practice;

pub use duplicates::check as duplicates;
pub use tracking::check as tracking;

/// What `--explain` prints about a rule.
pub struct RuleInfo {
    pub id: &'static str,
    pub summary: &'static str,
    pub explain: &'static str,
}

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "file-unreadable",
        summary: "the file cannot be read (permissions, broken symlink, symlink out of the practice)",
        explain: "perfdoc reads every Markdown file under the practice's folders. A file it cannot open, a broken symlink or a symlink that leads outside the practice is reported instead of being skipped silently. Fix the permissions, or replace the link with the document itself.",
    },
    RuleInfo {
        id: "file-encoding",
        summary: "the file, or its name, is not UTF-8",
        explain: "Documents are UTF-8 text. The finding names the line and column of the first invalid byte. Re-save the file as UTF-8 (a BOM is accepted). A file name that is not UTF-8 is reported too, its bad bytes shown as \u{FFFD}: rename the file.",
    },
    RuleInfo {
        id: "file-too-large",
        summary: "the file is larger than a document can be",
        explain: "Documents above 16 MiB are not parsed. Keep raw data (k6 output, logs) in benchmarks/ and link to it from the report.",
    },
    RuleInfo {
        id: "front-matter",
        summary: "YAML front matter is missing, unclosed or not valid YAML",
        explain: "Every report and record opens with a YAML block between two `---` lines. The finding points at the line and column of the YAML error in the file. Tabs are not allowed for indentation; a key may appear once; values containing `: ` must be quoted.",
    },
    RuleInfo {
        id: "unknown-kind",
        summary: "a document in a kind's folder matches no kind",
        explain: "perfdoc knows a document's kind from its folder and file name (`reports/daily-2025-12-04.md` is a daily report) or from its `kind:` field. Rename the file to its kind's pattern (`perfdoc new KIND` makes one), or set `kind:`; a team can add kinds in book.toml.",
    },
    RuleInfo {
        id: "wrong-folder",
        summary: "a document lies in a folder its kind does not belong to",
        explain: "Each kind has one folder: optimization records live in optimizations/, reports in reports/. Move the file to its kind's folder so indexes, history and the site find it.",
    },
    RuleInfo {
        id: "kind-mismatch",
        summary: "the `kind:` field disagrees with the file name",
        explain: "A file named like a daily report whose front matter says `kind: weekly` is ambiguous. Make the field and the file name agree.",
    },
    RuleInfo {
        id: "required-field",
        summary: "a required front-matter field is missing or empty",
        explain: "Each kind lists required fields (see book.toml or the README). Fill them in; `perfdoc new` writes all of them.",
    },
    RuleInfo {
        id: "field-type",
        summary: "a front-matter field has the wrong type or an impossible value",
        explain: "Dates are real calendar dates (YYYY-MM-DD; 2025-02-30 is not one), weeks are ISO weeks (2025-W49), months YYYY-MM, statuses one of their listed values, numbers finite numbers.",
    },
    RuleInfo {
        id: "file-name",
        summary: "the file name disagrees with the kind or the date",
        explain: "A document's file name follows its kind's pattern and agrees with its front matter: `daily-2025-12-04.md` has `date: 2025-12-04`, `weekly-2025-W49.md` has `week: 2025-W49` and a date in that week, an optimization record `{slug}-{date}.md` has that date. Rename the file or fix the field.",
    },
    RuleInfo {
        id: "required-section",
        summary: "a required `##` section is missing",
        explain: "Each kind lists the `##` sections its documents must have, taken from the team's templates. A heading may add words after the name (`## Optimizations Planned for January`).",
    },
    RuleInfo {
        id: "empty-section",
        summary: "a required section has no content",
        explain: "A section with only a heading (or only whitespace) means the report was not finished. Write what happened, or `None.` when there was nothing.",
    },
    RuleInfo {
        id: "duplicate-section",
        summary: "a required section appears more than once",
        explain: "Two `## Results` sections split what belongs together, and readers and the site only see the first. Merge them into one.",
    },
    RuleInfo {
        id: "placeholder",
        summary: "template text was left in the document",
        explain: "Scaffolds mark what a person must fill in with bracketed text such as `[Issue 1]` or `[from dashboard]`, and `TODO`. Replace every placeholder with the real content before committing.",
    },
    RuleInfo {
        id: "metric-incomplete",
        summary: "a metric lacks a numeric before or after value",
        explain: "Every metric of an optimization record is `name: { before: N, after: N }` with numbers. `after` may be left out while `status: proposed`.",
    },
    RuleInfo {
        id: "metric-unknown",
        summary: "a metric's direction is unknown",
        explain: "perfdoc must know whether lower or higher is better to compute an improvement. Use a metric from the catalog (p95_ms, error_rate_pct, throughput_rps, …), add it to `[preprocessor.perfdoc.metrics]` in book.toml, or write `better: lower|higher` (and `unit:`) inline.",
    },
    RuleInfo {
        id: "metric-math",
        summary: "a number in the prose disagrees with the front-matter metrics",
        explain: "When the prose says `2800ms → 1100ms (61% improvement)`, the pair must be a metric's before and after, and the percentage must be the improvement computed from them, rounded as written: (2800 - 1100) / 2800 = 60.7 %, so `61%` is right and `75%` or `60%` is wrong. Sentences that say `estimated`, `expected`, `target` or `projected` are not checked.",
    },
    RuleInfo {
        id: "lifecycle",
        summary: "an optimization record's lifecycle data does not hold together",
        explain: "A record's `lifecycle:` gives the times of the workflow's stages, `started`, `detected`, `root_cause` and `deployed`, each `YYYY-MM-DD HH:MM` in the team's time zone (a bare date counts as 00:00), plus `feature_flag` and `rollback`. The stages must be in that order, a `deployed` or `reverted` record needs its `deployed` time, and `chosen:` must name one of the keys under `options:` (each `{ summary, estimate_pct, risk: low|medium|high, effort_hours, metric }`). A `proposed` record needs only what is known.",
    },
    RuleInfo {
        id: "sla",
        summary: "an optimization record missed one of the workflow's SLAs",
        explain: "The optimization workflow's success metrics: a problem detected within 24 hours of starting, its root cause found within 2 days and its fix deployed within 1 week of detection, taken from the record's `lifecycle:` times. An `in-progress` record misses an SLA once its deadline passes without the stage. Change the limits, or make a miss an error, in `[preprocessor.perfdoc.sla]` of book.toml (`detect-hours`, `root-cause-hours`, `fix-hours`, `level = \"error\"`).",
    },
    RuleInfo {
        id: "tracking-stale",
        summary: "the optimization tracking file is out of date with the records",
        explain: "`perfdoc tracking --write` keeps `reports/optimization-tracking.md` (`tracking` under [preprocessor.perfdoc.folders]): SLA compliance, times to detect, root-cause and fix, open items and estimate accuracy, all from the records' lifecycle data. When a record changes, the file no longer says what the records say. Run `perfdoc tracking --write` and commit it with the records. A file at that place that perfdoc did not write is left alone.",
    },
    RuleInfo {
        id: "broken-link",
        summary: "a relative link points at a file that does not exist",
        explain: "Links between documents are relative paths (`../optimizations/billing-stripe-batching-2025-12-04.md`). The target must exist inside the practice. A path starting with `/` is taken from the practice's root, `%XX` escapes are decoded, `#fragment` and `?query` are ignored. External links (https://…) are not checked.",
    },
    RuleInfo {
        id: "link-outside",
        summary: "a link leads outside the practice, into `.git`, or to a hidden file",
        explain: "The site publishes what documents link to, so a link may only lead to a file inside the practice: not up out of it with `..` (or `%2E%2E`), not through a symlinked folder to `/`, `/proc` or another checkout, not into `.git` (its config holds CI tokens), not to hidden files. The finding names the link and where it really leads. Copy the file into the practice, or remove the link.",
    },
    RuleInfo {
        id: "active-content",
        summary: "a link leads to a file type the site does not publish (HTML, JavaScript, an SVG that does not parse, …)",
        explain: "Files the site copies are served from its own origin, where HTML, XML or JavaScript could run script against every page. Only passive types are published as they are: images (PNG, JPEG, GIF, WebP, AVIF), PDF, CSV, JSON, text, Markdown, YAML, TOML and archives. SVG (flamegraphs) is published rewritten without script, event handlers or external links, so an SVG that is not well-formed XML is refused. Link to where an HTML report is hosted instead.",
    },
    RuleInfo {
        id: "duplicate-slug",
        summary: "two documents of a kind share a slug or a period",
        explain: "Each optimization record has its own slug, and each report its own period (one daily report per day, one weekly per ISO week). Merge the two documents or rename one.",
    },
    RuleInfo {
        id: "config",
        summary: "book.toml is not valid",
        explain: "perfdoc's settings live in `[preprocessor.perfdoc]` of book.toml. Unknown keys, wrong types, out-of-range thresholds and an unknown kind role, period or metric class are errors that name the key and its line.",
    },
];

pub fn info(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// What a per-document rule sees.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub practice: &'a Practice,
    /// The time open SLA deadlines are measured against, in the team's time.
    pub now: jiff::civil::DateTime,
}

/// Runs every per-document rule on one document.
pub fn check_doc(ctx: &Ctx, doc: &Doc, out: &mut Vec<Diagnostic>) {
    front_matter::check(doc, kind::needs_front_matter(ctx, doc), out);
    let kind = kind::check(ctx, doc, out);
    links::check(ctx, doc, out);
    placeholders::check(doc, out);
    let Some(kind) = kind else {
        return;
    };
    if doc.root().is_some() {
        fields::check(doc, kind, out);
        file_name::check(doc, kind, out);
        metrics::check(ctx.config, doc, kind, out);
        math::check(ctx.config, doc, out);
        lifecycle::check(ctx.config, doc, out);
        sla::check(ctx.config, doc, ctx.now, out);
    }
    sections::check(doc, kind, out);
}
