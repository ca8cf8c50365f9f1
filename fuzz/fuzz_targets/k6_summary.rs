//! Fuzzes the k6 summary reader (both shapes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfdoc::fuzzing::k6_summary(data);
});
