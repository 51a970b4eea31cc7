//! The documents of a bulk run: the arguments, each `--recursive` tree (filtered by
//! `--include`/`--exclude`, hidden entries and result directories left out) and `--from-list`,
//! each with the path its result is written to.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::cli::BulkArgs;
use crate::commands::bulk::manifest::{LOCK, MANIFEST};
use crate::commands::create::Source;
use crate::commands::once::Kind;
use crate::context::Context;
use crate::error::Error;
use crate::text::neutralize;

/// One document to parse (one is kept for every document of the run, so it holds only what
/// cannot be derived).
#[derive(Debug, Clone)]
pub(super) struct Document {
    pub(super) source: Source,
    /// How the output lines name it when that is not its path or URL (`-` for stdin).
    given: Option<Box<str>>,
    /// Where its result goes, relative to the output directory, with `/` between parts (the
    /// manifest's name for it).
    pub(super) relative: String,
    /// The output directory.
    dir: Arc<Path>,
}

impl Document {
    /// How the output lines name it: the path as given, or the URL.
    pub(super) fn name(&self) -> Cow<'_, str> {
        match (&self.given, &self.source) {
            (Some(given), _) => Cow::Borrowed(given),
            (None, Source::File(path)) => path.to_string_lossy(),
            (None, Source::Url(text) | Source::FileId(text)) => Cow::Borrowed(text),
        }
    }

    /// Where its result goes.
    pub(super) fn output(&self) -> PathBuf {
        self.dir.join(&self.relative)
    }
}

/// Checks what can be checked of a document here; a file that cannot be read fails alone (exit
/// 1), not the run.
pub(super) fn check(source: &Source) -> Result<(), Error> {
    crate::commands::create::check_source(source).map_err(|err| match err {
        Error::Usage(message) => Error::Failure(message),
        other => other,
    })
}

/// Every document of the run, in order: arguments, then each `--recursive` tree, then the list.
/// Each argument comes with the name it was given as (`-` for stdin, spooled to a file).
pub(super) fn collect(
    bulk: &BulkArgs,
    arguments: Vec<(Source, String)>,
    dir: &Path,
    kind: Kind,
    ours: &HashSet<PathBuf>,
    ctx: &mut Context,
) -> Result<Vec<Document>, Error> {
    let mut found = Found {
        dir: Arc::from(dir),
        extension: kind.name(),
        documents: Vec::new(),
        outputs: HashMap::new(),
    };
    for (source, name) in arguments {
        let relative = match &source {
            Source::File(path) => {
                if path.is_dir() {
                    return Err(Error::usage(format!(
                        "{} is a directory: use --recursive {0}",
                        neutralize(&path.display().to_string())
                    )));
                }
                // What cannot be uploaded (a FIFO, a device) is refused before anything is sent.
                if let Ok(metadata) = std::fs::metadata(path)
                    && !metadata.is_file()
                {
                    return Err(Error::usage(format!(
                        "cannot upload {}: {} (to parse what a pipe carries, give - and pipe it to stdin)",
                        neutralize(&name),
                        not_regular(&metadata.file_type())
                    )));
                }
                PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
            }
            Source::Url(url) => url_path(url),
            Source::FileId(id) => PathBuf::from(id),
        };
        found.push(source, name, &relative)?;
    }
    let filter = Filter::new(&bulk.include, &bulk.exclude)?;
    let output_dir = std::fs::canonicalize(dir).ok();
    for root in &bulk.recursive {
        if !root.is_dir() {
            return Err(Error::usage(format!(
                "--recursive {}: not a directory",
                neutralize(&root.display().to_string())
            )));
        }
        let walk = Walk {
            output_dir: output_dir.as_deref(),
            ours,
            filter: &filter,
            follow: bulk.follow,
        };
        let mut files = walk.files(root, ctx)?;
        files.sort();
        for relative in files {
            let path = root.join(&relative);
            let name = path.display().to_string();
            found.push(Source::File(path), name, &relative)?;
        }
    }
    if let Some(list) = &bulk.from_list {
        for line in read_list(list, ctx)? {
            let source = Source::of_argument(&line);
            let relative = match &source {
                Source::Url(url) => url_path(url),
                _ => clean_relative(Path::new(&line)),
            };
            found.push(source, line, &relative)?;
        }
    }
    if found.documents.is_empty() {
        return Err(Error::usage("nothing to parse: no file matched"));
    }
    found.documents.shrink_to_fit();
    Ok(found.documents)
}

/// The documents found so far, and where each output goes (two documents must not write to one
/// place).
struct Found {
    dir: Arc<Path>,
    extension: &'static str,
    documents: Vec<Document>,
    /// A hash of each output path relative to DIR → the document that writes it (a hash, not
    /// the path: this is held for every document while they are found).
    outputs: HashMap<u64, usize>,
}

impl Found {
    fn push(&mut self, source: Source, name: String, relative: &Path) -> Result<(), Error> {
        let mut relative = relative.as_os_str().to_owned();
        relative.push(format!(".{}", self.extension));
        let relative = PathBuf::from(relative);
        let output = self.dir.join(&relative);
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let hash = output_hash(&relative);
        if let Some(&other) = self.outputs.get(&hash)
            && self.documents[other].relative == relative
        {
            return Err(Error::usage(format!(
                "{} and {} would both be written to {}",
                neutralize(&self.documents[other].name()),
                neutralize(&name),
                neutralize(&output.display().to_string())
            )));
        }
        self.outputs.insert(hash, self.documents.len());
        let mut document = Document {
            source,
            given: None,
            relative,
            dir: Arc::clone(&self.dir),
        };
        if document.name() != name.as_str() {
            document.given = Some(name.into_boxed_str());
        }
        self.documents.push(document);
        Ok(())
    }
}

