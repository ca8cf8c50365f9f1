//! What `serve` says of `perfdoc check`'s findings between rebuilds: a document that cannot
//! be published (as `build` refuses it) is named and left out of the site, a finding that is
//! new since the last rebuild is said once, the rest is counted. Each document's own findings
//! are kept and checked again only for the documents read again; the rules across documents
//! (a slug or period twice, the tracking file) look at all of them every time, from their
//! names and front matter alone.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::build::{is_unpublishable, others_line};
use super::output::stderr_color;
use crate::check::{self, report, rules};
use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::Doc;
use crate::practice::Practice;

#[derive(Default)]
pub struct Findings {
    /// Document path → its own findings (rules of one document).
    per_doc: BTreeMap<String, Vec<Diagnostic>>,
    /// The files that could not be read and the tracking file's finding, as last said.
    across: HashSet<String>,
    /// What the slug rule reads of each document, and what it found: an edit that changes
    /// none of it (the body, most fields) leaves its findings as they were.
    names: HashMap<String, Name>,
    duplicates: Vec<Diagnostic>,
    /// The last tally line said; `None` before the first build.
    tally: Option<String>,
}

/// Which documents to check again.
pub enum Scope<'a> {
    /// Every one: the practice was read again, a file appeared or went, or the benchmarks
    /// folder changed (a link to a run may now lead somewhere, or nowhere).
    All,
    /// Only these, read again after an edit.
    Docs(&'a [String]),
}

impl Findings {
    /// Checks what `scope` names again, says what is new on stderr and returns the paths of
    /// the documents that must not be published. Only what changed is compared and said:
    /// the findings of the other documents are counted, not copied.
    pub fn update(&mut self, practice: &Practice, scope: Scope) -> BTreeSet<String> {
        let ctx = rules::Ctx {
            config: &practice.config,
            practice,
            now: jiff::ZonedDateTime::now().datetime(),
        };
        let own = |doc: &Doc| {
            let mut found = Vec::new();
            rules::check_doc(&ctx, doc, &mut found);
            found
        };
        // The first build says what `build` would: the documents it refuses, in full, and a
        // count of the rest; later ones say every finding that is new.
        let first = self.tally.is_none();
        let mut new = Vec::new();
        match scope {
            Scope::All => {
                use rayon::prelude::*;
                let before = std::mem::take(&mut self.per_doc);
                self.per_doc = practice
                    .docs
                    .par_iter()
                    .map(|d| (d.path.clone(), own(d)))
                    .collect();
                for (path, found) in &self.per_doc {
                    new.extend(fresh(found, before.get(path)));
                }
            }
            Scope::Docs(paths) => {
                for path in paths {
                    let before = self.per_doc.remove(path);
                    if let Some(doc) = practice.doc(path) {
                        let found = own(doc);
                        new.extend(fresh(&found, before.as_ref()));
                        self.per_doc.insert(path.clone(), found);
                    }
                }
            }
        }
        let names_moved = match scope {
            Scope::All => true,
            Scope::Docs(paths) => paths
                .iter()
                .any(|p| self.names.get(p) != practice.doc(p).map(name_of).as_ref()),
        };
        if names_moved {
            self.names = practice
                .docs
                .iter()
                .map(|d| (d.path.clone(), name_of(d)))
                .collect();
            let before = std::mem::take(&mut self.duplicates);
            rules::duplicates(practice, &mut self.duplicates);
            new.extend(fresh(&self.duplicates, Some(&before)));
        }
        // The files that could not be read and the tracking file: a few findings at most.
        let mut across = practice.problems.clone();
        rules::tracking(practice, &mut across);
        new.extend(
            across
                .iter()
                .filter(|d| !self.across.contains(&said_key(d)))
                .cloned(),
        );
        self.across = across.iter().map(said_key).collect();
        new.retain(|d| !first || is_unpublishable(practice, d));
        check::sort(&mut new);
        if !new.is_empty() {
            eprint!("{}", report::human(&new, stderr_color()));
        }
        self.say_tally(practice, &across)
    }

    /// Says the count of findings when it changed; returns the documents refused.
    fn say_tally(&mut self, practice: &Practice, across: &[Diagnostic]) -> BTreeSet<String> {
        let mut broken = BTreeSet::new();
        let mut others = check::Tally::default();
        let all = self.per_doc.values().flatten();
        for d in all.chain(&self.duplicates).chain(across) {
            if is_unpublishable(practice, d) {
                broken.insert(d.path.clone());
            } else if d.severity == Severity::Error {
                others.errors += 1;
            } else if d.severity == Severity::Warning {
                others.warnings += 1;
            }
        }
        let mut tally = others_line(&others);
        if !broken.is_empty() {
            tally = format!(
                "{} document(s) cannot be published and are left out until fixed; {tally}",
                broken.len()
            );
        }
        let any = !broken.is_empty() || others.errors + others.warnings > 0;
        if self.tally.as_ref() != Some(&tally) && any {
            eprintln!("warning: {tally}");
        }
        self.tally = Some(tally);
        broken
    }
}

/// The findings of `found` that `before` (a document's findings last time) did not have.
fn fresh<'a>(
    found: &'a [Diagnostic],
    before: Option<&Vec<Diagnostic>>,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let said: HashSet<String> = before.into_iter().flatten().map(said_key).collect();
    found
        .iter()
        .filter(move |d| !said.contains(&said_key(d)))
        .cloned()
}

/// What `rules::duplicates` reads of a document: its kind, the identity its name gives, its
/// date and its first line (the finding's place).
type Name = (Option<String>, String, Option<jiff::civil::Date>, String);

fn name_of(doc: &Doc) -> Name {
    let first = doc.text.lines().next().unwrap_or_default();
    (
        doc.kind.clone(),
        doc.identity(),
        doc.date(),
        first.to_string(),
    )
}

/// What tells one finding from another across rebuilds.
fn said_key(d: &Diagnostic) -> String {
    let at = d.location.as_ref().map_or(0, |l| l.start);
    format!("{}\0{}\0{at}\0{}", d.path, d.rule, d.message)
}

/// Takes the documents named in `broken` out of the practice, for a build without them;
/// `put_back` returns them.
pub fn set_aside(practice: &mut Practice, broken: &BTreeSet<String>) -> Vec<Doc> {
    if broken.is_empty() {
        return Vec::new();
    }
    let (aside, kept) = std::mem::take(&mut practice.docs)
        .into_iter()
        .partition(|d| broken.contains(&d.path));
    practice.docs = kept;
    aside
}

/// The documents `set_aside` took, back in path order, as a practice holds them.
pub fn put_back(practice: &mut Practice, aside: Vec<Doc>) {
    if aside.is_empty() {
        return;
    }
    practice.docs.extend(aside);
    practice.docs.sort_by(|a, b| a.path.cmp(&b.path));
}
