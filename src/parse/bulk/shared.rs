//! What the stages of a bulk run share: the session, the result store, the request
//! configuration, the manifest, the bounds, the poller, the queues between stages, the run's
//! health, and how it ends.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::api::throttle::Throttle;
use crate::error::Error;
use crate::parse::bulk::gate::{Gate, Slots};
use crate::parse::bulk::manifest::Manifest;
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::sources::{Document, Pass, Shard, output_hash};
use crate::parse::once::{self, Kind};
use crate::session::Session;
use crate::store::Store;
use crate::store::key::Keys;
use crate::text::neutralize;

/// How often a stage that waits looks at the run's stop flag.
pub(super) const STOP_CHECK: Duration = Duration::from_millis(200);

/// What the stages tell the reporter.
pub(super) enum Event {
    /// A document's end in this run.
    Outcome(Box<Outcome>),
    /// A document of another `--shard`.
    Outside,
}

/// A document to submit: new, or back after its job was lost or the API was away.
pub(super) struct Task {
    pub(super) document: Document,
    /// Its result key, once known.
    pub(super) key: Option<String>,
    /// Times it came back because the API was away or busy.
    pub(super) rounds: u32,
    /// Times the server lost its job.
    pub(super) lost: u32,
    /// When it was first submitted (its deadline counts from there).
    pub(super) since: Option<SystemTime>,
    /// The file's size and modification time when its key was taken: a file that changed
    /// since is not uploaded under that key.
    pub(super) seen: Option<(u64, Option<SystemTime>)>,
    /// Why it is not parsed at all (found only as the run went: its output is another's).
    pub(super) refused: Option<Error>,
}

impl Task {
    pub(super) fn new(document: Document) -> Self {
        Task {
            document,
            key: None,
            rounds: 0,
            lost: 0,
            since: None,
            seen: None,
            refused: None,
        }
    }
}

/// A document waiting for a job's result.
pub(super) struct Member {
    pub(super) document: Document,
    /// The job was created for it in this run.
    pub(super) paid: bool,
    /// Bytes uploaded for it in this run.
    pub(super) uploaded: u64,
    pub(super) lost: u32,
}

impl Member {
    /// Its outcome as one of `job_id`'s documents: what it uploaded, and whether the job was made
    /// for it in this run (for what the run paid).
    pub(super) fn outcome(&self, job_id: &str, status: &str) -> Outcome {
        let mut outcome = Outcome::new(&self.document, status);
        outcome.job_id = Some(job_id.to_string());
        outcome.uploaded = self.uploaded;
        outcome.paid = self.paid;
        outcome
    }
}

/// A job and the documents that wait for it.
pub(super) struct Followed {
    pub(super) job_id: String,
    pub(super) key: String,
    pub(super) members: Vec<Member>,
}

/// The jobs in flight (followed by `poll`).
#[derive(Default)]
pub(super) struct Poller {
    pub(super) state: Mutex<Polled>,
    pub(super) changed: Condvar,
}

#[derive(Default)]
pub(super) struct Polled {
    pub(super) jobs: HashMap<String, Watched>,
    /// Polls failed in a row.
    pub(super) failures: u32,
    /// The poller has ended: a job followed now is left running.
    pub(super) closed: bool,
}

pub(super) struct Watched {
    pub(super) followed: Followed,
    pub(super) due: SystemTime,
    pub(super) delay: Duration,
    /// Listings in a row it was missing from.
    pub(super) absent: u32,
    pub(super) deadline: SystemTime,
}

/// What the stages share.
pub(super) struct Shared<'a> {
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
    /// Also the result store's journal (`once.journal`).
    pub(super) manifest: Arc<Manifest>,
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
    pub(super) throttle: Arc<Throttle>,
    pub(super) health: Health,
    pub(super) poller: Poller,
    /// Documents to submit again, before new ones.
    again: Queue<Task>,
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
}

/// What `Shared::new` needs besides the bounds.
pub(super) struct Setup<'a> {
    pub(super) session: &'a Session,
    pub(super) once: once::Shared,
    pub(super) configuration: Map<String, Value>,
    pub(super) kind: Kind,
    pub(super) timeout: Duration,
    pub(super) cancel_on_timeout: bool,
    pub(super) force: bool,
    pub(super) shard: Option<Shard>,
    pub(super) manifest: Arc<Manifest>,
    pub(super) documents: Pass<'a>,
    pub(super) throttle: Arc<Throttle>,
}

