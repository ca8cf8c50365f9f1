//! Fuzzes the document parser and every rule: any bytes, as any kind of document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    perfdoc::fuzzing::check_document(data);
});
