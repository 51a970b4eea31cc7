//! `parsing list` and `parsing get`.

use std::io::Write as _;

use serde_json::Value;

use crate::api::endpoints::{self, PARSE_JOBS};
use crate::api::error::{ApiError, InvalidResponse};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::Query;
use crate::cli::{GlobalArgs, ParsingGetArgs, ParsingListArgs, api_value};
use crate::commands::{Session, listing, push_created};
use crate::exit::UsageError;
use crate::output::document::{self, DocStyle};
use crate::output::resource::Resource;
use crate::output::{self, ListStyle, Terminal};

pub fn list(global: &GlobalArgs, args: &ParsingListArgs) -> anyhow::Result<()> {
    let terminal = Terminal::detect();
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
    let terminal = Terminal::detect();
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
    let mut query = Query::new();
    query
        .push_all("expand", expand)
        .push_opt("image_filenames", args.image_filenames.clone());
    session.scope(&mut query);
    query.sort();

    let url = session.client.url(&endpoints::parse_job(job_id), &query);
    let reply = session.client.get(&url).map_err(explain_not_found)?;
    let mut out = output::stdout();
    if style == DocStyle::Raw {
        out.write_all(&reply.body)?;
        return Ok(out.flush()?);
    }
    let response: Value = serde_json::from_slice(&reply.body)
        .map_err(|err| InvalidResponse(format!("the body is not JSON ({err})")))?;
    if !response.is_object() {
        return Err(InvalidResponse("expected a JSON object with a job".into()).into());
    }
    if let DocStyle::Content(part) = style {
        let failed = document::write_content(&mut out, &response, part)?;
        out.flush()?;
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
    document::write_job(&mut out, style, &response)?;
    Ok(out.flush()?)
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
