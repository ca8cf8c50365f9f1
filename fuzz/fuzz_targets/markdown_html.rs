//! Fuzzes the site's Markdown → HTML path: whatever the document, no script survives
//! sanitizing (no event handler, no `javascript:` URL, no `<script>`-like element).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfdoc::fuzzing::markdown_html(data);
});
