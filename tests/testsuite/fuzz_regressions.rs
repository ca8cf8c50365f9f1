//! Replays the fuzzers' saved inputs (`fuzz/regressions/TARGET/`) so what they once found
//! stays fixed; the same entry points the fuzz targets call.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        let data = std::fs::read(&path).expect("read");
        run(&data);
        count += 1;
    }
    count
}

#[test]
fn check_doc_regressions() {
    assert!(replay("check_doc", perfdoc::fuzzing::check_document) > 0);
}

#[test]
fn config_regressions() {
    assert!(replay("config", perfdoc::fuzzing::load_config) > 0);
}

#[test]
fn markdown_html_regressions() {
    assert!(replay("markdown_html", perfdoc::fuzzing::markdown_html) > 0);
}
