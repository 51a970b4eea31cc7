//! What a bulk run says: a line per document (jsonl on stdout through the output destination,
//! a line for people on stderr above the progress bar), and the closing summary and exit.

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::destination::Sink;
use crate::output::job::human_size;
use crate::text::neutralize;

/// What happened to one document: a line of `--format jsonl`.
#[derive(Debug, Serialize)]
pub(super) struct Outcome {
    pub(super) source: String,
    pub(super) job_id: Option<String>,
    /// COMPLETED, FAILED, CANCELLED, SKIPPED (done before), RUNNING (left on a signal) or ERROR.
    pub(super) status: String,
    pub(super) output: Option<String>,
    /// Why it did not complete; written as its message.
    #[serde(rename = "error", serialize_with = "message_of")]
    pub(super) failure: Option<Error>,
    /// Bytes uploaded for it in this run.
    #[serde(skip)]
    pub(super) uploaded: u64,
}

/// `--format jsonl`'s `error`: the failure's message.
pub(super) fn message_of<S: serde::Serializer>(
    failure: &Option<Error>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match failure {
        Some(err) => serializer.serialize_some(&err.to_string()),
        None => serializer.serialize_none(),
    }
}

pub(super) fn progress(ctx: &Context, total: u64) -> ProgressBar {
    if !ctx.io.terminals.stderr {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents {msg} ({elapsed}, {per_sec})")
    {
        bar.set_style(style);
    }
    bar
}

/// Says what became of one document: a jsonl line on stdout, and for people a line on stderr
/// (above the progress bar on a terminal).
pub(super) fn report(
    ctx: &Context,
    outcomes: &[Outcome],
    jsonl: Option<&mut Sink>,
    bar: &ProgressBar,
) -> Result<(), Error> {
    let Some(outcome) = outcomes.last() else {
        return Ok(());
    };
    bar.inc(1);
    let failed = outcomes
        .iter()
        .filter(|o| !matches!(o.status.as_str(), "COMPLETED" | "SKIPPED" | "RUNNING"))
        .count();
    let uploaded: u64 = outcomes.iter().map(|o| o.uploaded).sum();
    bar.set_message(format!("{failed} failed, {} uploaded", human_size(uploaded)));
    if let Some(sink) = jsonl {
        let line = serde_json::to_string(outcome).map_err(|e| Error::failure(e.to_string()))?;
        sink.write_all(format!("{line}\n").as_bytes())?;
        sink.flush()?;
    }
    let source = neutralize(&outcome.source);
    let line = match (&outcome.output, &outcome.failure) {
        (_, Some(error)) => format!("{} {source}: {}", outcome.status, neutralize(&error.to_string())),
        (Some(output), None) => format!("{} {source} → {}", outcome.status, neutralize(output)),
        (None, None) => format!("{} {source}", outcome.status),
    };
    bar.suspend(|| ctx.io.stderr.line(&line));
    Ok(())
}

/// The closing lines, and the exit: 0 when every document is done, else that of the worst.
/// How the run ended.
pub(super) struct End<'a> {
    pub(super) total: usize,
    /// Why the run stopped creating (the store or the manifest could not be written).
    pub(super) fatal: Option<String>,
    pub(super) dir: &'a Path,
    pub(super) took: Duration,
    pub(super) signal: Option<i32>,
    pub(super) again: &'a str,
}

pub(super) fn summarize(ctx: &Context, outcomes: Vec<Outcome>, end: &End) -> Result<(), Error> {
    let (total, took) = (end.total, end.took);
    let count = |status: &str| outcomes.iter().filter(|o| o.status == status).count();
    let (completed, skipped, running) = (count("COMPLETED"), count("SKIPPED"), count("RUNNING"));
    let failed = outcomes.len() - completed - skipped - running;
    let dir = neutralize(&end.dir.display().to_string()).into_owned();
    if let Some(signal) = end.signal {
        ctx.io.stderr.line(&format!(
            "interrupted: {} done, {running} running (their jobs are in the result store), {} not started; \
             to go on: {}",
            completed + skipped,
            total - outcomes.len(),
            neutralize(end.again)
        ));
        return Err(Error::Interrupted { signal });
    }
    if let Some(fatal) = &end.fatal {
        let created: Vec<String> = outcomes
            .iter()
            .filter(|o| o.uploaded > 0 || o.status == "COMPLETED")
            .filter_map(|o| o.job_id.as_deref().map(|id| neutralize(id).into_owned()))
            .collect();
        ctx.io.stderr.line(&format!(
            "stopped creating jobs: {}; jobs created in this run: {} (run the same command again \
             once it can be written: they are not paid for twice)",
            neutralize(fatal),
            if created.is_empty() {
                "none".to_string()
            } else {
                created.join(", ")
            }
        ));
        return Err(Error::failure(neutralize(fatal).into_owned()));
    }
    ctx.io.stderr.line(&format!(
        "{total} document{} in {:.1} s: {completed} parsed, {skipped} already done, {failed} failed; results in {dir}",
        if total == 1 { "" } else { "s" },
        took.as_secs_f64()
    ));
    let errors: Vec<(String, Error)> = outcomes
        .into_iter()
        .filter_map(|o| o.failure.map(|err| (neutralize(&o.source).into_owned(), err)))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Several { of: total, errors })
    }
}
