//! The manifest (`DIR/.llamacloud-manifest.jsonl`): one line per event, appended as it happens
//! (a job created, a job ended, a result written), read at the start of a run to skip what is
//! done and wait for what is running.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The manifest's file name in the output directory.
pub(super) const MANIFEST: &str = ".llamacloud-manifest.jsonl";

/// One line of the manifest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) source: String,
    pub(super) fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) output: Option<String>,
}

/// The manifest's records, the last one for each source winning (a missing file is empty).
pub(super) fn read_manifest(path: &Path) -> Result<HashMap<String, Record>, Error> {
    let mut records: HashMap<String, Record> = HashMap::new();
    let Ok(file) = File::open(path) else {
        return Ok(records);
    };
    for line in BufReader::new(file).lines() {
        let line = line?;
        // A line cut short by a crash is skipped; the ones after it still count.
        let Ok(record) = serde_json::from_str::<Record>(&line) else {
            continue;
        };
        let merged = records.entry(record.source.clone()).or_default();
        if merged.fingerprint != record.fingerprint {
            *merged = Record::default();
        }
        merged.source = record.source;
        merged.fingerprint = record.fingerprint;
        merged.job_id = record.job_id.or(merged.job_id.take());
        merged.status = record.status;
        merged.output = record.output.or(merged.output.take());
    }
    Ok(records)
}

/// The manifest, open for appending.
pub(super) struct Manifest(pub(super) Mutex<File>);

impl Manifest {
    /// Appends one record.
    pub(super) fn append(&self, record: &Record) -> Result<(), Error> {
        let mut line = serde_json::to_string(record).map_err(|e| Error::failure(e.to_string()))?;
        line.push('\n');
        let mut file = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // One write per line, so a crash leaves at most the last line short.
        file.write_all(line.as_bytes())?;
        file.flush()?;
        Ok(())
    }
}
