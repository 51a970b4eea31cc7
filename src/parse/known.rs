//! What is known of a result key: the store's, the journal's (a bulk run's manifest) and the
//! shared store's entries merged (`Entry::merge`); a result only the shared store holds is
//! copied down into the store when it is fetched.

use std::path::PathBuf;
use std::sync::Arc;

use crate::api::document::FailedPage;
use crate::parse::fetch::{Fetched, Kept};
use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::store::Entry;
use crate::store::shared::SharedStore;

impl Shared {
    /// What the store, the journal and the shared store know of `key` for `kind` (see
    /// `Entry::merge`). A result only the shared store holds is `Completed`: it is copied down
    /// when it is fetched (`copied_down`), by a bulk run's fetchers, in parallel.
    pub(crate) fn known(&self, key: &str, kind: Kind) -> Known {
        self.merged(key, kind, true)
    }

    /// What the store and the journal alone know of `key` for `kind`: no request to the shared
    /// store (a dry run tells what only the shared store knows by it).
    pub(crate) fn known_here(&self, key: &str, kind: Kind) -> Known {
        let local = self.local(key);
        let store = self.store();
        let result = || store.as_ref()?.result(key, kind.name());
        local.map_or(Known::Nothing, |entry| entry.known(result))
    }

    /// A dry run's memory: the shared store `remote` is read (with or without a local store),
    /// and nothing is copied down from it nor written to it.
    pub(crate) fn looking_at(mut self, remote: Option<Arc<SharedStore>>) -> Self {
        self.remote = remote;
        self.looking = true;
        self
    }

    /// The store's and the journal's entries of `key` merged.
    fn local(&self, key: &str) -> Option<Entry> {
        let journaled = self.journal.as_ref().and_then(|journal| journal.entry(key));
        let store = self.store();
        match (store.as_ref().and_then(|store| store.entry(key)), journaled) {
            (Some(stored), Some(journaled)) => Some(stored.merge(journaled)),
            (stored, journaled) => stored.cloned().or(journaled),
        }
    }

    /// What is known of `key` for `kind` with the shared store's entry merged in (a result in
    /// the store costs no request to it). With `take`, a result only the shared store holds is
    /// first taken straight down (one request: `SharedStore::take_result`), the key's events
    /// listed only when it is not there.
    pub(super) fn merged(&self, key: &str, kind: Kind, take: bool) -> Known {
        let local = self.local(key);
        let store = self.store();
        let result = || store.as_ref()?.result(key, kind.name());
        if let Some(local) = &local
            && let stored @ Known::Stored { .. } = local.known(result)
        {
            return stored;
        }
        drop(store);
        if take && let Some((path, job_id)) = self.taken_down(key, kind) {
            return Known::Stored { path, job_id };
        }
        let store = self.store();
        let result = || store.as_ref()?.result(key, kind.name());
        let remote = self.remote.as_ref().and_then(|remote| remote.entry(key));
        match (local, remote) {
            (Some(local), Some(remote)) => local.merge(remote).known(result),
            (Some(entry), None) | (None, Some(entry)) => entry.known(result),
            (None, None) => Known::Nothing,
        }
    }

    /// `key`'s result of `kind` taken straight down from the shared store into the store (see
    /// `SharedStore::take_result`); never in a dry run (`looking_at`).
    fn taken_down(&self, key: &str, kind: Kind) -> Option<(PathBuf, String)> {
        let remote = self.remote.as_ref().filter(|_| !self.looking)?;
        let temp = self.store()?.temporary().ok()?;
        let (job_id, failed_pages) = remote.take_result(key, kind.name(), temp.path())?;
        let path = self.kept(temp, key, kind, &job_id, failed_pages)?;
        Some((path, job_id))
    }

    /// `key`'s result of `kind` (of job `job_id`) copied down from the shared store into the
    /// store, recorded there with its failed pages (`None`: the shared store was not read to hold
    /// it, or it could not be copied: the API is asked). Never in a dry run (`looking_at`).
    pub(crate) fn copied_down(&self, key: &str, kind: Kind, job_id: &str) -> Option<Fetched> {
        let remote = self.remote.as_ref().filter(|_| !self.looking)?;
        let shared = remote.entry(key).filter(|e| e.results.contains(kind.name()))?;
        let temp = self.store()?.temporary().ok()?;
        if !remote.copy_down(key, kind.name(), temp.path()) {
            return None;
        }
        let failed_pages: Vec<FailedPage> = Some(shared)
            .filter(|e| e.failed_in.contains(kind.name()))
            .and_then(|e| e.failed_pages.map(Vec::from))
            .unwrap_or_default();
        let path = self.kept(temp, key, kind, job_id, failed_pages.clone())?;
        Some(Fetched {
            kept: Kept::Stored(path),
            failed_pages,
        })
    }

    /// A result copied down into `temp`, kept in the store with its job (`Store::keep`): the
    /// local store knows the result from then on.
    fn kept(
        &self,
        temp: tempfile::NamedTempFile,
        key: &str,
        kind: Kind,
        job_id: &str,
        failed_pages: Vec<FailedPage>,
    ) -> Option<PathBuf> {
        let at = self.now_ms();
        let (path, pending) = self
            .store()?
            .keep(temp, key, job_id, kind.name(), failed_pages, at)
            .ok()?;
        pending.wait().ok()?;
        Some(path)
    }
}
