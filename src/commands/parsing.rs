//! `parsing list` and `parsing get`.

use std::io::Write as _;

use reqwest::Url;
use serde_json::Value;

use crate::api::endpoints::{self, PARSE_JOBS};
use crate::api::error::{ApiError, InvalidResponse};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{GlobalArgs, ParsingGetArgs, ParsingListArgs, api_value};
use crate::commands::{ListOutput, Session, listing, push_created, terminal, wait};
use crate::exit::{JobEnded, UsageError};
use crate::output::content;
use crate::output::document::{self, DocStyle};
use crate::output::jq::Jq;
use crate::output::jq_filter;
use crate::output::resource::Resource;
use crate::output::sanitize::neutralize;

pub fn list(global: &GlobalArgs, args: &ParsingListArgs) -> anyhow::Result<()> {
    let output = ListOutput::choose(global)?;
    let session = Session::open(global, &args.scope, output.terminal)?;
    let mut filters = Query::new();
    filters
        .push_opt("status", args.status.as_ref().map(api_value))
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
    listing::run(&session, output, Resource::ParseJob, request)
}

pub fn get(global: &GlobalArgs, args: &ParsingGetArgs) -> anyhow::Result<()> {
    let terminal = terminal(global);
    let style = DocStyle::choose(global.format(), terminal, global.jq.is_some())?;
    let jq = jq_filter(global.jq.as_deref(), global.raw_output, terminal)?;
    let job_id = args.job_id().trim();
    if job_id.is_empty() {
        return Err(UsageError::new("the job id is empty").into());
    }
    let session = Session::open(global, &args.scope, terminal)?;

    let mut expand: Vec<&str> = args
        .expand
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    if let DocStyle::Content(part) = style
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
        let (body, last) = wait::until_final(&session, &poll_url, job_id, args.wait_timeout, |url| {
            let body = fetch_job(&session, url)?;
            let response = parse_job(&body)?;
            Ok((body, response))
        })?;
        let status = wait::status_of(&last)?;
        if status != "COMPLETED" {
            let ended = JobEnded {
                job_id: neutralize(job_id).into_owned(),
                status: neutralize(status).into_owned(),
                message: last
                    .pointer("/job/error_message")
                    .and_then(Value::as_str)
                    .map(|m| neutralize(m).into_owned()),
            };
            // The job as it ended is still printed, except where content was asked for.
            if !matches!(style, DocStyle::Content(_)) {
                print_job(&session, style, jq.as_ref(), &body)?;
            }
            return Err(ended.into());
        }
        polled = (poll_url == url).then_some(body);
    }
    if let DocStyle::Content(part) = style {
        let mut sink = session.sink()?;
        let reader = session.client.get_stream(&url).map_err(explain_not_found)?;
        let failed = content::stream_content(reader, &mut sink, part)?;
        sink.commit()?;
        let mut stderr = std::io::stderr().lock();
        for page in failed {
            writeln!(
                stderr,
                "warning: page {} failed: {}",
                page.page_number, page.error
            )?;
        }
        return Ok(());
    }
    let body = match polled {
        Some(body) => body,
        None => fetch_job(&session, &url)?,
    };
    print_job(&session, style, jq.as_ref(), &body)
}

fn fetch_job(session: &Session, url: &Url) -> anyhow::Result<Vec<u8>> {
    Ok(session.client.get(url).map_err(explain_not_found)?.body)
}

fn parse_job(body: &[u8]) -> anyhow::Result<Value> {
    let response: Value = serde_json::from_slice(body)
        .map_err(|err| InvalidResponse(format!("the body is not JSON ({err})")))?;
    if !response.is_object() {
        return Err(InvalidResponse("expected a JSON object with a job".into()).into());
    }
    Ok(response)
}

/// Writes the job response in a structured style (raw: the server's bytes).
fn print_job(session: &Session, style: DocStyle, jq: Option<&Jq>, body: &[u8]) -> anyhow::Result<()> {
    let mut sink = session.sink()?;
    match (style, jq) {
        (DocStyle::Raw, _) => sink.write_all(body)?,
        (_, Some(jq)) => jq.run(&parse_job(body)?, &mut sink)?,
        (_, None) => document::write_job(&mut sink, style, &parse_job(body)?, session.look)?,
    }
    sink.commit()
}

/// A 404 for a job is usually a typo, another region's job, or an expired result.
fn explain_not_found(mut err: anyhow::Error) -> anyhow::Error {
    if let Some(api) = err.downcast_mut::<ApiError>()
        && api.status.as_u16() == 404
    {
        api.hint = Some("check the job id and the region; results of old jobs expire".into());
    }
    err
}
