//! Swapping a new site folder in for the old one in a single step, so no moment exists when
//! the site is missing: `renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on
//! macOS, both through rustix.

use std::io;
use std::path::Path;

/// Exchanges the names `a` and `b` (both must exist) atomically.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether `e` says the platform or this file system cannot exchange names (an old kernel,
/// a FUSE or network file system), so the caller should fall back to two renames.
pub fn unsupported(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let refused = [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP];
        if let Some(code) = e.raw_os_error() {
            return refused.iter().any(|r| r.raw_os_error() == code);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_two_folders_or_says_it_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::write(a.join("new"), "").unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("old"), "").unwrap();
        match exchange(&a, &b) {
            Ok(()) => {
                assert!(b.join("new").is_file() && a.join("old").is_file());
            }
            Err(e) => assert!(unsupported(&e), "{e}"),
        }
    }
}
