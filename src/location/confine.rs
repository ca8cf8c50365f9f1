//! The practice as a boundary. Every path perfdoc reads or copies for a document is resolved to
//! its canonical form (after every symlink) and refused when that lies outside the practice's
//! root, inside `.git` or in a hidden file: a symlinked folder must not let a pull request
//! publish `/etc/shadow`, `/proc/self/environ` or the token in `.git/config`.

use std::fmt;
use std::path::{Path, PathBuf};

use super::publish::{self, Treatment};
use super::svg;

/// The practice's root, canonical once for many look-ups.
#[derive(Debug, Clone)]
pub struct Root {
    canonical: PathBuf,
}

/// Why a practice-relative path may not be read or published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is there (or a symlink leads nowhere).
    Missing,
    /// The path cannot be resolved: a symlink loop, a permission error.
    Unresolvable(String),
    /// After its symlinks the path lies here, outside the practice.
    Outside(PathBuf),
    /// A link's `..` climbs above the practice's root.
    Climbs,
    /// The path lies inside `.git`.
    Git,
    /// The path lies in a hidden file or folder (`.env`, `.github/…`).
    Hidden,
    /// Not a regular file: a folder, a pipe, a device.
    NotAFile,
    /// A file type the site does not publish (its extension, or empty).
    Active(String),
    /// An SVG that cannot be cleaned (not well-formed, a DTD, too large), and why.
    BadSvg(String),
}

impl Root {
    pub fn new(root: &Path) -> Root {
        Root {
            canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The canonical path of the practice-relative `rel` (as `link::resolve_link` gives it),
    /// when it exists inside the practice and outside `.git` and hidden folders.
    pub fn vet(&self, rel: &str) -> Result<PathBuf, Refusal> {
        hidden(rel.split('/'))?;
        let canonical = self.canonical.join(rel).canonicalize().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Refusal::Missing
            } else {
                Refusal::Unresolvable(e.to_string())
            }
        })?;
        let Ok(inside) = canonical.strip_prefix(&self.canonical) else {
            return Err(Refusal::Outside(canonical));
        };
        hidden(
            inside
                .components()
                .map(|c| c.as_os_str().to_str().unwrap_or("")),
        )?;
        Ok(canonical)
    }

    /// `vet`, for a file the site copies: it must also be a regular file of a type the site
    /// publishes, both as linked and as it is after its symlinks, and an SVG must clean.
    pub fn asset(&self, rel: &str) -> Result<PathBuf, Refusal> {
        self.treat(rel).map(|(path, _)| path)
    }

    /// The bytes the site publishes for the file at `rel`: the file itself, or an SVG
    /// rewritten without script; and how many parts of an SVG were left out.
    pub fn publish(&self, rel: &str) -> Result<(Vec<u8>, usize), Refusal> {
        let (path, treatment) = self.treat(rel)?;
        let bytes = read(&path)?;
        match treatment {
            Treatment::Verbatim => Ok((bytes, 0)),
            Treatment::CleanSvg => svg::clean(&bytes)
                .map(|(text, dropped)| (text.into_bytes(), dropped))
                .map_err(Refusal::BadSvg),
        }
    }

    fn treat(&self, rel: &str) -> Result<(PathBuf, Treatment), Refusal> {
        let canonical = self.vet(rel)?;
        let meta =
            std::fs::metadata(&canonical).map_err(|e| Refusal::Unresolvable(e.to_string()))?;
        if !meta.is_file() {
            return Err(Refusal::NotAFile);
        }
        let linked = publish::treatment(rel).map_err(Refusal::Active)?;
        let real = publish::treatment(&canonical.to_string_lossy()).map_err(Refusal::Active)?;
        // A `.png` link to an `.svg` file is cleaned too.
        let treatment = linked.max(real);
        if treatment == Treatment::CleanSvg {
            if meta.len() > svg::MAX_SVG_BYTES as u64 {
                return Err(Refusal::BadSvg(format!(
                    "it is larger than {} MiB",
                    svg::MAX_SVG_BYTES / 1024 / 1024
                )));
            }
            svg::clean(&read(&canonical)?).map_err(Refusal::BadSvg)?;
        }
        Ok((canonical, treatment))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    std::fs::read(path).map_err(|e| Refusal::Unresolvable(e.to_string()))
}

