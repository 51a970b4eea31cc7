//! One job followed to its end: waited for on the SDKs' cadence (`wait`), given up on and
//! cancelled when asked, and shown — its record, or its document streamed to the output; a
//! created job's id given to the user whatever fails (`name_created`).

use std::io::Write as _;
use std::time::Duration;

use crate::api::models::{Job, Part};
use crate::api::parse_jobs::{self, Expand};
use crate::cli::{Format, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::destination::Destination;
use crate::output::document;
use crate::output::style::{Shape, Style};
use crate::parse::{fetch, wait};
use crate::session::Session;
use crate::text::{neutralize, shell_quote};

/// The output of a command that prints one job: markdown or text (the document, streamed), or
/// the job response in any other format.
pub fn job_output(
    global: &GlobalArgs,
    ctx: &Context,
    command: &str,
) -> Result<(Output, Option<Part>), Error> {
    let part = match global.format() {
        Format::Markdown => Some(Part::Markdown),
        Format::Text => Some(Part::Text),
        _ => None,
    };
    let output = match part {
        Some(_) => Output::plain(global, ctx, command)?,
        None => Output::choose(
            global,
            ctx,
            Shape::Record { raw: true },
            command,
            &[Format::Markdown, Format::Text],
        )?,
    };
    Ok((output, part))
}

/// Which job to show, and how.
pub struct View<'a> {
    pub job_id: &'a str,
    pub expand: Vec<&'a str>,
    pub image_filenames: Option<&'a str>,
    /// Wait (at most this long) until the job has ended.
    pub wait: Option<Duration>,
    /// Cancel the job if it has not ended by then.
    pub cancel: bool,
}

/// Fetches the job (after waiting, if asked) and prints it to `output`, or streams its `part`.
/// A job that ends FAILED or CANCELLED is printed (unless a part was asked for) and is a
/// `JobEnded` error.
pub fn show(
    session: &Session,
    output: Output,
    part: Option<Part>,
    view: &View,
    ctx: &mut Context,
) -> Result<(), Error> {
    let job_id = view.job_id;
    let mut expand = Expand {
        parts: view
            .expand
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect(),
        image_filenames: view.image_filenames,
    };
    if let Some(part) = part
        && !expand.parts.contains(&part.expand())
    {
        expand.parts.push(part.expand());
    }

    let mut polled = None;
    if let Some(timeout) = view.wait {
        let last = wait_until_ended(session, job_id, timeout, view.cancel, ctx)?;
        if let Some(ended) = ended_badly(job_id, &last) {
            // The job as it ended is still printed, except where content was asked for.
            if part.is_none() {
                output.print(ctx, &last)?;
            }
            return Err(ended);
        }
        polled = expand.is_bare().then_some(last);
    }
    let (client, scope) = (&session.client, &session.scope);
    if let Some(part) = part {
        let open = || output.open(ctx);
        let (sink, written) =
            fetch::stream_document(session, job_id, &expand, part, output.to_terminal(), open)?;
        sink.commit()?;
        let stderr = &ctx.io.stderr;
        if !written.out_of_order.is_empty() {
            stderr.line(&format!(
                "warning: the server sent page(s) {} out of order; they are written where they came",
                written.out_of_order.join(", ")
            ));
        }
        document::warn_failed(stderr, &written.failed);
        return Error::partial(job_id, &written.failed);
    }
    if let Some(job) = polled {
        return output.print(ctx, &job);
    }
    match output.style {
        Style::Raw if !output.has_jq() => {
            // The server's bytes, copied through as they arrive.
            let mut response = parse_jobs::stream(client, scope, job_id, &expand)?;
            let mut sink = output.open(ctx)?;
            document::copy_through(&mut response.body, &mut sink)?;
            sink.commit()
        }
        Style::Table if !output.has_jq() => {
            // The summary needs the job and counts: it is built while the response streams in.
            let summary = parse_jobs::summary(client, scope, job_id, &expand)?;
            output.print(ctx, &summary)
        }
        _ => {
            let job = parse_jobs::get(client, scope, job_id, &expand, None)?;
            output.print(ctx, &job)
        }
    }
}

