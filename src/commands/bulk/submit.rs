//! The workers of a bulk run: each takes the next document, creates its job (or finds it in the
//! manifest), waits for the poller to see it end and writes its result; creates in flight are
//! bounded by a gate that halves after a 429.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};

use crate::api::models::{Job, is_final};
use crate::commands::bulk::poll::STOP_CHECK;
use crate::commands::bulk::report::Outcome;
use crate::commands::bulk::results::write_result;
use crate::commands::bulk::shared::Shared;
use crate::commands::bulk::sources::Document;
use crate::commands::create::{self, Source, check_source};
use crate::commands::wait;
use crate::error::Error;
use crate::text::neutralize;

/// Creates answered 429 (after the client's own retries) are tried again this many times.
const THROTTLED_ROUNDS: u32 = 10;

/// A worker: takes the next document until there are none or the run is stopped.
pub(super) fn work(shared: &Shared, documents: &[Document], sender: &Sender<Outcome>) {
    while !shared.stopped() {
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(document) = documents.get(index) else {
            return;
        };
        let outcome = parse_one(shared, document);
        if sender.send(outcome).is_err() {
            return;
        }
    }
}

/// One document: skipped if done, else its job created (or found in the manifest), waited for
/// and its result written.
pub(super) fn parse_one(shared: &Shared, document: &Document) -> Outcome {
    let mut outcome = Outcome {
        source: document.name.clone(),
        job_id: None,
        status: "ERROR".into(),
        output: None,
        failure: None,
        uploaded: 0,
    };
    let previous = shared
        .previous
        .get(&document.name)
        .filter(|r| !shared.force && r.fingerprint == document.fingerprint);
    if let Some(done) =
        previous.filter(|r| r.status.as_deref() == Some("COMPLETED") && document.output.exists())
    {
        outcome.status = "SKIPPED".into();
        outcome.job_id = done.job_id.clone();
        outcome.output = Some(document.output.display().to_string());
        return outcome;
    }
    // A job that was running when the last run stopped is waited for, not paid for again.
    let resumed = previous
        .filter(|r| r.status.as_deref().is_none_or(|s| !is_final(s)))
        .and_then(|r| r.job_id.clone());
    let result = match resumed {
        Some(id) => Ok(id),
        None => create_job(shared, document).inspect(|_| {
            if let Source::File(path) = &document.source {
                outcome.uploaded = std::fs::metadata(path).map_or(0, |m| m.len());
            }
        }),
    };
    let job_id = match result {
        Ok(id) => id,
        Err(err) => return failed(outcome, err),
    };
    outcome.job_id = Some(job_id.clone());
    let last = match wait_for(shared, &job_id) {
        Ok(Some(last)) => last,
        Ok(None) => {
            outcome.status = "RUNNING".into();
            return outcome;
        }
        Err(err) => return failed(outcome, err),
    };
    let status = last.status().unwrap_or_default().to_string();
    outcome.status.clone_from(&status);
    if status != "COMPLETED" {
        outcome.failure = crate::commands::parsing::ended_badly(&job_id, &last);
        let _ = shared
            .manifest
            .append(&document.record(job_id, Some(status), None));
        return outcome;
    }
    if let Err(err) = write_result(shared, &job_id, &document.output) {
        outcome.status = "ERROR".into();
        return failed(outcome, err);
    }
    outcome.output = Some(document.output.display().to_string());
    if let Err(err) = shared
        .manifest
        .append(&document.record(job_id, Some(status), outcome.output.clone()))
    {
        return failed(outcome, err);
    }
    outcome
}

pub(super) fn failed(mut outcome: Outcome, err: Error) -> Outcome {
    outcome.failure = Some(err);
    outcome
}

/// Creates the document's job and records it at once. A create the server throttled is tried
/// again after the wait it asked for; the number of creates in flight shrinks after a 429 and
/// grows back as creates go through.
pub(super) fn create_job(shared: &Shared, document: &Document) -> Result<String, Error> {
    // A file that cannot be read fails alone (exit 1), not the run.
    check_source(&document.source).map_err(|err| match err {
        Error::Usage(message) => Error::Failure(message),
        other => other,
    })?;
    let mut rounds = 0;
    loop {
        let _permit = shared.gate.enter();
        let hits = shared.throttle.hits();
        let result = create::send_create(shared.session, &shared.configuration, &document.source);
        if shared.throttle.hits() > hits {
            shared.gate.narrow();
        } else {
            shared.gate.widen();
        }
        match result {
            Ok(created) => {
                let id = created.id().to_string();
                shared.manifest.append(&document.record(id.clone(), None, None))?;
                return Ok(id);
            }
            Err(Error::Api(err))
                if rounds < THROTTLED_ROUNDS
                    && err.status_error().is_some_and(|s| s.status.as_u16() == 429)
                    && !shared.stopped() =>
            {
                rounds += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Waits for the shared poller to see the job end; `None` when the run is stopped first.
pub(super) fn wait_for(shared: &Shared, job_id: &str) -> Result<Option<Job>, Error> {
    let (sender, receiver) = mpsc::channel();
    shared.poller.register(job_id, sender, shared.clock.now());
    let deadline = shared.clock.now() + shared.timeout;
    let outcome = loop {
        if shared.stopped() {
            break Ok(None);
        }
        match receiver.recv_timeout(STOP_CHECK) {
            Ok(Ok(job)) => break Ok(Some(job)),
            Ok(Err(message)) => break Err(Error::failure(message)),
            Err(RecvTimeoutError::Timeout) if shared.clock.now() >= deadline => {
                break Err(Error::failure(format!(
                    "gave up waiting after {}: job {} has not ended",
                    wait::human_duration(shared.timeout),
                    neutralize(job_id)
                )));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break Ok(None),
        }
    };
    shared.poller.forget(job_id);
    outcome
}
