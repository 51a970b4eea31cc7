//! Claims on the shared store's keys: `claims/KEY/GENERATION`, who is deciding about a key
//! (`{"machine", "expires_at"}`). A machine claims a key by creating the next generation if
//! absent (one winner among racing machines), renews its lease while it holds it, and lets go of
//! it once the key's job is recorded (marked `"released"`, kept: the generations only grow; older
//! ones removed). A claim whose lease ran out (its machine died) is taken over by creating the
//! generation after it; the taker then finds the dead machine's job by the token of its recorded
//! intent before it creates anything (as for any unanswered create).
//!
//! A holder checks its claim is still its own before it sends a create (`fence`): one whose lease
//! was not renewed for half a lease (the machine was suspended, the store away) asks the store
//! whether another machine took over, and creates nothing if one did.

use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Holding, SharedStore, lock, now_ms};
use crate::error::Error;
use crate::store::remote::RemoteError;

/// How often a live claim of another machine is looked at again, at most (from a tenth of that).
const CLAIM_POLL: Duration = Duration::from_secs(1);

/// A claim object's content.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ClaimBody {
    pub(super) machine: String,
    /// Milliseconds since the Unix epoch.
    pub(super) expires_at: i64,
    /// Let go of: the key is free, its next claim is the next generation. The last generation
    /// is kept (released) rather than deleted, so that generations only grow: a machine that
    /// found no claim at all while another created the generation after a deleted one would
    /// claim the key beside it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) released: bool,
}

impl ClaimBody {
    /// A machine holds it now: not let go of, its lease not run out.
    pub(super) fn live(&self) -> bool {
        !self.released && self.expires_at > now_ms()
    }
}

/// A key's newest claim, as listed and read.
type Last = (Option<u64>, Option<ClaimBody>);

/// A claim held on a key of the shared store: let go of when dropped.
pub(crate) struct Claim<'s> {
    store: &'s SharedStore,
    key: String,
    pub(super) generation: u64,
    /// The key's first claim ever: no machine decided about it before (every job is created under
    /// a claim), so what was read of it before the claim is still all there is.
    pub(crate) first: bool,
}

/// What claiming a key gave.
pub(crate) enum Claiming<'s> {
    /// This machine holds the key.
    Held(Claim<'s>),
    /// Another machine's claim on it is live (only when not asked to wait).
    Busy,
    /// The run goes on without the shared store (`--store-unreachable local`).
    Without,
}

