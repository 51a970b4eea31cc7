//! A result written into the output directory: copied from the store (or the fetched file)
//! atomically to its path, hashed on the way, and recorded in the manifest.

use std::io::{Read, Write};

use crate::atomic_file::AtomicFile;
use crate::commands::bulk::manifest::Written;
use crate::commands::bulk::shared::Shared;
use crate::commands::bulk::sources::Document;
use crate::error::Error;

/// Copies `result` to the document's output (parent directories made) and records it.
pub(super) fn write_output(
    shared: &Shared,
    document: &Document,
    key: &str,
    job_id: &str,
    result: &std::path::Path,
) -> Result<(), Error> {
    if let Some(parent) = document.output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut from = std::fs::File::open(result)?;
    let mut file = AtomicFile::create(&document.output, 0o644)?;
    let mut hasher = blake3::Hasher::new();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = from.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        file.write_all(&buffer[..n])?;
    }
    file.persist_durably()?;
    let written = Written {
        output: document.relative.clone(),
        source: document.name.clone(),
        key: key.to_string(),
        job_id: job_id.to_string(),
        bytes: 0,
        modified_ns: 0,
        hash: hasher.finalize().to_hex().to_string(),
    };
    shared
        .manifest
        .append(written, &document.output)
        .inspect_err(|err| shared.fail(err))
}
