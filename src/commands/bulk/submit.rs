//! The workers of a bulk run: each takes the next result key (the documents with the same
//! bytes go together: one job for all of them), skips what the output directory already holds,
//! takes the result from the store or the completed job when it can, and otherwise finds or
//! creates the job, waits for the poller to see it end, and writes the result to every
//! document's path. Creates in flight are bounded by a gate that halves after a 429.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};

use serde_json::{Map, Value};

use crate::api::models::{Created, Job};
use crate::api::parse_jobs::{self, Expand};
use crate::commands::bulk::poll::STOP_CHECK;
use crate::commands::bulk::report::Outcome;
use crate::commands::bulk::results::write_output;
use crate::commands::bulk::shared::Shared;
use crate::commands::bulk::sources;
use crate::commands::bulk::sources::Document;
use crate::commands::create::{self, Source};
use crate::commands::once::{self, Fetch, Known};
use crate::commands::{parsing, wait};
use crate::error::Error;
use crate::text::neutralize;

/// Creates answered 429 (after the client's own retries) are tried again this many times.
const THROTTLED_ROUNDS: u32 = 10;

/// The documents of one result key.
pub(super) struct Work {
    pub(super) key: String,
    pub(super) documents: Vec<Document>,
}

/// A worker: takes the next result key until there are none or the run is stopped.
pub(super) fn work(shared: &Shared, works: &[Work], sender: &Sender<Outcome>) {
    while !shared.stopped() {
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(work) = works.get(index) else {
            return;
        };
        for outcome in parse_one(shared, work) {
            if sender.send(outcome).is_err() {
                return;
            }
        }
    }
}

fn outcome(document: &Document, status: &str) -> Outcome {
    Outcome {
        source: document.name.clone(),
        job_id: None,
        status: status.into(),
        output: None,
        failure: None,
        uploaded: 0,
    }
}

/// One result key: an outcome for each of its documents.
fn parse_one(shared: &Shared, work: &Work) -> Vec<Outcome> {
    let mut done = Vec::new();
    // Another run working on the same bytes is waited for; then its result is ours too.
    let _claim = match shared.once.claim(&work.key, &work.documents[0].name) {
        Ok(claim) => claim,
        Err(err) => {
            shared.fail(&err);
            return work
                .documents
                .iter()
                .map(|document| {
                    let mut failed = outcome(document, "ERROR");
                    failed.failure = Some(Error::failure(err.to_string()));
                    failed
                })
                .collect();
        }
    };
    let mut todo: Vec<&Document> = Vec::new();
    for document in &work.documents {
        match shared.manifest.ours(&document.relative) {
            Some(written) if !shared.force && written.key == work.key => {
                let mut skipped = outcome(document, "SKIPPED");
                skipped.job_id = Some(written.job_id.clone());
                skipped.output = Some(document.output.display().to_string());
                done.push(skipped);
            }
            // Ours (an older result): replaced.
            Some(_) => todo.push(document),
            None if let Some(job_id) = adopt(shared, &work.key, document) => {
                let mut skipped = outcome(document, "SKIPPED");
                skipped.job_id = Some(job_id);
                skipped.output = Some(document.output.display().to_string());
                done.push(skipped);
            }
            None if document.output.symlink_metadata().is_ok() => {
                // Never destroy: a file this tool did not write stays, and costs nothing.
                let mut refused = outcome(document, "ERROR");
                refused.failure = Some(Error::failure(format!(
                    "{} exists and was not written by llamacloud: move it away, or choose another --output-dir",
                    neutralize(&document.output.display().to_string())
                )));
                done.push(refused);
            }
            None => todo.push(document),
        }
    }
    let Some(first) = todo.first() else {
        return done;
    };
    let mut uploaded = 0;
    let mut result = obtain(shared, &work.key, &first.source, &mut uploaded);
    for (n, document) in todo.iter().enumerate() {
        let mut this = outcome(document, "ERROR");
        if n == 0 {
            this.uploaded = uploaded;
        }
        match &mut result {
            Ok(Obtained::Result { job_id, path, paid }) => {
                this.job_id = Some(job_id.clone());
                match write_output(shared, document, &work.key, job_id, path.path()) {
                    Ok(()) => {
                        this.status = if *paid && n == 0 { "COMPLETED" } else { "SKIPPED" }.into();
                        this.output = Some(document.output.display().to_string());
                    }
                    Err(err) => this.failure = Some(err),
                }
            }
            Ok(Obtained::Ended {
                job_id,
                status,
                message,
            }) => {
                this.job_id = Some(job_id.clone());
                this.status.clone_from(status);
                this.failure = Some(Error::JobEnded {
                    job_id: neutralize(job_id).into_owned(),
                    status: neutralize(status).into_owned(),
                    message: message.clone(),
                });
            }
            Ok(Obtained::Left(job_id)) => {
                this.job_id = job_id.clone();
                this.status = "RUNNING".into();
            }
            Err(failure) => {
                this.job_id = failure.job_id.clone();
                // The first document has the error itself (its exit code); the others its words.
                this.failure = Some(match failure.error.take() {
                    Some(err) => err,
                    None => Error::failure(failure.message.clone()),
                });
            }
        }
        done.push(this);
    }
    done
}

