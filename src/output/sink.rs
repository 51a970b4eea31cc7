//! Where output goes: stdout, locked and buffered, or a file written atomically (complete or
//! not at all).

use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::Path;

use crate::atomic_file::AtomicFile;

const BUFFER: usize = 64 * 1024;
/// A new output file gets the usual permissions (0666 less the umask).
const FILE_MODE: u32 = 0o666;

/// The output of one command.
pub enum Sink {
    Stdout(BufWriter<StdoutLock<'static>>),
    File(AtomicFile),
}

impl Sink {
    /// Stdout, or `path` (`-` also means stdout).
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        match path.filter(|p| *p != Path::new("-")) {
            None => Ok(Sink::Stdout(BufWriter::with_capacity(
                BUFFER,
                io::stdout().lock(),
            ))),
            Some(target) => AtomicFile::create(target, FILE_MODE).map(Sink::File),
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

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::File(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(file) => file.flush(),
        }
    }
}
