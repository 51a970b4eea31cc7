//! The result store shared by machines (`--store URL`), behind each machine's own store as its
//! cache: a hit in the local store costs no request; what only the shared store knows (another
//! machine's job, its result) is read from it and a result copied down.
//!
//! In the shared store, under its URL's prefix:
//! - `keys/KEY/events/AT-COUNT-NONCE~WHAT.json`: the key's events (an intent, a job, how it ended, a result
//!   fetched), one object each, never rewritten: an entry is their fold, as the local index's.
//! - `keys/KEY/results/KIND`: a result file, uploaded whole before its event says it is there,
//!   after a head line naming its job and failed pages: a machine that finds it there reads nothing
//!   else of the key (`reading`).
//! - `keys/KEY/meta/used`: its last use (`reading`).
//! - `claims/KEY/GENERATION`: who is deciding about the key (`claims`).
//!
//! Documents and API keys are never stored.

use std::collections::HashMap;
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
/// One event as stored: the local index's form.
#[derive(Debug, Serialize, Deserialize)]
struct Event {
    at: i64,
    #[serde(flatten)]
    what: What,
}

/// A claim this machine holds: its generation, and when its lease was last written (ms since the
/// Unix epoch: wall time, which goes on while a machine is suspended, as other machines judge
/// the lease by it).
#[derive(Debug, Clone, Copy)]
struct Holding {
    generation: u64,
    written_at: i64,
}

/// The shared store of a run.
pub(crate) struct SharedStore {
    remote: Remote,
    /// What to do when it cannot be reached.
    policy: Unreachable,
    /// It could not be reached and the run goes on without it (`--store-unreachable local`).
    abandoned: AtomicBool,
    /// A result shared replaces the one there (`--force`: parsed again), rather than leaving it.
    replace: AtomicBool,
    /// Keys whose result in the store was found not whole: said once, and replaced when this
    /// machine has the result.
    broken: Mutex<std::collections::HashSet<String>>,
    stderr: Stderr,
    /// Who this is, in its claims.
    machine: String,
    lease: Duration,
    /// What was read of each key, for the run (read again once its claim is held).
    seen: Mutex<HashMap<String, Option<Entry>>>,
    /// The claims held: key → generation and when its lease was last written; renewed by a
    /// thread of their own (`claims`).
    held: Arc<(Mutex<HashMap<String, Holding>>, Condvar)>,
    closing: Arc<AtomicBool>,
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
        let store = SharedStore::at(url, env, policy, stderr)?;
        match store.remote.check() {
            Ok(()) => {}
            Err(RemoteError::Unreachable(why)) => store.unreachable(&why)?,
            Err(err) => return Err(refused(url, err)),
        }
        let store = Arc::new(store);
        store.renew_while_open();
        Ok(store)
    }

    /// The store at `url`, nothing sent to it yet.
    fn at(
        url: &str,
        env: &dyn crate::context::Env,
        policy: Unreachable,
        stderr: Stderr,
    ) -> Result<SharedStore, Error> {
        let remote = Remote::open_with(url, env, limits(env)).map_err(|err| refused(url, err))?;
        Ok(SharedStore {
            remote,
            policy,
            abandoned: AtomicBool::new(false),
            replace: AtomicBool::new(false),
            broken: Mutex::new(std::collections::HashSet::new()),
            stderr,
            machine: machine(),
            lease: lease(env),
            seen: Mutex::new(HashMap::new()),
            held: Arc::new((Mutex::new(HashMap::new()), Condvar::new())),
            closing: Arc::new(AtomicBool::new(false)),
        })
    }

    pub(crate) fn url(&self) -> &str {
        self.remote.url()
    }

    /// Results this run shares replace those there (`--force`).
    pub(crate) fn replacing_results(&self, replace: bool) {
        self.replace.store(replace, Ordering::SeqCst);
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

    /// Forgets what was read of `key`: the next `entry` reads it again.
    pub(crate) fn unread(&self, key: &str) {
        lock(&self.seen).remove(key);
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

    /// Records `what` of `key` at `at` (ms): on the store when this returns.
    pub(crate) fn record(&self, key: &str, at: i64, what: &What) -> Result<(), Error> {
        if self.abandoned() {
            return Ok(());
        }
        let name = Self::event_path(key, at, what);
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
}

impl Drop for SharedStore {
    fn drop(&mut self) {
        self.closing.store(true, Ordering::SeqCst);
        self.held.1.notify_all();
    }
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

pub(crate) mod claims;
mod reading;

#[cfg(test)]
mod tests;
