//! `parsing list` and `parsing get`.

use reqwest::Url;

use crate::api;
use crate::api::client::Method;
use crate::api::endpoints::{self, JOB_NOT_FOUND, PARSE_JOBS};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{
    Format, GlobalArgs, Lenient, ParsingDeleteArgs, ParsingGetArgs, ParsingIdsArgs, ParsingListArgs,
    ScopeOnlyArgs,
};
use crate::commands::{Output, Session, listing, push_created, wait, warn_unknown};
use crate::commands::{act, download};
use crate::context::Context;
use crate::error::Error;
use crate::output::batch::Versions;
use crate::output::content;
use crate::output::job::{Job, Part};
use crate::output::resource::Resource;
use crate::output::style::{Shape, Style};
use crate::text::neutralize;

pub fn list(global: &GlobalArgs, args: &ParsingListArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::List(Resource::ParseJob), "parsing list", &[])?;
    warn_unknown(ctx, "--status", args.status.as_ref());
    let session = Session::open(global, &args.scope, ctx)?;
    let mut filters = Query::new();
    filters
        .push_opt("status", args.status.as_ref().map(Lenient::api_value))
        .push_all(
            "job_ids",
            args.job_ids.iter().filter(|id| !id.is_empty()).cloned(),
        );
    push_created(&mut filters, &args.created);
    session.scope(&mut filters);
    let request = ListRequest {
        endpoint: &PARSE_JOBS,
        filters,
        page_size: args.paging.page_size,
        start: Start::Cursor(args.paging.page_token.clone()),
        max_items: args.paging.limit.get(),
    };
    listing::run(&session, output, Resource::ParseJob, request, ctx)
}

pub fn get(global: &GlobalArgs, args: &ParsingGetArgs, ctx: &mut Context) -> Result<(), Error> {
    let (output, part) = job_output(global, ctx, "parsing get")?;
    let job_id = args.job_id().trim();
    if job_id.is_empty() {
        return Err(Error::usage("the job id is empty"));
    }
    let session = Session::open(global, &args.scope, ctx)?;
    let view = View {
        job_id,
        expand: args.expand.iter().map(String::as_str).collect(),
        image_filenames: args.image_filenames.as_deref(),
        wait: args.waiting.timeout(),
    };
    show(&session, output, part, &view, ctx)?;
    match &args.images {
        Some(dir) => download::images(&session, job_id, args.image_filenames.as_deref(), dir, ctx),
        None => Ok(()),
    }
}

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
    pub wait: Option<std::time::Duration>,
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
    let mut expand: Vec<&str> = view
        .expand
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    if let Some(part) = part
        && !expand.contains(&part.expand())
    {
        expand.push(part.expand());
    }
    let scope = session.scope_query();
    let mut query = scope.clone();
    query
        .push_all("expand", expand)
        .push_opt("image_filenames", view.image_filenames.map(str::to_string));
    query.sort();
    let url = session.client.url(&endpoints::parse_job(job_id), &query);

    let mut polled = None;
    if let Some(timeout) = view.wait {
        let last = wait_until_ended(session, job_id, timeout, ctx)?;
        if let Some(ended) = ended_badly(job_id, &last) {
            // The job as it ended is still printed, except where content was asked for.
            if part.is_none() {
                output.print(ctx, &last)?;
            }
            return Err(ended);
        }
        let poll_url = session.client.url(&endpoints::parse_job(job_id), &scope);
        polled = (poll_url == url).then_some(last);
    }
    if let Some(part) = part {
        let (_, reader) = session
            .client
            .get_stream(&url)
            .map_err(|err| err.with_hint(&[404], JOB_NOT_FOUND))?;
        let mut sink = output.open(ctx)?;
        let streamed = content::stream_content(reader, &mut sink, part, output.to_terminal())?;
        sink.commit()?;
        let stderr = &ctx.io.stderr;
        if !streamed.out_of_order.is_empty() {
            stderr.line(&format!(
                "warning: the server sent page(s) {} out of order; they are written where they came",
                streamed.out_of_order.join(", ")
            ));
        }
        for page in streamed.failed {
            stderr.line(&format!(
                "warning: page {} failed: {}",
                page.page_number, page.error
            ));
        }
        return Ok(());
    }
    if let Some(job) = polled {
        return output.print(ctx, &job);
    }
    if matches!(output.style, Style::Table | Style::Raw) && !output.has_jq() {
        let (status, mut reader) = session
            .client
            .get_stream(&url)
            .map_err(|err| err.with_hint(&[404], JOB_NOT_FOUND))?;
        if output.style == Style::Raw {
            // The server's bytes, copied through as they arrive.
            let mut sink = output.open(ctx)?;
            content::copy_through(&mut reader, &mut sink)?;
            return sink.commit();
        }
        // The summary needs the job and counts: it is built while the response streams in.
        let summary = content::summarize(status, reader)?;
        return output.print(ctx, &summary);
    }
    let job = fetch_job(session, &url, None)?;
    output.print(ctx, &job)
}

