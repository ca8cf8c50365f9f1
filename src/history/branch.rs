//! The branch a repository publishes from, for the workflows `init` writes.

use std::path::Path;

/// The branch the repository publishes from: the remote's default (`origin/HEAD`), else the
/// branch checked out (born or not), else git's `init.defaultBranch`, else `main`.
pub fn default_branch(dir: &Path) -> String {
    let from_repo = git2::Repository::discover(dir).ok().and_then(|repo| {
        let symbolic = |name: &str, prefix: &str| -> Option<String> {
            let reference = repo.find_reference(name).ok()?;
            let target = reference.symbolic_target().ok()??;
            target.strip_prefix(prefix).map(str::to_string)
        };
        symbolic("refs/remotes/origin/HEAD", "refs/remotes/origin/")
            .or_else(|| symbolic("HEAD", "refs/heads/"))
            .or_else(|| repo.config().ok()?.get_string("init.defaultBranch").ok())
    });
    from_repo
        .or_else(|| {
            git2::Config::open_default()
                .ok()?
                .get_string("init.defaultBranch")
                .ok()
        })
        .filter(|b| !b.is_empty() && !b.chars().any(char::is_control))
        .unwrap_or_else(|| "main".into())
}
