//! The result store shared by machines (`--store URL`), behind each machine's own store as its
//! cache: a hit in the local store costs no request; what only the shared store knows (another
//! machine's job, its result) is read from it and a result copied down.
//!
//! In the shared store, under its URL's prefix:
//! - `keys/KEY/events/AT-NONCE.json`: the key's events (an intent, a job, how it ended, a result
//!   fetched), one object each, never rewritten: an entry is their fold, as the local index's.
//! - `keys/KEY/results/KIND`: a result file, uploaded whole before its event says it is there.
//! - `claims/KEY/GENERATION`: who is deciding about the key (`{"machine", "expires_at"}`). A
//!   machine claims a key by creating the next generation if absent (one winner among racing
//!   machines), renews its lease while it holds it, and lets go of it once the key's job is
//!   recorded (marked `"released"`, kept: the generations only grow; older ones removed). A claim whose lease ran out (its machine died) is taken over by creating the
//!   generation after it; the taker then finds the dead machine's job by the token of its
//!   recorded intent before it creates anything (as for any unanswered create).
//!
//! Documents and API keys are never stored.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::cli::Unreachable;
use crate::context::Stderr;
use crate::error::Error;
use crate::store::entry::{Entry, What};
use crate::store::remote::{Limits, Remote, RemoteError};

/// How long a claim holds without being renewed.
const LEASE: Duration = Duration::from_secs(60);
/// How often a live claim of another machine is looked at again.
const CLAIM_POLL: Duration = Duration::from_secs(1);

/// One event as stored: the local index's form.
#[derive(Debug, Serialize, Deserialize)]
struct Event {
    at: i64,
    #[serde(flatten)]
    what: What,
}

/// A claim object's content.
#[derive(Debug, Serialize, Deserialize)]
struct ClaimBody {
    machine: String,
    /// Milliseconds since the Unix epoch.
    expires_at: i64,
    /// Let go of: the key is free, its next claim is the next generation. The last generation
    /// is kept (released) rather than deleted, so that generations only grow: a machine that
    /// found no claim at all while another created the generation after a deleted one would
    /// claim the key beside it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    released: bool,
}

/// The shared store of a run.
pub(crate) struct SharedStore {
    remote: Remote,
    /// What to do when it cannot be reached.
    policy: Unreachable,
    /// It could not be reached and the run goes on without it (`--store-unreachable local`).
    abandoned: AtomicBool,
    stderr: Stderr,
    /// Who this is, in its claims.
    machine: String,
    lease: Duration,
    /// What was read of each key, for the run (read again once its claim is held).
    seen: Mutex<HashMap<String, Option<Entry>>>,
    /// The claims held: key → generation; renewed by a thread of their own.
    held: Arc<(Mutex<HashMap<String, u64>>, Condvar)>,
    closing: Arc<AtomicBool>,
}

/// A claim held on a key of the shared store: removed when dropped.
pub(crate) struct Claim<'s> {
    store: &'s SharedStore,
    key: String,
    generation: u64,
}

impl SharedStore {
    /// Opens the store at `url` and checks it can create an object only if absent (a store that
    /// cannot is refused: claims would not be exclusive).
    pub(crate) fn open(
        url: &str,
        env: &dyn crate::context::Env,
        policy: Unreachable,
        stderr: Stderr,
    ) -> Result<Arc<SharedStore>, Error> {
        let remote = Remote::open_with(url, env, limits(env)).map_err(|err| refused(url, err))?;
        let store = SharedStore {
            remote,
            policy,
            abandoned: AtomicBool::new(false),
            stderr,
            machine: machine(),
            lease: lease(env),
            seen: Mutex::new(HashMap::new()),
            held: Arc::new((Mutex::new(HashMap::new()), Condvar::new())),
            closing: Arc::new(AtomicBool::new(false)),
        };
        match store.remote.check() {
            Ok(()) => {}
            Err(RemoteError::Unreachable(why)) => store.unreachable(&why)?,
            Err(err) => return Err(refused(url, err)),
        }
        let store = Arc::new(store);
        renew_while_open(&store);
        Ok(store)
    }

    pub(crate) fn url(&self) -> &str {
        self.remote.url()
    }

    /// The run went on without it.
    pub(crate) fn abandoned(&self) -> bool {
        self.abandoned.load(Ordering::SeqCst)
    }

