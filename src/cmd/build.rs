//! `perfdoc build`: the static site, written whole into the output folder.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::output::{FINDINGS, OK, stderr_color};
use crate::check::{self, report};
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::history::Session;
use crate::practice::Practice;
use crate::site::output::{Spare, spare};
use crate::site::stamp::{Said, Settings};
use crate::site::{self, Git, Memo, Options, SiteInput, memo};

pub fn run(dir: &Path, args: BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let root = Practice::discover(dir)?;
    // book.toml alone, for the output folder and the clone it names: the stamp is taken
    // before the practice is read.
    let config = Config::load(&root)?;
    let out = site::output::absolute(&out_folder(dir, &args, &root, &config));
    let stamp = Stamp::take(&root, &config, &out, &args);
    if let Some(said) = stamp.as_ref().and_then(Stamp::fresh) {
        // One write: a large practice's build may have thousands of lines to say again.
        let mut text: String = said.stderr.iter().map(|l| format!("{l}\n")).collect();
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        text.clear();
        let line = summary_line(said.pages, said.files, started, &said.place);
        println!("{line} {UNCHANGED}");
        return Ok(ExitCode::from(OK));
    }
    let built = build(dir, &args, started);
    if let Some(stamp) = stamp {
        match &built {
            Ok(Built::Site {
                said,
                out: made,
                until,
                code,
                ..
            }) if *made == out && *code == code_repository(&config) => stamp.save(said, *until),
            _ => stamp.remove(),
        }
    }
    built.map(|b| match b {
        Built::Site { .. } => ExitCode::from(OK),
        Built::Broken => ExitCode::from(FINDINGS),
    })
}

fn code_repository(config: &Config) -> Option<String> {
    config.code_repository.as_ref().map(|c| c.path.clone())
}

/// What the summary line adds when the stamp answered.
const UNCHANGED: &str = "(nothing changed)";

enum Built {
    /// Written into `out`; `until` is when what the build said would change by itself.
    Site {
        said: Said,
        out: PathBuf,
        until: Option<jiff::civil::DateTime>,
        /// The `code-repository` it read; the stamp's was read from book.toml before.
        code: Option<String>,
        /// The lock on the output's folder, held until the stamp is written.
        _turn: crate::fs::lock::Held,
    },
    /// Documents that cannot be published: nothing written.
    Broken,
}

/// The folder `--out` names (relative to `-C`), else book.toml's `out-dir` in the practice.
fn out_folder(dir: &Path, args: &BuildArgs, root: &Path, config: &Config) -> PathBuf {
    match &args.out {
        Some(out) => dir.join(out),
        None => root.join(&config.out_dir),
    }
}

