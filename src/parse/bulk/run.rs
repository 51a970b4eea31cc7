//! A bulk run as its stages share it: what it was given (`Setup`: the session, the result
//! store, the request configuration, the manifest), its bounds, the documents as they are
//! taken, the poller and the queues between stages, its health, and how it ends.

use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Map, Value};

use crate::api::throttle::Throttle;
use crate::error::Error;
use crate::parse::bulk::clash::{Ahead, Taking};
use crate::parse::bulk::gate::{Gate, Slots};
use crate::parse::bulk::health::{BACKOFF, Health, MAX_OUTAGE};
use crate::parse::bulk::manifest::Manifest;
use crate::parse::bulk::queue::{Event, Followed, Poller, Queue, Task, lock};
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::shard::Shard;
use crate::parse::bulk::sources::Pass;
use crate::parse::kind::Kind;
use crate::parse::once;
use crate::session::Session;
use crate::store::Store;
use crate::store::key::Keys;
use crate::text::neutralize;

/// How often a stage that waits looks at the run's stop flag.
pub(super) const STOP_CHECK: Duration = Duration::from_millis(200);

/// What a run is given: it does not change while the run goes.
pub(super) struct Setup<'a> {
    pub(super) session: &'a Session,
    /// The result store (none with `--no-cache`), the clock and stderr.
    pub(super) once: once::Shared,
    pub(super) configuration: Map<String, Value>,
    pub(super) kind: Kind,
    /// How long to wait for each document's job.
    pub(super) timeout: Duration,
    /// Cancel a job that has not ended by then.
    pub(super) cancel_on_timeout: bool,
    pub(super) force: bool,
    pub(super) shard: Option<Shard>,
    /// `--window-pages` (0: no windows), and how many windows of a document go at once.
    pub(super) window_pages: u64,
    /// What is saved beside each document (`parse --save`, `--page-markers`).
    pub(super) saving: crate::parse::save::Saving,
    /// The dated parser version the jobs this run makes run with, when known.
    pub(super) version: Option<String>,
    pub(super) window_parallel: usize,
    /// `--escalate TIER`: a document's failed or empty pages parsed again on TIER.
    pub(super) escalate: Option<crate::domain::Tier>,
    /// Also the result store's journal (`once.journal`).
    pub(super) manifest: Arc<Manifest>,
    pub(super) throttle: Arc<Throttle>,
}

/// What the stages share. It reads as its `Setup` too (`run.session`, `run.once`).
pub(super) struct Run<'a> {
    setup: Setup<'a>,
    /// Draws the jitter of every backoff of the run, in [0, 1) (the stage tests pin it).
    pub(super) jitter: fn() -> f64,
    /// The documents not yet taken, found as they are taken.
    documents: Mutex<Taking<'a>>,
    /// Every document was taken.
    exhausted: AtomicBool,
    /// Documents taken (each once).
    taken: AtomicUsize,
    /// Documents taken and not yet reported.
    pub(super) outstanding: AtomicUsize,
    pub(super) stop: AtomicBool,
    /// Why the run stopped: a file that could not be written, a stage that broke.
    fatal: Mutex<Option<String>>,
    /// An error that ends the run for every document (401, 402, 403).
    aborted: Mutex<Option<Error>>,
    pub(super) gate: Gate,
    pub(super) slots: Slots,
    pub(super) health: Health,
    pub(super) poller: Poller,
    /// Documents to submit again, before new ones.
    again: Queue<Task>,
    /// Documents another machine sharing the store was deciding about: taken again once every
    /// new document was taken (its job or result is known by then, most often).
    later: Queue<Task>,
    /// Jobs that have ended (or are known complete), for the result fetchers.
    pub(super) ended: Queue<(Followed, Option<crate::api::models::Job>)>,
    /// Result keys this run is deciding about (a create in flight): a second document with the
    /// same bytes waits, then follows the same job.
    deciding: Mutex<HashSet<String>>,
    decided: Condvar,
    /// The job this run made or follows for each result key, where the store does not say
    /// (`--no-cache`, `--force`): a second document with the same bytes follows it too.
    pub(super) jobs: Mutex<HashMap<String, String>>,
    /// The jobs created in this run (as the report keeps them): a document whose result comes
    /// from one of them is the same as another of this run.
    made: Mutex<HashSet<String>>,
    /// Pages of the documents parsed in windows: in all, and in windows written so far.
    pub(super) pages_total: AtomicU64,
    pub(super) pages_done: AtomicU64,
    /// The directories of OUT this run has written an output in (and cleared of what a run killed
    /// while writing there left).
    pub(super) cleared: Mutex<HashSet<std::path::PathBuf>>,
}

