//! The jobs of one document's windows, waited for together: one listing by id (`GET
//! /api/v2/parse?job_ids=…`) for all of them a round — every second while the oldest is young,
//! less often the longer it runs (up to the SDKs' 5 s) — instead of a poll per window on the
//! SDKs' cadence. A window's end is seen within about a second of it while windows are short,
//! and a document of many windows costs one request a round, not one a window. A job a listing
//! leaves out a few times (listings lag behind creates) is asked for alone; one past its
//! deadline is given up on (`job::give_up`: cancelled with `--cancel-on-timeout`). A listing that
//! fails with trouble that may pass (the API away, busy) fails no window: the rounds go on, less
//! often, each job until its own deadline.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::api::models::{Job, is_final};
use crate::api::parse_jobs::{self, Expand, IDS_PER_REQUEST};
use crate::context::Clock;
use crate::error::Error;
use crate::parse::job;
use crate::parse::wait::gave_up_words;
use crate::session::Session;
use crate::text::neutralize;

/// The shortest and the longest time between two rounds.
const SHORTEST: Duration = Duration::from_secs(1);
const LONGEST: Duration = Duration::from_secs(5);

/// Listings a job may be missing from before it is asked for alone.
const ABSENT_LIMIT: u32 = 3;

/// How often a thread that waits looks whether the run stopped (real time).
const LOOK: Duration = Duration::from_millis(50);

/// The jobs being waited for, and who waits.
#[derive(Default)]
pub(super) struct Watch {
    jobs: Mutex<HashMap<String, Watched>>,
    changed: Condvar,
    /// Threads that may still ask for a job to be waited for: the watcher stops at none.
    pub(super) waiters: AtomicUsize,
    /// The last listing failed with trouble that may pass: the next round waits the longest.
    trouble: AtomicBool,
}

/// One job waited for.
struct Watched {
    since: SystemTime,
    deadline: SystemTime,
    /// Its last status seen.
    status: Option<String>,
    /// Listings in a row it was missing from.
    absent: u32,
    /// Looked at in the next round without waiting for it: a job from before this run, which
    /// may well have ended (a new one is looked at after the first interval).
    now: bool,
    /// How its wait ended, for the thread that waits.
    ended: Option<Result<Job, Error>>,
}

