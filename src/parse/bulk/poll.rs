//! One poller for every job of a bulk run. Each job keeps the SDKs' cadence (first look 1 s
//! after it is made, then one second more each time, up to 5 s); the jobs due at about the same
//! time are asked for together, in listings by id of up to 100 that follow every page. A job the
//! listing leaves out a few times (listings lag behind creates) is asked for alone; one the
//! server no longer knows goes back to be created again, once. A failed poll slows polling and
//! never fails a document: a document fails only by its own job's end or its own deadline.

use std::collections::HashMap;
use std::sync::mpsc::Sender;
use std::time::Duration;

use serde_json::Value;

use crate::api::models::{Job, is_final};
use crate::api::parse_jobs::{self, Expand, IDS_PER_REQUEST};
use crate::error::Error;
use crate::parse::bulk::health::{busy, refused};
use crate::parse::bulk::queue::{Event, Followed, Poller, Watched, lock};
use crate::parse::bulk::run::{Run, STOP_CHECK};
use crate::parse::bulk::unfinished::{leave, lost};
use crate::parse::job;
use crate::parse::wait;
use crate::text::neutralize;

/// How often the poller looks for jobs whose time has come: those that came due within it are
/// asked for in the same round.
const POLL_WINDOW: Duration = Duration::from_millis(100);

/// Listings a job may be missing from before it is asked for alone.
const ABSENT_LIMIT: u32 = 3;

impl Poller {
    /// Follows a job until it ends; its slot (taken by the caller) is given back then. A job
    /// from an earlier run is looked at at once, alone if the listing leaves it out (it may be
    /// gone). Another document of the same job joins it.
    pub(super) fn follow(&self, run: &Run, sender: &Sender<Event>, followed: Followed, resumed: bool) {
        let now = run.once.clock.now();
        let mut state = lock(&self.state);
        if state.closed {
            drop(state);
            run.once.budget.let_go(&followed.job_id);
            run.slots.give();
            leave(run, sender, followed);
            return;
        }
        if let Some(watched) = state.jobs.get_mut(&followed.job_id) {
            watched.followed.members.extend(followed.members);
            drop(state);
            run.slots.give();
            return;
        }
        let watched = Watched {
            due: if resumed { now } else { now + wait::FIRST_DELAY },
            delay: wait::FIRST_DELAY,
            absent: if resumed { ABSENT_LIMIT } else { 0 },
            deadline: now + run.timeout,
            followed,
        };
        state.jobs.insert(watched.followed.job_id.clone(), watched);
        self.changed.notify_all();
    }

    /// Polls until the run is finished or stopped; then what is still running is reported as
    /// left running (its job is in the result store for the next run).
    pub(super) fn watch(&self, run: &Run, sender: &Sender<Event>) {
        while !run.finished() {
            let now = run.once.clock.now();
            let (mut due, expired, empty) = {
                let mut state = lock(&self.state);
                let expired: Vec<String> = state
                    .jobs
                    .iter()
                    .filter(|(_, w)| w.deadline <= now)
                    .map(|(id, _)| id.clone())
                    .collect();
                let expired: Vec<Watched> = expired.iter().filter_map(|id| state.jobs.remove(id)).collect();
                let due: Vec<String> = state
                    .jobs
                    .iter()
                    .filter(|(_, w)| w.due <= now)
                    .map(|(id, _)| id.clone())
                    .collect();
                (due, expired, state.jobs.is_empty())
            };
            for watched in expired {
                run.once.budget.let_go(&watched.followed.job_id);
                run.slots.give();
                gave_up(run, sender, watched.followed);
            }
            if due.is_empty() {
                if empty {
                    let state = lock(&self.state);
                    if state.jobs.is_empty() {
                        let _ = self.changed.wait_timeout(state, STOP_CHECK);
                    }
                } else {
                    // Nothing due yet: a short sleep by the run's clock, then look again.
                    run.once.clock.sleep(POLL_WINDOW);
                }
                continue;
            }
            due.sort();
            for ids in due.chunks(IDS_PER_REQUEST) {
                if run.stopped() {
                    break;
                }
                self.poll(run, sender, ids);
            }
        }
        let left: Vec<Watched> = {
            let mut state = lock(&self.state);
            state.closed = true;
            state.jobs.drain().map(|(_, w)| w).collect()
        };
        for watched in left {
            run.once.budget.let_go(&watched.followed.job_id);
            run.slots.give();
            leave(run, sender, watched.followed);
        }
    }

