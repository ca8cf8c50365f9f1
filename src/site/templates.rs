//! The site's templates and static files: embedded defaults, with a same-named file under the
//! practice's `templates/site/` taking a default's place. User templates are loaded first and
//! the defaults added only where the user defined nothing (Zola's way), so a user's
//! `base.html` is what every default page extends.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::error::{Error, Result};
use crate::location::{Refusal, Root};

/// Where a practice's overrides live, relative to its root.
pub const USER_DIR: &str = "templates/site";

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/site/", $name)))),*]
    };
}

/// The embedded templates and static files, by name under `templates/site/`.
pub const EMBEDDED: &[(&str, &str)] = embed!(
    "base.html",
    "home.html",
    "optimizations.html",
    "record.html",
    "reports.html",
    "report.html",
    "trends.html",
    "learnings.html",
    "tracking.html",
    "roadmap.html",
    "tags.html",
    "tag.html",
    "page.html",
    "search.html",
    "404.html",
    "_history.html",
    "feed.xml",
    "sitemap.xml",
    "sitemap-index.xml",
    "static/style.css",
    "static/search.js",
);

/// The files copied verbatim into the site (after override).
pub const STATIC: &[&str] = &["static/style.css", "static/search.js"];

pub struct Templates {
    pub tera: Tera,
    /// Static files by output path, user versions where given.
    pub statics: BTreeMap<String, String>,
    /// One digest of every template's name and text: any page may extend or include any of
    /// them, so a page's memo key takes them all.
    pub digest: String,
}

/// The practice's own version of template `name`, if it has one. Templates end up in the site
/// (statics verbatim), so one that is a symlink out of the practice or into `.git` is an
/// error, not something to publish.
fn read_user(practice: &Root, name: &str) -> Result<Option<String>> {
    let rel = format!("{USER_DIR}/{name}");
    let path = match practice.vet(&rel) {
        Ok(path) => path,
        Err(Refusal::Missing) => return Ok(None),
        Err(refusal) => {
            return Err(Error::Refused {
                action: format!("read the template `{rel}`"),
                why: format!("it {refusal}"),
                hint: refusal.hint().to_string(),
            });
        }
    };
    std::fs::read_to_string(&path)
        .map(Some)
        .map_err(|source| Error::Read { path, source })
}

pub fn load(root: &Path) -> Result<Templates> {
    let mut user: BTreeMap<String, String> = BTreeMap::new();
    let dir = root.join(USER_DIR);
    let practice = Root::new(root);
    for (name, _) in EMBEDDED {
        if let Some(text) = read_user(&practice, name)? {
            user.insert((*name).to_string(), text);
        }
    }
    // Extra user templates (partials a user's override includes) are loaded too.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut extra: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        extra.sort();
        for path in extra {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if path.is_file() && (name.ends_with(".html") || name.ends_with(".xml")) {
                if user.contains_key(name) {
                    continue;
                }
                if let Some(text) = read_user(&practice, name)? {
                    user.insert(name.to_string(), text);
                }
            }
        }
    }
    let mut statics = BTreeMap::new();
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, text) in user.iter() {
        if !STATIC.contains(&name.as_str()) {
            sources.push((name.clone(), text.clone()));
        }
    }
    for (name, text) in EMBEDDED {
        let chosen = user.get(*name).cloned().unwrap_or_else(|| text.to_string());
        if STATIC.contains(name) {
            statics.insert((*name).to_string(), chosen);
        } else if !user.contains_key(*name) {
            sources.push(((*name).to_string(), chosen));
        }
    }
    sources.sort();
    let named: Vec<&str> = sources
        .iter()
        .flat_map(|(name, text)| [name.as_str(), text.as_str()])
        .collect();
    let digest = super::digest::parts(&named);
    let mut tera = Tera::default();
    tera.add_raw_templates(sources)
        .map_err(|e| Error::template("templates/site", &e))?;
    Ok(Templates {
        tera,
        statics,
        digest,
    })
}
