//! `perfdoc serve`: build into a private folder, serve it on localhost, rebuild when a file of
//! the practice changes and tell open pages to reload. Ctrl-C, SIGTERM or SIGHUP stop it
//! between builds, and the private folder goes with it.
//!
//! The practice, the plan's memo and the site stay in memory: a saved document is read
//! again alone, only the pages whose inputs changed are rendered, only the files whose bytes
//! changed are replaced in the folder served, and only the pages among them reload.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::build::{base_url, open_repository, summary, warn_left_out};
use super::output::{OK, print_error};
use super::serve_findings::{Findings, Scope, put_back, set_aside};
use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::practice::{Practice, classify, read_doc, to_slash};
use crate::site::urls::split_base;
use crate::site::{self, Memo, Options, SiteInput, kept::Kept, server::Reloads, server::Static};

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
    let repo = open_repository(&practice);
    // A commit or a checkout changes what the pages say of history without touching a file
    // of the practice: HEAD and the refs are watched too.
    let git = watch_refs(&mut watcher, &repo);
    let mut head = head_state(&repo);
    let mut live = Live {
        root: root.clone(),
        practice,
        repo,
        kept: Inputs::default(),
        findings: Findings::default(),
        base,
        out: out.clone(),
    };
    let staging = site::Staging::begin(&out, None)?;
    let built = live.build(None, &Memo::default(), &staging)?;
    staging.finish()?;
    warn_left_out(&built);
    println!("{}", summary(&built, started, &url));
    let mut memo = built.memo;

    let reloads = Arc::new(Reloads::new(1));
    let mut statics = Static::new(out.clone(), &prefix);
    statics.reload = Some(reloads.clone());
    let server = Arc::new(server);
    {
        let server = server.clone();
        let statics = statics.clone();
        std::thread::spawn(move || statics.run(&server));
    }

    println!("watching {} for changes; Ctrl-C to stop", root.display());
    let ignored = ignored_dirs(&root, &live.practice.config.out_dir, work.path());
    while let Ok(Wake::Change(event)) = rx.recv() {
        let mut paths = Vec::new();
        let mut refs = relevant_paths(&event, &ignored, &git, &mut paths);
        if paths.is_empty() && !refs {
            continue;
        }
        // Let a burst of saves settle into one rebuild; a stop in it is not lost.
        let mut stopped = false;
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            match more {
                Wake::Stop => stopped = true,
                Wake::Change(event) => refs |= relevant_paths(&event, &ignored, &git, &mut paths),
            }
        }
        if stopped {
            break;
        }
        let started = Instant::now();
        // git writes its index and lock files for many a command that moves nothing.
        let now = head_state(&live.repo);
        if paths.is_empty() && now == head {
            continue;
        }
        head = now;
        let result = live.apply(&paths).and_then(|recheck| {
            let delta = site::Delta {
                out: &out,
                before: &memo,
            };
            let built = live.build(recheck.as_deref(), &memo, &delta)?;
            let changed = site::remove_gone(&out, &memo, &built.memo)?;
            Ok((built, changed))
        });
        match result {
            Ok((built, changed)) => {
                reloads.changed(changed);
                println!("{}", summary(&built, started, &url));
                memo = built.memo;
            }
            Err(e) => print_error(&e),
        }
    }
    drop(work);
    Ok(ExitCode::from(OK))
}

/// How long a burst of file events may pause before the rebuild starts: an editor's save
/// (write, rename, change of mode) and a `git checkout` of a few files arrive well within it,
/// and it is a small part of the wait from saving to seeing the page.
const SETTLE: Duration = Duration::from_millis(40);

/// What `serve` holds between rebuilds.
struct Live {
    root: PathBuf,
    practice: Practice,
    repo: site::Git,
    kept: Inputs,
    findings: Findings,
    base: String,
    out: PathBuf,
}

impl Live {
    /// Applies the files changed at `paths`; returns the documents to check again, or `None`
    /// for every one.
    fn apply(&mut self, paths: &[PathBuf]) -> Result<Option<Vec<String>>> {
        let count = |p: &Practice| (p.docs.len(), p.problems.len());
        let before = count(&self.practice);
        match apply_changes(&mut self.practice, paths) {
            // A document gone (or now unreadable) may be what another one linked to.
            (Delta::Documents, docs) => Ok((count(&self.practice) == before).then_some(docs)),
            (Delta::Benchmarks, _) => {
                self.kept.kept.forget_metrics();
                Ok(None)
            }
            // Anything but an edit of a known document or a benchmark file (book.toml, a
            // template, a new file): the practice is read again whole; the memo still spares
            // unchanged pages, and the history is kept while its key holds.
            (Delta::Whole, _) => {
                self.practice = super::open_practice(&self.root)?;
                self.repo = open_repository(&self.practice);
                self.kept.kept.forget_metrics();
                Ok(None)
            }
        }
    }

    /// Checks the documents `recheck` names (all for `None`) and builds the site without the
    /// ones that cannot be published.
    fn build(
        &mut self,
        recheck: Option<&[String]>,
        memo: &Memo,
        sink: &dyn site::Sink,
    ) -> Result<site::Site> {
        let scope = recheck.map_or(Scope::All, Scope::Docs);
        let broken = self.findings.update(&self.practice, scope);
        let aside = set_aside(&mut self.practice, &broken);
        let (practice, repo, kept) = (&self.practice, &self.repo, &mut self.kept);
        let built = build(practice, repo, kept, &self.base, memo, sink, &self.out);
        put_back(&mut self.practice, aside);
        built
    }
}

