//! What is known of a result key: the store's, the journal's (a bulk run's manifest) and the
//! shared store's entries merged (`Entry::merge`); a result only the shared store holds is
//! copied down into the store.

use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};

impl Shared {
    /// What the store, the journal and the shared store know of `key` for `kind` (see
    /// `Entry::merge`); a result only the shared store holds is copied down into the store.
    pub(crate) fn known(&self, key: &str, kind: Kind) -> Known {
        let store = self.store();
        let journaled = self.journal.as_ref().and_then(|journal| journal.entry(key));
        let result = || store.as_ref()?.result(key, kind.name());
        let local = match (store.as_ref().and_then(|store| store.entry(key)), journaled) {
            (Some(stored), Some(journaled)) => Some(stored.merge(journaled)),
            (stored, journaled) => stored.cloned().or(journaled),
        };
        // A result in the store costs no request to the shared store.
        if let Some(local) = &local
            && let stored @ Known::Stored { .. } = local.known(result)
        {
            return stored;
        }
        let result = || store.as_ref()?.result(key, kind.name());
        let remote = self.remote.as_ref().and_then(|remote| remote.entry(key));
        let shared_result = remote.as_ref().is_some_and(|r| r.results.contains(kind.name()));
        let known = match (local, remote) {
            (Some(local), Some(remote)) => local.merge(remote).known(result),
            (Some(entry), None) | (None, Some(entry)) => entry.known(result),
            (None, None) => Known::Nothing,
        };
        drop(store);
        match known {
            Known::Completed(job_id) if shared_result => {
                self.copy_down(key, kind, &job_id)
                    .map_or(Known::Completed(job_id.clone()), |path| Known::Stored {
                        path,
                        job_id,
                    })
            }
            known => known,
        }
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
        let (path, pending) = self
            .store()?
            .keep(temp, key, job_id, kind.name(), failed_pages, at)
            .ok()?;
        pending.wait().ok()?;
        Some(path)
    }
}