/// `.git` (in any case: macOS and Windows file systems ignore it) or any hidden segment.
fn hidden<'a>(segments: impl Iterator<Item = &'a str>) -> Result<(), Refusal> {
    for s in segments {
        if s.eq_ignore_ascii_case(".git") {
            return Err(Refusal::Git);
        }
        if s.starts_with('.') && s != "." && s != ".." {
            return Err(Refusal::Hidden);
        }
    }
    Ok(())
}

impl Refusal {
    /// The `check` rule that reports a link refused this way.
    pub fn rule(&self) -> &'static str {
        match self {
            Refusal::Missing | Refusal::Unresolvable(_) | Refusal::NotAFile => "broken-link",
            Refusal::Outside(_) | Refusal::Climbs | Refusal::Git | Refusal::Hidden => {
                "link-outside"
            }
            Refusal::Active(_) | Refusal::BadSvg(_) => "active-content",
        }
    }

    /// The finding about the link `dest` (an `image` or a `link`, as `what` says).
    pub fn describe(&self, what: &str, dest: &str) -> String {
        match self {
            Refusal::Missing => format!("{what} target `{dest}` does not exist"),
            other => format!("{what} `{dest}` {other}"),
        }
    }

    /// How to fix a link refused this way.
    pub fn hint(&self) -> &'static str {
        match self {
            Refusal::Missing | Refusal::NotAFile => {
                "fix the path (relative to this file) or remove the link"
            }
            Refusal::Unresolvable(_) => "fix the symlink (is it a loop?) or remove the link",
            Refusal::Outside(_) | Refusal::Climbs => {
                "link only to files inside the practice: copy the file in instead of linking out"
            }
            Refusal::Git => {
                "remove the link: `.git` holds the repository's configuration and credentials"
            }
            Refusal::Hidden => "move the file out of the hidden folder, or remove the link",
            Refusal::BadSvg(_) => {
                "export the SVG again as plain SVG (well-formed XML, no DTD), or as PNG"
            }
            Refusal::Active(_) => {
                "publish a passive format (PNG, SVG, PDF, CSV, JSON, text or an archive), or link to where the HTML is hosted"
            }
        }
    }
}

/// What follows ``link `x` `` in a message.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Missing => write!(f, "does not exist"),
            Refusal::Unresolvable(e) => write!(f, "cannot be resolved: {e}"),
            Refusal::Outside(to) => {
                write!(f, "leads outside the practice, to `{}`", to.display())
            }
            Refusal::Climbs => write!(f, "climbs out of the practice with `..`"),
            Refusal::Git => write!(f, "leads into `.git`, which is never published"),
            Refusal::Hidden => write!(f, "leads to a hidden file, which is never published"),
            Refusal::NotAFile => write!(f, "is not a regular file"),
            Refusal::Active(ext) if ext.is_empty() => write!(
                f,
                "has no file extension; the site publishes only passive file types"
            ),
            Refusal::BadSvg(why) => write!(
                f,
                "is an SVG the site cannot clean of script ({why}), so it is not published"
            ),
            Refusal::Active(ext) => write!(
                f,
                "is a `.{ext}` file, which the site does not publish: it could run script in the site's origin"
            ),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symlinks_out_and_into_git_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("s.txt"), "s").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "[core]").unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.png"), "png").unwrap();
        std::fs::write(root.join("content/a.html"), "<script>").unwrap();
        symlink(outside.path(), root.join("content/away")).unwrap();
        symlink("../.git", root.join("content/git")).unwrap();
        symlink("loop", root.join("content/loop")).unwrap();
        symlink("a.html", root.join("content/b.png")).unwrap();
        let r = Root::new(root);
        assert!(r.asset("content/a.png").is_ok());
        assert!(matches!(
            r.vet("content/away/s.txt"),
            Err(Refusal::Outside(_))
        ));
        assert_eq!(r.vet("content/git/config"), Err(Refusal::Git));
        assert_eq!(r.vet(".git/config"), Err(Refusal::Git));
        assert_eq!(r.vet(".GIT/config"), Err(Refusal::Git));
        assert_eq!(r.vet("content/none.png"), Err(Refusal::Missing));
        assert!(matches!(
            r.vet("content/loop/x"),
            Err(Refusal::Unresolvable(_))
        ));
        assert_eq!(
            r.asset("content/a.html"),
            Err(Refusal::Active("html".into()))
        );
        assert_eq!(
            r.asset("content/b.png"),
            Err(Refusal::Active("html".into()))
        );
        assert_eq!(r.asset("content"), Err(Refusal::NotAFile));
    }
}
