//! What flows between the stages of a bulk run: documents to submit (`Task`), jobs and the
//! documents that wait for them (`Followed`), what the reporter is told (`Event`), and the
//! queues that carry them, the jobs in flight (`Poller`, driven by `poll`) among them.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use crate::error::Error;
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::sources::Document;
use crate::parse::window::TooLong;

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
    /// The API refused it as too long for one job (at create, or its job ended FAILED so): it
    /// goes in page windows, with the API's words should that not be possible.
    pub(super) too_long: Option<(TooLong, String)>,
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
            too_long: None,
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

/// A job followed, and when to look at it next.
pub(super) struct Watched {
    pub(super) followed: Followed,
    pub(super) due: SystemTime,
    pub(super) delay: Duration,
    /// Listings in a row it was missing from.
    pub(super) absent: u32,
    pub(super) deadline: SystemTime,
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
