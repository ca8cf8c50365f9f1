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
pub const VERSION: u32 = 2;

/// The first line of the file.
#[derive(Serialize, Deserialize, PartialEq)]
struct Header {
    format: String,
    version: u32,
    perfdoc: String,
    out: String,
    /// Digest of everything after the first line.
    digest: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    files: BTreeMap<String, Entry>,
    renders: BTreeMap<String, Render>,
}

/// Where the site cache of a repository lives, given its git dir.
pub fn path(git_dir: &Path) -> PathBuf {
    git_dir
        .join("perfdoc")
        .join(format!("site-v{VERSION}.json"))
}

fn header(out: &Path, digest: String) -> Header {
    Header {
        format: FORMAT.into(),
        version: VERSION,
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
    let Some(at) = bytes.iter().position(|&b| b == b'\n') else {
        return Memo::default();
    };
    let (first, rest) = (&bytes[..at], &bytes[at + 1..]);
    let trusted =
        serde_json::from_slice::<Header>(first).is_ok_and(|h| h == header(out, bytes_digest(rest)));
    if !trusted {
        return Memo::default();
    }
    match serde_json::from_slice::<Body>(rest) {
        Ok(body) => Memo {
            files: body.files,
            renders: body.renders.into_iter().collect(),
        },
        Err(_) => Memo::default(),
    }
}

/// Stores `memo` as the memo of output folder `out`.
pub fn save(file: &Path, out: &Path, memo: &Memo) -> Result<()> {
    let body = Body {
        files: memo.files.clone(),
        renders: memo
            .renders
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    };
    let rest = serde_json::to_vec(&body).map_err(std::io::Error::other);
    let rest = rest.map_err(|source| crate::error::Error::Write {
        path: file.to_path_buf(),
        source,
    })?;
    let mut bytes = serde_json::to_vec(&header(out, bytes_digest(&rest))).unwrap_or_default();
    bytes.push(b'\n');
    bytes.extend_from_slice(&rest);
    atomic_write(file, &bytes, Existing::Replace)
}
