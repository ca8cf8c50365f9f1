//! `perfdoc serve`: build into a private folder, serve it on localhost, rebuild when a file of
//! the practice changes and tell open pages to reload. Ctrl-C, SIGTERM or SIGHUP stop it
//! between builds, and the private folder goes with it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::build::{base_url, build, summary, warn_left_out, warn_problems};
use super::output::{OK, print_error};
use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::site::{self, server::Static, urls::split_base};

pub fn run(dir: &Path, args: ServeArgs) -> Result<ExitCode> {
    let practice = super::open_practice(dir)?;
    let root = practice.root.clone();
    // Locally the site lives at `/` unless asked otherwise: book.toml's site-url is for Pages.
    let base = base_url(&practice, Some(args.base_url.as_deref().unwrap_or("/")));
    let prefix = split_base(&base).1;
    let work = tempfile::Builder::new()
        .prefix("perfdoc-serve-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let out = work.path().join("site");
    // Stopping is a message like a change, so the loop below ends and `work` is removed on
    // the way out instead of the signal killing the process with its build on disk.
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    })
    .map_err(|e| Error::System {
        doing: "handle Ctrl-C".into(),
        message: e.to_string(),
    })?;
    let server = tiny_http::Server::http(("127.0.0.1", args.port)).map_err(|e| Error::Listen {
        port: args.port,
        message: e.to_string(),
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}{prefix}");

    // Watch before the first build, so a change saved while it runs (or right after its
    // summary is printed) is never missed; at worst it causes one more rebuild.
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Wake::Change(event));
    })
    .map_err(|e| watch_failed(&root, &e))?;
    // Only what the site is made of: the root itself (book.toml) and the source folders, so
    // a large `target/` or `node_modules/` beside them costs no watches.
    let watch_err = |e: notify::Error| watch_failed(&root, &e);
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_err)?;
    let config = &practice.config;
    let mut folders = config.doc_folders();
    folders.extend([config.folders.benchmarks.clone(), "templates".into()]);
    folders.sort();
    folders.dedup();
    for folder in folders {
        let dir = root.join(folder);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(watch_err)?;
        }
    }
    let started = Instant::now();
    let built = build(&practice, base.clone())?;
    site::write_site(&built, &out)?;
    warn_problems(&practice);
    warn_left_out(&built);
    println!("{}", summary(&built, started, &url));

    let version = Arc::new(AtomicU64::new(1));
    let mut statics = Static::new(out.clone(), &prefix);
    statics.reload = Some(version.clone());
    let server = Arc::new(server);
    {
        let server = server.clone();
        let statics = statics.clone();
        std::thread::spawn(move || statics.run(&server));
    }

    println!("watching {} for changes; Ctrl-C to stop", root.display());
    let ignored = ignored_dirs(&root, &practice.config.out_dir, work.path());
    while let Ok(Wake::Change(event)) = rx.recv() {
        if !relevant(&event, &ignored) {
            continue;
        }
        // Let a burst of saves settle into one rebuild; a stop in it is not lost.
        let mut stopped = false;
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(150)) {
            stopped |= matches!(more, Wake::Stop);
        }
        if stopped {
            break;
        }
        let started = Instant::now();
        let result = super::open_practice(&root).and_then(|p| {
            let built = build(&p, base.clone())?;
            site::write_site(&built, &out)?;
            Ok(built)
        });
        match result {
            Ok(built) => {
                version.fetch_add(1, Ordering::SeqCst);
                println!("{}", summary(&built, started, &url));
            }
            Err(e) => print_error(&e),
        }
    }
    drop(work);
    Ok(ExitCode::from(OK))
}

/// What wakes the rebuild loop.
enum Wake {
    Change(notify::Result<notify::Event>),
    /// SIGINT, SIGTERM or SIGHUP.
    Stop,
}

fn ignored_dirs(root: &Path, out_dir: &str, work: &Path) -> Vec<PathBuf> {
    vec![
        root.join(".git"),
        root.join("target"),
        root.join(out_dir),
        work.to_path_buf(),
    ]
}

fn relevant(event: &notify::Result<notify::Event>, ignored: &[PathBuf]) -> bool {
    let Ok(event) = event else { return false };
    if event.kind.is_access() {
        return false;
    }
    event.paths.iter().any(|p| {
        !ignored.iter().any(|i| p.starts_with(i))
            && !p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".perfdoc-") || n.ends_with('~'))
    })
}

fn watch_failed(root: &Path, e: &notify::Error) -> Error {
    Error::System {
        doing: format!("watch `{}`", root.display()),
        message: e.to_string(),
    }
}
