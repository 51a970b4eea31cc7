//! One poller for every job of a bulk run: each job on the SDKs' cadence, the jobs due together
//! asked for in one listing request by id.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::api::models::{Job, is_final};
use crate::api::parse_jobs::{self, IDS_PER_REQUEST};
use crate::commands::Session;
use crate::commands::wait;
use crate::context::Clock;

/// A waiting worker (and the poller) looks at the stop flag at least this often.
pub(super) const STOP_CHECK: Duration = Duration::from_millis(200);

/// What the poller reads of the run.
pub(super) struct Run<'a> {
    pub(super) session: &'a Session,
    pub(super) clock: &'a dyn Clock,
    pub(super) stop: &'a AtomicBool,
}

impl Run<'_> {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// One poller for every job of the run. Each job keeps the SDKs' cadence of its own (first look
/// 1 s after it is made, then one second more each time, up to 5 s); the jobs due at about the
/// same time are asked for together, in one listing request per 100
/// (`GET /api/v2/parse?job_ids=…`), so many jobs cost few requests.
pub(super) struct Poller {
    state: Mutex<Polled>,
    changed: Condvar,
}

struct Awaited {
    sender: Sender<Result<Job, String>>,
    due: SystemTime,
    delay: Duration,
}

#[derive(Default)]
struct Polled {
    waiting: HashMap<String, Awaited>,
    /// Workers still running; the poller ends with the last.
    workers: usize,
}

/// How often the poller looks for jobs whose time has come: those that came due within it are
/// asked for in the same round.
const POLL_WINDOW: Duration = Duration::from_millis(100);

impl Poller {
    pub(super) fn new(workers: usize) -> Self {
        Poller {
            state: Mutex::new(Polled {
                workers,
                ..Polled::default()
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Polled> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn register(&self, job_id: &str, sender: Sender<Result<Job, String>>, now: SystemTime) {
        let awaited = Awaited {
            sender,
            due: now + wait::FIRST_DELAY,
            delay: wait::FIRST_DELAY,
        };
        self.lock().waiting.insert(job_id.to_string(), awaited);
        self.changed.notify_all();
    }

    pub(super) fn forget(&self, job_id: &str) {
        self.lock().waiting.remove(job_id);
    }

    /// A worker has finished.
    pub(super) fn worker_done(&self) {
        let mut state = self.lock();
        state.workers = state.workers.saturating_sub(1);
        self.changed.notify_all();
    }

    /// Polls until every worker has finished (or the run is stopped).
    pub(super) fn run(&self, shared: &Run) {
        loop {
            let due: Vec<String> = {
                let state = self.lock();
                if state.workers == 0 || shared.stopped() {
                    return;
                }
                if state.waiting.is_empty() {
                    let _ = self
                        .changed
                        .wait_timeout(state, STOP_CHECK)
                        .unwrap_or_else(PoisonError::into_inner);
                    continue;
                }
                // Never early: a job is looked at once its time has come; those that came due
                // during the last short sleep go together.
                let now = shared.clock.now();
                state
                    .waiting
                    .iter()
                    .filter(|(_, a)| a.due <= now)
                    .map(|(id, _)| id.clone())
                    .collect()
            };
            if due.is_empty() {
                // Nothing due yet: a short sleep by the run's clock, then look again.
                shared.clock.sleep(POLL_WINDOW);
                continue;
            }
            for batch in due.chunks(IDS_PER_REQUEST) {
                self.poll(shared, batch);
            }
            let now = shared.clock.now();
            let mut state = self.lock();
            for id in &due {
                if let Some(awaited) = state.waiting.get_mut(id) {
                    awaited.delay = (awaited.delay + wait::DELAY_STEP).min(wait::MAX_DELAY);
                    awaited.due = now + awaited.delay;
                }
            }
        }
    }

    /// One listing request for `ids`; the jobs that have ended are handed to their workers.
    fn poll(&self, shared: &Run, ids: &[String]) {
        let items = parse_jobs::list_by_id(&shared.session.client, &shared.session.scope, ids)
            .map_err(|err| crate::error::Error::from(err).to_string());
        let state = self.lock();
        match items {
            Ok(items) => {
                for item in items {
                    let Some(id) = item.get("id").and_then(serde_json::Value::as_str) else {
                        continue;
                    };
                    if !item
                        .get("status")
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(is_final)
                    {
                        continue;
                    }
                    if let Some(awaited) = state.waiting.get(id) {
                        let _ = awaited.sender.send(Ok(Job::listed(item.clone())));
                    }
                }
            }
            // The client has retried already: the jobs of this request cannot be followed.
            Err(message) => {
                for id in ids {
                    if let Some(awaited) = state.waiting.get(id) {
                        let _ = awaited.sender.send(Err(message.clone()));
                    }
                }
            }
        }
    }
}
