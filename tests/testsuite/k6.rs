//! Reading k6 summaries never panics and never reads a broken file as numbers: every prefix of
//! a real file is refused with the file and a JSON path, and generated near-JSON either parses
//! or is refused the same way.

use perfdoc::metrics::k6;
use proptest::prelude::*;

const RUN: &str = include_str!("../../benchmarks/k6-baseline-2025-12-15.json");
const EXPORT: &str = include_str!("../../benchmarks/main-baseline-2025-11.json");

#[test]
fn every_truncation_of_a_real_file_is_refused_with_a_path() {
    for text in [RUN, EXPORT] {
        let end = text.trim_end().len();
        // Every 5th byte and the last 64: each kind of place a file can stop (inside a key, a
        // number, a string, between values), at a fraction of the cost.
        let cuts = (0..end).filter(|&i| i % 5 == 0 || i + 64 >= end);
        for cut in cuts.filter(|&i| text.is_char_boundary(i)) {
            let e = k6::parse("benchmarks/cut.json", &text[..cut])
                .map(|_| ())
                .expect_err("a truncated summary must not parse");
            let msg = e.to_string();
            assert!(msg.starts_with("`benchmarks/cut.json`: "), "{cut}: {msg}");
            assert!(msg.contains("\n  at: "), "{cut}: {msg}");
        }
        assert!(k6::parse("whole.json", text).is_ok());
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"metrics\"".to_string()),
        Just("\"values\"".to_string()),
        Just("\"type\"".to_string()),
        Just("\"trend\"".to_string()),
        Just("\"rate\"".to_string()),
        Just("\"thresholds\"".to_string()),
        Just("\"ok\"".to_string()),
        Just("\"http_req_duration{expected_response:true}\"".to_string()),
        Just("\"p(95)\"".to_string()),
        Just("\"a\\\"b\\\\\"".to_string()),
        Just("12.5".to_string()),
        Just("-1e400".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("\"é→€\"".to_string()),
        "[ -~]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn near_json_parses_or_is_refused_with_a_path(parts in prop::collection::vec(fragment(), 0..40)) {
        let text = parts.concat();
        match k6::parse("gen.json", &text) {
            Ok(summary) => {
                for m in summary.metrics.values() {
                    for v in m.values.values() {
                        prop_assert!(v.is_finite());
                    }
                }
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.starts_with("`gen.json`: "), "{}", msg);
                prop_assert!(msg.contains("\n  at: "), "{}", msg);
            }
        }
    }
}

#[test]
fn fuzz_regressions_replay() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/k6_summary");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        perfdoc::fuzzing::k6_summary(&std::fs::read(entry.unwrap().path()).unwrap());
        count += 1;
    }
    assert!(count >= 3);
}
