//! Ctrl-C: stop at once with exit code 130, leaving no temporary file behind.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::exit::Exit;

/// Temporary files to delete if the user interrupts (destructors do not run on exit).
static TEMPORARY_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler. Errors (a handler already set) are ignored: the default is to die.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(files) = TEMPORARY_FILES.lock() {
            for path in files.iter() {
                let _ = std::fs::remove_file(path);
            }
        }
        let mut stderr = std::io::stderr();
        if stderr.is_terminal() {
            // Clear a spinner or progress line, if one is drawn.
            let _ = stderr.write_all(b"\r\x1b[2K");
        }
        std::process::exit(Exit::Interrupted as i32);
    });
}

/// Deletes `path` if the program is interrupted, until `forget` is called.
pub fn remove_on_interrupt(path: &Path) {
    if let Ok(mut files) = TEMPORARY_FILES.lock() {
        files.push(path.to_path_buf());
    }
}

/// Stops tracking `path` (it was renamed into place or deleted).
pub fn forget(path: &Path) {
    if let Ok(mut files) = TEMPORARY_FILES.lock() {
        files.retain(|p| p != path);
    }
}
