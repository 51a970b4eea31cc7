//! Claiming a result key before deciding about it: among the runs of this machine (a file lock
//! in the store), then among the machines sharing a store (`store::shared`'s claims).

use crate::error::Error;
use crate::parse::once::Shared;
use crate::store::shared::claims::Claiming;
use crate::text::neutralize;

impl Shared {
    /// Claims `key` for this run while it works on the document (another run working on the
    /// same bytes is waited for, saying so), then sees what other runs recorded meanwhile.
    /// `None` without a store.
    pub(crate) fn claim(&self, key: &str, name: &str) -> Result<Option<Claimed<'_>>, Error> {
        Ok(match self.claiming(key, name, true)? {
            Claim::Held(claimed) => Some(claimed),
            Claim::Unstored | Claim::Busy => None,
        })
    }

    /// The same; without `wait`, `Busy` at once while another machine sharing the store decides
    /// about the key (a bulk run takes another document meanwhile).
    pub(crate) fn claiming(&self, key: &str, name: &str, wait: bool) -> Result<Claim<'_>, Error> {
        let Some(path) = self.store().map(|store| store.claim_path(key)) else {
            return Ok(Claim::Unstored);
        };
        // The lock is waited for without holding the store, which other workers use meanwhile.
        let claim = crate::store::lock::Lock::acquire(&path, || {
            self.stderr.line(&format!(
                "Blocking waiting for file lock on the result of {} (another llamacloud run is parsing the same document)",
                neutralize(name)
            ));
        })
        .map_err(Error::Io)?;
        if let Some(mut store) = self.store() {
            store.refresh().map_err(Error::Io)?;
        }
        // Then the machines sharing the store: one decides about a key at a time.
        let remote = match &self.remote {
            Some(remote) => match remote.claim(key, name, wait)? {
                Claiming::Held(held) => {
                    if !held.first {
                        remote.refresh(key)?;
                    }
                    Some(held)
                }
                Claiming::Busy => {
                    // Read again when it is taken up again: the other machine records meanwhile.
                    remote.unread(key);
                    return Ok(Claim::Busy);
                }
                Claiming::Without => None,
            },
            None => None,
        };
        Ok(Claim::Held(Claimed {
            _local: claim,
            _remote: remote,
        }))
    }
}

/// What claiming a key gave.
pub(crate) enum Claim<'s> {
    Held(Claimed<'s>),
    /// No store: nothing to claim.
    Unstored,
    /// Another machine sharing the store decides about the key now.
    Busy,
}

/// A key claimed: by this run among the runs of this machine, and among the machines sharing
/// a store; let go of when dropped.
pub(crate) struct Claimed<'s> {
    _local: crate::store::lock::Lock,
    _remote: Option<crate::store::shared::claims::Claim<'s>>,
}
