//! How the commands talk: exit codes, colour decisions and the printing of errors with their
//! whole cause chain.

use std::io::IsTerminal;

use crate::check::report;
use crate::error::Error;

pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const FAILED: u8 = 2;

/// Colour only on a terminal, and never with `NO_COLOR` set.
pub fn color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn stdout_color() -> bool {
    color(std::io::stdout().is_terminal())
}

pub fn stderr_color() -> bool {
    color(std::io::stderr().is_terminal())
}

/// Prints an error: located ones with their source line and caret, others as `error: …`
/// with each cause on its own line, so a wrapped library error keeps its hint.
pub fn print_error(e: &anyhow::Error) {
    if let Some(Error::Invalid(d)) = e.downcast_ref::<Error>() {
        eprint!("{}", report::human(std::slice::from_ref(d), stderr_color()));
        return;
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
