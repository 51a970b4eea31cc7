//! The shared store looked at and forgotten in, without claiming anything: `cache list|prune|clear
//! --store`, and a dry run's look (`open_to_look`: no probe written, no claim, no event).
//!
//! One listing of `keys/` (object_store pages it) groups each key's event and result objects;
//! an entry is the fold of its events (`Entry::apply`), as a run reads it. A key's last use is its
//! newest event's time, read from the event's name (`AT-COUNT-NONCE~WHAT.json`), or the time of its
//! `meta/used` (a machine copied a result down), so that a prune reads the events of the keys old
//! enough to go only. A key is kept by a prune while its job has not ended
//! (or a create was not answered: its job may exist), as the local prune keeps it, and by a prune
//! or a clear while a machine's claim on it is live (that machine is deciding about it now). Only
//! the objects listed are deleted (an event recorded meanwhile stays), the results first and the
//! events newest first, so that a reader in between sees a job it fetches from the API, never a
//! result it cannot find.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::claims::ClaimBody;
use super::{SharedStore, message, refused};
use crate::cli::Unreachable;
use crate::context::{Env, Stderr};
use crate::error::Error;
use crate::store::entry::Entry;
use crate::store::remote::RemoteError;

/// One key of the shared store, as listed.
#[derive(Debug, Default)]
pub(crate) struct SharedKey {
    pub key: String,
    /// Its event objects, with the time each one's name gives (`None`: a name of another form).
    events: Vec<(String, Option<i64>)>,
    /// Its result objects: path and kind (`md`, `txt`, …).
    results: Vec<(String, String)>,
    /// The newest time of its result objects (ms), for a key without events.
    modified: i64,
    /// Its claims' generations.
    claims: Vec<String>,
    /// Its `meta/` objects (its last use).
    meta: Vec<String>,
    /// When a machine last copied a result of it down, if noted (ms; 0: never).
    used: i64,
}

impl SharedKey {
    /// The kinds of result it has objects of.
    pub(crate) fn result_kinds(&self) -> impl Iterator<Item = &str> {
        self.results.iter().map(|(_, kind)| kind.as_str())
    }

    /// Its last use as its objects' names and its use noted tell it.
    fn last_named(&self) -> Option<i64> {
        if self.events.is_empty() {
            return Some(self.modified.max(self.used));
        }
        self.events
            .iter()
            .map(|(_, at)| *at)
            .collect::<Option<Vec<i64>>>()?
            .into_iter()
            .max()
            .map(|at| at.max(self.used))
    }
}

/// What a prune or a clear did.
#[derive(Debug, Default)]
pub(crate) struct Forgotten {
    pub removed: usize,
    /// Kept: its job has not ended (prune only).
    pub unended: usize,
    /// Kept: a machine's claim on it is live.
    pub claimed: usize,
}

impl SharedStore {
    /// Opens the store at `url` to look at it or forget in it: nothing is written to it (no
    /// probe, no claim, no event). With a `policy` (a dry run), one read says whether it can be
    /// reached, handled as a run's start handles it; without (`cache`), the first request that
    /// fails is the command's error.
    pub(crate) fn open_to_look(
        url: &str,
        env: &dyn Env,
        policy: Option<Unreachable>,
        stderr: Stderr,
    ) -> Result<Arc<SharedStore>, Error> {
        let store = SharedStore::at(url, env, policy.unwrap_or(Unreachable::Stop), stderr)?;
        match policy.map(|_| store.remote.get(".llamacloud/reachable")) {
            None | Some(Ok(_)) => {}
            Some(Err(RemoteError::Unreachable(why))) => store.unreachable(&why)?,
            Some(Err(err)) => return Err(refused(url, err)),
        }
        Ok(Arc::new(store))
    }