/// `--include` and `--exclude`, matched against paths relative to their `--recursive` root.
pub(super) struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl Filter {
    fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
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
}

/// A 64-bit hash of an output path (two paths with the same hash are told apart by comparing
/// them).
fn output_hash(relative: &str) -> u64 {
    let hash = blake3::hash(relative.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// How a `--recursive` tree is walked.
struct Walk<'a> {
    output_dir: Option<&'a Path>,
    /// Results this tool wrote: never documents.
    ours: &'a HashSet<PathBuf>,
    filter: &'a Filter,
    /// Follow symbolic links (`--follow`).
    follow: bool,
}

impl Walk<'_> {
    /// The regular files under `root`, as paths relative to it. Hidden entries and
    /// result directories are left out; symbolic links are followed only with `--follow` (a
    /// loop is noted and skipped); FIFOs, sockets and devices are noted and skipped.
    fn files(&self, root: &Path, ctx: &Context) -> Result<Vec<PathBuf>, Error> {
        let mut files = Vec::new();
        let mut links = 0;
        let walker = walkdir::WalkDir::new(root)
            .follow_links(self.follow)
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || self.wanted(entry));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) if err.loop_ancestor().is_some() => {
                    let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                    ctx.io.stderr.line(&format!(
                        "note: skipped {}: a link back to a directory above it",
                        neutralize(&path)
                    ));
                    continue;
                }
                Err(err) if err.depth() == 0 => {
                    return Err(Error::usage(format!(
                        "cannot read {}: {}",
                        neutralize(&root.display().to_string()),
                        err.io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string)
                    )));
                }
                Err(err) => {
                    ctx.io
                        .stderr
                        .line(&format!("note: skipped {}", neutralize(&err.to_string())));
                    continue;
                }
            };
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            let path = entry.path();
            if kind.is_symlink() {
                // Not followed: a link to a file or a directory is not a document of its own.
                links += 1;
                continue;
            }
            if !kind.is_file() {
                ctx.io.stderr.line(&format!(
                    "note: skipped {}: {}",
                    neutralize(&path.display().to_string()),
                    not_regular(&kind)
                ));
                continue;
            }
            if let Ok(relative) = path.strip_prefix(root)
                && self.filter.wants(relative)
                // Results this tool wrote are never documents (an output directory inside the tree).
                && !std::fs::canonicalize(path).is_ok_and(|p| self.ours.contains(&p))
            {
                files.push(relative.to_path_buf());
            }
        }
        if links > 0 {
            ctx.io.stderr.line(&format!(
                "note: {links} symbolic link{} under {} not followed (--follow parses what they point to)",
                if links == 1 { "" } else { "s" },
                neutralize(&root.display().to_string())
            ));
        }
        Ok(files)
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
            .is_some_and(|o| std::fs::canonicalize(path).is_ok_and(|p| p == o))
            || path.join(MANIFEST).exists()
            || path.join(LOCK).exists())
    }
}

/// What a file that is not a regular file is, for the note that skips it.
fn not_regular(kind: &std::fs::FileType) -> &'static str {
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

/// `--shard K/N`: the documents whose result key falls in the Kth of N shares. The share is
/// taken from a hash of the key, so it is the same on every machine.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shard {
    /// 0-based.
    pub(super) index: u32,
    pub(super) count: u32,
}

impl Shard {
    pub(super) fn new((k, n): (u32, u32)) -> Self {
        Shard {
            index: k - 1,
            count: n,
        }
    }

    pub(super) fn holds(&self, key: &str) -> bool {
        let hash = blake3::hash(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first) % u64::from(self.count) == u64::from(self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index + 1, self.count)
    }
}

/// The lines of `--from-list` (blank lines and `#` comments left out).
pub(super) fn read_list(path: &Path, ctx: &mut Context) -> Result<Vec<String>, Error> {
    let mut text = String::new();
    if path == Path::new("-") {
        ctx.io.stdin.read_to_string(&mut text)?;
    } else {
        File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|err| {
                Error::usage(format!(
                    "--from-list {}: {err}",
                    neutralize(&path.display().to_string())
                ))
            })?;
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Where a URL's result goes: its host and path, cleaned.
pub(super) fn url_path(url: &str) -> PathBuf {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let cleaned = clean_relative(Path::new(rest));
    if cleaned.as_os_str().is_empty() {
        PathBuf::from("document")
    } else {
        cleaned
    }
}

/// Only the plain components of a path: no root, no `..`, so a result never lands outside DIR.
pub(super) fn clean_relative(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard::new((k, 3))).collect();
        let mut sizes = [0; 3];
        for i in 0..3000 {
            let key = format!("key-{i}");
            let holders: Vec<usize> = (0..3).filter(|&s| shards[s].holds(&key)).collect();
            assert_eq!(holders.len(), 1, "{key}");
            sizes[holders[0]] += 1;
        }
        // Spread about evenly.
        assert!(sizes.iter().all(|&n| (850..1150).contains(&n)), "{sizes:?}");
        assert_eq!(shards[1].to_string(), "2/3");
    }
}
