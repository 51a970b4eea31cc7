//! `parsing list` and `parsing get`.

use reqwest::Url;

use crate::api;
use crate::api::client::Method;
use crate::api::endpoints::{self, PARSE_JOBS};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{
    Format, GlobalArgs, Lenient, ParsingDeleteArgs, ParsingGetArgs, ParsingIdsArgs, ParsingListArgs,
    ScopeOnlyArgs,
};
use crate::commands::act;
use crate::commands::{Output, Session, listing, push_created, wait, warn_unknown};
use crate::context::Context;
use crate::error::Error;
use crate::output::batch::Versions;
use crate::output::content;
use crate::output::job::{Job, Part};
use crate::output::resource::Resource;
use crate::output::style::{Shape, Style};
use crate::text::neutralize;

/// What a 404 for a job usually means.
const JOB_NOT_FOUND: &str = "check the job id and the region; results of old jobs expire";

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
    let part = match global.format() {
        Format::Markdown => Some(Part::Markdown),
        Format::Text => Some(Part::Text),
        _ => None,
    };
    let output = match part {
        Some(_) => Output::plain(global, ctx, "parsing get")?,
        None => Output::choose(
            global,
            ctx,
            Shape::Record { raw: true },
            "parsing get",
            &[Format::Markdown, Format::Text],
        )?,
    };
    let job_id = args.job_id().trim();
    if job_id.is_empty() {
        return Err(Error::usage("the job id is empty"));
    }
    let session = Session::open(global, &args.scope, ctx)?;

    let mut expand: Vec<&str> = args
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
    let mut scope = Query::new();
    session.scope(&mut scope);
    let mut query = scope.clone();
    query
        .push_all("expand", expand)
        .push_opt("image_filenames", args.image_filenames.clone());
    query.sort();
    let url = session.client.url(&endpoints::parse_job(job_id), &query);

    let mut polled = None;
    if args.wait {
        // Poll the bare job; expanded content is asked for once, when the job is done.
        let poll_url = session.client.url(&endpoints::parse_job(job_id), &scope);
        let last = wait::until_final(ctx, job_id, args.wait_timeout, |deadline| {
            fetch_job(&session, &poll_url, Some(deadline))
        })?;
        let status = last.status().unwrap_or_default();
        if status != "COMPLETED" {
            let ended = Error::JobEnded {
                job_id: neutralize(job_id).into_owned(),
                status: neutralize(status).into_owned(),
                message: last
                    .value()
                    .pointer("/job/error_message")
                    .and_then(serde_json::Value::as_str)
                    .map(|m| neutralize(m).into_owned()),
            };
            // The job as it ended is still printed, except where content was asked for.
            if part.is_none() {
                output.print(ctx, &last)?;
            }
            return Err(ended);
        }
        polled = (poll_url == url).then_some(last);
    }
    if let Some(part) = part {
        let mut sink = output.open(ctx)?;
        let (_, reader) = session
            .client
            .get_stream(&url)
            .map_err(|err| err.with_hint(&[404], JOB_NOT_FOUND))?;
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
    let job = fetch_job(&session, &url, None)?;
    output.print(ctx, &job)
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
