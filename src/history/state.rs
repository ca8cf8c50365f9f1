//! What of the repository a build reads, said in a few lines, so a build stamp can tell that
//! none of it moved without walking history: HEAD (its commit and its branch), the shallow
//! boundary and the replace refs in force, and the files git and the document listing read
//! their settings from (the config files, grafts, `info/exclude`, a global excludes file).

use std::path::PathBuf;

use super::Session;
use super::repo::Head;

impl Session {
    /// The state lines; paths whose stat also counts go to `files`.
    pub fn state(&self, files: &mut Vec<PathBuf>) -> Vec<String> {
        let repo = &self.repo;
        let mut lines = vec![match repo.head() {
            Ok(Head::Commit { id, branch }) => format!("head {id} {branch:?}"),
            Ok(Head::Unborn { branch }) => format!("unborn {branch:?}"),
            Err(e) => format!("head error {e}"),
        }];
        lines.extend(repo.shallow_boundary());
        let git = repo.git2();
        let common = git.commondir().to_path_buf();
        files.extend([
            common.join("config"),
            git.path().join("config.worktree"),
            common.join("info/grafts"),
            common.join("info/exclude"),
            common.join("shallow"),
        ]);
        let excludes = git
            .config()
            .and_then(|mut c| c.snapshot())
            .and_then(|c| c.get_path("core.excludesfile"));
        if let Ok(path) = excludes {
            files.push(path);
        }
        lines
    }
}
