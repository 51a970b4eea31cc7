//! `--escalate TIER` in a bulk run: after a document's job completed, its failed or empty pages
//! parsed again on TIER as one job (`escalate::job`, through the window machinery, its creates
//! through the run's gate and slots), and the merged result handed to the write step in place
//! of the first. Used by the fetchers (a job that completed now) and the submitters (a result
//! already had: the escalation is then found in the store or OUT's manifest, and costs nothing).

use std::path::Path;

use crate::api::document::FailedPage;
use crate::error::Error;
use crate::parse::bulk::run::Run;
use crate::parse::bulk::sources::Document;
use crate::parse::bulk::windows::{RunJobs, RunSlots};
use crate::parse::escalate::job::{self, Escalating};
use crate::parse::window::run::SendCreate;

use crate::parse::escalate::job::Escalated;

/// Escalates the pages of `document`'s result (of job `job_id` under `key`, at `result`, with
/// the pages `failed`) that came back failed or empty, when the run escalates: `None` when it
/// does not, or nothing is to be escalated. Its create is sent by `send` (through the run's
/// gate).
pub(super) fn escalate(
    run: &Run,
    (key, job_id): (&str, &str),
    result: &Path,
    failed: &[FailedPage],
    document: &Document,
    send: SendCreate,
) -> Result<Option<Escalated>, Error> {
    let Some(tier) = run.escalate else {
        return Ok(None);
    };
    let name = document.name().into_owned();
    let escalating = Escalating {
        tier,
        kind: run.kind,
        configuration: &run.configuration,
        shared: &run.once,
        session: run.session,
        name: &name,
        source: &document.source,
        force: run.force,
        timeout: run.timeout,
        cancel: run.cancel_on_timeout,
        send,
        halted: &|| run.stopped(),
        jobs: Some(&RunJobs(run)),
        slots: Some(&RunSlots(run)),
    };
    job::escalate(&escalating, (key, job_id), result, failed)
}

/// Why the run does not escalate the failed pages of `document` (a URL), for its line: `None`
/// when the run does not escalate, or the document can be.
pub(super) fn not_escalated(run: &Run, document: &Document, failed: &[FailedPage]) -> Option<&'static str> {
    if run.escalate.is_none() || failed.is_empty() {
        return None;
    }
    job::not_escalated(&document.source, run.kind)
}
