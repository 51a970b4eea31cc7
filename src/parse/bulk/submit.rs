//! The submitters of a bulk run (`--concurrency` of them): each takes the next document, finds
//! its result key, skips it when the output directory already holds its result, writes it from
//! the store when the store has it, and otherwise finds or creates its job — and hands the job
//! to the poller without waiting for it to end. Uploads in flight are bounded by the gate, jobs in
//! flight by the slots. A create the server provably did not take in (no connection, 429, 503)
//! is sent again, waiting out the API's trouble; one whose answer was lost is found by its token.

use std::sync::mpsc::Sender;
use std::time::SystemTime;

use serde_json::{Map, Value};

use crate::api::models::Created;
use crate::api::throttle::Lane;
use crate::error::Error;
use crate::parse::bulk::escalation;
use crate::parse::bulk::health::{busy, refused};
use crate::parse::bulk::queue::{Event, Followed, Member, Task, lock};
use crate::parse::bulk::report::Outcome;
use crate::parse::bulk::run::{Run, nap, upgrade};
use crate::parse::bulk::saved::write_output;
use crate::parse::bulk::settled::settled;
use crate::parse::bulk::sources::{self, Document, stat};
use crate::parse::bulk::windows;
use crate::parse::bulk::write::Made;
use crate::parse::claim::Claim;
use crate::parse::once::{self, Known};
use crate::parse::plan::{self as create, Source};
use crate::parse::window::Window;
use crate::store::key::Legacy;
use crate::text::neutralize;

/// Times a document goes back to be submitted again when the API is away, at most.
const MAX_ROUNDS: u32 = 8;

/// A submitter: takes documents until none are left or the run is stopped.
pub(super) fn submit(run: &Run, sender: &Sender<Event>) {
    while let Some(task) = run.take() {
        handle(run, sender, task);
    }
}

fn handle(run: &Run, sender: &Sender<Event>, mut task: Task) {
    if let Some(err) = task.refused.take() {
        return report_error(run, sender, &task.document, None, err);
    }
    task.since.get_or_insert_with(|| run.once.clock.now());
    // Refused as too long for one job: in windows, if its page count is known.
    if let (Some((limit, said)), Some(key)) = (task.too_long.take(), task.key.clone()) {
        return match windows::after_refusal(run, &task.document.source, limit) {
            Some(windows) => {
                // The next run goes in windows at once.
                if let Err(err) = crate::parse::window::remember_refusal(&run.once, &key, limit) {
                    return fail_document(run, sender, &task.document, err);
                }
                run.once.stderr.line(&format!(
                    "note: the API refused {} as too long for one job (at most {} pages): parsing it in windows",
                    neutralize(&task.document.name()),
                    limit.cap
                ));
                in_windows(run, sender, task, &key, windows)
            }
            None => report_error(run, sender, &task.document, None, Error::failure(said)),
        };
    }
    let (key, legacy) = match task.key.take() {
        Some(key) => (key, None),
        None => {
            task.seen = stat(&task.document.source);
            let keys = sources::check(&task.document.source).and_then(|()| {
                let keys = run
                    .once
                    .key_of(run.session, &task.document.source, &run.configuration)?;
                // What an earlier release recorded under the key it gave the document is used.
                upgrade(run.once.store.as_ref(), &keys, true).map_err(Error::Io)?;
                Ok(keys)
            });
            match keys {
                Ok(keys) => (keys.key, keys.legacy),
                Err(err) => return report_error(run, sender, &task.document, None, err),
            }
        }
    };
    if run.shard.as_ref().is_some_and(|shard| !shard.holds(&key)) {
        return run.outside(sender);
    }
    if task.lost == 0
        && task.rounds == 0
        && let Some(outcome) = settled(run, &task.document, &key, legacy.as_ref())
    {
        return run.report(sender, outcome);
    }
    // A long PDF goes in windows, unless the whole document's result or job is known (a run
    // before windows existed, or with --window-pages 0): what was paid for is used.
    if matches!(
        known(run, &key, legacy.as_ref(), &task.document.source, task.lost),
        Known::Nothing | Known::Ended(_)
    ) && let Some(windows) = windows::windows_of(run, &task, &key)
    {
        if let Err(err) = create::check_before_paying(&task.document.source) {
            return report_error(run, sender, &task.document, None, err);
        }
        return in_windows(run, sender, task, &key, windows);
    }
    obtain(run, sender, task, key, legacy.as_ref());
}

