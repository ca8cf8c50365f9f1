//! The build's memo kept between runs, in `<git dir>/perfdoc/` beside the history cache (so
//! never in the working tree, and per worktree). The file names its format, its version,
//! the perfdoc that wrote it, the output folder it describes and a digest of the rest; a file
//! that is missing, damaged, cut short, from another perfdoc or for another folder is not
//! used, and the build starts cold. It is written atomically (a temporary file renamed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::digest::bytes as bytes_digest;
use super::memo::{Entry, Memo, PERFDOC, Render};
use crate::error::Result;
use crate::fs::write::{Existing, atomic_write};

const FORMAT: &str = "perfdoc-site";
/// Bump when the meaning or shape of the file changes.
pub const VERSION: u32 = 4;

/// The first line of a file the site keeps under `.git/perfdoc/` (this cache, the build
/// stamp).
#[derive(Serialize, Deserialize, PartialEq)]
struct Header {
    format: String,
    version: u32,
    perfdoc: String,
    out: String,
    /// Digest of everything after the first line.
    digest: String,
}

/// `body` behind the header that names its format and version, this perfdoc, the output
/// folder it describes and its digest.
pub fn seal(format: &str, version: u32, out: &Path, mut body: Vec<u8>) -> Vec<u8> {
    let mut first =
        serde_json::to_vec(&header(format, version, out, bytes_digest(&body))).unwrap_or_default();
    first.push(b'\n');
    // In place: the body of a large site's cache is tens of MB, not worth a second copy.
    body.splice(0..0, first);
    body
}

/// The body of what `seal` made with these arguments; `None` for anything else (cut short,
/// damaged, another format, version, perfdoc or folder).
pub fn unseal<'a>(bytes: &'a [u8], format: &str, version: u32, out: &Path) -> Option<&'a [u8]> {
    let at = bytes.iter().position(|&b| b == b'\n')?;
    let (first, rest) = (&bytes[..at], &bytes[at + 1..]);
    let trusted = serde_json::from_slice::<Header>(first)
        .is_ok_and(|h| h == header(format, version, out, bytes_digest(rest)));
    trusted.then_some(rest)
}

#[derive(Serialize, Deserialize)]
struct Body {
    files: BTreeMap<String, Entry>,
    renders: BTreeMap<String, Render>,
    spare: BTreeMap<String, Entry>,
}

/// Where the site cache of a repository lives, given its git dir.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir
        .join("perfdoc")
        .join(format!("site-v{VERSION}.json"))
}

fn header(format: &str, version: u32, out: &Path, digest: String) -> Header {
    Header {
        format: format.into(),
        version,
        perfdoc: PERFDOC.into(),
        out: out.to_string_lossy().into_owned(),
        digest,
    }
}

/// The memo stored for output folder `out`, or an empty one when there is none that can be
/// trusted.
pub fn load(file: &Path, out: &Path) -> Memo {
    let Ok(bytes) = std::fs::read(file) else {
        return Memo::default();
    };
    let Some(rest) = unseal(&bytes, FORMAT, VERSION, out) else {
        return Memo::default();
    };
    match serde_json::from_slice::<Body>(rest) {
        Ok(body) => Memo {
            files: body.files,
            renders: body.renders.into_iter().collect(),
            spare: body.spare,
        },
        Err(_) => Memo::default(),
    }
}

/// Stores `memo` as the memo of output folder `out`.
pub fn save(file: &Path, out: &Path, memo: &Memo) -> Result<()> {
    // `Body` as it serializes, borrowed (sorted by path, as `Body` reads it back).
    #[derive(Serialize)]
    struct Borrowed<'a> {
        files: &'a BTreeMap<String, Entry>,
        renders: BTreeMap<&'a str, &'a Render>,
        spare: &'a BTreeMap<String, Entry>,
    }
    let body = Borrowed {
        files: &memo.files,
        renders: memo.renders.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        spare: &memo.spare,
    };
    let rest = serde_json::to_vec(&body).map_err(std::io::Error::other);
    let rest = rest.map_err(|source| crate::error::Error::Write {
        path: file.to_path_buf(),
        source,
    })?;
    atomic_write(file, &seal(FORMAT, VERSION, out, rest), Existing::Replace)
}