    /// Every key of the store with its objects (keys in order).
    pub(crate) fn keys(&self) -> Result<Vec<SharedKey>, Error> {
        let mut keys: BTreeMap<String, SharedKey> = BTreeMap::new();
        for listed in self.remote.list("keys/").map_err(|e| self.failed(&e))? {
            let mut parts = listed.path.splitn(4, '/');
            let (Some("keys"), Some(key), Some(what), Some(name)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let entry = keys.entry(key.to_string()).or_insert_with(|| SharedKey {
                key: key.to_string(),
                ..SharedKey::default()
            });
            match what {
                "events" => {
                    let at = name.split('-').next().and_then(|at| at.parse::<i64>().ok());
                    entry.events.push((listed.path.clone(), at));
                }
                "results" => {
                    entry.modified = entry.modified.max(listed.modified.as_millisecond());
                    entry.results.push((listed.path.clone(), name.to_string()));
                }
                "meta" => {
                    if name == "used" {
                        entry.used = listed.modified.as_millisecond();
                    }
                    entry.meta.push(listed.path.clone());
                }
                _ => {}
            }
        }
        for listed in self.remote.list("claims/").map_err(|e| self.failed(&e))? {
            let mut parts = listed.path.splitn(3, '/');
            if let (Some("claims"), Some(key), Some(_)) = (parts.next(), parts.next(), parts.next())
                && let Some(entry) = keys.get_mut(key)
            {
                entry.claims.push(listed.path.clone());
            }
        }
        Ok(keys.into_values().collect())
    }

    /// The fold of `key`'s events (`None`: it has none).
    pub(crate) fn fold(&self, key: &SharedKey) -> Result<Option<Entry>, Error> {
        if key.events.is_empty() {
            return Ok(None);
        }
        let names = key.events.iter().map(|(name, _)| name.clone()).collect();
        let entry = self.fold_events(names).map_err(|e| self.failed(&e))?;
        Ok(Some(entry))
    }

    /// Forgets the keys whose last use is before `cutoff` (ms), but those whose job has not
    /// ended and those a machine's live claim holds.
    pub(crate) fn prune(&self, cutoff: i64) -> Result<Forgotten, Error> {
        let mut forgotten = Forgotten::default();
        for key in self.keys()? {
            // The names say it was used since: nothing to read.
            if key.last_named().is_some_and(|at| at >= cutoff) {
                continue;
            }
            let entry = self.fold(&key)?;
            if entry
                .as_ref()
                .is_some_and(|entry| entry.last_at.max(key.used) >= cutoff)
            {
                continue;
            }
            if entry.as_ref().is_some_and(Entry::unended) {
                forgotten.unended += 1;
            } else if self.claimed(&key)? {
                forgotten.claimed += 1;
            } else {
                self.forget(&key)?;
                forgotten.removed += 1;
            }
        }
        Ok(forgotten)
    }

    /// Forgets `keys` (as `keys` listed them), but those whose job has not ended (a machine is
    /// following it: forgotten, the next machine would pay for it again) and those a machine's
    /// live claim holds.
    pub(crate) fn clear(&self, keys: &[SharedKey]) -> Result<Forgotten, Error> {
        let mut forgotten = Forgotten::default();
        for key in keys {
            if self.fold(key)?.as_ref().is_some_and(Entry::unended) {
                forgotten.unended += 1;
            } else if self.claimed(key)? {
                forgotten.claimed += 1;
            } else {
                self.forget(key)?;
                forgotten.removed += 1;
            }
        }
        Ok(forgotten)
    }

    /// A machine's claim on `key` is live (not released, its lease not run out).
    fn claimed(&self, key: &SharedKey) -> Result<bool, Error> {
        for claim in &key.claims {
            let got = self.remote.get(claim).map_err(|e| self.failed(&e))?;
            let body = got.and_then(|(bytes, _)| serde_json::from_slice::<ClaimBody>(&bytes).ok());
            if body.is_some_and(|body| body.live()) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Deletes `key`'s objects as listed: its last use, its results, its events newest first,
    /// its claims (none live) but the newest: generations only grow (`claims`), so a machine
    /// that lists the claims after the delete claims above it, as one that listed before does.
    fn forget(&self, key: &SharedKey) -> Result<(), Error> {
        let mut events: Vec<&str> = key.events.iter().map(|(name, _)| name.as_str()).collect();
        events.sort_unstable_by(|a, b| b.cmp(a));
        let results = key.results.iter().map(|(path, _)| path.as_str());
        let meta = key.meta.iter().map(String::as_str);
        let mut claims: Vec<&str> = key.claims.iter().map(String::as_str).collect();
        claims.sort_unstable();
        claims.pop();
        for path in meta.chain(results).chain(events).chain(claims) {
            self.remote.delete(path).map_err(|e| self.failed(&e))?;
        }
        Ok(())
    }

    /// A request that failed, worded for a command on the store.
    fn failed(&self, err: &RemoteError) -> Error {
        match err {
            RemoteError::Unreachable(why) => Error::failure(format!(
                "the shared store {} cannot be reached ({why})",
                self.url()
            )),
            err => Error::failure(format!("the shared store {}: {}", self.url(), message(err))),
        }
    }
}
