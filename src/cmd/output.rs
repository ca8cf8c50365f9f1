//! How the commands talk: exit codes, colour decisions and the printing of errors with their
//! whole cause chain.

use std::io::IsTerminal;
use std::sync::OnceLock;

use crate::cli::ColorChoice;

use crate::check::report;
use crate::error::Error;

pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const FAILED: u8 = 2;

static CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Records `--color` once, before any command prints.
pub fn set_color_choice(choice: ColorChoice) {
    let _ = CHOICE.set(choice);
}

/// `--color always|never` decides; otherwise colour on a terminal unless `NO_COLOR` is set,
/// and anywhere with `CLICOLOR_FORCE` set (CI logs render colour but are not terminals).
pub fn color(stream_is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match CHOICE.get().copied().unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto => {
            stream_is_terminal
                || std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0" && !v.is_empty())
        }
    }
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
