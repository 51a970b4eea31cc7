//! An exclusive lock on a directory's lock file, held for a run: a second run waits for the
//! first and says so, as cargo does ("Blocking waiting for file lock on …").

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// Tries of a lock that is held, before the wait is announced, and the pause between them.
const GRACE_TRIES: u32 = 5;
const GRACE_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

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
    pub(super) fn acquire_shared(path: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        Self::take(path, true, waiting)
    }

    fn take(path: &Path, shared: bool, waiting: impl FnOnce()) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|err| io::Error::new(err.kind(), format!("cannot lock {}: {err}", path.display())))?;
        let try_once = || {
            if shared {
                file.try_lock_shared()
            } else {
                file.try_lock()
            }
        };
        let mut tried = try_once();
        // A lock let go a moment ago can still be held for a moment by a process another thread
        // is starting (its copy of the descriptor lives until it runs the new program): a few
        // short tries before saying that the run waits.
        for _ in 0..GRACE_TRIES {
            if !matches!(tried, Err(TryLockError::WouldBlock)) {
                break;
            }
            std::thread::sleep(GRACE_PAUSE);
            tried = try_once();
        }
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
