//! The git pre-commit hook that runs `perfdoc check --staged`. perfdoc's hook carries a marker
//! line so it can tell its own from anyone else's: it never replaces another hook (it refuses,
//! or with `chain` keeps it as `pre-commit.local` and runs it first — or, when git was not
//! running it, keeps it as `pre-commit.ignored` and does not), and uninstalling removes only
//! its own, putting a chained hook back.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs::write::{Existing, atomic_write_executable};
use crate::history::Session;

/// The line that marks a hook as perfdoc's.
pub const MARKER: &str = "# perfdoc-managed-hook";
pub const HOOK: &str = "pre-commit";
pub const CHAINED: &str = "pre-commit.local";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// A new hook; `chained` when an earlier hook now runs first.
    Created { path: PathBuf, chained: bool },
    /// perfdoc's hook was there and has been rewritten.
    Updated { path: PathBuf, chained: bool },
    /// A new hook in place of one git was not running (`why`), which is kept as `kept`.
    SetAside {
        path: PathBuf,
        kept: PathBuf,
        why: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// perfdoc's hook is gone; `restored` names the chained hook put back in its place.
    Removed {
        path: PathBuf,
        restored: Option<PathBuf>,
    },
    NotInstalled {
        path: PathBuf,
    },
}

/// The hook script. `practice` is the practice's folder relative to the working tree's top
/// (where git runs hooks), empty when they are the same.
pub fn script(practice: &str, chained: bool) -> String {
    let mut s = format!(
        "#!/bin/sh\n{MARKER}: written by `perfdoc hook install`; `perfdoc hook uninstall` removes it.\n\
         # Checks what is being committed; `git commit --no-verify` skips it once.\nset -e\n"
    );
    if chained {
        s.push_str(&format!(
            "# The hook that was here before runs first, when git would run it (executable).\n\
             chained=\"$(dirname \"$0\")/{CHAINED}\"\nif [ -x \"$chained\" ]; then \"$chained\" \"$@\"; fi\n"
        ));
    }
    // The install channels that need no compiler come first; the README lists them all.
    s.push_str(&format!(
        "if ! command -v perfdoc >/dev/null 2>&1; then\n  \
         echo \"pre-commit: perfdoc is not installed (pipx install perfdoc, cargo binstall perfdoc or cargo install --locked perfdoc; see {}#install); skip with git commit --no-verify\" >&2\n  \
         exit 1\nfi\n",
        env!("CARGO_PKG_REPOSITORY")
    ));
    if practice.is_empty() {
        s.push_str("exec perfdoc check --staged\n");
    } else {
        s.push_str(&format!(
            "exec perfdoc -C {} check --staged\n",
            sh_quote(practice)
        ));
    }
    s
}

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER))
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Why git would not run the hook at `path`, or `None` when it would: git runs a hook only
/// when it can execute it, through any symlink.
fn not_runnable(path: &Path) -> Option<&'static str> {
    match std::fs::metadata(path) {
        Err(_) if exists(path) => Some("it is a symlink to nothing"),
        Err(_) => Some("it cannot be read"),
        Ok(m) if !m.is_file() => Some("it is not a file"),
        Ok(m) if !is_executable(&m) => Some("it is not executable"),
        Ok(_) => None,
    }
}

#[cfg(unix)]
fn is_executable(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    true
}

/// Whether the hook script should run `pre-commit.local` first: only when git would run it.
fn chains(local: &Path) -> bool {
    exists(local) && not_runnable(local).is_none()
}

/// A free name beside `path` to keep an ignored hook under: `pre-commit.ignored`, then
/// `pre-commit.ignored.1`, …; nothing is ever overwritten.
fn aside(path: &Path) -> PathBuf {
    let base = path.with_file_name(format!("{HOOK}.ignored"));
    let mut candidate = base.clone();
    let mut n = 0;
    while exists(&candidate) {
        n += 1;
        candidate = path.with_file_name(format!("{HOOK}.ignored.{n}"));
    }
    candidate
}

