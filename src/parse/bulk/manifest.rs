//! The output directory's manifest (`DIR/.llamacloud-manifest.jsonl`): a line for each result
//! written — its path in DIR, the document, the result key, the job, and the file's size, time
//! and hash — appended (whole, fsynced) as each is written. It is how a run knows which files in
//! DIR are its own (a file it did not write is never replaced, and its results are never parsed
//! as documents), and how a directory restored on its own (a CI cache) pays for nothing again.
//! Beside them it keeps the result store's events of each key (an intent with its token before
//! the create is sent, the job created, ended, gone or refused), so that DIR alone, with no
//! store or another one, never pays twice for a job a killed run left running or unanswered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::store::FailedPage;
use crate::store::key::{Legacy, hash_file};
use crate::store::log::Log;
use crate::store::{Entry, Journal, What};

/// The manifest's file name in the output directory.
pub(super) const MANIFEST: &str = ".llamacloud-manifest.jsonl";
/// The lock a run holds on its output directory.
pub(super) const LOCK: &str = ".llamacloud.lock";

/// A result written into the output directory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Written {
    /// Its path relative to the output directory, with `/` between parts.
    pub(super) output: String,
    /// The document, as the run named it.
    pub(super) source: String,
    pub(super) key: String,
    pub(super) job_id: String,
    pub(super) bytes: u64,
    /// Its modification time (ns since the epoch) and BLAKE3 hash when written.
    pub(super) modified_ns: i128,
    pub(super) hash: String,
    /// What the job that made it cost, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) credits: Option<serde_json::Number>,
    /// The pages of the result that failed (marked in it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) failed_pages: Vec<FailedPage>,
    /// The windows it was parsed in, each with its job (then `job_id` is empty: no one job made
    /// it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) windows: Option<Vec<WindowLine>>,
    /// The files saved beside it (`parse --save`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) saved: Vec<SavedLine>,
    /// Only the files saved beside it were written, not the document (`--save pages` alone):
    /// `output` names it all the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) no_document: bool,
    /// What was saved with it (`Saving::label`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) saving: String,
    /// The dated parser version its job ran with (`latest` resolved when the run began), when
    /// known: a corpus can be parsed again as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) version: Option<String>,
    /// Its failed or empty pages parsed again on another tier (`--escalate`): that job, its
    /// pages, what it cost, the pages it did not better.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) escalation: Option<Box<crate::parse::escalate::EscalationLine>>,
}

/// A file saved beside an output (`parse --save`), as the manifest records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SavedLine {
    /// Its path relative to the output directory, with `/` between parts.
    pub(super) path: String,
    pub(super) bytes: u64,
    #[serde(default)]
    pub(super) modified_ns: i128,
    /// Its BLAKE3 hash, in hex.
    pub(super) hash: String,
}

/// The line that claims a saved file for this tool before it is written
/// (`{"claimed": "report.pdf.assets/items.json"}`; earlier builds claimed the directory), so
/// that a run stopped half-way replaces its own files, and never a file it did not write. (Releases before `--save` skip it.)
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saving {
    claimed: String,
}

/// One window of a document, as its jsonl line and its manifest record give it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct WindowLine {
    pub(super) pages: String,
    pub(super) job_id: String,
    pub(super) status: String,
    #[serde(default)]
    pub(super) credits: Option<serde_json::Number>,
}

/// A line of the manifest: a result written, or an event of a result key (manifests written
/// before there were events hold results only).
enum Line {
    Written(Written),
    Event(Event),
    Saving(Saving),
}

