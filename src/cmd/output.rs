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

/// Prints an error: located ones with their source line, others with their causes.
pub fn print_error(e: &Error) {
    if let Error::Invalid(d) = e {
        eprint!("{}", report::human(std::slice::from_ref(d), stderr_color()));
        return;
    }
    let mut message = format!("error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    eprintln!("{message}");
}
