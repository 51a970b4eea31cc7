//! The stat cache: a file's content hash remembered with its path, size, modification and
//! change times and inode, as git's index does, so that a run over an unchanged tree reads no
//! file's contents. Any difference in those means the file is hashed again.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::key::hash_file;
use crate::store::log::Log;

/// One file as it was last hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    hash: String,
}

/// One file as the cache keeps it in memory (its path is the map's key; its hash as bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stat {
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    hash: [u8; 32],
}

impl Stat {
    /// `None` for a line whose hash is not a BLAKE3 hash (it is hashed again).
    fn of(entry: &Entry) -> Option<Self> {
        Some(Stat {
            size: entry.size,
            modified_ns: entry.modified_ns,
            changed_ns: entry.changed_ns,
            inode: entry.inode,
            hash: *blake3::Hash::from_hex(&entry.hash).ok()?.as_bytes(),
        })
    }

    /// The same size, times and inode.
    fn same_file_as(&self, other: &Entry) -> bool {
        (self.size, self.modified_ns, self.changed_ns, self.inode)
            == (other.size, other.modified_ns, other.changed_ns, other.inode)
    }

    fn entry(&self, path: &Path) -> Entry {
        Entry {
            path: path.to_path_buf(),
            size: self.size,
            modified_ns: self.modified_ns,
            changed_ns: self.changed_ns,
            inode: self.inode,
            hash: blake3::Hash::from(self.hash).to_hex().to_string(),
        }
    }
}

/// Paths to hashes, read from and appended to a log in the store.
pub struct StatCache {
    log: Log,
    entries: HashMap<PathBuf, Stat>,
    lines: usize,
    /// Hashes to the types their paths declare (`types_of`), made when first asked.
    types: std::cell::OnceCell<HashMap<[u8; 32], Vec<String>>>,
}

impl StatCache {
    pub fn open(path: &Path) -> io::Result<Self> {
        let mut entries = HashMap::new();
        let mut lines = 0;
        let log = Log::open_each(path, false, |entry: Entry| {
            lines += 1;
            if let Some(stat) = Stat::of(&entry) {
                entries.insert(entry.path, stat);
            }
        })?;
        entries.shrink_to_fit();
        Ok(StatCache {
            log,
            entries,
            lines,
            types: std::cell::OnceCell::new(),
        })
    }

    /// The content hash of `path` (an absolute, canonical path): from the cache when its
    /// metadata is unchanged, else read and remembered.
    pub fn hash(&mut self, path: &Path, metadata: &Metadata) -> io::Result<String> {
        if let Some(hash) = self.known(path, metadata) {
            return Ok(hash);
        }
        let (hash, _) = hash_file(path)?;
        self.remember(path, metadata, hash.clone());
        Ok(hash)
    }

    /// The remembered hash of `path`, when its metadata is unchanged since.
    pub fn known(&self, path: &Path, metadata: &Metadata) -> Option<String> {
        let stat = Entry::of(path, metadata, String::new());
        self.entries
            .get(path)
            .filter(|known| known.same_file_as(&stat))
            .map(|known| blake3::Hash::from(known.hash).to_hex().to_string())
    }

    /// Remembers that `path`, with `metadata`, hashes to `hash` (read by the caller, without the
    /// store held).
    pub fn remember(&mut self, path: &Path, metadata: &Metadata, hash: String) {
        let entry = Entry::of(path, metadata, hash);
        // The cache can be rebuilt: a failure to remember is not a failure to parse.
        if self.log.append(&entry).is_ok() {
            self.lines += 1;
        }
        if let Some(stat) = Stat::of(&entry) {
            if let Some(types) = self.types.get_mut() {
                add_type(types, stat.hash, &entry.path);
            }
            self.entries.insert(entry.path, stat);
        }
    }

    /// The types (`api::declared_type`) of the paths the cache has seen with `hash`: the names
    /// the store knows those bytes by (its results do not record one).
    pub(super) fn types_of(&self, hash: &str) -> Vec<String> {
        let Ok(hash) = blake3::Hash::from_hex(hash) else {
            return Vec::new();
        };
        let types = self.types.get_or_init(|| {
            let mut types = HashMap::new();
            for (path, stat) in &self.entries {
                add_type(&mut types, stat.hash, path);
            }
            types
        });
        types.get(hash.as_bytes()).cloned().unwrap_or_default()
    }

    /// Rewrites the log when most of its lines are out of date.
    pub fn compact(&mut self) {
        if self.lines > 1024 && self.lines > 2 * self.entries.len() {
            let mut entries: Vec<Entry> = self.entries.iter().map(|(path, stat)| stat.entry(path)).collect();
            entries.sort_by(|a, b| a.path.cmp(&b.path));
            if self.log.rewrite(entries).is_ok() {
                self.lines = self.entries.len();
            }
        }
    }
}

fn add_type(types: &mut HashMap<[u8; 32], Vec<String>>, hash: [u8; 32], path: &Path) {
    let declared = crate::api::upload::declared_type(path);
    let known = types.entry(hash).or_default();
    if !known.contains(&declared) {
        known.push(declared);
    }
}

impl Entry {
    fn of(path: &Path, metadata: &Metadata, hash: String) -> Self {
        #[cfg(unix)]
        let (modified_ns, changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt as _;
            (
                i128::from(metadata.mtime()) * 1_000_000_000 + i128::from(metadata.mtime_nsec()),
                i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec()),
                metadata.ino(),
            )
        };
        #[cfg(not(unix))]
        let (modified_ns, changed_ns, inode) = {
            let nanos = metadata
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            (nanos, 0, 0)
        };
        Entry {
            path: path.to_path_buf(),
            size: metadata.len(),
            modified_ns,
            changed_ns,
            inode,
            hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_is_not_read_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.pdf");
        std::fs::write(&file, b"one").unwrap();
        let file = std::fs::canonicalize(&file).unwrap();
        let mut cache = StatCache::open(&dir.path().join("stat.jsonl")).unwrap();
        let first = cache.hash(&file, &std::fs::metadata(&file).unwrap()).unwrap();
        // Unreadable now: a cache hit does not read it.
        let meta = std::fs::metadata(&file).unwrap();
        let mut reopened = StatCache::open(&dir.path().join("stat.jsonl")).unwrap();
        std::fs::rename(&file, dir.path().join("moved")).unwrap();
        assert_eq!(reopened.hash(&file, &meta).unwrap(), first);
        std::fs::rename(dir.path().join("moved"), &file).unwrap();
        std::fs::write(&file, b"two").unwrap();
        let changed = reopened.hash(&file, &std::fs::metadata(&file).unwrap()).unwrap();
        assert_ne!(changed, first);
    }
}
