//! The write step of a bulk run: a document's result copied to its output in OUT, atomically and
//! durably, and recorded in OUT's manifest with the job that made it. Used by the fetchers (a
//! result fetched now) and the submitters (a result the store or OUT already had).

use std::path::Path;

use crate::api::document::FailedPage;
use crate::atomic_file::AtomicFile;
use crate::error::Error;
use crate::hashing::Hashing;
use crate::parse::bulk::manifest::{SavedLine, WindowLine, Written};
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::escalate::EscalationLine;

/// What made a result: its job, the pages of it that failed, and what the job cost (when known).
pub(super) struct Made<'a> {
    pub(super) job_id: &'a str,
    pub(super) failed: &'a [FailedPage],
    pub(super) credits: Option<serde_json::Number>,
    /// The dated version its job ran with, when known (a job made in this run: `Setup::version`).
    pub(super) version: Option<&'a str>,
    /// Its failed or empty pages parsed again on another tier (`--escalate`), merged into it.
    pub(super) escalation: Option<&'a EscalationLine>,
}

/// Copies `result` to the document's output (parent directories made) and records it, with
/// what made it.
pub(super) fn write_output(
    run: &Run,
    document: &Document,
    key: &str,
    result: &Path,
    made: &Made,
) -> Result<(), Error> {
    let output = document.output();
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut from = std::io::BufReader::with_capacity(256 * 1024, std::fs::File::open(result)?);
    let mut file = Hashing::new(output_file(run, &output)?);
    std::io::copy(&mut from, &mut file)?;
    let (file, hash) = file.finish();
    file.persist_durably()?;
    record(run, document, key, made, hash, None).inspect_err(|err| run.fail(err))
}

/// Starts writing the output at `path` (its directory made if missing), atomically. The first
/// time this run writes in a directory, the temporary files a run killed while writing there left
/// (`.llamacloud-*.tmp`) are removed: OUT is one run's at a time, and the run's other writers in
/// that directory wait until it is done.
pub(super) fn output_file(run: &Run, path: &Path) -> std::io::Result<AtomicFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    {
        let mut cleared = run
            .cleared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !cleared.contains(dir) {
            remove_leftovers_in(dir)?;
            cleared.insert(dir.to_path_buf());
        }
    }
    AtomicFile::create(path, 0o644)
}

/// Removes the temporary files of an atomic write that a killed run left in `dir` (not below).
fn remove_leftovers_in(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".llamacloud-") && name.ends_with(".tmp") && entry.file_type()?.is_file() {
            match std::fs::remove_file(entry.path()) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Records in the manifest that the document's output, whose BLAKE3 hash is `hash`, holds the
/// result of `key` that `made` says how it was made (by the jobs of its `windows`, when it was
/// parsed in windows).
pub(super) fn record(
    run: &Run,
    document: &Document,
    key: &str,
    made: &Made,
    hash: String,
    windows: Option<Vec<WindowLine>>,
) -> Result<(), Error> {
    record_with(run, document, key, made, hash, windows, Beside::default())
}

/// What was written beside a document's output (`parse --save`).
#[derive(Default)]
pub(super) struct Beside {
    pub(super) saved: Vec<SavedLine>,
    /// Only those files, not the document (`--save pages` alone).
    pub(super) no_document: bool,
}

/// `record`, with the files written beside the output.
pub(super) fn record_with(
    run: &Run,
    document: &Document,
    key: &str,
    made: &Made,
    hash: String,
    windows: Option<Vec<WindowLine>>,
    beside: Beside,
) -> Result<(), Error> {
    let written = Written {
        output: document.relative.clone(),
        source: document.name().into_owned(),
        key: key.to_string(),
        job_id: made.job_id.to_string(),
        bytes: 0,
        modified_ns: 0,
        hash,
        credits: made.credits.clone(),
        failed_pages: made.failed.to_vec(),
        windows,
        saved: beside.saved,
        no_document: beside.no_document,
        version: made.version.map(str::to_string),
        saving: run.saving.label(),
        escalation: made.escalation.cloned().map(Box::new),
    };
    run.manifest.append(written, &document.output())
}