fn build(dir: &Path, args: &BuildArgs, started: Instant) -> Result<Built> {
    let now = jiff::ZonedDateTime::now().datetime();
    let practice = super::open_practice(dir)?;
    let (broken, others) = split_findings(&practice);
    if !broken.is_empty() {
        eprint!("{}", report::human(&broken, stderr_color()));
        eprintln!(
            "error: {} document(s) cannot be published; fix them and build again (nothing was written)",
            broken.len()
        );
        eprintln!("{}", others_line(&others));
        return Ok(Built::Broken);
    }
    let out = out_folder(dir, args, &practice.root, &practice.config);
    let out = site::check_target(&practice, &out)?;
    let mut said = Said::default();
    // On a terminal a long build says what it is doing on one status line, cleared at the end.
    let tty = std::io::stderr().is_terminal();
    let progress = |stage: &str| {
        if tty {
            eprint!("\r\x1b[2K{stage}…");
        }
    };
    let repo = open_repository_saying(&practice, &mut said.stderr);
    let input = gather_saying(&practice, &repo, &mut said.stderr);
    let options = Options {
        base_url: base_url(&practice, args.base_url.as_deref()),
    };
    // Inside git the last build's memo is kept under `.git/perfdoc/`: pages whose inputs
    // did not change are kept as they are on disk. Outside git every build is cold.
    let cache = repo.session().map(|s| site::cache::path(&s.git_dir()));
    let memo = cache
        .as_ref()
        .map_or_else(Memo::default, |f| site::cache::load(f, &out));
    let reusable =
        |rel: &str, e: &memo::Entry| e.stat.is_some() && memo::Stat::of(&out.join(rel)) == e.stat;
    // Pages go to disk as they are rendered, into a folder swapped in whole at the end: the
    // spare site, brought up to date, where the cache describes one.
    let spare_home = repo.session().map(|s| spare::path(&s.git_dir()));
    let spare = spare_home.clone().map(|home| (home, memo.spare.clone()));
    let written = site::Staging::begin(&out, spare).and_then(|staging| {
        let built = site::build_with(&input, &options, &memo, &reusable, &staging, &progress)?;
        progress(&format!("swapping in {} files", built.file_count()));
        let (turn, spare) = staging.finish_holding()?;
        Ok((built, turn, spare))
    });
    if tty {
        eprint!("\r\x1b[2K");
    }
    // The folder stays locked until the stamp is written: what is recorded of it is this
    // build's site.
    let (mut built, turn, spare) = written?;
    if let Some(cache) = cache {
        site::record_stats(&mut built.memo.files, &out);
        built.memo.spare = match (spare, &spare_home) {
            (Spare::OldSite, _) => memo.files.clone(),
            (Spare::ThisSite, Some(home)) => {
                let mut files = built.memo.files.clone();
                site::record_stats(&mut files, home);
                files
            }
            _ => Default::default(),
        };
        // Nothing to save when nothing changed, not even a file's stat.
        let same = built.memo.same_as(&memo);
        drop(memo);
        if let Err(e) = (!same)
            .then(|| site::cache::save(&cache, &out, &built.memo))
            .transpose()
        {
            say(
                &mut said.stderr,
                format!("warning: the site cache was not kept: {e}"),
            );
        }
    }
    if others.errors + others.warnings > 0 {
        say(&mut said.stderr, others_line(&others));
    }
    for line in left_out_lines(&built) {
        say(&mut said.stderr, line);
    }
    said.pages = built.pages;
    said.files = built.file_count();
    said.place = out.display().to_string();
    println!("{}", summary(&built, started, &said.place));
    let until = site::stamp::next_deadline(&practice, now);
    Ok(Built::Site {
        said,
        out,
        until,
        code: code_repository(&practice.config),
        _turn: turn,
    })
}

/// A line on stderr, kept for the stamp to say again.
fn say(said: &mut Vec<String>, line: String) {
    eprintln!("{line}");
    said.push(line);
}

/// The build stamp of one build inside git: its file and the inputs taken before the
/// practice was read.
struct Stamp {
    file: PathBuf,
    out: PathBuf,
    inputs: site::stamp::Inputs,
}

impl Stamp {
    /// The inputs of a build into `out`, taken now; `None` outside git (no stamp, like the
    /// memo) or in a repository that cannot be opened.
    fn take(root: &Path, config: &Config, out: &Path, args: &BuildArgs) -> Option<Stamp> {
        let session = Session::discover(root).ok().flatten()?;
        let file = site::stamp::path(&session.git_dir());
        let settings = settings(root, config, out, args, &session);
        let inputs = site::stamp::inputs(root, out, file.parent()?, &settings);
        Some(Stamp {
            file,
            out: out.to_path_buf(),
            inputs,
        })
    }

    fn fresh(&self) -> Option<Said> {
        site::stamp::fresh(&self.file, &self.out, &self.inputs)
    }

    fn save(&self, said: &Said, until: Option<jiff::civil::DateTime>) {
        if let Err(e) = site::stamp::save(&self.file, &self.out, &self.inputs, until, said.clone())
        {
            super::warn(format!("the build stamp was not kept: {e}"));
        }
    }

    fn remove(&self) {
        site::stamp::remove(&self.file);
    }
}

/// Rules whose finding means a document cannot be read as what it claims to be: published,
/// its YAML would show as its title or its page would be missing its kind's parts. Files that
/// could not be loaded at all (unreadable, not UTF-8, too large) are in the same case.
const UNPUBLISHABLE: &[&str] = &["front-matter", "unknown-kind"];

/// `perfdoc check`'s findings split into the documents that must not be published and a
/// tally of the rest.
fn split_findings(practice: &Practice) -> (Vec<Diagnostic>, check::Tally) {
    let (broken, others): (Vec<Diagnostic>, Vec<Diagnostic>) = check::check(practice, None)
        .into_iter()
        .partition(|d| is_unpublishable(practice, d));
    (broken, check::tally(&others))
}

/// Whether finding `d` means its document must not be published (see `UNPUBLISHABLE`).
pub fn is_unpublishable(practice: &Practice, d: &Diagnostic) -> bool {
    UNPUBLISHABLE.contains(&d.rule)
        || practice
            .problems
            .iter()
            .any(|p| p.path == d.path && p.rule == d.rule)
}

