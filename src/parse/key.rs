//! A document's result key: its bytes (or URL, or file id) and the effective configuration,
//! in the API's origin and scope (`store::key`). A file's bytes are hashed through the store's
//! stat cache, so an unchanged file is not read again.

use std::io;
use std::path::Path;

use serde_json::{Map, Value};

use crate::api::parse_jobs::Source;
use crate::error::Error;
use crate::parse::once::Shared;
use crate::session::Session;
use crate::store::Store;
use crate::store::key::{self, Context as KeyContext, Keys};
use crate::text::neutralize;

/// The key of `source`'s result with `configuration`, for a run that holds the store alone (one
/// document): its bytes (hashed through the stat cache, so an unchanged file is not read), or
/// the URL or file id.
pub(super) fn through_store(
    store: &mut Store,
    session: &Session,
    source: &Source,
    configuration: &Map<String, Value>,
) -> Result<Keys, Error> {
    keys_with(session, source, configuration, |path, metadata| {
        store.stat.hash(path, metadata)
    })
}

impl Shared {
    /// Like `through_store`, for the workers of a run: a file the stat cache does not know is read
    /// without the store held, so that they hash in parallel.
    pub(super) fn key_of(
        &self,
        session: &Session,
        source: &Source,
        configuration: &Map<String, Value>,
    ) -> Result<Keys, Error> {
        self.key_through_stat_cache(session, source, configuration, true)
    }

    /// The key, a file's hash taken from the stat cache when it knows the file; a hash made
    /// here is added to it when `remember` (not by `--dry-run`, which leaves the store as it is).
    pub(super) fn key_through_stat_cache(
        &self,
        session: &Session,
        source: &Source,
        configuration: &Map<String, Value>,
        remember: bool,
    ) -> Result<Keys, Error> {
        keys_with(session, source, configuration, |path, metadata| {
            if let Some(hash) = self.store().and_then(|store| store.stat.known(path, metadata)) {
                return Ok(hash);
            }
            let (hash, _) = key::hash_file(path)?;
            if remember && let Some(mut store) = self.store() {
                store.stat.remember(path, metadata, hash.clone());
            }
            Ok(hash)
        })
    }
}

/// The keys of `source`'s result with `configuration`, a file's bytes hashed by `hash`.
fn keys_with(
    session: &Session,
    source: &Source,
    configuration: &Map<String, Value>,
    hash: impl FnOnce(&Path, &std::fs::Metadata) -> io::Result<String>,
) -> Result<Keys, Error> {
    let document = match source {
        Source::File(path) => {
            let unreadable = |err: io::Error| {
                Error::Failure(format!(
                    "cannot read {}: {err}",
                    neutralize(&path.display().to_string())
                ))
            };
            let canonical = std::fs::canonicalize(path).map_err(unreadable)?;
            let metadata = std::fs::metadata(&canonical).map_err(unreadable)?;
            let hash = hash(&canonical, &metadata).map_err(unreadable)?;
            // The type of the name the upload sends, not of the file a link leads to.
            key::Document::File { hash, name: path }
        }
        Source::Url(url) => key::Document::Url(url),
        Source::FileId(id) => key::Document::FileId(id),
    };
    let origin = session.settings.base_url.value.origin().ascii_serialization();
    let context = KeyContext {
        origin: &origin,
        project_id: session.scope.project_id.as_deref(),
        organization_id: session.scope.organization_id.as_deref(),
    };
    Ok(key::keys(&document, configuration, &context))
}
