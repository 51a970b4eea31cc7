//! The batch calls (`/api/v2/batches`) and the v1 beta batch-processing listing, one typed
//! function each. The only code that builds their URLs and queries.

use crate::api::client::{Client, Method, Payload};
use crate::api::endpoints::{self, BATCH_PROCESSING, BATCHES, segment};
use crate::api::error::Error;
use crate::api::models::Batch;
use crate::api::paginate::{ListRequest, Start};
use crate::api::parse_jobs::{CreatedRange, Paging, cursor_request};
use crate::api::query::{Query, Scope};

/// `GET /api/v2/batches/{batch_id}`.
pub fn get(client: &Client, scope: &Scope, batch_id: &str, expand: &[String]) -> Result<Batch, Error> {
    let id = segment("batch id", batch_id)?;
    let mut query = scope.query();
    query.push_all("expand", expand.iter().cloned());
    query.sort();
    let reply = client
        .get(&client.url(&endpoints::batch(id), &query))
        .map_err(|err| err.with_hint(&[404], "check the batch id and the region"))?;
    Batch::parse(reply.status, reply.body)
}

/// `POST /api/v2/batches/{batch_id}/cancel`.
pub fn cancel(client: &Client, scope: &Scope, batch_id: &str) -> Result<(), Error> {
    let id = segment("batch id", batch_id)?;
    let url = client.url(&endpoints::cancel_batch(id), &scope.query());
    client.send(Method::POST, &url, &Payload::Empty).map(drop)
}

/// Which batches a listing shows.
#[derive(Debug, Clone, Default)]
pub struct BatchFilter {
    pub status: Option<String>,
    pub source_directory_id: Option<String>,
    pub created: CreatedRange,
}

/// `GET /api/v2/batches`: the listing request for the pager.
pub fn list(scope: &Scope, filter: &BatchFilter, paging: &Paging) -> ListRequest {
    let mut filters = Query::new();
    filters
        .push_opt("status", filter.status.clone())
        .push_opt("source_directory_id", filter.source_directory_id.clone());
    filter.created.push(&mut filters);
    scope.push(&mut filters);
    cursor_request(&BATCHES, filters, paging)
}

/// Which batch-processing jobs a listing shows.
#[derive(Debug, Clone, Default)]
pub struct BatchJobFilter {
    pub directory_id: Option<String>,
    pub job_type: Option<String>,
    pub status: Option<String>,
}

/// `GET /api/v1/beta/batch-processing` (offset paging): the listing request for the pager.
/// `gone_hint` is what a 404 or 410 means, the endpoint having been retired.
pub fn list_batch_jobs(
    scope: &Scope,
    filter: &BatchJobFilter,
    limit: Option<u64>,
    offset: Option<u64>,
    max_items: Option<u64>,
    gone_hint: &str,
) -> ListRequest {
    let mut filters = Query::new();
    filters
        .push_opt("directory_id", filter.directory_id.clone())
        .push_opt("job_type", filter.job_type.clone())
        .push_opt("status", filter.status.clone());
    scope.push(&mut filters);
    ListRequest {
        endpoint: &BATCH_PROCESSING,
        filters,
        page_size: limit,
        start: Start::Offset(offset),
        max_items,
        gone_hint: Some(gone_hint.to_string()),
    }
}