impl SharedStore {
    /// Claims `key` for this machine while it decides about it (taking over a claim whose lease
    /// ran out). While another machine's claim is live: `Busy` at once, or with `wait`, waits
    /// for it (saying so once).
    pub(crate) fn claim(&self, key: &str, name: &str, wait: bool) -> Result<Claiming<'_>, Error> {
        let mut said = false;
        let mut pause = CLAIM_POLL / 10;
        loop {
            if self.abandoned() {
                return Ok(Claiming::Without);
            }
            // Listed first, every time: a claim is only ever made above every generation there
            // is (older ones are removed, so a generation absent now may have been held).
            let Some((last, body)) = self.last_claim(key)? else {
                return Ok(Claiming::Without);
            };
            let next = match (last, body) {
                (None, _) => 0,
                // Released (or removed meanwhile), or unreadable: the next generation.
                (Some(generation), None) => generation + 1,
                (Some(generation), Some(body)) if body.released => generation + 1,
                (Some(_), Some(body)) if body.expires_at > now_ms() => {
                    if !wait {
                        return Ok(Claiming::Busy);
                    }
                    if !said {
                        said = true;
                        self.stderr.line(&format!(
                            "Waiting for another machine ({}) deciding about {} in the shared store",
                            crate::text::neutralize(&body.machine),
                            crate::text::neutralize(name)
                        ));
                    }
                    std::thread::sleep(pause.min(self.lease / 4));
                    pause = (pause * 2).min(CLAIM_POLL);
                    continue;
                }
                (Some(generation), Some(body)) => {
                    self.stderr.line(&format!(
                        "note: the claim of {} on {} in the shared store ran out: taking it over \
                         (its job is looked for by its token before anything is created)",
                        crate::text::neutralize(&body.machine),
                        crate::text::neutralize(name)
                    ));
                    generation + 1
                }
            };
            let body = self.claim_body(false)?;
            let written_at = now_ms();
            let created = self.remote.create(&claim_path(key, next), body);
            match self.reach(created)? {
                None => return Ok(Claiming::Without),
                Some(false) => continue,
                Some(true) => {
                    let holding = Holding {
                        generation: next,
                        written_at,
                    };
                    lock(&self.held.0).insert(key.to_string(), holding);
                    return Ok(Claiming::Held(Claim {
                        store: self,
                        key: key.to_string(),
                        generation: next,
                        first: last.is_none(),
                    }));
                }
            }
        }
    }

    /// `key`'s newest claim: its generation (`None`: no claim at all) and content (`None`: gone
    /// meanwhile, or unreadable); `None` when the run goes on without the store.
    fn last_claim(&self, key: &str) -> Result<Option<Last>, Error> {
        let newest = self.newest_claim(key);
        self.reach(newest)
    }

    /// The same, as the store answered.
    fn newest_claim(&self, key: &str) -> Result<Last, RemoteError> {
        let generation = self
            .remote
            .list(&format!("claims/{key}/"))?
            .iter()
            .filter_map(|l| l.path.rsplit('/').next()?.parse::<u64>().ok())
            .max();
        let Some(generation) = generation else {
            return Ok((None, None));
        };
        let got = self.remote.get(&claim_path(key, generation))?;
        let body = got.and_then(|(bytes, _)| serde_json::from_slice::<ClaimBody>(&bytes).ok());
        Ok((Some(generation), body))
    }

    /// Whether `last` is still this machine's claim of `generation`, not let go of.
    fn owns(&self, last: &Last, generation: u64) -> bool {
        matches!(last, (Some(newest), Some(body))
            if *newest == generation && !body.released && body.machine == self.machine)
    }

    /// Writes this machine's claim of `generation` on `key` again, its lease from now.
    fn rewrite(&self, key: &str, generation: u64) -> Result<i64, Error> {
        let (body, written_at) = (self.claim_body(false)?, now_ms());
        let put = self.remote.put(&claim_path(key, generation), body);
        self.reach(put).map(|_| written_at)
    }

    /// Checks, before a create is sent for `key`, that this machine's claim on it is still its
    /// own: a lease written within half a lease is (no request); an older one (the machine was
    /// suspended, the store away) is renewed only if no other machine took the key over
    /// meanwhile, else the create must not be sent (an error saying why).
    pub(crate) fn fence(&self, key: &str, name: &str) -> Result<(), Error> {
        if self.abandoned() {
            return Ok(());
        }
        let Some(holding) = lock(&self.held.0).get(key).copied() else {
            return Ok(());
        };
        let half = i64::try_from(self.lease.as_millis() / 2).unwrap_or(i64::MAX);
        if now_ms() - holding.written_at < half {
            return Ok(());
        }
        let taken = |_| {
            Error::failure(format!(
                "the claim of this machine on {} in the shared store was taken over by another \
                 machine while this one was away: no job is created for it here (its result comes \
                 from the other machine's job; run again to take it)",
                crate::text::neutralize(name)
            ))
        };
        match self.last_claim(key)? {
            None => Ok(()),
            Some(last) if self.owns(&last, holding.generation) => {
                let written_at = self.rewrite(key, holding.generation)?;
                if let Some(held) = lock(&self.held.0).get_mut(key) {
                    held.written_at = written_at;
                }
                Ok(())
            }
            Some(_) => Err(taken(())),
        }
    }

    pub(super) fn claim_body(&self, released: bool) -> Result<Vec<u8>, Error> {
        let expires_at = now_ms() + i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX);
        serde_json::to_vec(&ClaimBody {
            machine: self.machine.clone(),
            expires_at,
            released,
        })
        .map_err(|err| Error::failure(err.to_string()))
    }

    /// Renews every claim held (a failure is tried again at the next round). The claims stay
    /// locked meanwhile: a claim let go of is never renewed after its release was written.
    ///
    /// A claim whose lease ran out before this round (the machine was suspended, the store away)
    /// may have been taken over meanwhile: it is renewed only if it is still the key's newest
    /// claim and this machine's, else left as it was, so that the fence before a create asks
    /// the store and finds the other machine (a renewal after a takeover made the fence believe
    /// the claim was never away, and a resumed machine paid for a job the taker had paid for).
    fn renew(&self) {
        let lease = i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX);
        let mut held = lock(&self.held.0);
        for (key, holding) in held.iter_mut() {
            let lapsed = now_ms() - holding.written_at >= lease;
            if lapsed
                && !self
                    .newest_claim(key)
                    .is_ok_and(|last| self.owns(&last, holding.generation))
            {
                continue;
            }
            let written_at = now_ms();
            if let Ok(body) = self.claim_body(false)
                && self
                    .remote
                    .put(&claim_path(key, holding.generation), body)
                    .is_ok()
            {
                holding.written_at = written_at;
            }
        }
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let mut held = lock(&self.store.held.0);
        held.remove(&self.key);
        // This generation marked released (kept: generations only grow), then the ones before it
        // (a dead machine's, taken over, or released) removed.
        if let Ok(body) = self.store.claim_body(true) {
            let _ = self
                .store
                .remote
                .put(&claim_path(&self.key, self.generation), body);
        }
        drop(held);
        for generation in (0..self.generation).rev().take(8) {
            let _ = self.store.remote.delete(&claim_path(&self.key, generation));
        }
    }
}

impl SharedStore {
    /// Renews the store's claims every third of a lease while it is open.
    pub(super) fn renew_while_open(self: &Arc<Self>) {
        let weak = Arc::downgrade(self);
        let (held, closing, every) = (Arc::clone(&self.held), Arc::clone(&self.closing), self.lease / 3);
        std::thread::spawn(move || {
            loop {
                let guard = lock(&held.0);
                let _ = held
                    .1
                    .wait_timeout(guard, every)
                    .unwrap_or_else(PoisonError::into_inner);
                if closing.load(Ordering::SeqCst) {
                    return;
                }
                match weak.upgrade() {
                    Some(store) => store.renew(),
                    None => return,
                }
            }
        });
    }
}

pub(super) fn claim_path(key: &str, generation: u64) -> String {
    format!("claims/{key}/{generation:010}")
}
