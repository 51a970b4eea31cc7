//! What is known of a result key: the store's, the journal's (a bulk run's manifest) and the
//! shared store's entries merged (`Entry::merge`); a result only the shared store holds is
//! copied down into the store.

use std::sync::Arc;

use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::store::Entry;
use crate::store::shared::SharedStore;

impl Shared {
    /// What the store, the journal and the shared store know of `key` for `kind` (see
    /// `Entry::merge`); a result only the shared store holds is copied down into the store (but
    /// in a dry run: `looking_at`).
    pub(crate) fn known(&self, key: &str, kind: Kind) -> Known {
        let (known, shared_result) = self.merged(key, kind);
        match known {
            Known::Completed(job_id) if shared_result && !self.looking => self
                .copy_down(key, kind, &job_id)
                .map_or(Known::Completed(job_id.clone()), |path| Known::Stored {
                    path,
                    job_id,
                }),
            known => known,
        }
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
    /// the store costs no request to it), and whether the shared store holds its result.
    fn merged(&self, key: &str, kind: Kind) -> (Known, bool) {
        let local = self.local(key);
        let store = self.store();
        let result = || store.as_ref()?.result(key, kind.name());
        if let Some(local) = &local
            && let stored @ Known::Stored { .. } = local.known(result)
        {
            return (stored, false);
        }
        let result = || store.as_ref()?.result(key, kind.name());
        let remote = self.remote.as_ref().and_then(|remote| remote.entry(key));
        let shared_result = remote.as_ref().is_some_and(|r| r.results.contains(kind.name()));
        let known = match (local, remote) {
            (Some(local), Some(remote)) => local.merge(remote).known(result),
            (Some(entry), None) | (None, Some(entry)) => entry.known(result),
            (None, None) => Known::Nothing,
        };
        (known, shared_result)
    }

    /// `key`'s result of `kind` (of job `job_id`) copied down from the shared store into the
    /// store, recorded there with its failed pages.
    fn copy_down(&self, key: &str, kind: Kind, job_id: &str) -> Option<std::path::PathBuf> {
        let remote = self.remote.as_ref()?;
        let temp = self.store()?.temporary().ok()?;
        if !remote.copy_down(key, kind.name(), temp.path()) {
            return None;
        }
        let failed_pages = remote
            .entry(key)
            .filter(|e| e.failed_in.contains(kind.name()))
            .and_then(|e| e.failed_pages.map(Vec::from))
            .unwrap_or_default();
        let at = self.now_ms();
        // Kept with its job (`Store::keep`): the local store knows the result from then on.
        let (path, pending) = self
            .store()?
            .keep(temp, key, job_id, kind.name(), failed_pages, at)
            .ok()?;
        pending.wait().ok()?;
        Some(path)
    }
}
