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

/// What made a result: its job, the pages of it that failed, and what the job cost (when known).
pub(super) struct Made<'a> {
    pub(super) job_id: &'a str,
    pub(super) failed: &'a [FailedPage],
    pub(super) credits: Option<serde_json::Number>,
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
    let mut file = Hashing::new(AtomicFile::create(&output, 0o644)?);
    std::io::copy(&mut from, &mut file)?;
    let (file, hash) = file.finish();
    file.persist_durably()?;
    record(run, document, key, made, hash, None).inspect_err(|err| run.fail(err))
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
        saving: run.saving.label(),
    };
    run.manifest.append(written, &document.output())
}