    /// The store could not be reached (`why`): an error that stops creating jobs, or with
    /// `--store-unreachable local` said once and the run goes on with the local store alone.
    fn unreachable(&self, why: &str) -> Result<(), Error> {
        match self.policy {
            Unreachable::Stop => Err(Error::failure(format!(
                "the shared store {} cannot be reached ({why}): no job is created without it, as \
                 another machine may be paying for the same document (--store-unreachable local \
                 goes on with the local store alone)",
                self.url()
            ))),
            Unreachable::Local => {
                if !self.abandoned.swap(true, Ordering::SeqCst) {
                    self.stderr.line(&format!(
                        "note: the shared store {} cannot be reached ({why}): going on with the local \
                         store alone (--store-unreachable local)",
                        self.url()
                    ));
                }
                Ok(())
            }
        }
    }

    /// `result` of a remote call, its failure to reach the store handled as the policy says
    /// (`None`: the run goes on without the store).
    fn reach<T>(&self, result: Result<T, RemoteError>) -> Result<Option<T>, Error> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(RemoteError::Unreachable(why)) => self.unreachable(&why).map(|()| None),
            Err(err) => Err(Error::failure(format!(
                "the shared store {}: {}",
                self.url(),
                message(&err)
            ))),
        }
    }

    /// What the shared store knows of `key` (read once a run, and again by `refresh`).
    pub(crate) fn entry(&self, key: &str) -> Option<Entry> {
        if self.abandoned() {
            return None;
        }
        if let Some(seen) = lock(&self.seen).get(key) {
            return seen.clone();
        }
        // A failure to read is no knowledge: the claim before any create finds out.
        let entry = self.read(key).ok().flatten();
        lock(&self.seen).insert(key.to_string(), entry.clone());
        entry
    }

    /// Reads `key`'s entry again (its claim is held: another machine may have recorded more).
    pub(crate) fn refresh(&self, key: &str) -> Result<(), Error> {
        if self.abandoned() {
            return Ok(());
        }
        let read = self.read(key);
        if let Some(entry) = self.reach(read)? {
            lock(&self.seen).insert(key.to_string(), entry);
        }
        Ok(())
    }

    fn read(&self, key: &str) -> Result<Option<Entry>, RemoteError> {
        let mut names: Vec<String> = self
            .remote
            .list(&format!("keys/{key}/events/"))?
            .into_iter()
            .map(|listed| listed.path)
            .collect();
        if names.is_empty() {
            return Ok(None);
        }
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
        Ok(Some(entry))
    }

    /// Records `what` of `key` at `at` (ms): on the store when this returns.
    pub(crate) fn record(&self, key: &str, at: i64, what: &What) -> Result<(), Error> {
        if self.abandoned() {
            return Ok(());
        }
        let name = format!("keys/{key}/events/{at:013}-{}.json", crate::store::new_token());
        let body = serde_json::to_vec(&Event {
            at,
            what: what.clone(),
        })
        .map_err(|err| Error::failure(err.to_string()))?;
        let put = self.remote.put(&name, body);
        if self.reach(put)?.is_some() {
            let mut seen = lock(&self.seen);
            let entry = seen.entry(key.to_string()).or_insert(None);
            entry.get_or_insert_with(Entry::default).apply(at, what);
        }
        Ok(())
    }

    /// Uploads `key`'s result of `kind` from `file`, then records it (`what`): a reader never
    /// sees its event before the whole file. A failure is said, not fatal: the job is recorded,
    /// and another machine fetches its result from the API.
    pub(crate) fn share_result(&self, key: &str, kind: &str, file: &Path, at: i64, what: &What) {
        if self.abandoned() {
            return;
        }
        let shared = self
            .remote
            .upload(file, &format!("keys/{key}/results/{kind}"))
            .map_err(|err| message(&err))
            .and_then(|()| self.record(key, at, what).map_err(|err| err.to_string()));
        if let Err(why) = shared {
            self.stderr.line(&format!(
                "warning: a result could not be put in the shared store {}: {why}",
                self.url()
            ));
        }
    }

    /// Copies `key`'s result of `kind` down into `to`; `false` when the shared store has none.
    pub(crate) fn copy_down(&self, key: &str, kind: &str, to: &Path) -> bool {
        !self.abandoned()
            && self
                .remote
                .download(&format!("keys/{key}/results/{kind}"), to)
                .unwrap_or(false)
    }

    /// Claims `key` for this machine while it decides about it (waiting, and saying so once,
    /// while another machine's claim is live; taking over one whose lease ran out). `None`
    /// when the run goes on without the store.
    pub(crate) fn claim(&self, key: &str, name: &str) -> Result<Option<Claim<'_>>, Error> {
        let mut said = false;
        loop {
            if self.abandoned() {
                return Ok(None);
            }
            let listed = self.remote.list(&format!("claims/{key}/"));
            let Some(listed) = self.reach(listed)? else {
                return Ok(None);
            };
            let last = listed
                .iter()
                .filter_map(|l| l.path.rsplit('/').next()?.parse::<u64>().ok())
                .max();
            let next = match last {
                None => 0,
                Some(generation) => {
                    let got = self.remote.get(&claim_path(key, generation));
                    let Some(got) = self.reach(got)? else {
                        return Ok(None);
                    };
                    let body = got.and_then(|(bytes, _)| serde_json::from_slice::<ClaimBody>(&bytes).ok());
                    match body {
                        // Released (or removed meanwhile), or unreadable: the next generation.
                        None => generation + 1,
                        Some(body) if body.released => generation + 1,
                        Some(body) if body.expires_at > now_ms() => {
                            if !said {
                                said = true;
                                self.stderr.line(&format!(
                                    "Waiting for another machine ({}) deciding about {} in the shared store",
                                    crate::text::neutralize(&body.machine),
                                    crate::text::neutralize(name)
                                ));
                            }
                            std::thread::sleep(CLAIM_POLL.min(self.lease / 4));
                            continue;
                        }
                        Some(body) => {
                            self.stderr.line(&format!(
                                "note: the claim of {} on {} in the shared store ran out: taking it over \
                                 (its job is looked for by its token before anything is created)",
                                crate::text::neutralize(&body.machine),
                                crate::text::neutralize(name)
                            ));
                            generation + 1
                        }
                    }
                }
            };
            let body = self.claim_body(false)?;
            let created = self.remote.create(&claim_path(key, next), body);
            match self.reach(created)? {
                None => return Ok(None),
                Some(false) => continue,
                Some(true) => {
                    lock(&self.held.0).insert(key.to_string(), next);
                    return Ok(Some(Claim {
                        store: self,
                        key: key.to_string(),
                        generation: next,
                    }));
                }
            }
        }
    }

    fn claim_body(&self, released: bool) -> Result<Vec<u8>, Error> {
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
    fn renew(&self) {
        let held = lock(&self.held.0);
        for (key, generation) in held.iter() {
            if let Ok(body) = self.claim_body(false) {
                let _ = self.remote.put(&claim_path(key, *generation), body);
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

impl Drop for SharedStore {
    fn drop(&mut self) {
        self.closing.store(true, Ordering::SeqCst);
        self.held.1.notify_all();
    }
}

/// Renews the store's claims every third of a lease while it is open.
fn renew_while_open(store: &Arc<SharedStore>) {
    let weak = Arc::downgrade(store);
    let (held, closing, every) = (
        Arc::clone(&store.held),
        Arc::clone(&store.closing),
        store.lease / 3,
    );
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

fn claim_path(key: &str, generation: u64) -> String {
    format!("claims/{key}/{generation:010}")
}

/// A store that cannot be used at all: a usage error naming why.
fn refused(url: &str, err: RemoteError) -> Error {
    let url = crate::store::remote::redacted(url);
    match err {
        RemoteError::Unsupported(why) => Error::usage(format!(
            "the shared store {url} cannot be used: {why} (claims need a store that creates an object \
             only if it is absent)"
        )),
        err => Error::usage(format!("the shared store {url}: {}", message(&err))),
    }
}

fn message(err: &RemoteError) -> String {
    match err {
        RemoteError::Unreachable(why) | RemoteError::Unsupported(why) | RemoteError::Failed(why) => {
            why.clone()
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// This machine and process, as its claims name it.
fn machine() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "a machine".to_string());
    format!("{host} (pid {})", std::process::id())
}

/// The lease of a claim: a minute; tests of the binary shorten it
/// (`LLAMACLOUD_TEST_LEASE_MS`, in test builds only).
fn lease(env: &dyn crate::context::Env) -> Duration {
    #[cfg(feature = "test-support")]
    if let Some(ms) = env
        .var("LLAMACLOUD_TEST_LEASE_MS")
        .and_then(|v| v.parse::<u64>().ok())
    {
        return Duration::from_millis(ms);
    }
    let _ = env;
    LEASE
}

/// How long requests to the store are tried again: `Limits::DEFAULT`; tests of the binary
/// shorten it (`LLAMACLOUD_TEST_STORE_RETRY_MS`, in test builds only).
fn limits(env: &dyn crate::context::Env) -> Limits {
    #[cfg(feature = "test-support")]
    if let Some(ms) = env
        .var("LLAMACLOUD_TEST_STORE_RETRY_MS")
        .and_then(|v| v.parse::<u64>().ok())
    {
        return Limits {
            retry_timeout: Duration::from_millis(ms),
            max_retries: 2,
            max_backoff: Duration::from_millis(ms),
        };
    }
    let _ = env;
    Limits::DEFAULT
}

// The store looked at and forgotten in without claiming anything (`cache … --store`, a dry
// run): in a file of its own.
mod listing;

#[cfg(test)]
mod tests;
