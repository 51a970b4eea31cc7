//! `parse FILE --escalate TIER`: once the document's job has completed, its failed pages, or
//! empty ones where its PDF has text, parsed again on TIER as one more job over exactly those
//! pages (`escalate::job`: keyed, its intent before its create, reserved against
//! `--max-credits`, found again by a rerun), the better pages merged in place, and what was
//! done said on stderr. A document that cannot be escalated says so.

use std::sync::{Mutex, PoisonError};

use serde_json::{Map, Value};

use crate::api::document::FailedPage;
use crate::api::parse_jobs::Source;
use crate::context::Context;
use crate::error::Error;
use crate::parse::escalate::job::{self, Escalated, Escalating};
use crate::parse::fetch::Kept;
use crate::parse::plan as create;
use crate::signals::{self, LastWords};
use crate::text::neutralize;

use super::parsed::Document;

/// The document's result (of job `job_id`, `kept`, with the pages `failed`) with its failed or
/// empty pages escalated, when the run escalates: `None` when it does not, or nothing is to be
/// escalated (or can be: then a note says why its failed pages were not).
pub(super) fn escalated(
    document: &Document,
    ctx: &Context,
    kept: &Kept,
    job_id: &str,
    failed: &[FailedPage],
) -> Result<Option<Escalated>, Error> {
    let Some(tier) = document.escalate else {
        return Ok(None);
    };
    if let Some(why) = job::not_escalated(document.source, document.kind) {
        not_escalated(ctx, document.name, failed, why);
        return Ok(None);
    }
    let (shared, session) = (document.shared, document.session);
    let recorded = shared.records();
    // On a signal the first job's id goes to stdout, never into an `-o` file.
    let to_stdout = document.output.file().is_none();
    // The escalation's job, once created: named if the run fails or is stopped after it.
    let created = Mutex::new(None::<String>);
    let send = |configuration: &Map<String, Value>, source: &Source| {
        let sent = create::send_create(session, configuration, source);
        if let Ok(job) = &sent {
            *created.lock().unwrap_or_else(PoisonError::into_inner) = Some(job.id().to_string());
            signals::leave_last_words(interrupted((to_stdout, recorded), job_id, Some(job.id())));
        }
        sent
    };
    let escalating = Escalating {
        tier,
        kind: document.kind,
        configuration: document.configuration,
        shared,
        session,
        name: document.name,
        source: document.source,
        force: document.force,
        timeout: document.timeout,
        cancel: document.cancel,
        send: &send,
        halted: &|| false,
        jobs: None,
        slots: None,
    };
    signals::leave_last_words(interrupted((to_stdout, recorded), job_id, None));
    let escalated = job::escalate(&escalating, (document.key, job_id), kept.path(), failed);
    signals::forget_last_words();
    let created = created.into_inner().unwrap_or_else(PoisonError::into_inner);
    let escalated = escalated.inspect_err(|err| {
        // What was paid for is not lost: the escalation's job is named (its result is the
        // store's once it ends, unless --no-cache).
        if let Some(id) = created.as_deref().filter(|_| !err.is_broken_pipe()) {
            let again = match recorded {
                true => "run the same command again to go on (it is not paid for again)",
                false => "with --no-cache nothing was recorded: llamacloud parsing get ID",
            };
            ctx.io.stderr.line(&format!(
                "note: escalation job {} was created for {} in this run: {again}",
                neutralize(id),
                neutralize(document.name)
            ));
        }
    })?;
    if let Some(escalated) = &escalated {
        ctx.io.stderr.line(&said(document.name, escalated));
    }
    Ok(escalated)
}

/// `note: report.pdf: pages 2,3,4 parsed again on agentic (job J): 30 credits`, and the pages
/// it did not better.
fn said(name: &str, escalated: &Escalated) -> String {
    let line = &escalated.line;
    let pages = numbers(&line.pages);
    let cost = match line.credits.as_ref().and_then(serde_json::Number::as_f64) {
        Some(0.0) => "no credits (parsed before, not paid for again)".to_string(),
        Some(credits) => format!(
            "{} {}",
            crate::parse::spend::budget::format_credits(credits),
            if credits == 1.0 { "credit" } else { "credits" }
        ),
        None => "its credits not billed yet".to_string(),
    };
    let mut said = format!(
        "note: {}: {pages} parsed again on {} (job {}): {cost}",
        neutralize(name),
        neutralize(&line.tier),
        neutralize(&line.job_id)
    );
    if !line.still_failed.is_empty() {
        said.push_str(&format!(
            "; {} not bettered, kept as {}",
            numbers(&line.still_failed),
            if line.still_failed.len() == 1 {
                "it was"
            } else {
                "they were"
            }
        ));
    }
    said
}

/// `page 2`, `pages 2,3,4`.
fn numbers(pages: &[u64]) -> String {
    let listed: Vec<String> = pages.iter().map(u64::to_string).collect();
    let word = if pages.len() == 1 { "page" } else { "pages" };
    format!("{word} {}", listed.join(","))
}

/// Says that the document's `failed` pages were not escalated, and `why`.
pub(super) fn not_escalated(ctx: &Context, name: &str, failed: &[FailedPage], why: &str) {
    if failed.is_empty() {
        return;
    }
    let pages: Vec<&str> = failed.iter().map(|page| page.page_number.as_str()).collect();
    let word = if pages.len() == 1 { "page" } else { "pages" };
    ctx.io.stderr.line(&format!(
        "note: {}: {word} {} failed; not escalated: {why}",
        neutralize(name),
        pages.join(",")
    ));
}

/// What a signal during the escalation says: the first job (done: in the store, or with
/// --no-cache its id) and the escalation's, once created.
fn interrupted((to_stdout, recorded): (bool, bool), first: &str, escalation: Option<&str>) -> LastWords {
    let escalation = match escalation {
        Some(id) => format!("escalation job {} goes on", neutralize(id)),
        None => "its escalation was not created".to_string(),
    };
    let note = if recorded {
        format!(
            "interrupted; job {} is done and {escalation}: run the same command again (what is done is not paid for again)",
            neutralize(first)
        )
    } else {
        format!(
            "interrupted; job {} is done and {escalation}, but with --no-cache nothing was recorded: {} --format markdown",
            neutralize(first),
            crate::parse::job::get_command(first)
        )
    };
    LastWords {
        output_line: to_stdout.then(|| first.to_string()),
        file: None,
        note,
    }
}
