//! Where git looks for hooks: `core.hooksPath` when it is set (relative to the working tree),
//! else `hooks/` in the repository's common directory (shared by every worktree).

use std::path::PathBuf;

use super::error::HistoryError;
use super::session::Session;

#[derive(Debug, Clone)]
pub struct HooksDir {
    pub dir: PathBuf,
    pub workdir: PathBuf,
}

impl Session {
    /// The hooks directory of the repository, and the working tree's root.
    pub fn hooks_dir(&self) -> Result<HooksDir, HistoryError> {
        let workdir = self
            .worktree_root()
            .map(PathBuf::from)
            .ok_or(HistoryError::Bare)?;
        let repo = self.repo.git2();
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
}