pub fn others_line(others: &check::Tally) -> String {
    format!(
        "{} error(s) and {} warning(s) from other rules; run `perfdoc check` for details",
        others.errors, others.warnings
    )
}

/// The base URL: the flag, else `site-url` from book.toml, else `/`.
pub fn base_url(practice: &Practice, flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| practice.config.site_url.clone())
        .unwrap_or_else(|| "/".to_string())
}

/// The repository around the practice, opened once; a repository that cannot be opened is
/// said once on stderr, and the pages then have no history.
pub fn open_repository(practice: &Practice) -> Git {
    open_repository_saying(practice, &mut Vec::new())
}

fn open_repository_saying(practice: &Practice, said: &mut Vec<String>) -> Git {
    let mut warnings = Vec::new();
    let repo = Git::open(practice, &mut warnings);
    warnings
        .into_iter()
        .for_each(|w| say(said, format!("warning: {w}")));
    repo
}

/// The site's input (`SiteInput::gather`), with a progress bar on a terminal while git is
/// walked and the warnings said on stderr.
fn gather_saying<'a>(practice: &'a Practice, repo: &Git, said: &mut Vec<String>) -> SiteInput<'a> {
    let mut warnings = Vec::new();
    let input = super::progress::on_stderr(|progress| {
        SiteInput::gather(practice, repo, progress, &mut warnings)
    });
    warnings
        .into_iter()
        .for_each(|w| say(said, format!("warning: {w}")));
    input
}

/// `built 61 pages (70 files) in 0.21 s → site/`
pub fn summary(site: &site::Site, started: Instant, place: &str) -> String {
    summary_line(site.pages, site.file_count(), started, place)
}

fn summary_line(pages: usize, files: usize, started: Instant, place: &str) -> String {
    format!(
        "built {pages} pages ({files} files) in {:.2} s → {place}",
        started.elapsed().as_secs_f64()
    )
}

/// The links the site did not follow, and why (a symlink out of the practice, an HTML file).
pub fn warn_left_out(site: &site::Site) {
    left_out_lines(site).for_each(|line| eprintln!("{line}"));
}

fn left_out_lines(site: &site::Site) -> impl Iterator<Item = String> + '_ {
    site.left_out.iter().map(|line| format!("warning: {line}"))
}

/// Everything a build reads besides the practice's own files: perfdoc itself, the flags and
/// the environment that change its output, git's state (and the `code-repository` clone's)
/// and the files outside the practice that git and the document listing read settings from.
fn settings(root: &Path, config: &Config, out: &Path, args: &BuildArgs, git: &Session) -> Settings {
    let mut files = Vec::new();
    let mut lines = vec![
        format!("perfdoc {}", memo::PERFDOC),
        format!("root {}", root.display()),
        format!("out {}", out.display()),
        format!("base-url {:?}", args.base_url),
    ];
    // Every `PERFDOC_*` variable (`Config` reads some), every `GIT_*` one (git reads
    // many), the clock's zone (`check` reads the time) and where the global git
    // settings live.
    let mut env: Vec<String> = std::env::vars_os()
        .filter(|(k, _)| {
            let k = k.as_encoded_bytes();
            k.starts_with(b"PERFDOC_")
                || k.starts_with(b"GIT_")
                || [&b"TZ"[..], b"HOME", b"XDG_CONFIG_HOME"].contains(&k)
        })
        .map(|(k, v)| format!("env {}={}", k.to_string_lossy(), v.to_string_lossy()))
        .collect();
    env.sort();
    lines.extend(env);
    lines.extend(git.state(&mut files));
    if let Some(code) = &config.code_repository {
        let path = root.join(&code.path);
        lines.push(format!("code-repository {}", path.display()));
        files.push(path.clone());
        match Session::open_exact(&path.canonicalize().unwrap_or(path)) {
            Ok(Some(clone)) => lines.extend(clone.state(&mut files)),
            Ok(None) => lines.push("code-repository none".into()),
            Err(e) => lines.push(format!("code-repository error {e}")),
        }
    }
    files.extend(std::env::current_exe().ok());
    // Ignore files above the practice, which the document listing honours.
    for dir in root.ancestors().skip(1) {
        files.extend([dir.join(".gitignore"), dir.join(".ignore")]);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    files.extend(home.map(|h| h.join(".gitconfig")));
    if let Some(xdg) = xdg {
        files.extend([xdg.join("git/config"), xdg.join("git/ignore")]);
    }
    files.extend(["/etc/gitconfig", "/etc/localtime"].map(PathBuf::from));
    Settings { lines, files }
}
