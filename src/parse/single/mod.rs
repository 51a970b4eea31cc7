//! `parse FILE|URL`, one document, paid for once: its result comes from the store when the
//! same bytes were parsed with the same configuration before (whatever the file is called or
//! wherever it is), from the completed job when only the file is missing, and from a new job
//! otherwise; an unanswered create is found again by its token. An existing `-o FILE` is left
//! as it was unless the document is written in full.

use std::io;
use std::sync::{Arc, PoisonError};

use serde_json::Value;

use crate::api::document::FailedPage;
use crate::api::models::{Job, Part};
use crate::api::parse_jobs::Source;
use crate::cli::{Format, GlobalArgs, ParseArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::document;
use crate::output::style::Shape;
use crate::parse::fetch::{self, Fetch, Kept};
use crate::parse::job::{self, Give, ended_badly};
use crate::parse::key;
use crate::parse::kind::Kind;
use crate::parse::once::{self, Known};
use crate::parse::plan::{self as create, Plan, check_source};
use crate::parse::save::Saving;
use crate::parse::window::{self, Long, TooLong};
use crate::signals::{self, LastWords};
use crate::text::neutralize;

/// `parse FILE|URL`, in every format: the document (markdown, text), its JSON, or the job's
/// record as it ended (any other format, or `--jq`), which is what the store keeps for those.
/// Through the result store, or with `--no-cache` the same lifecycle with nothing recorded (the
/// result fetched into a temporary file; a job the API lost parsed again, once).
pub fn parse(global: &GlobalArgs, args: &ParseArgs, ctx: &mut Context) -> Result<(), Error> {
    let default_format = global.format.is_none() && !global.json && global.jq().is_none();
    let Some(argument) = args.sources.first() else {
        return Err(Error::usage(
            "nothing to parse: give FILE or URL arguments, --recursive DIR or --from-list FILE",
        ));
    };
    let source = args.source_of(argument);
    let args_format = global.format;
    let mut global = global.clone();
    if default_format {
        global.format = Some(Format::Markdown);
    }
    // What `parsing create --wait` prints: the job as it ended, but for the document's formats.
    let record = match global.format() {
        Format::Markdown | Format::Text => false,
        Format::Json => global.jq().is_some(),
        _ => true,
    };
    let saving = Saving::new(&args.save, args.page_markers);
    if record && saving.full() {
        return Err(Error::usage(
            "--save and --page-markers write beside a document: use --format markdown, text or json",
        ));
    }
    let output = if record {
        record_output(&global, ctx)?
    } else {
        Output::plain(&global, ctx, "parse")?
    };
    // Everything local first: the output, the document, the options, the key.
    output.check()?;
    create::refuse_output_over_input(&output, &source)?;
    check_source(&source)?;
    let mut plan = Plan::resolve(&global, &args.job, &args.scope, args_format, ctx)?;
    plan.save(&saving)?;
    plan.check_escalation(args.spend.escalate, &saving)?;
    if args.spend.escalate.is_some() && record {
        return Err(Error::usage(
            "--escalate merges the pages parsed again into the document: use --format markdown, text or json",
        ));
    }
    let kind = match global.format() {
        _ if record => Kind::Job,
        Format::Json => Kind::Json,
        Format::Text => Kind::Part(Part::Text),
        _ if default_format => Kind::Part(plan.default_part()),
        _ => Kind::Part(Part::Markdown),
    }
    .full_if(saving.full());
    // Where the document goes, as the files saved beside it are named after it (on stdout, or
    // `-o` a device or FIFO: as if it were written to the current directory under the
    // document's name).
    let target = match output.file().filter(|path| !saved::special(path)) {
        Some(path) => saved::resolved(path),
        None => std::path::PathBuf::from(format!(
            "{}.{}",
            saved::saved_name(argument, &args.filename),
            kind.extension()
        )),
    };
    let max_credits = plan.max_credits(args.spend.max_credits)?;
    let Plan {
        session,
        configuration,
    } = plan;
    let (store, key) = if args.store.no_cache {
        // Nothing is recorded without a store (no journal either): the key names nothing.
        (None, String::new())
    } else {
        let mut store = once::open_store(&session, &ctx.io.stderr)?;
        let keys = key::through_store(&mut store, &session, &source, &configuration)?;
        // What an earlier release recorded under the key it gave the document is used, not paid
        // for.
        let key = store.upgrade(&keys, true).map_err(Error::Io)?;
        store.stat.compact();
        (Some(store), key)
    };
    let budget = crate::parse::spend::budget::Budget::of(max_credits, args.spend.assume_pages);
    let remote = once::open_shared(&session, &args.store, ctx.env.as_ref(), &ctx.io.stderr)?;
    let shared = once::Shared::new(store, None, Arc::clone(&ctx.clock), ctx.io.stderr.clone())
        .with_budget(Arc::new(budget))
        .with_remote(remote);
    let document = Document {
        key: &key,
        kind,
        timeout: args.wait_timeout,
        cancel: args.cancel_on_timeout,
        shared: &shared,
        session: &session,
        output: &output,
        global: &global,
        saving: &saving,
        name: argument,
        target,
        escalate: args.spend.escalate,
        source: &source,
        configuration: &configuration,
        force: args.store.force,
    };
    let send = &|configuration: &serde_json::Map<String, Value>, source: &Source| {
        create::send_create(&session, configuration, source)
    };
    let _claim = shared.claim(&key, argument)?;
    let mut known = if args.store.force {
        shared.in_flight(&key, kind)
    } else {
        shared.usable(&key, kind, &source)
    };
    let long = Long {
        name: argument,
        source: &source,
        configuration: &configuration,
        window_pages: args.window_pages,
        force: args.store.force,
        parallel: args.bulk.max_in_flight as usize,
        stored: kind.of_window(),
    };
    // A long PDF is parsed in windows, unless the whole document's result or job is known (a
    // run before windows existed, or with --window-pages 0): what was paid for is used.
    if matches!(known, Known::Nothing | Known::Ended(_))
        && let Some((pages, windows)) = long.windows(&shared, &key, kind)
    {
        create::check_before_paying(&source)?;
        return windows::in_windows(&document, ctx, &long, pages, windows);
    }
    // A job the server no longer knows is parsed again, once.
    for _ in 0..2 {
        let outcome = match known {
            Known::Stored { path, job_id } => {
                ctx.io.stderr.line(&format!(
                    "note: from the result store (job {}); --force parses again",
                    neutralize(&job_id)
                ));
                let failed = shared.failed_pages(&key, kind);
                return write_out(&document, ctx, &Kept::Stored(path), &job_id, &failed);
            }
            Known::Completed(job_id) => finish(&document, &job_id, ctx, false),
            Known::Running(job_id) => wait_and_finish(&document, &job_id, ctx, false),
            Known::Unanswered(_) | Known::Ended(_) | Known::Nothing => {
                create::check_before_paying(&source)?;
                let intents = match &known {
                    Known::Unanswered(intents) => intents.as_slice(),
                    _ => &[],
                };
                match once::job_for(&shared, &session, &key, &source, &configuration, intents, send) {
                    Ok((job_id, created)) => wait_and_finish(&document, &job_id, ctx, created),
                    // Refused as too long for one job: in windows.
                    Err(err) => match window::too_long(&err.to_string()) {
                        Some(limit) => Outcome::TooLong(err, limit),
                        None => return Err(err),
                    },
                }
            }
        };
        match outcome {
            Outcome::Done(result) => return result,
            Outcome::TooLong(err, limit) => {
                let Some((pages, windows)) = long.windows_after_refusal(limit, kind) else {
                    return Err(err);
                };
                // The next run goes in windows at once.
                window::remember_refusal(&shared, &key, limit)?;
                ctx.io.stderr.line(&format!(
                    "note: the API refused {} as too long for one job (at most {} pages): parsing it in windows",
                    neutralize(argument),
                    limit.cap
                ));
                return windows::in_windows(&document, ctx, &long, pages, windows);
            }
            Outcome::Gone(job_id) => {
                shared.gone(&key, &job_id)?;
                ctx.io.stderr.line(&format!(
                    "note: the API no longer has job {}: parsing the document again",
                    neutralize(&job_id)
                ));
                known = Known::Nothing;
            }
        }
    }
    Err(Error::failure("the API lost the new job as well"))
}

mod escalated;
mod parsed;
mod saved;
mod windows;

use parsed::Document;

/// How one attempt ended: done (well or not), or the job is gone and the document is parsed
/// again.
enum Outcome {
    Done(Result<(), Error>),
    Gone(String),
    /// The API refused the document as too long for one job.
    TooLong(Error, TooLong),
}

/// Waits for the job, then writes its result.
fn wait_and_finish(document: &Document, job_id: &str, ctx: &mut Context, created: bool) -> Outcome {
    let (shared, session, output) = (document.shared, document.session, document.output);
    let shown = neutralize(job_id).into_owned();
    let resume = format!("{} --wait", job::get_command(job_id));
    // From now on a signal must not lose the id: it goes to stdout, never into an `-o` file,
    // which is left as it was.
    let to_stdout = output.file().is_none();
    signals::leave_last_words(LastWords {
        output_line: to_stdout.then(|| job_id.to_string()),
        file: None,
        note: if shared.records() {
            format!("interrupted; job {shown} goes on: {resume} (or run the same command again)")
        } else {
            // With --no-cache nothing was recorded: the same command would pay again.
            format!("interrupted; job {shown} goes on: {resume}")
        },
    });
    ctx.io.stderr.line(&if created {
        format!("Created parse job {shown}")
    } else {
        format!("Waiting for parse job {shown} (created before, not paid for again)")
    });
    let waited = job::wait_until_ended(session, job_id, document.timeout, document.cancel, ctx);
    signals::forget_last_words();
    let last = match waited {
        Ok(last) => last,
        Err(Error::Api(err)) if err.is_not_found() => {
            return Outcome::Gone(job_id.to_string());
        }
        Err(err @ Error::WaitedOut { cancelled: true, .. }) => {
            // Cancelled: the next run parses it again rather than wait for it.
            // The error names it; there is nothing left to get.
            return Outcome::Done(shared.ended(document.key, job_id, "CANCELLED").and(Err(err)));
        }
        Err(err) => return Outcome::Done(Err(created_note(document, ctx, job_id, &resume, err))),
    };
    shared.billed(job_id, &last);
    let status = last.status().unwrap_or_default().to_string();
    if let Err(err) = shared.ended(document.key, job_id, &status) {
        return Outcome::Done(Err(created_note(document, ctx, job_id, &resume, err)));
    }
    if let Some(ended) = ended_badly(job_id, &last) {
        if let Some(limit) = last.error_message().and_then(window::too_long)
            && document.kind != Kind::Job
        {
            return Outcome::TooLong(ended, limit);
        }
        if document.kind == Kind::Job {
            // The job as it ended is the record printed.
            let printed = record_output(document.global, ctx).and_then(|out| out.print(ctx, &last));
            if last.error_message().and_then(window::too_long).is_some() {
                ctx.io.stderr.line(
                    "note: a document too long for one job is parsed in page windows as markdown, text or json (--format); the formats that print the job's record take one job",
                );
            }
            return Outcome::Done(printed.and(Err(ended)));
        }
        // The id reaches stdout in place of the document; an `-o` file is left as it was.
        job::name_created(document.global, ctx, job_id, &resume, Give::InPlace);
        return Outcome::Done(Err(ended));
    }
    if document.kind == Kind::Job {
        // The record the wait ended with is the result: kept, with no request more.
        return Outcome::Done(match keep_record(document, job_id, &last) {
            Ok(kept) => written(
                document,
                ctx,
                job_id,
                &resume,
                write_out(document, ctx, &kept, job_id, &[]),
            ),
            Err(err) => Err(created_note(document, ctx, job_id, &resume, err)),
        });
    }
    finish(document, job_id, ctx, created)
}

/// The output of the formats that print the job's record, as `parsing create --wait` has it.
fn record_output(global: &GlobalArgs, ctx: &Context) -> Result<Output, Error> {
    Output::choose(
        global,
        ctx,
        Shape::Record { raw: true },
        "parse",
        &[Format::Markdown, Format::Text],
    )
}

/// Keeps the job's record as the result of the document's key (in a temporary file with
/// `--no-cache`).
fn keep_record(document: &Document, job_id: &str, last: &Job) -> Result<Kept, Error> {
    let shared = document.shared;
    let store = || {
        shared
            .store
            .as_ref()
            .map(|s| s.lock().unwrap_or_else(PoisonError::into_inner))
    };
    let mut temp = match store() {
        Some(store) => store.temporary()?,
        None => tempfile::NamedTempFile::new()?,
    };
    io::Write::write_all(&mut temp, last.text().as_bytes())?;
    temp.as_file().sync_all()?;
    let at = once::ms(shared.clock.now());
    let Some(mut store) = store() else {
        return Ok(Kept::Temporary(temp));
    };
    let (path, pending) = store.keep(temp, document.key, job_id, Kind::Job.name(), Vec::new(), at)?;
    // On disk once waited for, without the store held.
    drop(store);
    pending.wait()?;
    Ok(Kept::Stored(path))
}

/// Fetches the completed job's result into the store and writes it out.
fn finish(document: &Document, job_id: &str, ctx: &mut Context, created: bool) -> Outcome {
    let (shared, session) = (document.shared, document.session);
    let fetched = match fetch::fetch_result(shared, session, document.key, job_id, document.kind) {
        Ok(fetched) => fetched,
        Err(Fetch::Gone) => return Outcome::Gone(job_id.to_string()),
        Err(Fetch::Failed(err)) => {
            let resume = format!("{} --format markdown", job::get_command(job_id));
            return Outcome::Done(Err(created_note(document, ctx, job_id, &resume, err)));
        }
    };
    if !created {
        ctx.io.stderr.line(&format!(
            "note: fetched from job {} (parsed before, not paid for again)",
            neutralize(job_id)
        ));
    }
    let resume = format!("{} --format markdown", job::get_command(job_id));
    let result = write_out(document, ctx, &fetched.kept, job_id, &fetched.failed_pages);
    Outcome::Done(written(document, ctx, job_id, &resume, result))
}

/// What writing a job's result came to: the output failing once the job exists (a full disk, a
/// `--jq` error) names the job as any failure after its create does. Pages that failed are no
/// such failure.
fn written(
    document: &Document,
    ctx: &Context,
    job_id: &str,
    resume: &str,
    result: Result<(), Error>,
) -> Result<(), Error> {
    match result {
        Err(err) if !matches!(err, Error::Partial { .. }) => {
            Err(created_note(document, ctx, job_id, resume, err))
        }
        result => result,
    }
}

/// Writes the result to the output: stdout, or `-o` atomically (an existing file is replaced
/// only by the whole document). Pages of it that failed (marked in it) are warned about, and
/// make the run partial.
fn write_out(
    document: &Document,
    ctx: &Context,
    kept: &Kept,
    job_id: &str,
    failed: &[FailedPage],
) -> Result<(), Error> {
    if document.kind == Kind::Job {
        let job = Job::kept(std::fs::read_to_string(kept.path())?)?;
        return record_output(document.global, ctx)?.print(ctx, &job);
    }
    if let Kind::Full(part) = document.kind {
        return saved::save_out(document, ctx, kept, job_id, failed, part);
    }
    // With --escalate: its failed or empty pages parsed again, merged in (written instead).
    let escalated = escalated::escalated(document, ctx, kept, job_id, failed)?;
    let (path, failed) = match &escalated {
        Some(escalated) => (escalated.file.path(), escalated.failed.as_slice()),
        None => (kept.path(), failed),
    };
    let mut sink = document.output.open(ctx)?;
    let mut file = std::fs::File::open(path)?;
    io::copy(&mut file, &mut sink)?;
    sink.commit()?;
    document::warn_failed(&ctx.io.stderr, failed);
    Error::partial(&neutralize(job_id), failed)
}

/// The error, after giving the job's id (`job::name_created`): on stdout in place of the
/// document (never into an `-o` file, which is left as it was), and on stderr with how to get
/// it. Not when the reader of stdout went away: the result is in the store, and the next run
/// takes it from there.
fn created_note(document: &Document, ctx: &Context, job_id: &str, resume: &str, err: Error) -> Error {
    if !err.is_broken_pipe() {
        job::name_created(document.global, ctx, job_id, resume, Give::Both);
    }
    err
}
