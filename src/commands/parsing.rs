//! `parsing list` and `parsing get`.

use std::io::Write as _;

use serde_json::Value;

use crate::api::endpoints::{self, PARSE_JOBS};
use crate::api::error::{ApiError, InvalidResponse};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{GlobalArgs, ParsingGetArgs, ParsingListArgs, api_value};
use crate::commands::{Session, listing, push_created, terminal, wait};
use crate::exit::{JobEnded, UsageError};
use crate::output::ListStyle;
use crate::output::document::{self, DocStyle};
use crate::output::resource::Resource;
use crate::output::sanitize::neutralize;

pub fn list(global: &GlobalArgs, args: &ParsingListArgs) -> anyhow::Result<()> {
    let terminal = terminal(global);
    let style = ListStyle::choose(global.format(), terminal)?;
    let session = Session::open(global, &args.scope, terminal)?;
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
    listing::run(&session, style, Resource::ParseJob, request)
}

pub fn get(global: &GlobalArgs, args: &ParsingGetArgs) -> anyhow::Result<()> {
    let terminal = terminal(global);
    let style = DocStyle::choose(global.format(), terminal)?;
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

    let mut sink = session.sink()?;
    let fetch = |url: &reqwest::Url| session.client.get(url).map_err(explain_not_found);
    let parse = |body: &[u8]| -> anyhow::Result<Value> {
        let response: Value = serde_json::from_slice(body)
            .map_err(|err| InvalidResponse(format!("the body is not JSON ({err})")))?;
        if !response.is_object() {
            return Err(InvalidResponse("expected a JSON object with a job".into()).into());
        }
        Ok(response)
    };

    let mut ended = None;
    let (body, response) = if args.wait {
        // Poll the bare job; expanded content is asked for once, when the job is done.
        let poll_url = session.client.url(&endpoints::parse_job(job_id), &scope);
        let last = wait::until_final(&session, &poll_url, job_id, args.wait_timeout, |url| {
            parse(&fetch(url)?.body)
        })?;
        let status = wait::status_of(&last)?.to_string();
        if status == "COMPLETED" && url != poll_url {
            let body = fetch(&url)?.body;
            let response = parse(&body)?;
            (body, response)
        } else {
            if status != "COMPLETED" {
                let message = last.pointer("/job/error_message").and_then(Value::as_str);
                ended = Some(JobEnded {
                    job_id: neutralize(job_id).into_owned(),
                    status: neutralize(&status).into_owned(),
                    message: message.map(|m| neutralize(m).into_owned()),
                });
            }
            (serde_json::to_vec(&last)?, last)
        }
    } else {
        let body = fetch(&url)?.body;
        if style == DocStyle::Raw {
            sink.write_all(&body)?;
            return sink.commit();
        }
        let response = parse(&body)?;
        (body, response)
    };

    match (style, ended) {
        (DocStyle::Content(_), Some(ended)) => return Err(ended.into()),
        (DocStyle::Raw, ended) => {
            sink.write_all(&body)?;
            sink.commit()?;
            return ended.map_or(Ok(()), |e| Err(e.into()));
        }
        (DocStyle::Content(part), None) => {
            let failed = document::write_content(&mut sink, &response, part)?;
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
        (_, ended) => {
            document::write_job(&mut sink, style, &response, session.look)?;
            sink.commit()?;
            ended.map_or(Ok(()), |e| Err(e.into()))
        }
    }
}

/// A 404 for a job is usually a typo, another region's job, or an expired result.
fn explain_not_found(err: anyhow::Error) -> anyhow::Error {
    match err.downcast::<ApiError>() {
        Ok(api) if api.status.as_u16() == 404 => api
            .with_hint("check the job id and the region; results of old jobs expire")
            .into(),
        Ok(api) => api.into(),
        Err(other) => other,
    }
}