/// What wakes the rebuild loop.
enum Wake {
    Change(notify::Result<notify::Event>),
    /// SIGINT, SIGTERM or SIGHUP.
    Stop,
}

/// The site of `practice` from `memo`: a page is kept when its key is unchanged and its file
/// is still in `out`, the folder served.
fn build(
    practice: &Practice,
    repo: &site::Git,
    kept: &mut Inputs,
    base: &str,
    memo: &Memo,
    sink: &dyn site::Sink,
    out: &Path,
) -> Result<site::Site> {
    let input = gather(practice, repo, kept);
    let options = Options {
        base_url: base.to_string(),
    };
    let reusable = |rel: &str, _: &site::memo::Entry| out.join(rel).is_file();
    let built = site::build_with(&input, &options, memo, &reusable, sink, &|_| {});
    kept.kept.keep(input);
    built
}

/// What the site's input keeps between rebuilds, and the warnings said while reading it.
#[derive(Default)]
struct Inputs {
    kept: Kept,
    /// A warning is said once per `serve`, however often its part is read again.
    warned: HashSet<String>,
}

/// The site's input, from what `kept` holds where it still can be (as `build` gathers it).
fn gather<'a>(practice: &'a Practice, repo: &site::Git, kept: &mut Inputs) -> SiteInput<'a> {
    let mut warnings = Vec::new();
    let input = super::progress::on_stderr(|progress| {
        SiteInput::gather_kept(practice, repo, progress, &mut warnings, &mut kept.kept)
    });
    for warning in warnings {
        if kept.warned.insert(warning.clone()) {
            super::warn(warning);
        }
    }
    input
}

fn head_state(repo: &site::Git) -> Option<String> {
    repo.session().and_then(crate::history::Session::head_state)
}

/// Where git keeps HEAD and the refs, watched; what it returns tells their events apart.
fn watch_refs(watcher: &mut impl Watcher, repo: &site::Git) -> Vec<PathBuf> {
    let Some(session) = repo.session() else {
        return Vec::new();
    };
    let (alone, refs) = session.ref_dirs();
    // A watch that cannot be set (a read-only or odd git dir) only costs the history's
    // freshness until the next saved file; the site still serves.
    for dir in &alone {
        let _ = watcher.watch(dir, RecursiveMode::NonRecursive);
    }
    let _ = watcher.watch(&refs, RecursiveMode::Recursive);
    alone
}

/// How far a change reaches.
enum Delta {
    /// Only documents the practice already had were edited or deleted, and are read again.
    Documents,
    /// As `Documents`, and files of the benchmarks folder changed: the metrics are read again.
    Benchmarks,
    /// Something else changed: read the practice again.
    Whole,
}

/// Reads again the documents among `paths` that the practice already has (or could not read
/// before), each alone; anything else but a file of the benchmarks folder asks for the whole
/// practice to be read again.
fn apply_changes(practice: &mut Practice, paths: &[PathBuf]) -> (Delta, Vec<String>) {
    let root = practice.root.clone();
    let benchmarks = root.join(&practice.config.folders.benchmarks);
    let mut docs = Vec::new();
    let mut delta = Delta::Documents;
    for path in paths {
        let Ok(rel) = path.strip_prefix(&root) else {
            return (Delta::Whole, docs);
        };
        let rel = to_slash(rel);
        let known = practice.docs.iter().any(|d| d.path == rel)
            || practice.problems.iter().any(|p| p.path == rel);
        if !practice.is_doc_path(&rel) && path.starts_with(&benchmarks) {
            delta = Delta::Benchmarks;
            continue;
        }
        if !known || !practice.is_doc_path(&rel) {
            return (Delta::Whole, docs);
        }
        docs.push(rel);
    }
    docs.sort();
    docs.dedup();
    for rel in &docs {
        practice.docs.retain(|d| d.path != *rel);
        practice.problems.retain(|p| p.path != *rel);
        if std::fs::symlink_metadata(root.join(rel)).is_err() {
            continue;
        }
        match read_doc(&root, rel) {
            Ok(doc) => {
                let doc = classify(&practice.config, doc);
                // Kept in path order, as a practice loads them.
                let at = practice.docs.partition_point(|d| d.path < *rel);
                practice.docs.insert(at, doc);
            }
            Err(problem) => practice.problems.push(*problem),
        }
    }
    (delta, docs)
}

fn ignored_dirs(root: &Path, out_dir: &str, work: &Path) -> Vec<PathBuf> {
    vec![
        root.join(".git"),
        root.join("target"),
        root.join(out_dir),
        work.to_path_buf(),
    ]
}

/// Adds to `paths` the paths of an event that are the practice's (not perfdoc's own temporary
/// files, not an editor's backups, not in the ignored folders); true when the event is in one
/// of the `git` folders, where HEAD or a ref may have moved.
fn relevant_paths(
    event: &notify::Result<notify::Event>,
    ignored: &[PathBuf],
    git: &[PathBuf],
    paths: &mut Vec<PathBuf>,
) -> bool {
    let Ok(event) = event else {
        return false;
    };
    if event.kind.is_access() {
        return false;
    }
    let mut refs = false;
    for p in &event.paths {
        if git.iter().any(|g| p.starts_with(g)) {
            refs = true;
        } else if !ignored.iter().any(|i| p.starts_with(i))
            && !p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".perfdoc-") || n.ends_with('~'))
        {
            paths.push(p.clone());
        }
    }
    refs
}

fn watch_failed(root: &Path, e: &notify::Error) -> Error {
    Error::System {
        doing: format!("watch `{}`", root.display()),
        message: e.to_string(),
    }
}
