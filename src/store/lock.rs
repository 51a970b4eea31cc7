//! An exclusive lock on a directory's lock file, held for a run: a second run waits for the
//! first and says so, as cargo does ("Blocking waiting for file lock on …").

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// Held until dropped (the OS also lets it go when the process dies, SIGKILL included).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock on `path`, waiting for another run that holds it; `waiting` is called
    /// once, before the wait, to say so.
    pub fn acquire(path: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|err| io::Error::new(err.kind(), format!("cannot lock {}: {err}", path.display())))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(TryLockError::Error(err)) => {
                return Err(io::Error::new(
                    err.kind(),
                    format!("cannot lock {}: {err}", path.display()),
                ));
            }
        }
        Ok(Lock { _file: file })
    }
}
