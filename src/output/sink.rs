//! Where output goes: stdout, locked and buffered, or a file written atomically (a temporary
//! file in the same directory, renamed into place only when everything was written).

use std::fs;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tempfile::NamedTempFile;

use crate::interrupt;

const BUFFER: usize = 64 * 1024;

/// The output of one command.
pub enum Sink {
    Stdout(BufWriter<StdoutLock<'static>>),
    File(AtomicFile),
}

/// A file that appears complete or not at all; an existing file is untouched until then.
pub struct AtomicFile {
    /// `None` once persisted.
    temp: Option<BufWriter<NamedTempFile>>,
    target: PathBuf,
}

impl Sink {
    /// Stdout, or `path` (`-` also means stdout).
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        match path.filter(|p| *p != Path::new("-")) {
            None => Ok(Sink::Stdout(BufWriter::with_capacity(
                BUFFER,
                io::stdout().lock(),
            ))),
            Some(target) => AtomicFile::create(target).map(Sink::File),
        }
    }

    /// Flushes, and puts a file in place. Without this, a file sink leaves nothing behind.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File(file) => file.persist(),
        }
    }
}

impl AtomicFile {
    fn create(target: &Path) -> anyhow::Result<Self> {
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
            // Like any new file: 0666 less the umask, not tempfile's private 0600.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot write {}", target.display()))?;
        interrupt::remove_on_interrupt(temp.path());
        Ok(AtomicFile {
            temp: Some(BufWriter::with_capacity(BUFFER, temp)),
            target: target.to_path_buf(),
        })
    }

    fn persist(mut self) -> anyhow::Result<()> {
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

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(file) => file.writer()?.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::File(file) => file.writer()?.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(file) => file.writer()?.flush(),
        }
    }
}
