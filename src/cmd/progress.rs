//! The progress bar for history walks: drawn only on a terminal outside CI, and only once a
//! walk has run for a moment, so quick runs and pipes stay silent.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::history::Progress;

/// How long a walk may run before it earns a bar.
const GRACE: Duration = Duration::from_millis(400);

pub struct Bar {
    bar: ProgressBar,
    started: Mutex<Option<Instant>>,
}

impl Bar {
    /// A bar when stderr is a terminal and `CI` is unset; `None` otherwise.
    pub fn for_stderr() -> Option<Bar> {
        if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} walking history {bar:30} {pos}/{len} commits, {msg} documents found",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(Bar {
            bar,
            started: Mutex::new(None),
        })
    }
}

/// Runs `f` with a bar on stderr where one is drawn (`Bar::for_stderr`), else with none.
pub fn on_stderr<T>(f: impl FnOnce(&dyn Progress) -> T) -> T {
    match Bar::for_stderr() {
        Some(bar) => f(&bar),
        None => f(&crate::history::NoProgress),
    }
}

impl Progress for Bar {
    fn begin(&self, commits: u64) {
        self.bar.set_length(commits);
        if let Ok(mut started) = self.started.lock() {
            *started = Some(Instant::now());
        }
    }

    fn update(&self, commits: u64, docs: u64) {
        let show = self
            .started
            .lock()
            .ok()
            .and_then(|mut s| {
                let due = s.is_some_and(|t| t.elapsed() >= GRACE);
                // Switch the target once; later updates just move the bar.
                due.then(|| s.take())
            })
            .flatten()
            .is_some();
        if show {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_message(docs.to_string());
        self.bar.set_position(commits);
    }

    fn end(&self) {
        self.bar.finish_and_clear();
    }
}