/// Parses the document in `windows`, their creates through the gate, and reports it.
fn in_windows(run: &Run, sender: &Sender<Event>, task: Task, key: &str, windows: Vec<Window>) {
    let deadline = task.since.unwrap_or_else(|| run.once.clock.now()) + run.timeout;
    let send =
        |configuration: &Map<String, Value>, source: &Source| send(run, deadline, configuration, source);
    match windows::parse(run, &task, key, windows, &send) {
        Ok(outcome) => run.report(sender, outcome),
        // The run stopped (Ctrl-C): its windows' jobs run on, and the next run takes them up.
        Err(_) if run.stopped() => run.report(sender, Outcome::new(&task.document, "RUNNING")),
        Err(err) => fail_document(run, sender, &task.document, err),
    }
}

/// What this run, the store and the manifest know of the document's result that may be used
/// now. After its job was lost (`lost`), the manifest's job is not taken again.
fn known(run: &Run, key: &str, legacy: Option<&Legacy>, source: &Source, lost: u32) -> Known {
    if let Some(job_id) = lock(&run.jobs).get(key) {
        return Known::Running(job_id.clone());
    }
    if run.force {
        return run.once.in_flight(key, run.kind);
    }
    match run.once.usable(key, run.kind, source) {
        Known::Nothing if lost == 0 && !matches!(source, Source::Url(_)) => run
            .manifest
            .job_of(key)
            .or_else(|| legacy.and_then(|legacy| run.manifest.legacy_job_of(legacy)))
            .map_or(Known::Nothing, |job| Known::Completed(job.to_string())),
        known => known,
    }
}

/// The document's result from what is known, or its job found or created and handed to the
/// poller.
fn obtain(run: &Run, sender: &Sender<Event>, task: Task, key: String, legacy: Option<&Legacy>) {
    let known_now = known(run, &key, legacy, &task.document.source, task.lost);
    // A create another machine sent and has not recorded the answer of yet: that machine decides
    // about the document now. Taken again once every other document was, without asking.
    if run.may_defer()
        && matches!(known_now, Known::Unanswered(_))
        && let Some(remote) = &run.once.remote
        && remote.entry(&key).is_some_and(|entry| !entry.intents.is_empty())
        && !matches!(run.once.known_here(&key, run.kind), Known::Unanswered(_))
    {
        remote.unread(&key);
        return run.defer(Task {
            key: Some(key),
            ..task
        });
    }
    // Its job exists (another run's or machine's): followed, with nothing to decide or claim.
    let running = match &known_now {
        Known::Running(job_id) => Some(job_id.clone()),
        _ => None,
    };
    if from_known(run, sender, &task, &key, known_now) {
        return;
    }
    if !run.slots.take(|| run.stopped()) {
        // Stopped before it started: the next run takes it.
        return;
    }
    let (job_id, paid, resumed) = if let Some(job_id) = running {
        (job_id, false, true)
    } else {
        // One decision per result key at a time, in this run and across runs: a second document
        // with the same bytes follows the job the first one made.
        let _deciding = run.decide(&key);
        // Another machine deciding about it: taken again once every other document was.
        let claim = run.once.claiming(&key, &task.document.name(), !run.may_defer());
        let _claim = match claim {
            Ok(Claim::Busy) => {
                run.slots.give();
                return run.defer(Task {
                    key: Some(key),
                    ..task
                });
            }
            Ok(claim) => claim,
            Err(err) => {
                run.slots.give();
                run.fail(&err);
                return report_error(run, sender, &task.document, None, err);
            }
        };
        let unanswered = match known(run, &key, legacy, &task.document.source, task.lost) {
            Known::Running(job_id) => Some(Ok((job_id, false))),
            Known::Unanswered(intents) => Some(Err(intents)),
            Known::Ended(_) | Known::Nothing => Some(Err(Vec::new())),
            known @ (Known::Stored { .. } | Known::Completed(_)) => {
                run.slots.give();
                from_known(run, sender, &task, &key, known);
                None
            }
        };
        let made = match unanswered {
            None => return,
            Some(Ok((job_id, _))) => (job_id, false, true),
            Some(Err(intents)) => match create(run, &task, &key, &intents) {
                Ok((job_id, created)) => {
                    if created {
                        run.made(&job_id);
                    }
                    (job_id, created, !created)
                }
                Err(err) => {
                    run.slots.give();
                    return create_failed(run, sender, task, key, err);
                }
            },
        };
        if run.once.store.is_none() || run.force {
            // Before the next document with the same bytes decides: it follows this job.
            lock(&run.jobs).insert(key.clone(), made.0.clone());
        }
        made
    };
    let uploaded = match (&task.document.source, paid) {
        (Source::File(path), true) => std::fs::metadata(path).map_or(0, |m| m.len()),
        _ => 0,
    };
    let followed = Followed {
        job_id,
        key,
        members: vec![Member {
            document: task.document,
            paid,
            uploaded,
            lost: task.lost,
        }],
    };
    run.poller.follow(run, sender, followed, resumed);
}