    /// One listing by id for `ids`: ended jobs go to the result fetchers, the others wait for
    /// their next turn, and those it left out too often are asked for alone.
    fn poll(&self, run: &Run, sender: &Sender<Event>, ids: &[String]) {
        let session = run.session;
        let listed = parse_jobs::list_by_id(&session.client, &session.scope, ids);
        let items = match listed {
            Ok(items) => items,
            Err(err) => return self.failed(run, ids, Error::from(err)),
        };
        run.health.answered(&run.once);
        lock(&self.state).failures = 0;
        let mut by_id: HashMap<&str, &Value> = HashMap::new();
        for item in &items {
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                by_id.insert(id, item);
            }
        }
        let mut alone = Vec::new();
        for id in ids {
            match by_id.get(id.as_str()) {
                Some(item) if item.get("status").and_then(Value::as_str).is_some_and(is_final) => {
                    self.ended(run, id, Job::listed((*item).clone()));
                }
                Some(_) => self.again(run, id, |w| w.absent = 0),
                None => {
                    let mut absent = false;
                    self.again(run, id, |w| {
                        w.absent += 1;
                        absent = w.absent >= ABSENT_LIMIT;
                    });
                    if absent {
                        alone.push(id);
                    }
                }
            }
        }
        for id in alone {
            self.look(run, sender, id);
        }
    }

    /// Asks for one job alone (`GET /api/v2/parse/{id}`).
    fn look(&self, run: &Run, sender: &Sender<Event>, id: &str) {
        let session = run.session;
        match parse_jobs::get(&session.client, &session.scope, id, &Expand::default(), None) {
            Ok(job) => {
                run.health.answered(&run.once);
                if job.status().is_some_and(is_final) {
                    self.ended(run, id, job);
                }
            }
            Err(err) if err.is_not_found() => {
                let Some(watched) = lock(&self.state).jobs.remove(id) else {
                    return;
                };
                run.once.budget.let_go(id);
                run.slots.give();
                lost(run, sender, watched.followed);
            }
            Err(err) => self.failed(run, &[id.to_string()], Error::from(err)),
        }
    }

    /// The job ended: handed to the result fetchers, its slot given back.
    fn ended(&self, run: &Run, id: &str, job: Job) {
        let Some(watched) = lock(&self.state).jobs.remove(id) else {
            return;
        };
        run.once.billed(id, &job);
        run.slots.give();
        run.ended.push((watched.followed, Some(job)));
    }

    /// The job's next turn, on the SDKs' cadence.
    fn again(&self, run: &Run, id: &str, change: impl FnOnce(&mut Watched)) {
        let now = run.once.clock.now();
        if let Some(watched) = lock(&self.state).jobs.get_mut(id) {
            change(watched);
            watched.delay = (watched.delay + wait::DELAY_STEP).min(wait::MAX_DELAY);
            watched.due = now + watched.delay;
        }
    }

    /// A poll failed (after the client's own retries): its jobs wait longer, nobody fails. A key
    /// that is refused ends the run.
    fn failed(&self, run: &Run, ids: &[String], err: Error) {
        if refused(&err) {
            run.abort(err);
            return;
        }
        if !busy(&err) {
            run.trouble(&err);
        }
        let now = run.once.clock.now();
        let mut state = lock(&self.state);
        state.failures += 1;
        let backoff = run.backoff(state.failures);
        for id in ids {
            if let Some(watched) = state.jobs.get_mut(id) {
                watched.due = now + backoff.max(watched.delay);
            }
        }
    }
}

