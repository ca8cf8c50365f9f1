//! Turns between processes: an exclusive advisory lock on a folder, so two `perfdoc` runs that
//! read, decide and write the same files (a baseline promotion, a site swap) do so one after
//! the other instead of both deciding on what the other is about to replace.

use std::fs::File;
use std::io;
use std::path::Path;

/// A held lock; released when dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// The file a lock falls back to where a folder cannot be locked itself (Windows; network
/// file systems that lock only files open for writing).
const FALLBACK: &str = ".perfdoc.lock";

/// Waits for the exclusive lock on `dir`. The folder itself is locked, so nothing is left
/// behind in it; where that is refused, a `.perfdoc.lock` file in it is.
pub fn take(dir: &Path) -> io::Result<Held> {
    if let Ok(file) = File::open(dir)
        && file.lock().is_ok()
    {
        return Ok(Held { _file: file });
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(FALLBACK))?;
    file.lock()?;
    Ok(Held { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let held = take(dir.path()).unwrap();
        let other = File::open(dir.path()).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(other.try_lock().is_ok());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
