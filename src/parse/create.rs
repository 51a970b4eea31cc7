//! One create, outside the result store (`parsing create`): its id reaches the user whatever
//! fails next; then, when asked, the job is waited for and shown.

use std::path::Path;
use std::time::Duration;

pub use crate::api::parse_jobs::Source;
use crate::cli::{GlobalArgs, JobOptions, ScopeArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::style::Shape;
use crate::parse::job::{self, Give, View};
use crate::parse::plan::{Plan, check_before_paying, check_source, refuse_output_over_input, send_create};
use crate::session::Session;
use crate::signals::{self, LastWords};
use crate::text::neutralize;

/// What to do once the job exists.
pub(crate) struct After {
    /// Wait at most this long for the job to end.
    pub(crate) wait: Option<Duration>,
    /// Print the id alone.
    pub(crate) quiet: bool,
    /// Cancel the job when it has not ended in time.
    pub(crate) cancel: bool,
}

pub(crate) fn submit(
    global: &GlobalArgs,
    options: &JobOptions,
    source: Source,
    after: &After,
    scope: &ScopeArgs,
    command: &str,
    ctx: &mut Context,
) -> Result<(), Error> {
    let (output, part) = if after.quiet {
        (
            Output::choose(global, ctx, Shape::Record { raw: true }, command, &[])?,
            None,
        )
    } else {
        job::job_output(global, ctx, command)?
    };
    // Everything local is checked before anything is sent, the output included: a job must
    // not be paid for when its result cannot be written.
    output.check()?;
    refuse_output_over_input(&output, &source)?;
    check_source(&source)?;
    let Plan {
        session,
        configuration,
    } = Plan::resolve(global, options, scope, global.format, ctx)?;
    check_before_paying(&source)?;
    // A signal while the create is in flight waits for its answer, then says the id.
    let hold = signals::hold();
    let created = send_create(&session, &configuration, &source)?;
    let id = created.id().to_string();
    let shown = neutralize(&id).into_owned();
    let get = job::get_command(&id);
    signals::leave_last_words(LastWords {
        output_line: None,
        file: None,
        note: format!("interrupted; {}", job::created_words(&id, &get)),
    });
    drop(hold);
    // Once the job exists its id reaches the user whatever fails next: on stderr when the
    // output cannot take it.
    let Some(timeout) = after.wait else {
        let printed = if after.quiet {
            job::write_id(global, ctx, &id)
        } else {
            output.print(ctx, &created)
        };
        signals::forget_last_words();
        // Even when the reader of stdout went away (`| true`): the job exists and costs.
        return printed.inspect_err(|_| job::name_created(global, ctx, &id, &get, Give::Note));
    };
    let resume = format!("{get} --wait");
    if after.quiet {
        job::write_id(global, ctx, &id)
            .inspect_err(|_| job::name_created(global, ctx, &id, &resume, Give::Note))?;
    }
    // Before anything else is said: from now on a signal must not lose the id (on stdout, or
    // on stderr: an `-o` file is left as it was).
    let to_file = global.output.as_deref().is_some_and(|p| p != Path::new("-"));
    signals::leave_last_words(LastWords {
        output_line: (!after.quiet && !to_file).then(|| id.clone()),
        file: None,
        note: format!("interrupted; job {shown} goes on: {resume}"),
    });
    ctx.io.stderr.line(&format!("Created parse job {shown}"));
    let view = View {
        job_id: &id,
        expand: Vec::new(),
        image_filenames: None,
        wait: Some(timeout),
        cancel: after.cancel,
    };
    let shown_ok = if after.quiet {
        wait_quietly(&session, &view, ctx)
    } else {
        job::show(&session, output, part, &view, ctx)
    };
    signals::forget_last_words();
    match shown_ok {
        Ok(()) => Ok(()),
        // The job, as it ended, was printed (or its id, with --quiet).
        Err(err @ Error::JobEnded { .. }) if part.is_none() || after.quiet => Err(err),
        // The id reaches stdout in place of the document; an `-o` file is left as it was.
        Err(err @ Error::JobEnded { .. }) => {
            job::name_created(global, ctx, &id, &resume, Give::InPlace);
            Err(err)
        }
        Err(err) => {
            // Where the id cannot be written in place, the note still says it.
            let give = if after.quiet || err.is_broken_pipe() {
                Give::Note
            } else {
                Give::Both
            };
            job::name_created(global, ctx, &id, &resume, give);
            Err(err)
        }
    }
}

/// With `--quiet`: waits for the job without printing it (its id is already out).
fn wait_quietly(session: &Session, view: &View, ctx: &mut Context) -> Result<(), Error> {
    let timeout = view.wait.unwrap_or_default();
    let last = job::wait_until_ended(session, view.job_id, timeout, view.cancel, ctx)?;
    match job::ended_badly(view.job_id, &last) {
        Some(err) => Err(err),
        None => Ok(()),
    }
}
