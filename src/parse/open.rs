//! Opening the result store: the user's (from the session's settings), or one in a directory;
//! and the store shared by machines behind it.

use std::path::Path;

use crate::context::Stderr;
use crate::error::Error;
use crate::session::Session;
use crate::store::Store;
use crate::store::shared::SharedStore;

/// Opens the user's result store (waiting, and saying so, while another run holds it).
pub(super) fn open_store(session: &Session, stderr: &Stderr) -> Result<Store, Error> {
    let Some(dir) = &session.settings.cache_dir else {
        return Err(Error::usage(
            "no directory for the result store: set LLAMACLOUD_CACHE_DIR, or pass --no-cache",
        ));
    };
    open_store_at(&dir.value, stderr)
}

/// Opens the result store in `dir`, shared with other runs (saying so while a `cache prune` or
/// `clear` holds it).
pub fn open_store_at(dir: &Path, stderr: &Stderr) -> Result<Store, Error> {
    Store::open(dir, || {
        stderr.line(&format!(
            "Blocking waiting for file lock on the result store {} (a cache prune or clear holds it)",
            dir.display()
        ));
    })
    .map_err(Error::Io)
}

/// Opens the store shared by machines, if one is set (`--store`, `LLAMACLOUD_STORE`, the
/// profile's `store`); none with `--no-cache`, which says so (a user who set both could think
/// the team's store was used).
pub(crate) fn open_shared(
    session: &Session,
    args: &crate::cli::StoreArgs,
    env: &dyn crate::context::Env,
    stderr: &Stderr,
) -> Result<Option<std::sync::Arc<SharedStore>>, Error> {
    if args.no_cache {
        if let Ok(Some(url)) = session.settings.store(args.store.as_deref()) {
            stderr.line(&format!(
                "note: --no-cache: the shared store {} is neither read nor written either; every \
                 document is parsed (and paid for)",
                crate::store::remote::redacted(&url.value)
            ));
        }
        return Ok(None);
    }
    let Some(url) = session.settings.store(args.store.as_deref())? else {
        return Ok(None);
    };
    let store = SharedStore::open(&url.value, env, args.store_unreachable, stderr.clone())?;
    // A result parsed again replaces the shared one: every machine gets it from then on.
    store.replacing_results(args.force);
    Ok(Some(store))
}