impl<'de> Deserialize<'de> for Line {
    /// The line as it is, then as either (not `untagged`: it would lose the numbers, which
    /// `arbitrary_precision` keeps as maps).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&serde_json::value::RawValue>::deserialize(deserializer)?;
        if let Ok(saving) = serde_json::from_str::<Saving>(raw.get()) {
            return Ok(Line::Saving(saving));
        }
        match serde_json::from_str::<Written>(raw.get()) {
            Ok(written) => Ok(Line::Written(written)),
            Err(_) => serde_json::from_str::<Event>(raw.get())
                .map(Line::Event)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// What happened to a result key, as the result store records it.
#[derive(Serialize, Deserialize)]
struct Event {
    key: String,
    /// Milliseconds since the Unix epoch.
    at: i64,
    #[serde(flatten)]
    what: What,
}

/// A result written, as the manifest keeps it in memory (one for every output: only what a
/// run needs, the hash as bytes).
pub(super) struct Record {
    pub(super) key: String,
    pub(super) job_id: String,
    bytes: u64,
    modified_ns: i128,
    hash: [u8; 32],
    /// None for almost every result: nothing is held then.
    pub(super) failed_pages: Option<Box<[FailedPage]>>,
    /// The type its document's name declares (`api::declared_type`), for a key without one.
    source_type: Box<str>,
    /// It was parsed in windows and one of them ended FAILED (its pages marked): not done, the
    /// next run parses that window again.
    window_failed: bool,
    /// The files saved beside it (none for almost every result: nothing is held then).
    pub(super) saved: Option<Box<[SavedLine]>>,
    no_document: bool,
    /// What was saved with it (`Saving::label`).
    pub(super) saving: Box<str>,
}

impl Record {
    fn of(written: Written) -> Self {
        Record {
            window_failed: written
                .windows
                .iter()
                .flatten()
                .any(|window| window.status != "COMPLETED"),
            source_type: crate::api::upload::declared_type(Path::new(&written.source)).into(),
            hash: blake3::Hash::from_hex(&written.hash).map_or([0; 32], |h| *h.as_bytes()),
            key: written.key,
            job_id: written.job_id,
            bytes: written.bytes,
            modified_ns: written.modified_ns,
            failed_pages: (!written.failed_pages.is_empty()).then(|| written.failed_pages.into_boxed_slice()),
            saved: (!written.saved.is_empty()).then(|| written.saved.into_boxed_slice()),
            no_document: written.no_document,
            saving: written.saving.into_boxed_str(),
        }
    }

    /// Whether it is the result of the document keyed `key`: recorded under it, or by an earlier
    /// release under its `legacy` key for a name of its type.
    pub(super) fn is_for(&self, key: &str, legacy: Option<&Legacy>) -> bool {
        self.key == key || legacy.is_some_and(|l| l.key == self.key && l.is_for(&self.source_type))
    }

    /// Whether it is the result of the document keyed `key` and done: not one parsed in windows
    /// of which one failed (that window is parsed again).
    pub(super) fn done_for(&self, key: &str, legacy: Option<&Legacy>) -> bool {
        self.is_for(key, legacy) && !self.window_failed
    }

    /// The file's hash when written, in hex.
    pub(super) fn hash(&self) -> String {
        blake3::Hash::from(self.hash).to_hex().to_string()
    }
}

/// The job that made a result key's outputs, and the type their documents' names declare.
type Made = (String, Option<Box<str>>);

/// The manifest: what was written, and the log to append to.
pub(super) struct Manifest {
    log: Mutex<Log>,
    /// Output path relative to DIR → what was written there.
    written: HashMap<String, Record>,
    /// Result key → the job that made it and the type its documents' names declare (`None`:
    /// names of more than one type), made when first asked (a rerun over finished work never
    /// asks).
    jobs: std::sync::OnceLock<HashMap<String, Made>>,
    /// Result key → what its events say, for the keys whose result was not written since.
    entries: Mutex<HashMap<String, Entry>>,
    /// The saved files (or directories of them) claimed (`Saving`), relative to DIR.
    saving: Mutex<std::collections::HashSet<String>>,
    dir: PathBuf,
}

impl Manifest {
    /// Reads the manifest of `dir` (missing: empty); the last line for each output wins.
    pub(super) fn open(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(MANIFEST);
        let mut written = HashMap::new();
        let mut entries: HashMap<String, Entry> = HashMap::new();
        let mut saving = std::collections::HashSet::new();
        let log = Log::open_each(&path, true, |line: Line| match line {
            Line::Saving(Saving { claimed: dir }) => {
                saving.insert(dir);
            }
            Line::Written(mut w) => {
                // Its job is known by its result now: its events are not held.
                if entries
                    .get(&w.key)
                    .is_some_and(|e| e.job_id.as_ref() == Some(&w.job_id) && e.intents.is_empty())
                {
                    entries.remove(&w.key);
                }
                // Kept by the output path; the document's name is only for people reading the file.
                let output = std::mem::take(&mut w.output);
                written.insert(output, Record::of(w));
            }
            Line::Event(event) => entries.entry(event.key).or_default().apply(event.at, &event.what),
        })
        .map_err(|err| Error::Io(err).context(format!("cannot open {}", path.display())))?;
        written.shrink_to_fit();
        entries.shrink_to_fit();
        Ok(Manifest {
            log: Mutex::new(log),
            written,
            jobs: std::sync::OnceLock::new(),
            entries: Mutex::new(entries),
            saving: Mutex::new(saving),
            dir: dir.to_path_buf(),
        })
    }

    /// The record of the file at `relative`, when that file is still the one written (with
    /// `--save pages` alone, its page files).
    pub(super) fn ours(&self, relative: &str) -> Option<&Record> {
        let written = self.written.get(relative)?;
        if written.no_document {
            let files = written.saved.iter().flatten();
            return files.clone().all(|saved| self.intact(saved)).then_some(written);
        }
        let path = self.dir.join(relative);
        let metadata = std::fs::metadata(&path).ok()?;
        if metadata.len() != written.bytes {
            return None;
        }
        if modified_ns(&metadata) == written.modified_ns {
            return Some(written);
        }
        // Restored from a cache with new times: the same bytes are still ours.
        hash_file(&path)
            .ok()
            .filter(|(hash, _)| blake3::Hash::from_hex(hash).is_ok_and(|h| *h.as_bytes() == written.hash))
            .map(|_| written)
    }

    /// The output directory.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The record of the file at `relative`, whatever became of the file.
    pub(super) fn recorded(&self, relative: &str) -> Option<&Record> {
        self.written.get(relative)
    }

    /// Whether the result was written with what `saving` saves (`Saving::label`), each file
    /// saved beside it still the one written.
    pub(super) fn complete(&self, record: &Record, saving: &str) -> bool {
        *record.saving == *saving && record.saved.iter().flatten().all(|saved| self.intact(saved))
    }

    /// Whether the file saved at `saved.path` is still the one written: its size and time, or
    /// (restored with new times) its bytes.
    pub(super) fn intact(&self, saved: &SavedLine) -> bool {
        let path = self.dir.join(&saved.path);
        let Ok(metadata) = std::fs::metadata(&path) else {
            return false;
        };
        metadata.len() == saved.bytes
            && (modified_ns(&metadata) == saved.modified_ns
                || hash_file(&path).is_ok_and(|(hash, _)| hash == saved.hash))
    }

    /// Claims the saved files at `relatives` (to DIR) for this tool, on disk (one sync) before
    /// any is written, so that a run stopped half-way replaces them and nothing else.
    pub(super) fn claim_saving(&self, relatives: &[String]) -> Result<(), Error> {
        let mut claimed = self.saving.lock().unwrap_or_else(PoisonError::into_inner);
        let new: Vec<&String> = relatives.iter().filter(|r| !claimed.contains(*r)).collect();
        let Some(last) = new.len().checked_sub(1) else {
            return Ok(());
        };
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        for (at, relative) in new.iter().enumerate() {
            let line = Saving {
                claimed: relative.to_string(),
            };
            let pending = log.write(&line).map_err(Error::Io)?;
            if at == last {
                // Every line before it is on disk with it.
                drop(log);
                pending.wait().map_err(Error::Io)?;
                break;
            }
        }
        claimed.extend(new.into_iter().cloned());
        Ok(())
    }

    /// Whether this tool may replace the file at `relative` (to DIR) when it saves files there:
    /// it was claimed, or is in a directory claimed whole (as earlier builds claimed them).
    pub(super) fn may_replace(&self, relative: &str) -> bool {
        let claimed = self.saving.lock().unwrap_or_else(PoisonError::into_inner);
        std::path::Path::new(relative)
            .ancestors()
            .any(|path| claimed.contains(&*path.to_string_lossy()))
    }

    /// The completed job that made `key`'s result here before, if any.
    pub(super) fn job_of(&self, key: &str) -> Option<&str> {
        self.jobs().get(key).map(|(job_id, _)| job_id.as_str())
    }

    /// The completed job an earlier release recorded under `legacy`'s key, for names of the
    /// document's type alone.
    pub(super) fn legacy_job_of(&self, legacy: &Legacy) -> Option<&str> {
        match self.jobs().get(&legacy.key)? {
            (job_id, Some(declared)) if legacy.is_for(declared) => Some(job_id),
            _ => None,
        }
    }

    fn jobs(&self) -> &HashMap<String, Made> {
        self.jobs.get_or_init(|| {
            let mut jobs: HashMap<String, Made> = HashMap::new();
            // A result made in windows has no one job to fetch it from again.
            for w in self.written.values().filter(|w| !w.job_id.is_empty()) {
                let (job_id, declared) = jobs
                    .entry(w.key.clone())
                    .or_insert_with(|| (w.job_id.clone(), Some(w.source_type.clone())));
                *job_id = w.job_id.clone();
                if declared.as_ref() != Some(&w.source_type) {
                    *declared = None;
                }
            }
            jobs
        })
    }

    /// Every output path the manifest records (absolute), the files saved beside them too, so
    /// that they are never documents.
    pub(super) fn outputs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let saved = self.written.values().flat_map(|w| w.saved.iter().flatten());
        self.written
            .keys()
            .map(|relative| self.dir.join(relative))
            .chain(saved.map(|saved| self.dir.join(&saved.path)))
    }

    /// Records a result written at `path`.
    pub(super) fn append(&self, mut written: Written, path: &Path) -> Result<(), Error> {
        if !written.no_document {
            let metadata = std::fs::metadata(path)?;
            written.bytes = metadata.len();
            written.modified_ns = modified_ns(&metadata);
        }
        for saved in &mut written.saved {
            saved.modified_ns = modified_ns(&std::fs::metadata(self.dir.join(&saved.path))?);
        }
        let pending = self
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .write(&written)
            .map_err(Error::Io)?;
        pending.wait().map_err(Error::Io)
    }
}

/// The results listed by the manifest of `root` or of a directory above it (canonical paths), read
/// without opening it for writing: a tree that was once an output directory holds results of this
/// tool, which are never documents.
pub(super) fn listed_at_or_above(root: &Path) -> Vec<PathBuf> {
    /// A manifest line, as far as it says where a result is.
    #[derive(Deserialize)]
    struct Listed {
        output: String,
        #[serde(default)]
        saved: Vec<SavedPath>,
    }
    #[derive(Deserialize)]
    struct SavedPath {
        path: String,
    }
    let Ok(root) = std::fs::canonicalize(root) else {
        return Vec::new();
    };
    let mut listed = Vec::new();
    for dir in root.ancestors() {
        let Ok(file) = std::fs::File::open(dir.join(MANIFEST)) else {
            continue;
        };
        for line in std::io::BufRead::lines(std::io::BufReader::new(file)).map_while(Result::ok) {
            if let Ok(Listed { output, saved }) = serde_json::from_str(&line) {
                let paths = std::iter::once(output).chain(saved.into_iter().map(|s| s.path));
                listed.extend(paths.filter_map(|p| std::fs::canonicalize(dir.join(p)).ok()));
            }
        }
    }
    listed
}

/// The manifest keeps the store's events too: an intent is on disk in DIR before its create is
/// sent, and a job's id as soon as it is known.
impl Journal for Manifest {
    fn record(&self, key: &str, at: i64, what: &What) -> std::io::Result<()> {
        let event = Event {
            key: key.to_string(),
            at,
            what: what.clone(),
        };
        let pending = self
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .write(&event)?;
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(event.key)
            .or_default()
            .apply(at, what);
        pending.wait()
    }

    fn entry(&self, key: &str) -> Option<Entry> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }
}

/// A file's modification time in ns since the epoch (0 when unknown).
fn modified_ns(metadata: &std::fs::Metadata) -> i128 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(test)]
mod tests;