impl<'a> Deref for Run<'a> {
    type Target = Setup<'a>;

    fn deref(&self) -> &Setup<'a> {
        &self.setup
    }
}

impl<'a> Run<'a> {
    /// A run over `documents`, with up to `uploads` uploads and `jobs` jobs in flight.
    pub(super) fn new(setup: Setup<'a>, documents: Pass<'a>, uploads: usize, jobs: usize) -> Self {
        Run {
            setup,
            jitter: fastrand::f64,
            documents: Mutex::new(Taking::new(documents)),
            exhausted: AtomicBool::new(false),
            taken: AtomicUsize::new(0),
            outstanding: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            fatal: Mutex::new(None),
            aborted: Mutex::new(None),
            gate: Gate::new(uploads),
            slots: Slots::new(jobs),
            health: Health::default(),
            poller: Poller::default(),
            again: Queue::default(),
            later: Queue::default(),
            ended: Queue::default(),
            deciding: Mutex::new(HashSet::new()),
            decided: Condvar::new(),
            jobs: Mutex::new(HashMap::new()),
            made: Mutex::new(HashSet::new()),
            pages_total: AtomicU64::new(0),
            pages_done: AtomicU64::new(0),
            cleared: Mutex::new(HashSet::new()),
        }
    }
}

impl Run<'_> {
    /// Its documents taken at random within `ahead`'s window.
    pub(super) fn taking_ahead(mut self, ahead: Ahead) -> Self {
        self.documents
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .ahead(ahead);
        self
    }

    /// Pages of the documents parsed in windows: written so far, and in all.
    pub(super) fn pages(&self) -> (u64, u64) {
        (
            self.pages_done.load(Ordering::SeqCst),
            self.pages_total.load(Ordering::SeqCst),
        )
    }

    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    pub(super) fn halt(&self) {
        self.stop.store(true, Ordering::SeqCst);
        // A create waiting for bills to fit the budget gives up.
        self.once.budget.stop();
        self.again.wake();
        self.ended.wake();
    }

    /// Nothing is left to do: every document was taken and reported (or the run stopped).
    pub(super) fn finished(&self) -> bool {
        self.stopped()
            || (self.exhausted.load(Ordering::SeqCst) && self.outstanding.load(Ordering::SeqCst) == 0)
    }

    /// Documents taken so far.
    pub(super) fn taken(&self) -> usize {
        self.taken.load(Ordering::SeqCst)
    }

    /// The next document to submit: one that came back first, else a new one.
    pub(super) fn take(&self) -> Option<Task> {
        loop {
            if self.stopped() {
                return None;
            }
            if let Some(task) = self.again.pop() {
                return Some(task);
            }
            // Counted as outstanding before it is taken, so that the run is never seen finished
            // between the two.
            self.outstanding.fetch_add(1, Ordering::SeqCst);
            if !self.exhausted.load(Ordering::SeqCst) {
                let mut documents = lock(&self.documents);
                if let Some(task) = documents.next() {
                    self.taken.fetch_add(1, Ordering::SeqCst);
                    return Some(task);
                }
                self.exhausted.store(true, Ordering::SeqCst);
            }
            self.outstanding.fetch_sub(1, Ordering::SeqCst);
            if let Some(task) = self.later.pop() {
                return Some(task);
            }
            if self.finished() {
                self.again.wake();
                return None;
            }
            // Documents may still come back (a lost job, the API away): wait for them.
            self.again.wait(STOP_CHECK);
        }
    }

    /// Submits `task` again later.
    pub(super) fn again(&self, task: Task) {
        self.again.push(task);
    }

    /// New documents are still to be taken: one another machine decides about now may wait.
    pub(super) fn may_defer(&self) -> bool {
        !self.exhausted.load(Ordering::SeqCst)
    }

    /// Submits `task` again once every new document was taken.
    pub(super) fn defer(&self, task: Task) {
        self.later.push(task);
    }

    /// Tells the reporter what became of a document.
    pub(super) fn report(&self, sender: &Sender<Event>, outcome: Outcome) {
        let _ = sender.send(Event::Outcome(Box::new(outcome)));
        self.done_with_one();
    }

    /// A document of another shard.
    pub(super) fn outside(&self, sender: &Sender<Event>) {
        let _ = sender.send(Event::Outside);
        self.done_with_one();
    }

    fn done_with_one(&self) {
        self.outstanding.fetch_sub(1, Ordering::SeqCst);
        if self.finished() {
            self.again.wake();
            self.ended.wake();
        }
    }

    /// Stops new work because the store or the manifest cannot be written, or a stage broke.
    pub(super) fn fail(&self, err: &Error) {
        self.fail_with(err.to_string());
    }

    pub(super) fn fail_with(&self, why: String) {
        lock(&self.fatal).get_or_insert(why);
        self.halt();
    }

    pub(super) fn fatal(&self) -> Option<String> {
        lock(&self.fatal).clone()
    }

    /// Ends the run for every document: the key is refused (401, 403), or the organization is
    /// out of credits (402).
    pub(super) fn abort(&self, err: Error) {
        lock(&self.aborted).get_or_insert(err);
        self.halt();
    }

    /// Job `job_id` was created in this run.
    pub(super) fn made(&self, job_id: &str) {
        lock(&self.made).insert(job_id.to_string());
    }

    /// The status of a document whose result comes, at no cost, from job `job_id`: `SAME` when
    /// another document of this run paid for it, else `CACHED` (the result store, or a job an
    /// earlier run made).
    pub(super) fn reused(&self, job_id: &str) -> &'static str {
        if lock(&self.made).contains(job_id) {
            "SAME"
        } else {
            "CACHED"
        }
    }

    pub(super) fn aborted(&self) -> Option<Error> {
        lock(&self.aborted).take()
    }

    /// Waits while another document of this run with the same bytes is being decided about;
    /// then `key` is this one's until the guard is dropped.
    pub(super) fn decide(&self, key: &str) -> Deciding<'_> {
        let mut deciding = lock(&self.deciding);
        while deciding.contains(key) {
            deciding = self
                .decided
                .wait(deciding)
                .unwrap_or_else(PoisonError::into_inner);
        }
        deciding.insert(key.to_string());
        Deciding {
            deciding: &self.deciding,
            decided: &self.decided,
            key: key.to_string(),
        }
    }

    /// A request failed for a reason that may pass: the run's health is told, and when the API
    /// has not answered for `MAX_OUTAGE` the run stops (`true`).
    pub(super) fn trouble(&self, err: &Error) -> bool {
        if !self.health.failed(err, &self.once) {
            return false;
        }
        self.abort(Error::failure(format!(
            "the API has not answered for {} (last: {}); stopping: run the same command again once \
             it answers (the jobs already created are in the result store)",
            crate::time::human_duration(MAX_OUTAGE),
            neutralize(&err.to_string())
        )));
        true
    }

    /// The wait before retry `attempt` (from 0): `BACKOFF`, with the run's jitter.
    pub(super) fn backoff(&self, attempt: u32) -> Duration {
        BACKOFF.delay(attempt, (self.jitter)())
    }

    /// How long to wait before the next try: nothing while the API answers, then the backoff
    /// from the first failure in a row, with the run's jitter.
    pub(super) fn pause(&self) -> Duration {
        self.health.pause((self.jitter)())
    }
}

/// Sleeps `total` by the run's clock in short steps, so that a stop is seen soon.
pub(super) fn nap(run: &Run, total: Duration) {
    let mut left = total;
    while !left.is_zero() && !run.stopped() {
        let step = left.min(STOP_CHECK);
        run.once.clock.sleep(step);
        left -= step;
    }
}

/// A result key being decided about; see `Run::decide`.
pub(super) struct Deciding<'s> {
    deciding: &'s Mutex<HashSet<String>>,
    decided: &'s Condvar,
    key: String,
}

impl Drop for Deciding<'_> {
    fn drop(&mut self) {
        lock(self.deciding).remove(&self.key);
        self.decided.notify_all();
    }
}

/// `Store::upgrade` for the workers of a run, which share the store (none with `--no-cache`).
pub(super) fn upgrade(store: Option<&Mutex<Store>>, keys: &Keys, carry: bool) -> std::io::Result<String> {
    match store {
        Some(store) => lock(store).upgrade(keys, carry),
        None => Ok(keys.key.clone()),
    }
}
