//! The URLs `book.toml` gives (`site-url`, `git-repository-url`) end up in `href`s of every
//! page and in review comments, so a value such as `javascript:…` would be a script one click
//! away. Only `http(s)` URLs with a host pass, and for `site-url` also a path on the site's
//! own host (`/repo/`); nothing that could end an attribute or a Markdown link.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    /// `http://` or `https://` with a host.
    HttpOnly,
    /// That, or an absolute path (`/perfdoc/`) for a site served under a sub-path.
    SitePath,
}

impl Allow {
    pub fn hint(self, key: &str) -> String {
        match self {
            Allow::HttpOnly => format!("write `{key} = \"https://github.com/org/repo\"`"),
            Allow::SitePath => format!(
                "write `{key} = \"https://org.github.io/repo/\"`, or a path on the site's host such as `{key} = \"/repo/\"`"
            ),
        }
    }
}

/// Why `url` is refused, if it is.
pub fn check(url: &str, allow: Allow) -> Result<(), String> {
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\{}|^".contains(*c))
    {
        return Err(format!(
            "holds {c:?}, which a URL cannot hold as it is: percent-encode it"
        ));
    }
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            if host.is_empty() || host.starts_with('@') {
                return Err(format!("`{url}` has no host"));
            }
            Ok(())
        }
        // `//host/` is a URL on another host with the page's scheme, not a path.
        None if allow == Allow::SitePath && url.starts_with('/') && !url.starts_with("//") => {
            Ok(())
        }
        None if allow == Allow::SitePath => Err(format!(
            "`{url}` is neither an http(s) URL nor a path starting with `/`"
        )),
        None => Err(format!("`{url}` is not an http(s) URL")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_and_paths() {
        assert!(check("https://a.example/x", Allow::HttpOnly).is_ok());
        assert!(check("HTTP://a.example", Allow::HttpOnly).is_ok());
        assert!(check("/repo/", Allow::SitePath).is_ok());
        assert!(check("/repo/", Allow::HttpOnly).is_err());
        assert!(check("//evil.example/", Allow::SitePath).is_err());
        assert!(check("javascript:alert(1)", Allow::SitePath).is_err());
        assert!(check("https:///x", Allow::HttpOnly).is_err());
        assert!(check("/a\\b", Allow::SitePath).is_err());
    }
}
