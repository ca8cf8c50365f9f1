//! How the commands talk: exit codes, colour decisions, the printing of errors with their
//! whole cause chain, and the one policy for a standard output that cannot be written.

use std::io::{IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
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
/// with each cause on its own line, then its hint. The one place a hint becomes `help:`.
pub fn print_error(e: &Error) {
    if let Error::Invalid(d) = e {
        eprint!("{}", report::human(std::slice::from_ref(d), stderr_color()));
        return;
    }
    eprintln!("error: {e}");
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        eprintln!("  caused by: {c}");
        cause = c.source();
    }
    if let Some(hint) = e.hint() {
        eprintln!("{}", help(&hint));
    }
}

/// A hint as perfdoc shows it under an error or a note: `  help: …`, its further lines
/// indented under the first.
pub fn help(hint: &str) -> String {
    format!("  help: {}", hint.replace('\n', "\n        "))
}

/// Runs a command under the one policy for a standard output that cannot be written, the same
/// for every command: a reader that closed the pipe (`perfdoc list | head -1`) chose to stop
/// reading, so that is exit 0 and no message; any other write error (a full disk) is exit 2
/// with one line. `println!` reports a failed write by panicking, so the panic is caught here
/// (and kept quiet by the hook) rather than every command carrying its own writer; whatever
/// `print!` left buffered is flushed before the code is returned, so that error is seen too.
pub fn guard_stdout(command: impl FnOnce() -> ExitCode) -> ExitCode {
    quiet_print_panics();
    let code = match std::panic::catch_unwind(AssertUnwindSafe(command)) {
        Ok(code) => code,
        Err(payload) => match panic_text(payload.as_ref()).and_then(stdout_failure) {
            Some(failure) => return failure.exit(),
            None => std::panic::resume_unwind(payload),
        },
    };
    match std::io::stdout().flush() {
        Ok(()) => code,
        Err(e) => StdoutFailure::from_io(&e).exit(),
    }
}

/// Prints clap's help, version or usage error, under the same policy.
pub fn clap_exit(e: &clap::Error) -> ExitCode {
    guard_stdout(|| match e.print() {
        Ok(()) => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(FAILED)),
        Err(io) => StdoutFailure::from_io(&io).exit(),
    })
}

enum StdoutFailure {
    Closed,
    Other(String),
}

impl StdoutFailure {
    fn from_io(e: &std::io::Error) -> StdoutFailure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            StdoutFailure::Closed
        } else {
            StdoutFailure::Other(e.to_string())
        }
    }

    fn exit(self) -> ExitCode {
        match self {
            StdoutFailure::Closed => ExitCode::from(OK),
            StdoutFailure::Other(why) => {
                eprintln!("error: cannot write to standard output: {why}");
                ExitCode::from(FAILED)
            }
        }
    }
}

/// The message std's `print!` panics with: `failed printing to stdout: {io error}`.
const PRINT_PANIC: &str = "failed printing to stdout: ";

/// What a panic message says about standard output, if it is `print!`'s.
fn stdout_failure(message: &str) -> Option<StdoutFailure> {
    let why = message.strip_prefix(PRINT_PANIC)?;
    // The panic carries only the error's text, so a closed pipe is told by the text the
    // platform's own broken-pipe errors render as.
    let closed = broken_pipe_codes()
        .into_iter()
        .any(|code| why == std::io::Error::from_raw_os_error(code).to_string());
    Some(if closed {
        StdoutFailure::Closed
    } else {
        StdoutFailure::Other(why.to_string())
    })
}

#[cfg(unix)]
fn broken_pipe_codes() -> Vec<i32> {
    vec![rustix::io::Errno::PIPE.raw_os_error()]
}

/// `ERROR_BROKEN_PIPE` and `ERROR_NO_DATA`.
#[cfg(not(unix))]
fn broken_pipe_codes() -> Vec<i32> {
    vec![109, 232]
}

/// A panic's message, when it is text (`panic!` with arguments gives a `String`).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

/// Keeps the default panic message off stderr for `print!`'s panics, which `guard_stdout`
/// turns into an exit; every other panic is reported as before.
fn quiet_print_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !panic_text(info.payload()).is_some_and(|m| m.starts_with(PRINT_PANIC)) {
                default(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_a_closed_pipe_from_other_write_errors() {
        let pipe = std::io::Error::from_raw_os_error(broken_pipe_codes()[0]);
        assert!(matches!(
            stdout_failure(&format!("{PRINT_PANIC}{pipe}")),
            Some(StdoutFailure::Closed)
        ));
        assert!(matches!(
            stdout_failure(&format!(
                "{PRINT_PANIC}No space left on device (os error 28)"
            )),
            Some(StdoutFailure::Other(_))
        ));
        assert!(stdout_failure("index out of bounds").is_none());
    }
}
