//! `parsing list` and `parsing get`.

use std::io::Write as _;
use std::time::Duration;

use reqwest::Url;
use serde_json::Value;

use crate::api::endpoints::{self, PARSE_JOBS};
use crate::api::error::{ApiError, InvalidResponse};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{GlobalArgs, ParsingGetArgs, ParsingListArgs, api_value};
use crate::commands::{ListOutput, Session, listing, push_created, terminal, wait};
use crate::exit::{JobEnded, UsageError};
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

    let reply = if args.wait {
        let poll_url = session.client.url(&endpoints::parse_job(job_id), &scope);
        wait_for_job(&session, job_id, &poll_url, &url, args.wait_timeout)?
    } else {
        JobReply {
            body: fetch_job(&session, &url)?,
            ended: None,
        }
    };
    print_job(&session, style, jq.as_ref(), reply)
}

/// A job response as the server sent it, and why the job ended badly if waiting saw it do so.
struct JobReply {
    body: Vec<u8>,
    ended: Option<JobEnded>,
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

/// Polls the bare job until it is final; expanded content is asked for once, at the end, and
/// only for a completed job.
fn wait_for_job(
    session: &Session,
    job_id: &str,
    poll_url: &Url,
    url: &Url,
    timeout: Duration,
) -> anyhow::Result<JobReply> {
    let (body, last) = wait::until_final(session, poll_url, job_id, timeout, |url| {
        let body = fetch_job(session, url)?;
        let response = parse_job(&body)?;
        Ok((body, response))
    })?;
    let status = wait::status_of(&last)?;
    if status == "COMPLETED" {
        let body = if url == poll_url {
            body
        } else {
            fetch_job(session, url)?
        };
        return Ok(JobReply { body, ended: None });
    }
    let ended = JobEnded {
        job_id: neutralize(job_id).into_owned(),
        status: neutralize(status).into_owned(),
        message: last
            .pointer("/job/error_message")
            .and_then(Value::as_str)
            .map(|m| neutralize(m).into_owned()),
    };
    Ok(JobReply {
        body,
        ended: Some(ended),
    })
}

/// Writes the job in `style`; a job that ended badly still prints (except as content), then
/// fails with exit code 6.
fn print_job(session: &Session, style: DocStyle, jq: Option<&Jq>, reply: JobReply) -> anyhow::Result<()> {
    let mut sink = session.sink()?;
    let mut failed_pages = Vec::new();
    match style {
        DocStyle::Raw => sink.write_all(&reply.body)?,
        DocStyle::Content(_) if reply.ended.is_some() => {}
        DocStyle::Content(part) => {
            failed_pages = document::write_content(&mut sink, &parse_job(&reply.body)?, part)?
        }
        _ => match jq {
            Some(jq) => jq.run(&parse_job(&reply.body)?, &mut sink)?,
            None => document::write_job(&mut sink, style, &parse_job(&reply.body)?, session.look)?,
        },
    }
    if let Some(ended) = reply.ended {
        if !matches!(style, DocStyle::Content(_)) {
            sink.commit()?;
        }
        return Err(ended.into());
    }
    sink.commit()?;
    let mut stderr = std::io::stderr().lock();
    for page in failed_pages {
        writeln!(
            stderr,
            "warning: page {} failed: {}",
            page.page_number, page.error
        )?;
    }
    Ok(())
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
