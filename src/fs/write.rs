//! Safe writes of whole files. Every file perfdoc writes into a practice (documents,
//! book.toml, workflows, copied templates, baselines and their archives, hooks) goes to a
//! temporary file beside its target and is renamed into place, so a crash leaves the old state
//! or the new, never half a file; a file that exists is never replaced unless the caller says
//! it may be; and the modes are the user's (the umask for a new file, the old mode for a
//! replaced one). The site is the one exception by design: its pages are written into a fresh
//! folder that `site::output` swaps in whole.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Whether an existing target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

/// Writes `bytes` to `path` atomically. With `Existing::Refuse` the final step is a hard link
/// (which fails if the target exists) rather than a rename, so two processes racing to create
/// the same file cannot both win. A new file gets the mode the umask allows (0666 less the
/// umask, as an editor would make it); a replaced one keeps the mode it had.
pub fn atomic_write(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    write_with_mode(path, bytes, existing, false)
}

/// Like `atomic_write`, for a script: the file is executable (0777 less the umask on Unix)
/// from the moment it appears, so git never finds a hook it cannot run.
pub fn atomic_write_executable(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    write_with_mode(path, bytes, existing, true)
}

fn write_with_mode(path: &Path, bytes: &[u8], existing: Existing, executable: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    if existing == Existing::Refuse && path.symlink_metadata().is_ok() {
        return Err(refused(path));
    }
    let werr = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".perfdoc-").suffix(".tmp");
    // tempfile makes its files 0600; asking for 0666 (0777) at creation lets the kernel
    // narrow it by the umask, which no later chmod could read without changing it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let wanted = if executable { 0o777 } else { 0o666 };
        builder.permissions(std::fs::Permissions::from_mode(wanted));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(werr)?;
    tmp.write_all(bytes).map_err(werr)?;
    #[cfg(unix)]
    if let Some(mode) = kept_mode(path, existing, executable) {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(werr)?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    tmp.as_file().sync_all().map_err(werr)?;
    match existing {
        Existing::Replace => {
            tmp.persist(path).map_err(|e| werr(e.error))?;
        }
        Existing::Refuse => match tmp.persist_noclobber(path) {
            Ok(_) => {}
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(refused(path));
            }
            Err(e) => return Err(werr(e.error)),
        },
    }
    Ok(())
}

/// The mode of the regular file being replaced, so a baseline a team made 0640 stays 0640
/// (less set-id bits, which a rewritten file must not inherit); a script also keeps execute
/// wherever it may be read.
#[cfg(unix)]
fn kept_mode(path: &Path, existing: Existing, executable: bool) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    if existing != Existing::Replace {
        return None;
    }
    let meta = path.symlink_metadata().ok().filter(|m| m.is_file())?;
    let mode = meta.permissions().mode() & 0o777;
    Some(if executable {
        mode | (mode & 0o444) >> 2
    } else {
        mode
    })
}

fn refused(path: &Path) -> Error {
    Error::Exists {
        path: path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.md");
        atomic_write(&path, b"one", Existing::Refuse).unwrap();
        let err = atomic_write(&path, b"two", Existing::Refuse).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        atomic_write(&path, b"three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
