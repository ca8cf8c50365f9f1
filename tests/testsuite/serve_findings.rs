//! `perfdoc serve` checks what changed as `perfdoc check` would: a document that cannot be
//! published is named and left out of the site until it is fixed (as `build` refuses it), and
//! a finding across documents (a slug twice) is reported when the second document appears.

use std::time::Duration;

use crate::serve::Serve;
use crate::serve_kept::{Served, next_version};

const RECORD: &str = "optimizations/auth-session-pooling-2025-12-18.md";
const RECORD_PAGE: &str = "optimizations/auth-session-pooling-2025-12-18/index.html";

/// Waits until serve's stderr, from now on, has said every one of `parts`; returns it.
fn said(s: &Serve, parts: &[&str]) -> String {
    let mut text = String::new();
    loop {
        let line = s
            .errors
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve never said {parts:?}, only:\n{text}"));
        text.push_str(&line);
        text.push('\n');
        if parts.iter().all(|p| text.contains(p)) {
            return text;
        }
    }
}

#[test]
fn a_broken_document_is_named_and_left_out_and_a_second_slug_is_reported() {
    let live = Served::example();
    let (repo, s, served) = (&live.repo, &live.s, &live.dir);
    assert!(served.join(RECORD_PAGE).is_file());

    // Front matter that does not parse: said with its place, and the page is taken down.
    let text = repo.read(RECORD);
    repo.write(RECORD, text.replacen("title: ", "title: [unclosed ", 1));
    let v = next_version(s, 1);
    said(s, &["error[front-matter]", RECORD, "left out until fixed"]);
    assert!(!served.join(RECORD_PAGE).exists(), "left out until fixed");

    // Fixed: back, as a build writes it.
    repo.write(RECORD, &text);
    let v = next_version(s, v);
    assert!(served.join(RECORD_PAGE).is_file());
    live.assert_as_built();

    // The same record under another date: the slug is there twice.
    let twin = "optimizations/auth-session-pooling-2025-12-20.md";
    repo.write(twin, text.replace("2025-12-18", "2025-12-20"));
    next_version(s, v);
    said(s, &["error[duplicate-slug]", twin]);
    live.assert_as_built();
}
