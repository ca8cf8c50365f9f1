//! Who is writing: `user.name` from git's configuration (repository first, then global), used
//! as the owner of a new document.

use std::path::Path;

/// The configured git user name for the repository at or above `dir`, if any.
pub fn user_name(dir: &Path) -> Option<String> {
    let config = match git2::Repository::discover(dir) {
        Ok(repo) => repo.config().ok()?,
        Err(_) => git2::Config::open_default().ok()?,
    };
    config
        .get_string("user.name")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}
