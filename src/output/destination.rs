//! Where a command's output goes: stdout (buffered; flushed page by page on a terminal) or the
//! `-o` file (see `atomic_file`). Built once from `-o`, `--color` and the terminal checks; every
//! command writes through it.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::atomic_file::AtomicFile;
use crate::context::Stdout;
use crate::error::Error;

const BUFFER: usize = 64 * 1024;
/// A new output file gets the usual permissions (0666 less the umask).
const FILE_MODE: u32 = 0o666;

/// The output target of a run, and what it means for formatting.
#[derive(Debug, Clone)]
pub struct Destination {
    /// `-o FILE`; `None` (or `-`) is stdout.
    file: Option<PathBuf>,
    /// Whether the output reaches a terminal: `auto` is then a table, JSON is indented, and
    /// output is flushed as it is produced.
    pub to_terminal: bool,
}

impl Destination {
    pub fn new(output: Option<&Path>, stdout_is_terminal: bool) -> Self {
        let file = output.filter(|p| *p != Path::new("-")).map(Path::to_path_buf);
        let to_terminal = file.is_none() && stdout_is_terminal;
        Destination { file, to_terminal }
    }

    /// The `-o` file, if the output goes to one.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Checks, before anything is sent, that the output can be opened: the `-o` file's
    /// directory exists and takes a new file (or the file is a FIFO or device written in place).
    pub fn check(&self) -> Result<(), Error> {
        match &self.file {
            None => Ok(()),
            Some(path) => Ok(AtomicFile::check(path)?),
        }
    }

    /// Opens the output: `stdout`, or the file. Stdout can be opened again later in the run.
    pub fn open(&self, stdout: &Stdout) -> Result<Sink, Error> {
        let stdout = stdout.clone();
        let target = match &self.file {
            None => Target::Stdout(BufWriter::with_capacity(BUFFER, stdout)),
            Some(path) => Target::File(AtomicFile::create(path, FILE_MODE)?),
        };
        Ok(Sink {
            target,
            live: self.to_terminal,
        })
    }
}

/// An open output.
pub struct Sink {
    target: Target,
    /// Flush at every `progress` (a terminal shows output as it comes).
    live: bool,
}

enum Target {
    Stdout(BufWriter<Stdout>),
    File(AtomicFile),
}

impl Sink {
    /// Marks a point where a person watching should see what was written so far (a page of a
    /// listing or of a document).
    pub fn progress(&mut self) -> io::Result<()> {
        if self.live { self.flush() } else { Ok(()) }
    }

    /// Flushes, and puts a file in place. Without this, a file is left as it was.
    pub fn commit(self) -> Result<(), Error> {
        match self.target {
            Target::Stdout(mut out) => Ok(out.flush()?),
            Target::File(file) => Ok(file.persist()?),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Stdout(out) => out.write(buf),
            Target::File(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(out) => out.write_all(buf),
            Target::File(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(out) => out.flush(),
            Target::File(file) => file.flush(),
        }
    }
}