/// Polls the bare job until it has ended; expanded content is asked for once, afterwards.
pub fn wait_until_ended(
    session: &Session,
    job_id: &str,
    timeout: std::time::Duration,
    ctx: &Context,
) -> Result<Job, Error> {
    let poll_url = session
        .client
        .url(&endpoints::parse_job(job_id), &session.scope_query());
    wait::until_final(ctx, job_id, timeout, |deadline| {
        fetch_job(session, &poll_url, Some(deadline))
    })
}

/// The error for a job that ended other than COMPLETED.
pub fn ended_badly(job_id: &str, last: &Job) -> Option<Error> {
    let status = last.status().unwrap_or_default();
    (status != "COMPLETED").then(|| Error::JobEnded {
        job_id: neutralize(job_id).into_owned(),
        status: neutralize(status).into_owned(),
        message: last
            .value()
            .pointer("/job/error_message")
            .and_then(serde_json::Value::as_str)
            .map(|m| neutralize(m).into_owned()),
    })
}

fn fetch_job(session: &Session, url: &Url, deadline: Option<std::time::SystemTime>) -> Result<Job, Error> {
    let reply = session
        .client
        .get_before(url, deadline)
        .map_err(|err: api::Error| err.with_hint(&[404], JOB_NOT_FOUND))?;
    Ok(Job::parse(reply.status, reply.body)?)
}

pub fn versions(global: &GlobalArgs, args: &ScopeOnlyArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Record { raw: true }, "parsing versions", &[])?;
    let session = Session::open(global, &args.scope, ctx)?;
    let url = session
        .client
        .url(&endpoints::PARSE_VERSIONS, &session.scope_query());
    let reply = session.client.get(&url)?;
    output.print(ctx, &Versions::parse(reply.status, reply.body)?)
}

pub fn cancel(global: &GlobalArgs, args: &ParsingIdsArgs, ctx: &mut Context) -> Result<(), Error> {
    let session = act::start(global, &args.scope, "parsing cancel", ctx)?;
    let scope = session.scope_query();
    let url_of = |id: &str| session.client.url(&endpoints::cancel_parse_job(id), &scope);
    act::each(
        ctx,
        &session,
        &args.job_ids,
        Method::POST,
        url_of,
        "Cancelled",
        act::check_job,
    )
}

pub fn delete(global: &GlobalArgs, args: &ParsingDeleteArgs, ctx: &mut Context) -> Result<(), Error> {
    let ids = &args.ids.job_ids;
    let session = act::start(global, &args.ids.scope, "parsing delete", ctx)?;
    let question = match ids.as_slice() {
        [one] => format!("Delete parse job {}", neutralize(one)),
        many => format!(
            "Delete {} parse jobs ({})",
            many.len(),
            neutralize(&many.join(", "))
        ),
    };
    act::confirm(ctx, args.yes, &question)?;
    let scope = session.scope_query();
    let url_of = |id: &str| session.client.url(&endpoints::parse_job(id), &scope);
    act::each(
        ctx,
        &session,
        ids,
        Method::DELETE,
        url_of,
        "Deleted",
        act::check_job,
    )
}