impl<'a> Shared<'a> {
    pub(super) fn new(setup: Setup<'a>, uploads: usize, jobs: usize) -> Self {
        Shared {
            session: setup.session,
            once: setup.once,
            configuration: setup.configuration,
            kind: setup.kind,
            timeout: setup.timeout,
            cancel_on_timeout: setup.cancel_on_timeout,
            force: setup.force,
            shard: setup.shard,
            manifest: setup.manifest,
            documents: Mutex::new(Taking {
                pass: setup.documents,
                outputs: HashSet::new(),
            }),
            exhausted: AtomicBool::new(false),
            taken: AtomicUsize::new(0),
            outstanding: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            fatal: Mutex::new(None),
            aborted: Mutex::new(None),
            gate: Gate::new(uploads),
            slots: Slots::new(jobs),
            throttle: setup.throttle,
            health: Health::default(),
            poller: Poller::default(),
            again: Queue::default(),
            ended: Queue::default(),
            deciding: Mutex::new(HashSet::new()),
            decided: Condvar::new(),
            jobs: Mutex::new(HashMap::new()),
            made: Mutex::new(HashSet::new()),
        }
    }
}

impl Shared<'_> {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    pub(super) fn halt(&self) {
        self.stop.store(true, Ordering::SeqCst);
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

    /// A request failed for a reason that may pass: the run's health is told, and when the API
    /// has not answered for `MAX_OUTAGE` the run stops (`true`).
    pub(super) fn trouble(&self, err: &Error) -> bool {
        if !self.health.failed(err, &self.once) {
            return false;
        }
        self.abort(Error::failure(format!(
            "the API has not answered for {} (last: {}); stopping: run the same command again once \
             it answers (the jobs already created are in the result store)",
            crate::parse::wait::human_duration(MAX_OUTAGE),
            neutralize(&err.to_string())
        )));
        true
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
}

/// The documents as they are taken: the second pass over the sources (see `Sources`).
struct Taking<'a> {
    pass: Pass<'a>,
    /// A hash of each output path taken so far.
    outputs: HashSet<u64>,
}

impl Taking<'_> {
    fn next(&mut self) -> Option<Task> {
        loop {
            // The first pass stopped on what cannot be found; found now, it is left out.
            let Ok(document) = self.pass.next()? else {
                continue;
            };
            let mut task = Task::new(document);
            task.refused = task.document.refusal().map(Error::failure);
            // The first pass found no two documents writing one output: one found now came
            // with a change to the tree since.
            if !self.outputs.insert(output_hash(&task.document.relative)) && task.refused.is_none() {
                task.refused = Some(Error::failure(format!(
                    "not parsed: {} is also written by another document of this run (the tree changed as the run started)",
                    neutralize(&task.document.output().display().to_string())
                )));
            }
            return Some(task);
        }
    }
}

/// A result key being decided about; see `Shared::decide`.
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

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A queue between stages.
pub(super) struct Queue<T> {
    items: Mutex<VecDeque<T>>,
    changed: Condvar,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            items: Mutex::new(VecDeque::new()),
            changed: Condvar::new(),
        }
    }
}

impl<T> Queue<T> {
    pub(super) fn push(&self, item: T) {
        lock(&self.items).push_back(item);
        self.changed.notify_one();
    }

    pub(super) fn pop(&self) -> Option<T> {
        lock(&self.items).pop_front()
    }

