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
    /// Takes the lock on `path` exclusively, waiting for another run that holds it; `waiting`
    /// is called once, before the wait, to say so.
    pub fn acquire(path: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        Self::take(path, false, waiting)
    }

    /// Takes the lock on `path` shared with other runs (only an exclusive holder is waited for).
    pub fn acquire_shared(path: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        Self::take(path, true, waiting)
    }

    fn take(path: &Path, shared: bool, waiting: impl FnOnce()) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|err| io::Error::new(err.kind(), format!("cannot lock {}: {err}", path.display())))?;
        let tried = if shared {
            file.try_lock_shared()
        } else {
            file.try_lock()
        };
        match tried {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                if shared {
                    file.lock_shared()?;
                } else {
                    file.lock()?;
                }
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
