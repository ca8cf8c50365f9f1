//! Blobs a partial clone (`git clone --filter=blob:none`) does not hold yet: libgit2 cannot
//! fetch from a promisor remote, `git` can. Before a walk, one `git fetch` brings every blob
//! the walk will read (one round trip, not one per blob); one long-lived `git cat-file
//! --batch` answers any other (fetching it on demand), so a walk over a partial clone gives
//! the same answer as over a full one.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use git2::Oid;

use super::error::{GitCause, HistoryError};

/// Fetches the blobs reachable from `head` and not from `hide` that the clone lacks, from
/// `remote`, in one `git fetch` (as git's own lazy fetch does for a batch). Failures are left
/// to the on-demand path.
pub fn prefetch(git_dir: &Path, remote: &str, head: Oid, hide: Option<Oid>) {
    // A remote name is configuration, not an option: never let one be read as a flag.
    if remote.starts_with('-') {
        return;
    }
    let git = || {
        let mut cmd = Command::new("git");
        cmd.arg("--git-dir")
            .arg(git_dir)
            .env("GIT_TERMINAL_PROMPT", "0")
            .stderr(Stdio::null());
        cmd
    };
    let mut list = git();
    list.args([
        "rev-list",
        "--objects",
        "--missing=print",
        &head.to_string(),
    ]);
    if let Some(hide) = hide {
        list.arg(format!("^{hide}"));
    }
    let Ok(out) = list.stdin(Stdio::null()).output() else {
        return;
    };
    let missing: String = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix('?'))
        .map(|id| format!("{id}\n"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let fetch = git()
        .args(["-c", "fetch.negotiationAlgorithm=noop", "fetch", remote])
        .args([
            "--no-tags",
            "--no-write-fetch-head",
            "--recurse-submodules=no",
        ])
        .args(["--filter=blob:none", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn();
    let Ok(mut child) = fetch else {
        return;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(missing.as_bytes());
    }
    let _ = child.wait();
}

pub struct CatFile {
    child: Child,
    /// `None` once closed, in `drop`.
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl CatFile {
    /// Starts `git cat-file --batch` on the repository whose git dir is `git_dir`.
    pub fn start(git_dir: &Path) -> Result<CatFile, HistoryError> {
        let failed = |e: std::io::Error| HistoryError::Git {
            doing: "starting `git cat-file` to fetch the blobs this partial clone lacks".into(),
            source: GitCause::new(&format!(
                "{e} (perfdoc needs the `git` command for a partial clone; install it, or clone without --filter)"
            )),
        };
        let mut child = Command::new("git")
            .arg("--git-dir")
            .arg(git_dir)
            .args(["cat-file", "--batch"])
            // A fetch must never wait for a password nobody will type.
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(failed)?;
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        Ok(CatFile {
            child,
            stdin,
            stdout,
        })
    }

    /// The content of blob `id`, or `None` when git cannot find or fetch it either.
    pub fn blob(&mut self, id: Oid) -> Result<Option<Vec<u8>>, HistoryError> {
        let broken = |what: &str| HistoryError::Git {
            doing: format!("reading blob {id} through `git cat-file`"),
            source: GitCause::new(what),
        };
        let io = |e: std::io::Error| broken(&e.to_string());
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| broken("git cat-file is closed"))?;
        writeln!(stdin, "{id}").map_err(io)?;
        stdin.flush().map_err(io)?;
        let mut header = String::new();
        if self.stdout.read_line(&mut header).map_err(io)? == 0 {
            return Err(broken("git cat-file stopped"));
        }
        // `<id> <type> <size>`, or `<id> missing`.
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, "missing"] | [_, "ambiguous"] => Ok(None),
            [_, "blob", size] => {
                let size: usize = size.parse().map_err(|_| broken(&header))?;
                let mut data = vec![0; size + 1];
                self.stdout.read_exact(&mut data).map_err(io)?;
                data.pop(); // the newline after the content
                Ok(Some(data))
            }
            [_, _, size] => {
                // Not a blob: skip its content so the next answer lines up.
                let size: usize = size.parse().map_err(|_| broken(&header))?;
                let mut skip = vec![0; size + 1];
                self.stdout.read_exact(&mut skip).map_err(io)?;
                Ok(None)
            }
            _ => Err(broken(&header)),
        }
    }
}

impl Drop for CatFile {
    fn drop(&mut self) {
        // Closing stdin ends the batch; wait so no zombie is left behind.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
