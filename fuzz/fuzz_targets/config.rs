//! Fuzzes `book.toml` loading.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfdoc::fuzzing::load_config(data);
});