/// Takes the result from what is known when it can (`true`): written from the store, or fetched
/// from a job known to have completed.
fn from_known(run: &Run, sender: &Sender<Event>, task: &Task, key: &str, known: Known) -> bool {
    match known {
        Known::Stored { path, job_id } => {
            let document = &task.document;
            let mut outcome = Outcome::new(document, run.reused(&job_id));
            outcome.job_id = Some(job_id.clone());
            let failed = run.once.failed_pages(key, run.kind);
            // With --escalate: its escalation too (found where it was recorded, else made now).
            let deadline = run.once.clock.now() + run.timeout;
            let send = |c: &Map<String, Value>, s: &Source| send(run, deadline, c, s);
            let escalated = match escalation::escalate(run, (key, &job_id), &path, &failed, document, &send) {
                Ok(escalated) => escalated,
                Err(err) => {
                    fail_document(run, sender, document, err);
                    return true;
                }
            };
            let failed = escalated.as_ref().map_or(failed, |e| e.failed.clone());
            let result = escalated.as_ref().map_or(path.as_path(), |e| e.file.path());
            let line = escalated.as_ref().map(|e| e.line_for(true));
            let made = Made {
                job_id: &job_id,
                failed: &failed,
                credits: None,
                version: None,
                escalation: line.as_ref(),
            };
            match write_output(run, document, key, result, &made) {
                Ok(saved) => {
                    outcome.not_escalated = escalation::not_escalated(run, document, &failed);
                    outcome.escalation = line;
                    outcome.saved = saved;
                    outcome.output = Some(document.output().display().to_string());
                    outcome.failed_pages = failed;
                    outcome.credits = Some(0.into());
                }
                Err(err) => {
                    outcome.status = "ERROR".into();
                    outcome.failure = Some(err);
                }
            }
            run.report(sender, outcome);
            true
        }
        Known::Completed(job_id) => {
            let followed = Followed {
                job_id,
                key: key.to_string(),
                members: vec![Member {
                    document: task.document.clone(),
                    paid: false,
                    uploaded: 0,
                    lost: task.lost,
                }],
            };
            run.ended.push((followed, None));
            true
        }
        _ => false,
    }
}

