//! Writing a file the user named without harming it.
//!
//! - A regular file, or a symlink to one, is written to a temporary file beside its final path
//!   (the link resolved: the target is replaced, the link kept) and renamed into place, so it
//!   appears complete or not at all. An existing file keeps its permissions; one with other
//!   hard links is copied into instead of replaced, so the links stay.
//! - Anything else (a character device such as `/dev/null`, a FIFO, `/dev/stdout`, `/dev/fd/N`)
//!   is opened and written directly: renaming over it would destroy it.
//!
//! A temporary file never persisted is deleted, on SIGINT, SIGTERM and SIGHUP too.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::signals;

const BUFFER: usize = 64 * 1024;

/// A file being written.
pub(crate) struct AtomicFile {
    target: PathBuf,
    kind: Kind,
}

enum Kind {
    /// Renamed (or, with `copy_into`, copied) into place on `persist`; `None` once done.
    Replace {
        temp: Option<BufWriter<NamedTempFile>>,
        copy_into: bool,
    },
    /// Written in place: a device, FIFO or other special file.
    Direct(BufWriter<File>),
}

impl AtomicFile {
    /// Starts writing `path`. A new file gets `mode` (less the umask) on Unix; an existing one
    /// keeps its own.
    pub fn create(path: &Path, mode: u32) -> io::Result<Self> {
        let (target, existing) = resolve(path)?;
        match existing {
            Some(meta) if meta.is_dir() => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("cannot write {}: it is a directory", path.display()),
            )),
            Some(meta) if !meta.is_file() => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|e| annotate(e, path))?;
                Ok(AtomicFile {
                    target,
                    kind: Kind::Direct(BufWriter::with_capacity(BUFFER, file)),
                })
            }
            meta => {
                let keep_mode = meta.as_ref().map(mode_of);
                let copy_into = meta.as_ref().is_some_and(has_other_links);
                let temp = temporary_beside(&target, keep_mode.unwrap_or(mode), keep_mode.is_some())
                    .map_err(|e| annotate(e, path))?;
                signals::remove_on_signal(temp.path());
                Ok(AtomicFile {
                    target,
                    kind: Kind::Replace {
                        temp: Some(BufWriter::with_capacity(BUFFER, temp)),
                        copy_into,
                    },
                })
            }
        }
    }

    /// Checks that `path` could be written now, writing nothing: a regular file's directory
    /// takes a new file (one is made and removed again); a FIFO or device is not opened.
    pub fn check(path: &Path) -> io::Result<()> {
        let (target, existing) = resolve(path)?;
        match existing {
            Some(meta) if meta.is_dir() => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("cannot write {}: it is a directory", path.display()),
            )),
            Some(meta) if !meta.is_file() => Ok(()),
            _ => {
                let temp = temporary_beside(&target, 0o600, false).map_err(|e| annotate(e, path))?;
                drop(temp);
                Ok(())
            }
        }
    }

    /// Flushes and puts the file in place.
    pub(crate) fn persist(self) -> io::Result<()> {
        self.put_in_place(false)
    }

    /// Like `persist`, with the contents on disk before the file is renamed into place (a crash
    /// then leaves the old file or the whole new one, never an empty one).
    pub(crate) fn persist_durably(self) -> io::Result<()> {
        self.put_in_place(true)
    }

    fn put_in_place(mut self, durably: bool) -> io::Result<()> {
        let target = self.target.clone();
        match &mut self.kind {
            Kind::Direct(file) => file.flush(),
            Kind::Replace { temp, copy_into } => {
                let Some(temp) = temp.take() else {
                    return Ok(());
                };
                let temp = temp.into_inner().map_err(|e| e.into_error())?;
                if durably {
                    temp.as_file().sync_all().map_err(|e| annotate(e, &target))?;
                }
                let temp_path = temp.path().to_path_buf();
                let result = if *copy_into {
                    copy_contents(temp.path(), &target)
                } else {
                    temp.persist(&target).map(drop).map_err(|e| e.error)
                };
                signals::forget(&temp_path);
                result.map_err(|e| annotate(e, &target))
            }
        }
    }

    fn writer(&mut self) -> io::Result<&mut dyn Write> {
        match &mut self.kind {
            Kind::Direct(file) => Ok(file),
            Kind::Replace { temp: Some(temp), .. } => Ok(temp),
            Kind::Replace { temp: None, .. } => Err(io::Error::other("the file was already written")),
        }
    }
}

/// Follows symlinks to the file that will really be written, and what is there now.
fn resolve(path: &Path) -> io::Result<(PathBuf, Option<fs::Metadata>)> {
    match fs::metadata(path) {
        // `canonicalize` resolves every link; the file exists, so it succeeds.
        Ok(meta) => Ok((
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            Some(meta),
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            // A dangling symlink: write where it points.
            match fs::read_link(path) {
                Ok(link) => {
                    let base = path.parent().unwrap_or(Path::new("."));
                    Ok((base.join(link), None))
                }
                Err(_) => Ok((path.to_path_buf(), None)),
            }
        }
        Err(err) => Err(annotate(err, path)),
    }
}

fn temporary_beside(target: &Path, mode: u32, exact_mode: bool) -> io::Result<NamedTempFile> {
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
    let temp = builder.tempfile_in(dir)?;
    // The umask applies at creation; an existing file's mode is restored exactly.
    #[cfg(unix)]
    if exact_mode {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (mode, exact_mode);
    Ok(temp)
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_meta: &fs::Metadata) -> u32 {
    0o666
}

#[cfg(unix)]
fn has_other_links(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_meta: &fs::Metadata) -> bool {
    false
}

/// Copies the finished temporary file into `target` (keeping its inode and links).
fn copy_contents(temp: &Path, target: &Path) -> io::Result<()> {
    let mut from = File::open(temp)?;
    let mut to = OpenOptions::new().write(true).truncate(true).open(target)?;
    io::copy(&mut from, &mut to)?;
    to.flush()?;
    fs::remove_file(temp)
}

/// The error with the path in its message, keeping its kind.
fn annotate(err: io::Error, path: &Path) -> io::Error {
    // tempfile names its own temporary path; the user only knows FILE.
    let text = err.to_string();
    let reason = text.split(" at path \"").next().unwrap_or(&text);
    io::Error::new(err.kind(), format!("cannot write {}: {reason}", path.display()))
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // An unpersisted NamedTempFile deletes itself; stop tracking it for signals.
        if let Kind::Replace { temp: Some(temp), .. } = &self.kind {
            signals::forget(temp.get_ref().path());
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn an_existing_file_keeps_its_mode_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("hard");
        fs::hard_link(&path, &link).unwrap();
        let mut file = AtomicFile::create(&path, 0o666).unwrap();
        file.write_all(b"new").unwrap();
        file.persist().unwrap();
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut file = AtomicFile::create(&link, 0o666).unwrap();
        file.write_all(b"new").unwrap();
        file.persist().unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
