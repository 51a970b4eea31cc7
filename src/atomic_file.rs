//! A file that appears complete or not at all: written to a temporary file in the same
//! directory and renamed into place. An existing file is untouched until then; a file never
//! persisted is deleted, on Ctrl-C too.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tempfile::NamedTempFile;

use crate::interrupt;

const BUFFER: usize = 64 * 1024;

/// A file being written.
pub struct AtomicFile {
    /// `None` once persisted.
    temp: Option<BufWriter<NamedTempFile>>,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts writing `target`, which will get `mode` (less the umask) on Unix.
    pub fn create(target: &Path, mode: u32) -> anyhow::Result<Self> {
        if target.is_dir() {
            anyhow::bail!("cannot write {}: it is a directory", target.display());
        }
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".llamacloud-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = mode;
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot write {}", target.display()))?;
        interrupt::remove_on_interrupt(temp.path());
        Ok(AtomicFile {
            temp: Some(BufWriter::with_capacity(BUFFER, temp)),
            target: target.to_path_buf(),
        })
    }

    /// Flushes and renames the file into place.
    pub fn persist(mut self) -> anyhow::Result<()> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let temp = temp.into_inner().map_err(|e| e.into_error());
        let temp = temp.with_context(|| format!("writing {}", self.target.display()))?;
        let temp_path = temp.path().to_path_buf();
        let result = temp.persist(&self.target).map(drop).map_err(|e| e.error);
        interrupt::forget(&temp_path);
        result.with_context(|| format!("cannot write {}", self.target.display()))
    }

    fn writer(&mut self) -> io::Result<&mut BufWriter<NamedTempFile>> {
        self.temp
            .as_mut()
            .ok_or_else(|| io::Error::other("the file was already written"))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // An unpersisted NamedTempFile deletes itself; stop tracking it for Ctrl-C.
        if let Some(temp) = &self.temp {
            interrupt::forget(temp.get_ref().path());
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer()?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer()?.flush()
    }
}
