//! A finished job's result, fetched and written atomically to its path in the output directory.

use std::path::Path;

use crate::api::parse_jobs::{self, Expand};
use crate::atomic_file::AtomicFile;
use crate::commands::bulk::shared::{Kind, Shared};
use crate::error::Error;
use crate::output::document;

/// Fetches the result and writes it to `path` atomically (parent directories made).
pub(super) fn write_result(shared: &Shared, job_id: &str, path: &Path) -> Result<(), Error> {
    let parts = match shared.kind {
        Kind::Part(part) => vec![part.expand()],
        Kind::Json => vec!["markdown", "text"],
    };
    let expand = Expand {
        parts,
        image_filenames: None,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut response = parse_jobs::stream(&shared.session.client, &shared.session.scope, job_id, &expand)?;
    let mut file = AtomicFile::create(path, 0o644)?;
    match shared.kind {
        Kind::Part(part) => {
            document::write_document(response.body, &mut file, part, false)?;
        }
        Kind::Json => {
            document::copy_through(&mut response.body, &mut file)?;
        }
    }
    file.persist()?;
    Ok(())
}