impl Watch {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Watched>> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until job `job_id` has ended (its last state), or has not by `timeout` (given up
    /// on), or the run stops (an error: the job runs on). A job made `before` this run is looked
    /// at at once.
    pub(super) fn wait(
        &self,
        job_id: &str,
        before: bool,
        timeout: Duration,
        clock: &dyn Clock,
        stopped: &dyn Fn() -> bool,
    ) -> Result<Job, Error> {
        let since = clock.now();
        let mut jobs = self.lock();
        jobs.insert(
            job_id.to_string(),
            Watched {
                since,
                deadline: since + timeout,
                status: None,
                absent: 0,
                now: before,
                ended: None,
            },
        );
        self.changed.notify_all();
        loop {
            if let Some(ended) = jobs.get_mut(job_id).and_then(|w| w.ended.take()) {
                jobs.remove(job_id);
                return ended;
            }
            if stopped() {
                jobs.remove(job_id);
                return Err(Error::failure(format!(
                    "stopped waiting for job {}: it runs on",
                    neutralize(job_id)
                )));
            }
            jobs = self
                .changed
                .wait_timeout(jobs, LOOK)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// One of the threads that wait is done.
    pub(super) fn leave(&self) {
        self.waiters.fetch_sub(1, Ordering::SeqCst);
        self.changed.notify_all();
    }

    /// The watcher: rounds of listings by id while anyone waits, until every thread that waits
    /// is done or the run stops.
    pub(super) fn run(&self, session: &Session, clock: &dyn Clock, cancel: bool, stopped: &dyn Fn() -> bool) {
        loop {
            if stopped() || self.waiters.load(Ordering::SeqCst) == 0 {
                self.changed.notify_all();
                return;
            }
            let (oldest, now) = {
                let jobs = self.lock();
                let waiting = || jobs.values().filter(|w| w.ended.is_none());
                let oldest = waiting().map(|w| w.since).min();
                if oldest.is_none() {
                    drop(self.changed.wait_timeout(jobs, LOOK));
                    continue;
                }
                (oldest, waiting().any(|w| w.now))
            };
            let age = oldest
                .and_then(|oldest| clock.now().duration_since(oldest).ok())
                .unwrap_or_default();
            if self.trouble.load(Ordering::SeqCst) {
                clock.sleep(LONGEST);
            } else if !now {
                clock.sleep((age / 5).clamp(SHORTEST, LONGEST));
            }
            if stopped() {
                continue;
            }
            self.round(session, clock, cancel);
            self.changed.notify_all();
        }
    }

    /// One round: the jobs past their deadline given up on, the others listed by id.
    fn round(&self, session: &Session, clock: &dyn Clock, cancel: bool) {
        let now = clock.now();
        // The jobs past their deadline (each with its last status and how long it was waited
        // for), and the others.
        type Late = Vec<(String, Option<String>, Duration)>;
        let (late, ids): (Late, Vec<String>) = {
            let jobs = self.lock();
            let waiting = jobs.iter().filter(|(_, w)| w.ended.is_none());
            // Once one is late, so are those that would be by the next round (the longest a round
            // waits): the windows of a document, made moments apart, are given up on together (the
            // first given up on ends the document: the others must not be left running, nor be
            // left uncancelled with --cancel-on-timeout, for the few seconds between them).
            let horizon = match waiting.clone().any(|(_, w)| now >= w.deadline) {
                true => now + LONGEST,
                false => now,
            };
            let late = waiting
                .clone()
                .filter(|(_, w)| horizon >= w.deadline)
                .map(|(id, w)| {
                    let waited = w.deadline.duration_since(w.since).unwrap_or_default();
                    (id.clone(), w.status.clone(), waited)
                })
                .collect();
            let ids = waiting
                .filter(|(_, w)| horizon < w.deadline)
                .map(|(id, _)| id.clone())
                .collect();
            (late, ids)
        };
        // Each given up on (cancelled when asked), then all ended at once: a window whose wait
        // ended early does not stop the others' before they are given up on.
        let gave_up: Vec<(String, job::GaveUp)> = late
            .into_iter()
            .map(|(id, status, waited)| {
                let words = gave_up_words(&id, status.as_deref(), waited);
                let gave_up = job::give_up(session, &id, &words, cancel, None);
                (id, gave_up)
            })
            .collect();
        let mut jobs = self.lock();
        for (id, gave_up) in gave_up {
            if let Some(watched) = jobs.get_mut(&id) {
                watched.ended = Some(Err(gave_up.into()));
            }
        }
        drop(jobs);
        for ids in ids.chunks(IDS_PER_REQUEST) {
            let listed = parse_jobs::list_by_id(&session.client, &session.scope, ids);
            let items = match listed {
                Ok(items) => items,
                // Trouble that may pass (no connection, 429, a 5xx), after the client's own
                // retries: waited out, the next rounds less often, each job until its deadline.
                Err(err) if err.may_pass() => {
                    self.trouble.store(true, Ordering::SeqCst);
                    continue;
                }
                // A refusal that will not change (a key no longer valid): the windows fail with it.
                Err(err) => {
                    let message = Error::from(err).to_string();
                    for id in ids {
                        self.end(id, Err(Error::failure(message.clone())));
                    }
                    continue;
                }
            };
            self.trouble.store(false, Ordering::SeqCst);
            let by_id: HashMap<&str, &Value> = items
                .iter()
                .filter_map(|item| Some((item.get("id")?.as_str()?, item)))
                .collect();
            for id in ids {
                let status = by_id
                    .get(id.as_str())
                    .and_then(|item| item.get("status"))
                    .and_then(Value::as_str);
                match (by_id.get(id.as_str()), status) {
                    (Some(item), Some(status)) if is_final(status) => {
                        self.end(id, Ok(Job::listed((*item).clone())));
                    }
                    (Some(_), status) => self.seen(id, status),
                    (None, _) => self.absent(session, id),
                }
            }
        }
    }

    /// Job `id` was listed and has not ended.
    fn seen(&self, id: &str, status: Option<&str>) {
        if let Some(watched) = self.lock().get_mut(id) {
            watched.absent = 0;
            watched.now = false;
            watched.status = status.map(str::to_string);
        }
    }

    /// Job `id` was missing from a listing: asked for alone once it has been a few times.
    fn absent(&self, session: &Session, id: &str) {
        let alone = self.lock().get_mut(id).is_some_and(|watched| {
            watched.now = false;
            watched.absent += 1;
            watched.absent >= ABSENT_LIMIT
        });
        if !alone {
            return;
        }
        match parse_jobs::get(&session.client, &session.scope, id, &Expand::default(), None) {
            Ok(job) if job.status().is_some_and(is_final) => self.end(id, Ok(job)),
            Ok(job) => self.seen(id, job.status()),
            // Trouble that may pass: asked for again in a later round.
            Err(err) if err.may_pass() => self.trouble.store(true, Ordering::SeqCst),
            // A 404: the job is gone, which the window's thread takes care of.
            Err(err) => self.end(id, Err(err.into())),
        }
    }

    /// The wait for job `id` ended so.
    fn end(&self, id: &str, ended: Result<Job, Error>) {
        if let Some(watched) = self.lock().get_mut(id) {
            watched.ended = Some(ended);
        }
    }
}
