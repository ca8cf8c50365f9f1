//! Who is writing: `user.name` from git's configuration (repository first, then global), used
//! as the owner of a new document.

use std::path::Path;

use super::session::Session;

impl Session {
    /// The configured git user name for this repository, if any.
    pub fn user_name(&self) -> Option<String> {
        name_in(&self.repo.git2().config().ok()?)
    }
}

/// The configured git user name for the repository at or above `dir`, else the global one.
pub fn user_name(dir: &Path) -> Option<String> {
    match Session::discover(dir).ok().flatten() {
        Some(session) => session.user_name(),
        None => name_in(&git2::Config::open_default().ok()?),
    }
}

fn name_in(config: &git2::Config) -> Option<String> {
    config
        .get_string("user.name")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}
