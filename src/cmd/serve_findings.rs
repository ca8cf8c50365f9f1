//! What `serve` says of `perfdoc check`'s findings between rebuilds: a document that cannot
//! be published (as `build` refuses it) is named and left out of the site, a finding that is
//! new since the last rebuild is said once, the rest is counted. Each document's own findings
//! are kept and checked again only for the documents read again; the rules across documents
//! (a slug or period twice, the tracking file) look at all of them every time, from their
//! names and front matter alone.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::build::{is_unpublishable, others_line};
use super::output::stderr_color;
use crate::check::{self, report, rules};
use crate::diagnostic::Diagnostic;
use crate::doc::Doc;
use crate::practice::Practice;

#[derive(Default)]
pub struct Findings {
    /// Document path → its own findings (rules of one document).
    per_doc: BTreeMap<String, Vec<Diagnostic>>,
    /// The findings said so far, so a rebuild says only what is new.
    said: HashSet<String>,
    /// The last tally line said.
    tally: String,
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
    /// the documents that must not be published.
    pub fn update(&mut self, practice: &Practice, scope: Scope) -> BTreeSet<String> {
        let ctx = rules::Ctx {
            config: &practice.config,
            practice,
            now: jiff::ZonedDateTime::now().datetime(),
        };
        let own = |doc: &Doc| {
            let mut found = Vec::new();
            rules::check_doc(&ctx, doc, &mut found);
            (doc.path.clone(), found)
        };
        match scope {
            Scope::All => {
                use rayon::prelude::*;
                self.per_doc = practice.docs.par_iter().map(own).collect();
            }
            Scope::Docs(paths) => {
                for path in paths {
                    self.per_doc.remove(path);
                    if let Some(doc) = practice.doc(path) {
                        self.per_doc.insert(path.clone(), own(doc).1);
                    }
                }
            }
        }
        let mut all: Vec<Diagnostic> = self.per_doc.values().flatten().cloned().collect();
        all.extend(practice.problems.iter().cloned());
        rules::duplicates(practice, &mut all);
        rules::tracking(practice, &mut all);
        check::sort(&mut all);
        self.say(practice, &all)
    }

    fn say(&mut self, practice: &Practice, all: &[Diagnostic]) -> BTreeSet<String> {
        let (broken, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            all.iter().partition(|d| is_unpublishable(practice, d));
        let said: HashSet<String> = all.iter().map(said_key).collect();
        let new: Vec<Diagnostic> = all
            .iter()
            .filter(|d| !self.said.contains(&said_key(d)))
            .cloned()
            .collect();
        if !new.is_empty() {
            eprint!("{}", report::human(&new, stderr_color()));
        }
        let broken: BTreeSet<String> = broken.iter().map(|d| d.path.clone()).collect();
        let others: Vec<Diagnostic> = others.into_iter().cloned().collect();
        let mut tally = others_line(&check::tally(&others));
        if !broken.is_empty() {
            tally = format!(
                "{} document(s) cannot be published and are left out until fixed; {tally}",
                broken.len()
            );
        }
        if tally != self.tally && (!broken.is_empty() || !others.is_empty()) {
            eprintln!("warning: {tally}");
        }
        self.tally = tally;
        self.said = said;
        broken
    }
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
