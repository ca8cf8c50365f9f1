//! Where git looks for hooks: `core.hooksPath` when it is set (relative to the working tree),
//! else `hooks/` in the repository's common directory (shared by every worktree).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The hooks directory of the repository around `dir`, and the working tree's root.
pub fn hooks_dir(dir: &Path) -> Result<HooksDir> {
    let repo = git2::Repository::discover(dir).map_err(|_| {
        Error::Usage(format!(
            "`{}` is not in a git repository, so there is no hook to install\n  help: run `git init` first",
            dir.display()
        ))
    })?;
    let workdir = repo.workdir().map(Path::to_path_buf).ok_or_else(|| {
        Error::Usage("a pre-commit hook needs a repository with a working tree".into())
    })?;
    let configured = repo
        .config()
        .and_then(|mut c| c.snapshot())
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    let dir = match configured {
        Some(path) if path.is_absolute() => path,
        Some(path) => workdir.join(path),
        None => repo.commondir().join("hooks"),
    };
    Ok(HooksDir { dir, workdir })
}

#[derive(Debug, Clone)]
pub struct HooksDir {
    pub dir: PathBuf,
    pub workdir: PathBuf,
}
