//! The result store, shared by every run of the user: for each result key (the document's
//! bytes and the effective configuration, see `key`), the intents to create a job, the job's
//! id and how it ended, and the result files fetched. Runs share the store; a run claims a key
//! (a lock of its own, `locks/<key>`) while it works on that document, so two runs never create
//! the same job and runs on different documents never wait for each other; `cache prune|clear`
//! take the store for themselves. Every event is a whole, fsynced line of `index.jsonl` (see
//! `log`), so a crash loses at most the event it was writing, and an intent is on disk before
//! its create is sent.

pub mod entry;
pub mod key;
pub mod lock;
pub mod log;
pub(crate) mod remote;
pub(crate) mod shared;
pub mod stat_cache;
mod upgrade;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::store::entry::{Entry, FailedPage, Intent, Known, What};
use crate::store::lock::Lock;
use crate::store::log::{Log, Pending};
use crate::store::stat_cache::StatCache;

/// The key under which a job's creator token travels in `user_metadata`.
pub(crate) const TOKEN_KEY: &str = "llamacloud_token";

/// One event of the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Event {
    key: String,
    /// Milliseconds since the Unix epoch.
    at: i64,
    /// The run that wrote it (its own events are not read back).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    run: String,
    #[serde(flatten)]
    what: What,
}

/// What keeps the store's events of a result key besides the store (a bulk run's output
/// directory, through its manifest): each on disk when `record` returns, read back as an entry.
pub(crate) trait Journal: Send + Sync {
    fn record(&self, key: &str, at: i64, what: &What) -> io::Result<()>;
    fn entry(&self, key: &str) -> Option<Entry>;
}

/// The store, open and locked.
pub struct Store {
    dir: PathBuf,
    _lock: Lock,
    /// This run, in the events it writes.
    run: String,
    log: Log,
    entries: HashMap<String, Entry>,
    /// Paths to content hashes.
    pub stat: StatCache,
}

impl Store {
    /// Opens the store in `dir` (made if missing), shared with other runs (a `cache prune` or
    /// `clear` in progress is waited for; `waiting` is called once before such a wait).
    pub fn open(dir: &Path, waiting: impl FnOnce()) -> io::Result<Store> {
        Self::open_as(dir, true, waiting)
    }

    /// Opens the store for this run alone (to prune or clear it), waiting for the others.
    pub(crate) fn open_alone(dir: &Path, waiting: impl FnOnce()) -> io::Result<Store> {
        Self::open_as(dir, false, waiting)
    }

