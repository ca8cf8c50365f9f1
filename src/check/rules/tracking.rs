//! `tracking-stale`: the tracking file perfdoc keeps (`perfdoc tracking --write`) says what
//! the records say today. A file the team wrote themselves is left alone.

use crate::diagnostic::Diagnostic;
use crate::practice::Practice;
use crate::tracking::{self, OnDisk};

pub fn check(practice: &Practice, out: &mut Vec<Diagnostic>) {
    let rel = &practice.config.folders.tracking;
    let OnDisk::Ours(text) = tracking::on_disk(practice) else {
        return;
    };
    if text != tracking::markdown(&tracking::compute(practice), rel) {
        out.push(
            Diagnostic::error(
                rel,
                "tracking-stale",
                "the optimization tracking file is out of date with the records",
            )
            .hint("run `perfdoc tracking --write` and commit the file with the records"),
        );
    }
}
