//! A job's images, copied through from their presigned links to files (never sent the API key).

use std::io::{Read, Write};
use std::path::Path;

use serde_json::Value;

use crate::api;
use crate::api::parse_jobs::{self, Expand};
use crate::atomic_file::AtomicFile;
use crate::context::Context;
use crate::error::Error;
use crate::output::document;
use crate::output::job::human_size;
use crate::output::progress::Progress;
use crate::session::Session;
use crate::text::neutralize;

/// Files at least this large get a progress bar on a terminal.
pub(crate) const PROGRESS_FROM_BYTES: u64 = 8 << 20;

pub(crate) const SUFFIX: &str = "_content_metadata";

/// `parsing get --images DIR`: each image of the job (or those named) into DIR, atomically,
/// one stderr line each.
pub fn images(
    session: &Session,
    job_id: &str,
    names: Option<&str>,
    dir: &Path,
    ctx: &mut Context,
) -> Result<(), Error> {
    let expand = Expand {
        parts: vec!["images_content_metadata"],
        image_filenames: names,
    };
    let value = parse_jobs::get_value(&session.client, &session.scope, job_id, &expand)?;
    let images = value
        .pointer("/images_content_metadata/images")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if images.is_empty() {
        ctx.io
            .stderr
            .line(&format!("note: job {} has no images", neutralize(job_id)));
        return Ok(());
    }
    std::fs::create_dir_all(dir)
        .map_err(|err| Error::Io(err).context(format!("cannot create {}", dir.display())))?;
    for image in images {
        let name = image.get("filename").and_then(Value::as_str).unwrap_or_default();
        // The server names the file: only its last component, and never `..`, is used.
        let Some(file_name) = Path::new(name).file_name().filter(|n| *n != "..") else {
            ctx.io.stderr.line(&format!(
                "warning: skipped an image with an unusable name {:?}",
                neutralize(name)
            ));
            continue;
        };
        let Some(link) = image.get("presigned_url").and_then(Value::as_str) else {
            ctx.io
                .stderr
                .line(&format!("warning: image {} has no link", neutralize(name)));
            continue;
        };
        let (_, body) = parse_jobs::download(&session.client, link)?;
        let path = dir.join(file_name);
        let mut file = AtomicFile::create(&path, 0o644)?;
        let copied = copy(body, &mut file, &Progress::hidden())?;
        file.persist()?;
        ctx.io.stderr.line(&format!(
            "Saved {} ({})",
            neutralize(&path.display().to_string()),
            human_size(copied)
        ));
    }
    Ok(())
}

/// A progress bar on stderr for a large download to a person; hidden otherwise.
pub(crate) fn progress(ctx: &Context, length: Option<u64>, what: &str) -> Progress {
    match length {
        Some(total) if total >= PROGRESS_FROM_BYTES => {
            Progress::bytes(ctx.io.terminals.stderr, total, what.to_string())
        }
        _ => Progress::hidden(),
    }
}

/// Copies a presigned link's body through (the bar counts it); a body that breaks off is a
/// failed link (exit 5), not a local failure. Returns the bytes copied.
pub(crate) fn copy(from: impl Read, to: &mut impl Write, bar: &Progress) -> Result<u64, Error> {
    document::copy_through(&mut bar.reader(from), to).map_err(|err| match err {
        Error::Api(err) => api::Error::Presigned(Box::new(err)).into(),
        other => other,
    })
}