    fn open_as(dir: &Path, shared: bool, waiting: impl FnOnce()) -> io::Result<Store> {
        for sub in ["results", "locks"] {
            std::fs::create_dir_all(dir.join(sub)).map_err(|err| {
                io::Error::new(
                    err.kind(),
                    format!("cannot create {}: {err}", dir.join(sub).display()),
                )
            })?;
        }
        let lock = if shared {
            Lock::acquire_shared(&dir.join("lock"), waiting)?
        } else {
            let lock = Lock::acquire(&dir.join("lock"), waiting)?;
            // No run has the store now: a temporary file in it is one a killed run left.
            sweep_temporaries(&dir.join("results"));
            lock
        };
        let mut entries: HashMap<String, Entry> = HashMap::new();
        let log = Log::open_each(&dir.join("index.jsonl"), true, |event: Event| {
            entries.entry(event.key).or_default().apply(event.at, &event.what);
        })?;
        entries.shrink_to_fit();
        let stat = StatCache::open(&dir.join("stat-cache.jsonl"))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            _lock: lock,
            run: new_token(),
            log,
            entries,
            stat,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The lock a run holds on `key` while it works on that document: taken without holding the
    /// store (other workers use it meanwhile), then `refresh` shows what other runs recorded.
    pub(crate) fn claim_path(&self, key: &str) -> PathBuf {
        self.dir.join("locks").join(key)
    }

    /// Reads the events other runs appended since the last read.
    pub(crate) fn refresh(&mut self) -> io::Result<()> {
        for event in self.log.read_new::<Event>()? {
            if event.run != self.run {
                self.entries
                    .entry(event.key)
                    .or_default()
                    .apply(event.at, &event.what);
            }
        }
        Ok(())
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Every key with what is known of it.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Records `what` for `key`, on disk before this returns.
    #[cfg(any(test, feature = "test-support"))]
    pub fn record(&mut self, key: &str, at: i64, what: What) -> io::Result<()> {
        self.write(key, at, what)?.wait()
    }

    /// Records `what` for `key`; it is on disk once the returned `Pending` is waited for (which
    /// can be done after letting go of the store).
    pub fn write(&mut self, key: &str, at: i64, what: What) -> io::Result<Pending> {
        let event = Event {
            key: key.to_string(),
            at,
            run: self.run.clone(),
            what,
        };
        let pending = self.log.write(&event)?;
        self.entries
            .entry(event.key)
            .or_default()
            .apply(event.at, &event.what);
        Ok(pending)
    }

    /// Where the result file of `kind` for `key` is kept.
    pub(crate) fn result_path(&self, key: &str, kind: &str) -> PathBuf {
        self.dir.join("results").join(format!("{key}.{kind}"))
    }

    /// Where the files a `full` result of `key` links to (images, spreadsheets) are kept, each
    /// put in place whole (written, synced, renamed).
    pub(crate) fn assets_dir(&self, key: &str) -> PathBuf {
        self.dir.join("results").join(format!("{key}.assets"))
    }

    /// The result file of `kind` for `key`, when it was fetched and is still there.
    pub fn result(&self, key: &str, kind: &str) -> Option<PathBuf> {
        let entry = self.entries.get(key)?;
        let path = self.result_path(key, kind);
        (entry.results.contains(kind) && path.is_file()).then_some(path)
    }

    /// A temporary file beside the results, to fill and then `keep`.
    pub fn temporary(&self) -> io::Result<tempfile::NamedTempFile> {
        tempfile::NamedTempFile::new_in(self.dir.join("results"))
    }

    /// Puts a filled temporary file, already on disk (`sync_all`), in place as the result of
    /// `kind` for `key` and records it (on disk once the `Pending` is waited for).
    pub fn keep(
        &mut self,
        file: tempfile::NamedTempFile,
        key: &str,
        job_id: &str,
        kind: &str,
        failed_pages: Vec<FailedPage>,
        at: i64,
    ) -> io::Result<(PathBuf, Pending)> {
        let path = self.result_path(key, kind);
        file.persist(&path).map_err(|e| e.error)?;
        // The job too, when the store does not know it completed (another machine's job, a result
        // copied down from the shared store): a result event alone names a job the entry does not
        // know, and would not be used. (One wait syncs the log: the result's, below.)
        let known = self.entries.get(key).is_some_and(|entry| {
            entry.job_id.as_deref() == Some(job_id) && entry.status.as_deref() == Some("COMPLETED")
        });
        if !known {
            let job_id = job_id.to_string();
            let _ = self.write(
                key,
                at,
                What::Created {
                    job_id: job_id.clone(),
                },
            )?;
            let status = "COMPLETED".to_string();
            let _ = self.write(key, at, What::Ended { job_id, status })?;
        }
        let pending = self.write(
            key,
            at,
            What::Result {
                job_id: job_id.to_string(),
                kind: kind.to_string(),
                failed_pages,
            },
        )?;
        Ok((path, pending))
    }

    /// Forgets the keys nothing happened to since `cutoff` (ms), their result files with them,
    /// but not one whose job has not ended (`Entry::unended`). Returns how many were removed.
    pub fn prune(&mut self, cutoff: i64) -> io::Result<usize> {
        self.forget(|entry| entry.last_at < cutoff && !entry.unended())
    }

    /// Forgets everything.
    pub fn clear(&mut self) -> io::Result<usize> {
        self.forget(|_| true)
    }

    /// Forgets the keys whose entry is `old`, their result files with them.
    fn forget(&mut self, old: impl Fn(&Entry) -> bool) -> io::Result<usize> {
        let old: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| old(e))
            .map(|(k, _)| k.clone())
            .collect();
        for key in &old {
            for kind in ["md", "txt", "json", "job", "full"] {
                let _ = std::fs::remove_file(self.result_path(key, kind));
            }
            let _ = std::fs::remove_dir_all(self.assets_dir(key));
            let _ = std::fs::remove_file(self.claim_path(key));
            self.entries.remove(key);
        }
        self.rewrite()?;
        Ok(old.len())
    }

    /// The index rewritten from what is known (a compaction).
    fn rewrite(&mut self) -> io::Result<()> {
        let mut events = Vec::new();
        let mut keys: Vec<&String> = self.entries.keys().collect();
        keys.sort();
        for key in keys {
            let entry = &self.entries[key];
            let at = entry.last_at;
            let mut push = |what| {
                events.push(Event {
                    key: key.clone(),
                    at,
                    run: String::new(),
                    what,
                })
            };
            if let Some(pages) = &entry.window {
                push(What::Window {
                    pages: pages.to_string(),
                });
            }
            if let Some((cap, pages)) = entry.too_long {
                push(What::TooLong { cap, pages });
            }
            for intent in &entry.intents {
                push(What::Intent {
                    token: intent.token.clone(),
                });
            }
            if let Some(job_id) = &entry.job_id {
                push(What::Created {
                    job_id: job_id.clone(),
                });
                if let Some(status) = &entry.status {
                    push(What::Ended {
                        job_id: job_id.clone(),
                        status: status.clone(),
                    });
                }
                for kind in entry.results.names() {
                    let failed_pages = if entry.failed_in.contains(kind) {
                        entry.failed_pages.as_deref().unwrap_or_default().to_vec()
                    } else {
                        Vec::new()
                    };
                    push(What::Result {
                        job_id: job_id.clone(),
                        kind: kind.to_string(),
                        failed_pages,
                    });
                }
            }
        }
        self.log.rewrite(events)
    }
}

/// Removes the temporary files in `results` (`Store::temporary`'s, `.tmp…`): runs killed while
/// filling them left them there. Only with the store to this process alone.
fn sweep_temporaries(results: &Path) {
    let Ok(entries) = std::fs::read_dir(results) else {
        return;
    };
    for entry in entries.flatten() {
        let temporary = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(".tmp"));
        if temporary && entry.file_type().is_ok_and(|kind| kind.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A token for a create's `user_metadata`: 128 random bits, so a job can be found again by it.
pub(crate) fn new_token() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

#[cfg(test)]
mod tests;