/// Why a result key failed: its job (if any), the error (taken by the first document), and its
/// words for the others.
struct Failure {
    job_id: Option<String>,
    error: Option<Error>,
    message: String,
}

/// A result this tool wrote whose manifest line was lost (a crash between the rename and the
/// record, a torn or deleted manifest): the file holds exactly the stored result, so it is
/// recorded again as ours. Returns the job that made it.
fn adopt(shared: &Shared, key: &str, document: &Document) -> Option<String> {
    let Known::Stored { path, job_id } = shared.once.known(key, shared.kind) else {
        return None;
    };
    let (ours, _) = crate::store::key::hash_file(&path).ok()?;
    let (theirs, _) = crate::store::key::hash_file(&document.output).ok()?;
    if ours != theirs {
        return None;
    }
    let written = crate::commands::bulk::manifest::Written {
        output: document.relative.clone(),
        source: document.name.clone(),
        key: key.to_string(),
        job_id: job_id.clone(),
        bytes: 0,
        modified_ns: 0,
        hash: theirs,
    };
    shared.manifest.append(written, &document.output).ok()?;
    Some(job_id)
}

/// What became of a result key.
enum Obtained {
    /// The result file, and whether a job was paid for it in this run.
    Result {
        job_id: String,
        path: once::Kept,
        paid: bool,
    },
    /// The job ended FAILED or CANCELLED.
    Ended {
        job_id: String,
        status: String,
        message: Option<String>,
    },
    /// The run stopped while the job (if any) was running.
    Left(Option<String>),
}