/// Polls the bare job until it has ended; expanded content is asked for once, afterwards. A job
/// that has not ended by `timeout` is given up on (`give_up`): cancelled with `cancel`
/// (`--cancel-on-timeout`), else left running.
pub(super) fn wait_until_ended(
    session: &Session,
    job_id: &str,
    timeout: Duration,
    cancel: bool,
    ctx: &Context,
) -> Result<Job, Error> {
    let get = |deadline| {
        Ok(parse_jobs::get(
            &session.client,
            &session.scope,
            job_id,
            &Expand::default(),
            Some(deadline),
        )?)
    };
    match wait::until_final(&*ctx.clock, ctx.io.terminals.stderr, job_id, timeout, get) {
        Err(Error::WaitedOut { message, .. }) => Err(give_up(session, job_id, &message, cancel, None).into()),
        waited => waited,
    }
}

/// A job given up on at its deadline: what is said of it, and whether it was cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaveUp {
    pub message: String,
    pub cancelled: bool,
}

impl From<GaveUp> for Error {
    fn from(gave_up: GaveUp) -> Self {
        Error::WaitedOut {
            message: gave_up.message,
            cancelled: gave_up.cancelled,
        }
    }
}

/// Gives up on job `job_id`, which did not end in time: with `cancel` (`--cancel-on-timeout`)
/// it is cancelled, once; else it runs on. `waited` says how long was waited and what the job
/// last was (`gave up waiting after 2s: job … is still RUNNING`); `runs_on`, what becomes of a
/// job left running (a bulk run: `the next run waits for it`). The one wording of a job given up
/// on, for `parse`, `parsing create|get --wait` and the bulk poller.
pub(super) fn give_up(
    session: &Session,
    job_id: &str,
    waited: &str,
    cancel: bool,
    runs_on: Option<&str>,
) -> GaveUp {
    if !cancel {
        let then = runs_on.map(|then| format!("; {then}")).unwrap_or_default();
        return GaveUp {
            message: format!("{waited} (raise --wait-timeout{then})"),
            cancelled: false,
        };
    }
    match parse_jobs::cancel(&session.client, &session.scope, job_id) {
        Ok(()) => GaveUp {
            message: format!("{waited}: cancelled it (--cancel-on-timeout)"),
            cancelled: true,
        },
        Err(err) => {
            let then = runs_on.map(|then| format!(", and {then}")).unwrap_or_default();
            GaveUp {
                message: format!(
                    "{waited}, and cancelling it failed ({}): it may still run{then}",
                    Error::from(err)
                ),
                cancelled: false,
            }
        }
    }
}

/// The error for a job that ended other than COMPLETED.
pub(super) fn ended_badly(job_id: &str, last: &Job) -> Option<Error> {
    let status = last.status().unwrap_or_default();
    (status != "COMPLETED").then(|| Error::JobEnded {
        job_id: neutralize(job_id).into_owned(),
        status: neutralize(status).into_owned(),
        message: last.error_message().map(|m| neutralize(m).into_owned()),
    })
}

/// `llamacloud parsing get ID`: how to get a job that exists (options may follow).
pub(super) fn get_command(job_id: &str) -> String {
    format!("llamacloud parsing get {}", shell_quote(job_id))
}

/// The words that keep a created job's id, after `note: ` or `interrupted; `.
pub(super) fn created_words(job_id: &str, resume: &str) -> String {
    format!("job {} was created; to get it: {resume}", neutralize(job_id))
}

/// Where `name_created` gives a created job's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Give {
    /// On stdout in place of the document, and on stderr with how to get it.
    Both,
    /// On stdout in place of the document; on stderr only where it cannot go there (the error
    /// that follows names the job).
    InPlace,
    /// On stderr alone: its place on stdout was already tried (`--quiet`), or the reader of
    /// stdout went away.
    Note,
}

/// Names job `job_id`, which was created (it exists and costs), when what was asked for cannot
/// be given: its id on stdout in place of the document — never into an `-o` file, which is left
/// as it was — and `note: job … was created; to get it: {resume}` on stderr, as `give` says.
pub(super) fn name_created(global: &GlobalArgs, ctx: &Context, job_id: &str, resume: &str, give: Give) {
    let to_file = Destination::new(global.output.as_deref(), false).file().is_some();
    let in_place = give != Give::Note && !to_file && write_id(global, ctx, job_id).is_ok();
    if give == Give::Both || !in_place {
        ctx.io
            .stderr
            .line(&format!("note: {}", created_words(job_id, resume)));
    }
}

/// Writes the job id as the command's output (stdout, or `-o`).
pub(super) fn write_id(global: &GlobalArgs, ctx: &Context, job_id: &str) -> Result<(), Error> {
    let destination = Destination::new(global.output.as_deref(), ctx.io.terminals.stdout);
    let mut sink = destination.open(&ctx.io.stdout)?;
    writeln!(sink, "{job_id}")?;
    sink.commit()
}
