//! How a `--recursive` tree is walked: regular files only, hidden entries and result
//! directories left out, symbolic links followed only with `--follow` (cycle-safe), FIFOs,
//! sockets and devices noted and skipped, an entry that cannot be read an error for that entry,
//! `--include`/`--exclude` applied.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::parse::bulk::manifest::{LOCK, MANIFEST};
use crate::text::neutralize;

/// `--include` and `--exclude`, matched against paths relative to their `--recursive` root.
pub(super) struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl Filter {
    pub(super) fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        let set = |globs: &[String], flag: &str| -> Result<globset::GlobSet, Error> {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in globs {
                let glob = globset::GlobBuilder::new(glob)
                    .literal_separator(false)
                    .build()
                    .map_err(|err| Error::usage(format!("{flag} {glob}: {err}")))?;
                builder.add(glob);
            }
            builder
                .build()
                .map_err(|err| Error::usage(format!("{flag}: {err}")))
        };
        Ok(Filter {
            include: (!include.is_empty())
                .then(|| set(include, "--include"))
                .transpose()?,
            exclude: set(exclude, "--exclude")?,
        })
    }

    fn wants(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(relative)) && !self.exclude.is_match(relative)
    }

    /// Whether a directory may hold wanted files: `--exclude` leaves out neither it nor what is
    /// in it (`drafts/**`); `--include` is for files.
    fn may_hold(&self, relative: &Path) -> bool {
        !self.exclude.is_match(relative) && !self.exclude.is_match(relative.join("x"))
    }
}

/// How a `--recursive` tree is walked.
pub(super) struct Walk {
    pub(super) output_dir: Option<PathBuf>,
    /// Results this tool wrote: never documents.
    pub(super) ours: HashSet<PathBuf>,
    pub(super) filter: Filter,
    /// Follow symbolic links (`--follow`).
    pub(super) follow: bool,
}

/// What the walk makes of an entry.
pub(super) enum Taken {
    /// A document: its path relative to the root.
    File(PathBuf),
    Nothing,
    /// Skipped, saying why.
    Note(String),
    /// The root cannot be read.
    Unreadable(Error),
    /// An entry under the root that cannot be read (a directory, a link that leads nowhere):
    /// its path relative to the root and why, an error for that entry.
    Failed(PathBuf, String),
}

impl Walk {
    /// What `entry` of the tree at `root` is. Only regular files are documents. Hidden entries
    /// and result directories are left out (not entered); symbolic links are followed only with
    /// `--follow` (a loop is noted and skipped); FIFOs, sockets and devices are noted and skipped;
    /// an entry that cannot be read (a directory, a link that leads nowhere) fails alone.
    pub(super) fn take(
        &self,
        entry: walkdir::Result<walkdir::DirEntry>,
        root: &Path,
        walk: &mut walkdir::IntoIter,
        links: &mut usize,
    ) -> Taken {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) if err.loop_ancestor().is_some() => {
                let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                return Taken::Note(format!(
                    "note: skipped {}: a link back to a directory above it",
                    neutralize(&path)
                ));
            }
            Err(err) if err.depth() == 0 => {
                return Taken::Unreadable(Error::usage(format!(
                    "cannot read {}: {}",
                    neutralize(&root.display().to_string()),
                    err.io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string)
                )));
            }
            Err(err) => {
                let why = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                let wanted = |relative: &Path| match root.join(relative).symlink_metadata() {
                    Ok(metadata) if metadata.is_dir() => self.filter.may_hold(relative),
                    _ => self.filter.wants(relative),
                };
                return match err.path().and_then(|path| path.strip_prefix(root).ok()) {
                    Some(relative) if wanted(relative) => Taken::Failed(
                        relative.to_path_buf(),
                        format!(
                            "cannot read {}: {why}",
                            neutralize(&root.join(relative).display().to_string())
                        ),
                    ),
                    Some(_) => Taken::Nothing,
                    None => Taken::Note(format!("note: skipped {}", neutralize(&err.to_string()))),
                };
            }
        };
        let kind = entry.file_type();
        if entry.depth() > 0 && !self.wanted(&entry) {
            if kind.is_dir() {
                walk.skip_current_dir();
            }
            return Taken::Nothing;
        }
        if kind.is_dir() {
            return Taken::Nothing;
        }
        let path = entry.path();
        if kind.is_symlink() {
            // Not followed: a link to a file or a directory is not a document of its own.
            *links += 1;
            return Taken::Nothing;
        }
        if !kind.is_file() {
            return Taken::Note(format!(
                "note: skipped {}: {}",
                neutralize(&path.display().to_string()),
                not_regular(&kind)
            ));
        }
        match path.strip_prefix(root) {
            Ok(relative)
                if self.filter.wants(relative)
                    // Results this tool wrote are never documents (an output directory inside
                    // the tree).
                    && (self.ours.is_empty()
                        || !std::fs::canonicalize(path).is_ok_and(|p| self.ours.contains(&p))) =>
            {
                Taken::File(relative.to_path_buf())
            }
            _ => Taken::Nothing,
        }
    }

    /// Whether the walk goes into or takes `entry`: not hidden, and not a directory of results
    /// (this run's output directory, or any other that holds a manifest or a run's lock, even
    /// with its manifest gone).
    fn wanted(&self, entry: &walkdir::DirEntry) -> bool {
        if entry.file_name().to_string_lossy().starts_with('.') {
            return false;
        }
        if !entry.file_type().is_dir() {
            return true;
        }
        let path = entry.path();
        !(self
            .output_dir
            .as_deref()
            .is_some_and(|o| std::fs::canonicalize(path).is_ok_and(|p| p == o))
            || path.join(MANIFEST).exists()
            || path.join(LOCK).exists())
    }
}

/// What a file that is not a regular file is, for the note that skips it.
pub(super) fn not_regular(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "not a regular file (a FIFO)";
        }
        if kind.is_socket() {
            return "not a regular file (a socket)";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "not a regular file (a device)";
        }
    }
    if kind.is_dir() {
        return "a directory";
    }
    "not a regular file"
}