/// The result for `key`: from the store, the completed job, or a job found or created now.
fn obtain(shared: &Shared, key: &str, source: &Source, uploaded: &mut u64) -> Result<Obtained, Failure> {
    let mut known = if shared.force {
        Known::Nothing
    } else {
        match shared.once.usable(key, shared.kind, source) {
            Known::Nothing if !matches!(source, Source::Url(_)) => shared
                .manifest
                .job_of(key)
                .map_or(Known::Nothing, |job| Known::Completed(job.to_string())),
            known => known,
        }
    };
    let session = shared.session;
    let send = &|configuration: &Map<String, Value>, source: &Source| send(shared, configuration, source);
    for _ in 0..2 {
        let (job_id, paid, completed) = match known {
            Known::Stored { path, job_id } => {
                return Ok(Obtained::Result {
                    job_id,
                    path: once::Kept::Stored(path),
                    paid: false,
                });
            }
            Known::Completed(job_id) => (job_id, false, true),
            Known::Running(job_id) => (job_id, false, false),
            Known::Unanswered(intents) => {
                check(shared, source)?;
                let (job_id, created) = once::job_for(
                    &shared.once,
                    session,
                    key,
                    source,
                    &shared.configuration,
                    &intents,
                    send,
                )
                .map_err(|err| failed(shared, None, err))?;
                (job_id, created, false)
            }
            Known::Ended(_) | Known::Nothing => {
                check(shared, source)?;
                let (job_id, _) = once::job_for(
                    &shared.once,
                    session,
                    key,
                    source,
                    &shared.configuration,
                    &[],
                    send,
                )
                .map_err(|err| failed(shared, None, err))?;
                (job_id, true, false)
            }
        };
        if paid && let Source::File(path) = source {
            *uploaded = std::fs::metadata(path).map_or(0, |m| m.len());
        }
        if !completed {
            // A job from an earlier run may be gone: asked for once before it is waited on.
            if !paid && gone(shared, &job_id) {
                shared
                    .once
                    .gone(key, &job_id)
                    .map_err(|err| failed(shared, Some(&job_id), err))?;
                known = Known::Nothing;
                continue;
            }
            let last = match wait_for(shared, &job_id) {
                Ok(Some(last)) => last,
                Ok(None) => return Ok(Obtained::Left(Some(job_id))),
                Err(err) => return Err(failed(shared, Some(&job_id), err)),
            };
            let status = last.status().unwrap_or_default().to_string();
            shared
                .once
                .ended(key, &job_id, &status)
                .map_err(|err| failed(shared, Some(&job_id), err))?;
            if parsing::ended_badly(&job_id, &last).is_some() {
                return Ok(Obtained::Ended {
                    job_id,
                    status,
                    message: last.error_message().map(|m| neutralize(m).into_owned()),
                });
            }
        }
        match once::fetch_result(&shared.once, session, key, &job_id, shared.kind) {
            Ok(path) => return Ok(Obtained::Result { job_id, path, paid }),
            Err(Fetch::Gone) => {
                shared
                    .once
                    .gone(key, &job_id)
                    .map_err(|err| failed(shared, Some(&job_id), err))?;
                known = Known::Nothing;
            }
            Err(Fetch::Failed(err)) => return Err(failed(shared, Some(&job_id), err)),
        }
    }
    Err(failed(
        shared,
        None,
        Error::failure("the API lost the new job as well"),
    ))
}

/// A file that cannot be read (any more) fails alone, not the run.
fn check(shared: &Shared, source: &Source) -> Result<(), Failure> {
    sources::check(source).map_err(|err| failed(shared, None, err))
}

/// The error of a document; a store or manifest that cannot be written stops the run.
fn failed(shared: &Shared, job_id: Option<&str>, err: Error) -> Failure {
    if matches!(err.root(), Error::Io(_)) {
        shared.fail(&err);
    }
    Failure {
        job_id: job_id.map(str::to_string),
        message: err.to_string(),
        error: Some(err),
    }
}

/// Whether the server no longer knows `job_id` (asked once, bare).
fn gone(shared: &Shared, job_id: &str) -> bool {
    let session = shared.session;
    matches!(
        parse_jobs::get(&session.client, &session.scope, job_id, &Expand::default(), None),
        Err(err) if err.status_error().is_some_and(|s| s.status.as_u16() == 404)
    )
}

/// Sends one create through the gate. A create the server throttled is tried again after the
/// wait it asked for; the number of creates in flight shrinks after a 429 and grows back as
/// creates go through.
fn send(shared: &Shared, configuration: &Map<String, Value>, source: &Source) -> Result<Created, Error> {
    let mut rounds = 0;
    loop {
        let _permit = shared.gate.enter();
        let hits = shared.throttle.hits();
        let result = create::send_create(shared.session, configuration, source);
        if shared.throttle.hits() > hits {
            shared.gate.narrow();
        } else {
            shared.gate.widen();
        }
        match result {
            Err(Error::Api(err))
                if rounds < THROTTLED_ROUNDS
                    && err.status_error().is_some_and(|s| s.status.as_u16() == 429)
                    && !shared.stopped() =>
            {
                rounds += 1;
            }
            other => return other,
        }
    }
}

/// Waits for the shared poller to see the job end; `None` when the run is stopped first.
fn wait_for(shared: &Shared, job_id: &str) -> Result<Option<Job>, Error> {
    let clock = &shared.once.clock;
    let (sender, receiver) = mpsc::channel();
    shared.poller.register(job_id, sender, clock.now());
    let deadline = clock.now() + shared.timeout;
    let outcome = loop {
        if shared.stopped() {
            break Ok(None);
        }
        match receiver.recv_timeout(STOP_CHECK) {
            Ok(Ok(job)) => break Ok(Some(job)),
            Ok(Err(message)) => break Err(Error::failure(message)),
            Err(RecvTimeoutError::Timeout) if clock.now() >= deadline => {
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
