//! Reading a key of the shared store in as few requests as a warm store allows. One listing of
//! `keys/KEY/` shows its events, its results and its `meta/` objects:
//! - `meta/summary.json`: the key's entry as events (`Entry::replay`), written after each result
//!   by the machine that shared it. When it names exactly the results listed, it is the entry
//!   (one read); otherwise (a result shared since by a machine that wrote no summary yet) the
//!   events are read and folded, as they always can be: the events stay the truth.
//! - `meta/used`: rewritten (empty) when a machine copies a result down and the key was last
//!   used more than a day before; its time is the key's last use beside its events' (what
//!   `cache prune --store --older-than` judges by), without rewriting a result.

use serde::{Deserialize, Serialize};

use super::{Event, SharedStore, lock, now_ms};
use crate::store::entry::{Entry, Kinds};
use crate::store::remote::RemoteError;

/// How stale a key's last use may be before a use of it is written down.
const USE_NOTED_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

/// A key's entry in one object.
#[derive(Debug, Serialize, Deserialize)]
struct Summary {
    events: Vec<Event>,
}

fn summary_path(key: &str) -> String {
    format!("keys/{key}/meta/summary.json")
}

fn used_path(key: &str) -> String {
    format!("keys/{key}/meta/used")
}

impl SharedStore {
    /// `key`'s entry (`None`: nothing of it is stored); its `last_at` is its last use.
    pub(super) fn read(&self, key: &str) -> Result<Option<Entry>, RemoteError> {
        let under = format!("keys/{key}/");
        let mut events = Vec::new();
        let mut results = Kinds::default();
        let (mut summary, mut used) = (false, 0);
        for listed in self.remote.list(&under)? {
            match listed
                .path
                .strip_prefix(&under)
                .and_then(|rest| rest.split_once('/'))
            {
                Some(("events", _)) => events.push(listed.path),
                Some(("results", kind)) => results.insert(kind),
                Some(("meta", "summary.json")) => summary = true,
                Some(("meta", "used")) => used = listed.modified.as_millisecond(),
                _ => {}
            }
        }
        let entry = match summary {
            true if results != Kinds::default() => {
                self.summary(key)?.filter(|entry| entry.results == results)
            }
            _ => None,
        };
        let entry = match entry {
            Some(entry) => Some(entry),
            None if events.is_empty() => None,
            None => Some(self.fold_events(events)?),
        };
        Ok(entry.map(|mut entry| {
            entry.last_at = entry.last_at.max(used);
            entry
        }))
    }

    /// The fold of the events at `names`.
    pub(super) fn fold_events(&self, mut names: Vec<String>) -> Result<Entry, RemoteError> {
        names.sort();
        let mut entry = Entry::default();
        for name in names {
            let Some((bytes, _)) = self.remote.get(&name)? else {
                continue;
            };
            if let Ok(event) = serde_json::from_slice::<Event>(&bytes) {
                entry.apply(event.at, &event.what);
            }
        }
        Ok(entry)
    }

    /// The entry `key`'s summary holds (`None`: gone meanwhile, or unreadable).
    fn summary(&self, key: &str) -> Result<Option<Entry>, RemoteError> {
        let Some((bytes, _)) = self.remote.get(&summary_path(key))? else {
            return Ok(None);
        };
        Ok(serde_json::from_slice::<Summary>(&bytes).ok().map(|summary| {
            let mut entry = Entry::default();
            for event in &summary.events {
                entry.apply(event.at, &event.what);
            }
            entry
        }))
    }

    /// Writes `key`'s summary from what this run knows of it (after a result was shared).
    pub(super) fn summarize(&self, key: &str) -> Result<(), RemoteError> {
        let Some(entry) = lock(&self.seen).get(key).cloned().flatten() else {
            return Ok(());
        };
        let events = entry
            .replay()
            .into_iter()
            .map(|(at, what)| Event { at, what })
            .collect();
        let body =
            serde_json::to_vec(&Summary { events }).map_err(|err| RemoteError::Failed(err.to_string()))?;
        self.remote.put(&summary_path(key), body)
    }

    /// Notes a use of `key` (its result copied down) when its last use is more than a day old;
    /// a failure is no harm (the use is noted by a later one).
    pub(super) fn used(&self, key: &str) {
        let last = lock(&self.seen)
            .get(key)
            .and_then(|entry| entry.as_ref().map(|entry| entry.last_at))
            .unwrap_or(0);
        let now = now_ms();
        if now - last > USE_NOTED_EVERY_MS
            && self.remote.put(&used_path(key), Vec::new()).is_ok()
            && let Some(Some(entry)) = lock(&self.seen).get_mut(key)
        {
            entry.last_at = now;
        }
    }
}
