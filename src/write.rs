//! Safe writes. Every file perfdoc writes goes to a temporary file beside its target and is
//! renamed into place, so a crash leaves the old state or the new, never half a file; and a
//! file that exists is never replaced unless the caller says it may be.

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
/// the same file cannot both win.
pub fn atomic_write(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    write_with_mode(path, bytes, existing, None)
}

/// Like `atomic_write`, for a script: the file is executable (`0o755` on Unix) from the moment
/// it appears, so git never finds a hook it cannot run.
pub fn atomic_write_executable(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    write_with_mode(path, bytes, existing, Some(0o755))
}

fn write_with_mode(path: &Path, bytes: &[u8], existing: Existing, mode: Option<u32>) -> Result<()> {
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
    let mut tmp = tempfile::Builder::new()
        .prefix(".perfdoc-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(werr)?;
    tmp.write_all(bytes).map_err(werr)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(werr)?;
    }
    #[cfg(not(unix))]
    let _ = mode;
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

fn refused(path: &Path) -> Error {
    Error::Usage(format!(
        "`{}` already exists; perfdoc never overwrites a file\n  help: edit the existing file, or pick another slug or --date",
        path.display()
    ))
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