/// Finds the job of an unanswered create by its token, or creates one (its intent on disk
/// first). Returns its id and whether it was created now.
fn create(
    run: &Run,
    task: &Task,
    key: &str,
    intents: &[crate::store::Intent],
) -> Result<(String, bool), Error> {
    sources::check(&task.document.source)?;
    create::check_before_paying(&task.document.source).map_err(|err| Error::failure(err.to_string()))?;
    if task.seen.is_some() && stat(&task.document.source) != task.seen {
        return Err(Error::failure(format!(
            "{} changed since it was read: not uploaded (run again once it is complete)",
            neutralize(&task.document.name())
        )));
    }
    let deadline = task.since.unwrap_or_else(|| run.once.clock.now()) + run.timeout;
    let send =
        &|configuration: &Map<String, Value>, source: &Source| send(run, deadline, configuration, source);
    once::job_for(
        &run.once,
        run.session,
        key,
        &task.document.source,
        &run.configuration,
        intents,
        send,
    )
}

/// Sends one create through the gate. One the server provably did not take in is sent again:
/// after a 429 once the wait the server asked for has passed (until the document's deadline),
/// after no connection or a 503 with a growing pause (the API is away).
pub(super) fn send(
    run: &Run,
    deadline: SystemTime,
    configuration: &Map<String, Value>,
    source: &Source,
) -> Result<Created, Error> {
    let mut rounds = 0;
    loop {
        nap(run, run.pause());
        let permit = run.gate.enter();
        let hits = run.throttle.hits(Lane::Change);
        let result = create::send_create(run.session, configuration, source);
        if run.throttle.hits(Lane::Change) > hits {
            permit.throttled();
        } else if result.is_ok() {
            permit.through();
        }
        drop(permit);
        let err = match result {
            Ok(created) => {
                run.health.answered(&run.once);
                return Ok(created);
            }
            Err(err) => err,
        };
        let not_taken = matches!(&err, Error::Api(api) if api.may_pass() && !api.may_have_acted());
        if !not_taken || run.stopped() {
            return Err(err);
        }
        if busy(&err) {
            if run.once.clock.now() >= deadline {
                return Err(err);
            }
        } else {
            if run.trouble(&err) {
                return Err(err);
            }
            rounds += 1;
            if rounds > MAX_ROUNDS {
                return Err(err);
            }
        }
    }
}

/// A create failed for good, or its answer was lost. With the result store or the manifest's
/// record of its token, a lost answer goes back to be looked for by its token (the API may be away); a refused key or an organization
/// out of credits ends the run.
fn create_failed(run: &Run, sender: &Sender<Event>, mut task: Task, key: String, err: Error) {
    if let Some(limit) = windows::refused_as_too_long(run, &task.document.source, &err.to_string()) {
        task.too_long = Some((limit, err.to_string()));
        task.key = Some(key);
        return handle(run, sender, task);
    }
    let passing = matches!(err.root(), Error::Api(api) if api.may_pass());
    if !refused(&err) && passing && run.once.records() && task.rounds < MAX_ROUNDS && !run.stopped() {
        run.trouble(&err);
        task.rounds += 1;
        task.key = Some(key);
        run.again(task);
        return;
    }
    fail_document(run, sender, &task.document, err);
}

/// The document fails with `err`: a refused key or an organization out of credits ends the run,
/// as a file that cannot be written does.
pub(super) fn fail_document(run: &Run, sender: &Sender<Event>, document: &Document, err: Error) {
    if refused(&err) {
        let message = err.to_string();
        run.abort(err);
        return report_error(run, sender, document, None, Error::failure(message));
    }
    if matches!(err.root(), Error::Io(_)) {
        run.fail(&err);
    }
    report_error(run, sender, document, None, err);
}

fn report_error(run: &Run, sender: &Sender<Event>, document: &Document, job_id: Option<String>, err: Error) {
    // Not started because the budget is reached: left for a run with a larger one.
    let status = match err.root() {
        Error::BudgetReached(_) => "LEFT",
        _ => "ERROR",
    };
    let mut outcome = Outcome::new(document, status);
    outcome.job_id = job_id;
    outcome.failure = Some(err);
    run.report(sender, outcome);
}

#[cfg(test)]
mod tests;
