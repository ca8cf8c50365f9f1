//! Properties of the checker over generated documents: it never panics, and every finding's
//! span lies inside its file and on the line it names.

use std::path::Path;
use std::sync::LazyLock;

use perfdoc::config::Config;
use perfdoc::practice::Practice;
use proptest::prelude::*;

/// Pieces that documents are made of, good and broken, so generated texts hit every rule.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: Stripe batching\n".to_string()),
        Just("date: 2025-12-04\n".to_string()),
        Just("date: 2025-02-30\n".to_string()),
        Just("status: deployed\n".to_string()),
        Just("metrics:\n  p95_ms: { before: 2800, after: 1100 }\n".to_string()),
        Just("metrics: {p95_ms: [\n".to_string()),
        Just("\tbad: tab\n".to_string()),
        Just("## Results\n".to_string()),
        Just("## Problem\n\n".to_string()),
        Just("- Latency: 2800ms → 1100ms (75% improvement)\n".to_string()),
        Just("[Issue 1] and [a](../missing.md)\n".to_string()),
        Just("```\nTODO\n```\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("é→€ 🚀\n".to_string()),
        "[ -~]{0,40}\n",
        any::<String>(),
    ]
}

static CONFIG: LazyLock<Config> =
    LazyLock::new(|| Config::from_sources(Path::new("/nonexistent-practice"), None).unwrap());

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..16).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn check_never_panics_and_spans_stay_inside(text in document(), name in prop_oneof![
        Just("optimizations/stripe-batching-2025-12-04.md"),
        Just("reports/daily-2025-12-04.md"),
        Just("reports/weekly-2025-W49.md"),
        Just("content/page.md"),
    ]) {
        let root = Path::new("/nonexistent-practice");
        let mut practice = Practice {
            root: root.to_path_buf(),
            config: CONFIG.clone(),
            docs: Vec::new(),
            problems: Vec::new(),
        };
        practice.replace(name, text.clone());
        let findings = perfdoc::check::check(&practice, None);
        for d in findings {
            if let Some(loc) = &d.location {
                prop_assert!(loc.start <= loc.end && loc.end <= text.len(), "{d:?}");
                prop_assert!(text.is_char_boundary(loc.start) && text.is_char_boundary(loc.end));
                let line_of_start = text[..loc.start].matches('\n').count() + 1;
                prop_assert_eq!(line_of_start, loc.line, "{:?}", d);
            }
        }
    }
}
