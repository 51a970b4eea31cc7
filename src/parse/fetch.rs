//! A completed job's result fetched once, into the store (or, with `--no-cache`, a temporary
//! file), with the pages of it that failed.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::api::document::{Decoded, FailedPage};
use crate::api::models::Part;
use crate::api::parse_jobs::{self, Expand};
use crate::error::Error;
use crate::output::document;
use crate::parse::kind::Kind;
use crate::parse::once::Shared;
use crate::session::Session;

/// What a whole result (`Kind::Full`) asks the API for: every part, the structured pages, the
/// pages' metadata (printed page numbers), and the links to its images and spreadsheet.
pub(crate) const FULL: [&str; 6] = [
    "markdown",
    "text",
    "items",
    "metadata",
    "images_content_metadata",
    "xlsx_content_metadata",
];

/// Why a result could not be fetched.
pub(super) enum Fetch {
    /// The server no longer knows the job (404).
    Gone,
    Failed(Error),
}

/// A completed job's document (markdown or text) streamed into `out` page by page, failed pages
/// marked where they were: the one way a document is fetched, into the store (`fetch_result`) or
/// straight to the output (`parsing get`). The output is opened (`open`) only once the API has
/// answered, so a job it does not have leaves it untouched. Returns it, and what decoding learned.
pub(crate) fn stream_document<W: io::Write>(
    session: &Session,
    job_id: &str,
    expand: &Expand,
    part: Part,
    flush_pages: bool,
    open: impl FnOnce() -> Result<W, Error>,
) -> Result<(W, Decoded), Error> {
    let response = parse_jobs::stream(&session.client, &session.scope, job_id, expand)?;
    let mut out = open()?;
    let decoded = document::write_document(response.body, &mut out, part, flush_pages)?;
    Ok((out, decoded))
}

/// Fetches the completed job's result of `kind` into the store (or, with `--no-cache`, a
/// temporary file) and returns where it is.
pub(super) fn fetch_result(
    shared: &Shared,
    session: &Session,
    key: &str,
    job_id: &str,
    kind: Kind,
) -> Result<Fetched, Fetch> {
    let parts = match kind {
        Kind::Part(part) => vec![part.expand()],
        Kind::Json => vec!["markdown", "text"],
        Kind::Job => Vec::new(),
        Kind::Full(_) => FULL.to_vec(),
    };
    // Another machine's result, in the shared store: no request to the API.
    if let Some(fetched) = shared.copied_down(key, kind, job_id) {
        return Ok(fetched);
    }
    let expand = Expand {
        parts,
        image_filenames: None,
    };
    let failed = |err: io::Error| Fetch::Failed(Error::Io(err));
    let mut temp = match shared.store() {
        Some(store) => store.temporary(),
        None => tempfile::NamedTempFile::new(),
    }
    .map_err(failed)?;
    let written = match kind {
        Kind::Part(part) => {
            let file = temp.as_file_mut();
            let open = move || Ok(io::BufWriter::new(file));
            stream_document(session, job_id, &expand, part, false, open).and_then(|(mut out, decoded)| {
                io::Write::flush(&mut out)
                    .map_err(Error::Io)
                    .map(|()| decoded.failed)
            })
        }
        Kind::Json | Kind::Job | Kind::Full(_) => {
            parse_jobs::stream(&session.client, &session.scope, job_id, &expand)
                .map_err(Error::from)
                .and_then(|mut response| document::copy_through(&mut response.body, temp.as_file_mut()))
                .map(|_| {
                    // The JSON holds each page's error itself; its failed pages are counted all the same.
                    File::open(temp.path())
                        .ok()
                        .and_then(|file| {
                            let part = match kind {
                                Kind::Full(Some(part)) => part,
                                _ => Part::Markdown,
                            };
                            document::write_document(file, &mut io::sink(), part, false).ok()
                        })
                        .map(|decoded| decoded.failed)
                        .unwrap_or_default()
                })
        }
    };
    let failed_pages = written.map_err(|err| match err {
        Error::Api(api) if api.is_not_found() => Fetch::Gone,
        err => Fetch::Failed(err),
    })?;
    if shared.store.is_none() {
        return Ok(Fetched {
            kept: Kept::Temporary(temp),
            failed_pages,
        });
    }
    // On disk before it is renamed into place and recorded.
    temp.as_file().sync_all().map_err(failed)?;
    let at = shared.now_ms();
    let (path, pending) = {
        let Some(mut store) = shared.store() else {
            return Ok(Fetched {
                kept: Kept::Temporary(temp),
                failed_pages,
            });
        };
        store
            .keep(temp, key, job_id, kind.name(), failed_pages.clone(), at)
            .map_err(failed)?
    };
    pending.wait().map_err(failed)?;
    if let Some(remote) = &shared.remote {
        let what = crate::store::What::Result {
            job_id: job_id.to_string(),
            kind: kind.name().to_string(),
            failed_pages: failed_pages.clone(),
        };
        remote.share_result(key, kind.name(), &path, at, &what);
    }
    Ok(Fetched {
        kept: Kept::Stored(path),
        failed_pages,
    })
}

/// A result fetched, and the pages of it that failed (marked in it).
pub(crate) struct Fetched {
    pub kept: Kept,
    pub failed_pages: Vec<FailedPage>,
}

/// A fetched result.
pub(crate) enum Kept {
    Stored(PathBuf),
    /// With `--no-cache`: gone once dropped.
    Temporary(tempfile::NamedTempFile),
}

impl Kept {
    pub fn path(&self) -> &Path {
        match self {
            Kept::Stored(path) => path,
            Kept::Temporary(file) => file.path(),
        }
    }

    pub fn open(&self) -> io::Result<File> {
        File::open(self.path())
    }
}