/// The document's own deadline passed before its job ended: with `--cancel-on-timeout` the job
/// is cancelled (once; the next run parses the document again), else it runs on and the next
/// run waits for it.
fn gave_up(run: &Run, sender: &Sender<Event>, followed: Followed) {
    let waited = format!(
        "gave up waiting after {}: job {} has not ended",
        crate::time::human_duration(run.timeout),
        neutralize(&followed.job_id)
    );
    let gave_up = job::give_up(
        run.session,
        &followed.job_id,
        &waited,
        run.cancel_on_timeout,
        Some("the next run waits for it"),
    );
    if gave_up.cancelled
        && let Err(err) = run.once.ended(&followed.key, &followed.job_id, "CANCELLED")
    {
        run.fail(&err);
    }
    let message = gave_up.message;
    for member in followed.members {
        let mut outcome = member.outcome(&followed.job_id, "ERROR");
        outcome.failure = Some(Error::failure(message.clone()));
        run.report(sender, outcome);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::throttle::Lane;
    use crate::context::Clock as _;
    use crate::parse::bulk::testing::{Fixture, Reply, Script, events, followed, job, outcomes, reply, take};

    const LIST: &str = "/api/v2/parse";

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| id.to_string()).collect()
    }

    fn listing(items: &[Value], next: Option<&str>) -> Reply {
        reply(200, json!({"items": items, "next_page_token": next}))
    }

    #[test]
    fn every_page_of_a_listing_by_id_is_read_and_ended_jobs_go_to_the_fetchers() {
        // The server pages with fewer items than asked for: the next page holds the other job.
        let script = Script::start(vec![(
            "GET",
            LIST.into(),
            vec![
                listing(&[job("job-1", "COMPLETED")], Some("page-2")),
                listing(&[job("job-2", "FAILED")], None),
            ],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf", "b.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        for (id, key) in [("job-1", "key-1"), ("job-2", "key-2")] {
            let followed = followed(&run, id, key);
            run.poller.follow(&run, &sender, followed, false);
        }
        run.poller.poll(&run, &sender, &ids(&["job-1", "job-2"]));
        assert_eq!(
            script.requests(),
            [
                "GET /api/v2/parse?job_ids=job-1&job_ids=job-2&page_size=100",
                "GET /api/v2/parse?job_ids=job-1&job_ids=job-2&page_size=100&page_token=page-2",
            ]
        );
        let ended: Vec<(String, Option<String>)> = run
            .ended
            .drain()
            .into_iter()
            .map(|(followed, job)| (followed.job_id, job.and_then(|j| j.status().map(str::to_string))))
            .collect();
        assert_eq!(
            ended,
            [
                ("job-1".to_string(), Some("COMPLETED".to_string())),
                ("job-2".to_string(), Some("FAILED".to_string())),
            ]
        );
        assert_eq!(run.slots.taken(), 0, "each slot is given back as its job ends");
        assert!(lock(&run.poller.state).jobs.is_empty());
        assert!(outcomes(&receiver, &fixture.docs()).is_empty());
    }

    #[test]
    fn a_job_left_out_of_listings_is_asked_for_alone_and_parsed_again_once_the_api_has_lost_it() {
        let script = Script::start(vec![
            ("GET", LIST.into(), vec![listing(&[], None)]),
            (
                "GET",
                format!("{LIST}/job-1"),
                vec![reply(404, json!({"detail": "Job not found"}))],
            ),
        ]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        run.poller.follow(&run, &sender, followed, false);
        // Listings lag behind creates: missing twice is waited out.
        for _ in 0..ABSENT_LIMIT - 1 {
            run.poller.poll(&run, &sender, &ids(&["job-1"]));
        }
        assert_eq!(script.count("GET", "/api/v2/parse/job-1"), 0);
        assert_eq!(lock(&run.poller.state).jobs["job-1"].absent, ABSENT_LIMIT - 1);
        // The third time it is asked for alone: 404, so its document goes back, once, with its key.
        run.poller.poll(&run, &sender, &ids(&["job-1"]));
        assert_eq!(script.count("GET", "/api/v2/parse/job-1"), 1);
        assert!(lock(&run.poller.state).jobs.is_empty());
        assert_eq!(run.slots.taken(), 0);
        let again = take(&run);
        assert_eq!((again.key.as_deref(), again.lost), (Some("key-1"), 1));
        assert!(again.document.name().ends_with("a.pdf"));
        assert!(
            outcomes(&receiver, &fixture.docs()).is_empty(),
            "no document fails for it"
        );
        assert!(
            fixture
                .stderr
                .text()
                .contains("note: the API no longer knows job job-1 of "),
            "{}",
            fixture.stderr.text()
        );
    }

    #[test]
    fn a_job_seen_running_again_starts_its_count_of_absences_over() {
        let script = Script::start(vec![(
            "GET",
            LIST.into(),
            vec![
                listing(&[], None),
                listing(&[], None),
                listing(&[job("job-1", "RUNNING")], None),
                listing(&[], None),
                listing(&[], None),
            ],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, _receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        run.poller.follow(&run, &sender, followed, false);
        for _ in 0..5 {
            run.poller.poll(&run, &sender, &ids(&["job-1"]));
        }
        assert_eq!(script.count("GET", "/api/v2/parse/job-1"), 0);
        assert_eq!(lock(&run.poller.state).jobs["job-1"].absent, 2);
    }

    #[test]
    fn a_failed_listing_fails_no_document_and_waits_longer() {
        let script = Script::start(vec![(
            "GET",
            LIST.into(),
            vec![reply(503, json!({"detail": "unavailable"}))],
        )]);
        let fixture = Fixture::new(&script.url, &["a.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        run.poller.follow(&run, &sender, followed, false);
        run.poller.poll(&run, &sender, &ids(&["job-1"]));
        assert!(script.count("GET", LIST) >= 1);
        let now = fixture.clock.now();
        let state = lock(&run.poller.state);
        assert_eq!(state.failures, 1);
        assert!(
            state.jobs["job-1"].due >= now + Duration::from_secs(2),
            "backs off"
        );
        drop(state);
        assert!(outcomes(&receiver, &fixture.docs()).is_empty());
        assert!(!run.stopped());
        assert_eq!(run.slots.taken(), 1, "still followed");
    }

    #[test]
    fn a_429_on_a_poll_holds_polls_only_never_creates() {
        let script = Script::start(vec![
            (
                "GET",
                LIST.into(),
                vec![reply(429, json!({"detail": "slow down"})).header("Retry-After", "30")],
            ),
            (
                "POST",
                format!("{LIST}/upload"),
                vec![reply(200, json!({"id": "job-2", "status": "PENDING"}))],
            ),
        ]);
        let fixture = Fixture::new(&script.url, &["a.pdf", "b.pdf"]);
        let run = fixture.run(4, 8);
        let (sender, receiver) = events();
        let followed = followed(&run, "job-1", "key-1");
        run.poller.follow(&run, &sender, followed, false);
        run.poller.poll(&run, &sender, &ids(&["job-1"]));
        assert!(fixture.throttle.hits(Lane::Read) >= 1);
        assert_eq!(fixture.throttle.hits(Lane::Change), 0);
        assert_eq!(run.pause(), Duration::ZERO, "a 429 is not an outage");
        // A create right after goes at once, and the upload limit is whole.
        let before = fixture.elapsed();
        let task = take(&run);
        let source = task.document.source.clone();
        let deadline = fixture.clock.now() + Duration::from_secs(3600);
        let created = crate::parse::bulk::submit::send(&run, deadline, &run.configuration, &source);
        assert_eq!(created.unwrap().id(), "job-2");
        assert_eq!(
            fixture.elapsed(),
            before,
            "the create did not wait for the poll's 429"
        );
        assert_eq!(run.gate.limit(), 4);
        assert!(outcomes(&receiver, &fixture.docs()).is_empty());
    }
}