/// Installs the hook for the practice the session was opened at.
pub fn install(git: &Session, chain: bool) -> Result<Installed> {
    let hooks = git.hooks_dir()?;
    let practice = git.prefix().to_owned();
    let path = hooks.dir.join(HOOK);
    let local = hooks.dir.join(CHAINED);
    if exists(&path) && is_ours(&path) {
        let chained = chains(&local);
        atomic_write_executable(
            &path,
            script(&practice, chained).as_bytes(),
            Existing::Replace,
        )?;
        return Ok(Installed::Updated { path, chained });
    }
    if exists(&path) {
        if !chain {
            return Err(Error::Usage(format!(
                "`{}` already exists and is not perfdoc's; perfdoc does not replace it\n  \
                 help: `perfdoc hook install --chain` keeps it as `{CHAINED}` and runs it before perfdoc,\n        \
                 or add `perfdoc check --staged` to it yourself",
                path.display()
            )));
        }
        if let Some(why) = not_runnable(&path) {
            // Chaining a hook git ignored would make every commit fail on it; keep it aside.
            let kept = aside(&path);
            std::fs::rename(&path, &kept).map_err(|source| Error::Write {
                path: kept.clone(),
                source,
            })?;
            let chained = chains(&local);
            if let Err(e) = atomic_write_executable(
                &path,
                script(&practice, chained).as_bytes(),
                Existing::Refuse,
            ) {
                let _ = std::fs::rename(&kept, &path);
                return Err(e);
            }
            return Ok(Installed::SetAside { path, kept, why });
        }
        if exists(&local) {
            return Err(Error::Usage(format!(
                "cannot chain: `{}` exists too\n  help: merge the two hooks by hand, then run `perfdoc hook install --chain`",
                local.display()
            )));
        }
        std::fs::rename(&path, &local).map_err(|source| Error::Write {
            path: local.clone(),
            source,
        })?;
        if let Err(e) =
            atomic_write_executable(&path, script(&practice, true).as_bytes(), Existing::Refuse)
        {
            // Put the user's hook back rather than leave the repository without one.
            let _ = std::fs::rename(&local, &path);
            return Err(e);
        }
        return Ok(Installed::Created {
            path,
            chained: true,
        });
    }
    let chained = chains(&local);
    atomic_write_executable(
        &path,
        script(&practice, chained).as_bytes(),
        Existing::Refuse,
    )?;
    Ok(Installed::Created { path, chained })
}

/// Removes perfdoc's hook and puts back the hook it chained, if any.
pub fn uninstall(git: &Session) -> Result<Removed> {
    let hooks = git.hooks_dir()?;
    let path = hooks.dir.join(HOOK);
    let local = hooks.dir.join(CHAINED);
    if !exists(&path) {
        return Ok(Removed::NotInstalled { path });
    }
    if !is_ours(&path) {
        return Err(Error::Usage(format!(
            "`{}` is not perfdoc's hook; leaving it alone\n  help: remove the `perfdoc check --staged` line from it by hand if it has one",
            path.display()
        )));
    }
    std::fs::remove_file(&path).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    let restored = if exists(&local) {
        std::fs::rename(&local, &path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        Some(path.clone())
    } else {
        None
    };
    Ok(Removed::Removed { path, restored })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_runs_the_chained_hook_first_and_quotes_the_folder() {
        let s = script("docs/it's", true);
        let local = s.find(CHAINED).unwrap();
        let check = s.find("check --staged").unwrap();
        assert!(local < check, "{s}");
        assert!(s.contains("-C 'docs/it'\\''s' check --staged"), "{s}");
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(s.contains(MARKER));
        assert!(!script("", false).contains(CHAINED));
        assert!(script("", false).contains("exec perfdoc check --staged\n"));
    }
}