    /// Waits until something is pushed, `wake` is called or `most` has passed.
    pub(super) fn wait(&self, most: Duration) {
        let items = lock(&self.items);
        if items.is_empty() {
            let _ = self
                .changed
                .wait_timeout(items, most)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    pub(super) fn wake(&self) {
        self.changed.notify_all();
    }

    /// Everything left in the queue.
    pub(super) fn drain(&self) -> Vec<T> {
        lock(&self.items).drain(..).collect()
    }
}

/// Whether the API answers. When requests fail one after another for reasons that may pass (no
/// connection, 5xx), the run is in an outage: it says so once, new creates wait with a growing
/// pause, polls back off, and no document fails for it. The first success ends it.
#[derive(Default)]
pub(super) struct Health {
    state: Mutex<HealthState>,
}

#[derive(Default)]
struct HealthState {
    /// Requests failed in a row.
    failures: u32,
    since: Option<SystemTime>,
    said: bool,
}

/// Failures in a row that make an outage.
const OUTAGE: u32 = 2;
/// How long an outage is waited out before the run stops (its jobs are in the result store).
pub(super) const MAX_OUTAGE: Duration = Duration::from_secs(10 * 60);
/// The longest pause between tries during an outage.
const MAX_PAUSE: Duration = Duration::from_secs(30);

impl Health {
    /// A request failed for a reason that may pass. Returns `true` once the API has not answered
    /// for `MAX_OUTAGE`: the run stops then.
    pub(super) fn failed(&self, err: &Error, shared: &once::Shared) -> bool {
        let mut state = lock(&self.state);
        state.failures += 1;
        let now = shared.clock.now();
        let since = *state.since.get_or_insert(now);
        if state.failures >= OUTAGE && !state.said {
            state.said = true;
            shared.stderr.line(&format!(
                "note: the API is not answering ({}); new uploads wait and polls back off until it does \
                 (no document fails for it)",
                neutralize(&err.to_string())
            ));
        }
        now.duration_since(since).unwrap_or_default() >= MAX_OUTAGE
    }

    /// A request went through.
    pub(super) fn answered(&self, shared: &once::Shared) {
        let mut state = lock(&self.state);
        if state.said {
            let away = state
                .since
                .and_then(|since| shared.clock.now().duration_since(since).ok())
                .unwrap_or_default();
            shared.stderr.line(&format!(
                "note: the API answers again (after {:.0} s); going on",
                away.as_secs_f64()
            ));
        }
        *state = HealthState::default();
    }

    /// Whether the run is in an outage: requests have failed one after another.
    pub(super) fn away(&self) -> bool {
        lock(&self.state).failures >= OUTAGE
    }

    /// How long to wait before the next try: nothing while the API answers, then 1, 2, 4 … 30 s.
    pub(super) fn pause(&self) -> Duration {
        match lock(&self.state).failures {
            0 => Duration::ZERO,
            n => Duration::from_secs(1u64 << (n - 1).min(5)).min(MAX_PAUSE),
        }
    }
}

/// Sleeps `total` by the run's clock in short steps, so that a stop is seen soon.
pub(super) fn nap(shared: &Shared, total: Duration) {
    let mut left = total;
    while !left.is_zero() && !shared.stopped() {
        let step = left.min(STOP_CHECK);
        shared.once.clock.sleep(step);
        left -= step;
    }
}

/// `Store::upgrade` for the workers of a run, which share the store (none with `--no-cache`).
pub(super) fn upgrade(store: Option<&Mutex<Store>>, keys: &Keys, carry: bool) -> std::io::Result<String> {
    match store {
        Some(store) => lock(store).upgrade(keys, carry),
        None => Ok(keys.key.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::bulk::testing::{bulk, context, sources};

    #[test]
    fn a_document_whose_output_another_took_is_refused_when_taken() {
        // Two that clash are refused by the first pass; met only by the second (the tree changed
        // in between), the later one is not parsed and the others go on.
        let dir = tempfile::tempdir().unwrap();
        let (one, two, three) = (
            dir.path().join("one/a.pdf"),
            dir.path().join("two/a.pdf"),
            dir.path().join("b.pdf"),
        );
        for path in [&one, &two, &three] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let out = dir.path().join("out");
        let mut ctx = context("");
        let sources = sources(&[&one, &two, &three], &bulk(&[], None), &out, &mut ctx).unwrap();
        let mut taking = Taking {
            pass: sources.pass(None),
            outputs: HashSet::new(),
        };
        let first = taking.next().unwrap();
        assert!(first.refused.is_none());
        let second = taking.next().unwrap();
        assert_eq!(second.document.name(), two.display().to_string());
        assert_eq!(
            second.refused.unwrap().to_string(),
            format!(
                "not parsed: {} is also written by another document of this run (the tree changed as the run started)",
                out.join("a.pdf.md").display()
            )
        );
        assert!(taking.next().unwrap().refused.is_none());
        assert!(taking.next().is_none());
    }
}
