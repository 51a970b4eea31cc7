//! An append-only log of JSON lines that survives a crash: each record is one `write` of a
//! whole line followed by `fsync`, a torn last line (a crash mid-write) is skipped on reading and
//! never glued to the next record, and a line that does not parse is passed over.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead as _, BufReader, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A log open for appending.
pub struct Log {
    path: PathBuf,
    file: File,
    /// The same file, to wait for records to reach the disk without holding the log.
    sync: Arc<File>,
    /// The file ends in a torn line: the next record starts on a line of its own.
    torn: bool,
    /// `fsync` after each record (a result store); off for a cache that can be rebuilt.
    durable: bool,
    /// Where the lines read so far end (other processes may append after it).
    offset: u64,
}

impl Log {
    /// Opens (or creates) the log at `path` and reads its records.
    #[cfg(test)]
    pub fn open<T: DeserializeOwned>(path: &Path, durable: bool) -> io::Result<(Log, Vec<T>)> {
        let mut records = Vec::new();
        let log = Self::open_each(path, durable, |record| records.push(record))?;
        Ok((log, records))
    }

    /// Opens (or creates) the log at `path`, handing each record to `each` as it is read (so
    /// that a long log is never held whole).
    pub fn open_each<T: DeserializeOwned>(
        path: &Path,
        durable: bool,
        mut each: impl FnMut(T),
    ) -> io::Result<Log> {
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(path)?;
        let mut torn = false;
        let mut offset = 0u64;
        let mut reader = BufReader::with_capacity(256 * 1024, &mut file);
        let mut line = Vec::new();
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            if line.last() != Some(&b'\n') {
                torn = true;
                break;
            }
            offset += line.len() as u64;
            if let Ok(record) = serde_json::from_slice::<T>(&line) {
                each(record);
            }
        }
        drop(reader);
        if !torn {
            torn = ends_without_newline(&mut file)?;
        }
        let sync = Arc::new(file.try_clone()?);
        Ok(Log {
            path: path.to_path_buf(),
            file,
            sync,
            torn,
            durable,
            offset,
        })
    }

    /// Appends one record as one line, and (durable logs) waits until it is on disk.
    pub fn append(&mut self, record: &impl Serialize) -> io::Result<()> {
        self.write(record)?.wait()
    }

    /// Appends one record as one line; the record is on disk once the returned `Pending` has
    /// been waited for, which can be done after letting go of the log (so that threads sharing
    /// a log do not queue up behind each other's `fsync`).
    pub fn write(&mut self, record: &impl Serialize) -> io::Result<Pending> {
        let mut line = Vec::with_capacity(256);
        // Another process may have died half-way through a line since: never glue to it.
        if self.torn || ends_without_newline(&mut self.file)? {
            line.push(b'\n');
        }
        serde_json::to_writer(&mut line, record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line).map_err(|err| self.failed(err))?;
        self.torn = false;
        Ok(Pending {
            file: self.durable.then(|| Arc::clone(&self.sync)),
            path: self.path.clone(),
        })
    }

    /// The records appended (by any process) since the last read, whole lines only.
    pub(super) fn read_new<T: DeserializeOwned>(&mut self) -> io::Result<Vec<T>> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(self.offset))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
        self.offset += whole as u64;
        Ok(bytes[..whole]
            .split(|b| *b == b'\n')
            .filter_map(|line| serde_json::from_slice::<T>(line).ok())
            .collect())
    }

    /// Replaces the log with `records` (a compaction), atomically.
    pub fn rewrite<T: Serialize>(&mut self, records: impl IntoIterator<Item = T>) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        {
            let mut out = io::BufWriter::new(temp.as_file_mut());
            for record in records {
                serde_json::to_writer(&mut out, &record).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        if self.durable {
            temp.as_file().sync_data()?;
        }
        temp.persist(&self.path).map_err(|e| e.error)?;
        self.file = OpenOptions::new().read(true).append(true).open(&self.path)?;
        self.sync = Arc::new(self.file.try_clone()?);
        self.torn = false;
        self.offset = self.file.metadata()?.len();
        Ok(())
    }

    fn failed(&self, err: io::Error) -> io::Error {
        // A write that failed half-way leaves a torn line: the next record starts afresh.
        io::Error::new(err.kind(), format!("cannot write {}: {err}", self.path.display()))
    }
}

/// A record written and not yet known to be on disk.
#[must_use]
pub struct Pending {
    file: Option<Arc<File>>,
    path: PathBuf,
}

impl Pending {
    /// Waits until the record is on disk (nothing to wait for in a log that is not durable).
    pub fn wait(self) -> io::Result<()> {
        match &self.file {
            Some(file) => file.sync_data().map_err(|err| {
                io::Error::new(err.kind(), format!("cannot write {}: {err}", self.path.display()))
            }),
            None => Ok(()),
        }
    }
}

fn ends_without_newline(file: &mut File) -> io::Result<bool> {
    let length = file.metadata()?.len();
    if length == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(length - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn a_torn_last_line_is_skipped_and_never_swallows_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.jsonl");
        std::fs::write(&path, "{\"n\":1}\nnot json\n{\"n\":2}\n{\"n\":3, \"cut").unwrap();
        let (mut log, records) = Log::open::<Value>(&path, true).unwrap();
        assert_eq!(records, [json!({"n": 1}), json!({"n": 2})]);
        log.append(&json!({"n": 4})).unwrap();
        drop(log);
        let (_, records) = Log::open::<Value>(&path, true).unwrap();
        assert_eq!(records, [json!({"n": 1}), json!({"n": 2}), json!({"n": 4})]);
    }

    #[test]
    fn a_rewrite_keeps_only_what_is_given() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.jsonl");
        let (mut log, _) = Log::open::<Value>(&path, false).unwrap();
        for n in 0..5 {
            log.append(&json!({ "n": n })).unwrap();
        }
        log.rewrite([json!({"n": 9})]).unwrap();
        log.append(&json!({"n": 10})).unwrap();
        let (_, records) = Log::open::<Value>(&path, false).unwrap();
        assert_eq!(records, [json!({"n": 9}), json!({"n": 10})]);
    }
}
