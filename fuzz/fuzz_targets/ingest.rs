//! Fuzzes every run format (forced, and detected).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfdoc::fuzzing::ingest(data);
});
