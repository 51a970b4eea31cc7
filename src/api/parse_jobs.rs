//! The parse-job calls, one typed function each: get a job (with `expand`), stream its
//! response, follow jobs by id, create (upload, URL, file id), cancel, delete, versions, and the
//! listing request. The only code that builds a parse-job URL or query.

use std::path::PathBuf;
use std::time::SystemTime;

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::api::body::StreamBody;
use crate::api::client::{Client, Method, Payload};
use crate::api::document::{self, Summary};
use crate::api::endpoints::{self, ListEndpoint, PARSE_JOBS, segment};
use crate::api::error::Error;
use crate::api::models::{Created, Job, Versions};
use crate::api::paginate::{ListRequest, Start};
use crate::api::query::{Query, Scope};

/// What a 404 for one parse job usually means.
const NOT_FOUND: &str = "check the job id and the region; results of old jobs expire";
/// Job ids per request when following jobs by id.
pub const IDS_PER_REQUEST: usize = 100;
/// Pages followed when listing jobs by id, at most (a server that keeps sending tokens).
const MAX_ID_PAGES: usize = 100;

/// What to include with a job.
#[derive(Debug, Default, Clone)]
pub struct Expand<'a> {
    /// Parts to include (`expand`), sent in the order given.
    pub parts: Vec<&'a str>,
    /// Only these image files (`image_filenames`, one comma-separated string).
    pub image_filenames: Option<&'a str>,
}

impl Expand<'_> {
    fn query(&self, scope: &Scope) -> Query {
        let mut query = scope.query();
        query
            .push_all("expand", self.parts.iter().copied())
            .push_opt("image_filenames", self.image_filenames);
        query.sort();
        query
    }

    /// No part asked for: the bare job.
    pub fn is_bare(&self) -> bool {
        self.parts.is_empty() && self.image_filenames.is_none()
    }
}

/// Where a new job's document comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A local file, uploaded with the request.
    File(PathBuf),
    /// A URL the API fetches.
    Url(String),
    /// A file already uploaded to LlamaCloud.
    FileId(String),
}

impl Source {
    /// An argument of `parse`: an http(s) URL, or a local path.
    pub fn of_argument(text: &str) -> Source {
        match text.get(..8).map(str::to_ascii_lowercase) {
            Some(start) if start.starts_with("http://") || start == "https://" => {
                Source::Url(text.to_string())
            }
            _ => Source::File(PathBuf::from(text)),
        }
    }
}

/// A job response, streamed: its status, and the body still unread.
pub(crate) struct Stream {
    pub status: reqwest::StatusCode,
    pub body: StreamBody,
}

fn job_url(client: &Client, scope: &Scope, job_id: &str, expand: &Expand) -> Result<reqwest::Url, Error> {
    let id = segment("job id", job_id)?;
    Ok(client.url(&endpoints::parse_job(id), &expand.query(scope)))
}

/// `GET /api/v2/parse/{job_id}`, read whole; nothing goes on past `deadline`.
pub fn get(
    client: &Client,
    scope: &Scope,
    job_id: &str,
    expand: &Expand,
    deadline: Option<SystemTime>,
) -> Result<Job, Error> {
    let url = job_url(client, scope, job_id, expand)?;
    let reply = client
        .get_before(&url, deadline)
        .map_err(|err| err.with_hint(&[404], NOT_FOUND))?;
    Job::parse(reply.status, reply.body)
}

/// `GET /api/v2/parse/{job_id}`, the body handed back unread (memory flat however large the
/// document).
pub fn stream(client: &Client, scope: &Scope, job_id: &str, expand: &Expand) -> Result<Stream, Error> {
    let url = job_url(client, scope, job_id, expand)?;
    let (status, body) = client
        .get_stream(&url)
        .map_err(|err| err.with_hint(&[404], NOT_FOUND))?;
    Ok(Stream { status, body })
}

/// `GET /api/v2/parse/{job_id}` reduced, as it streams in, to what a summary shows.
pub fn summary(client: &Client, scope: &Scope, job_id: &str, expand: &Expand) -> Result<Summary, Error> {
    let Stream { status, body } = stream(client, scope, job_id, expand)?;
    document::summarize(status, body)
}

/// `GET /api/v2/parse/{job_id}` as JSON, for the links to result files and images.
pub fn get_value(client: &Client, scope: &Scope, job_id: &str, expand: &Expand) -> Result<Value, Error> {
    let url = job_url(client, scope, job_id, expand)?;
    let reply = client.get(&url).map_err(|err| err.with_hint(&[404], NOT_FOUND))?;
    serde_json::from_slice(&reply.body).map_err(|err| Error::not_json(reply.status, err, &reply.body))
}

/// `GET /api/v2/parse?job_ids=…`: the listed jobs among `ids` (at most `IDS_PER_REQUEST`),
/// every page followed.
pub fn list_by_id(client: &Client, scope: &Scope, ids: &[String]) -> Result<Vec<Value>, Error> {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_ID_PAGES {
        let mut query = Query::new();
        scope.push(&mut query);
        query
            .push_all("job_ids", ids.iter().cloned())
            .push("page_size", IDS_PER_REQUEST.to_string());
        query.sort();
        query.push_opt("page_token", token.take());
        let reply = client.get(&client.url(PARSE_JOBS.segments, &query))?;
        let page: Value = serde_json::from_slice(&reply.body)
            .map_err(|err| Error::not_json(reply.status, err, &reply.body))?;
        let listed = page.get("items").and_then(Value::as_array);
        let listed_any = listed.is_some_and(|items| !items.is_empty());
        items.extend(listed.into_iter().flatten().cloned());
        match page.get("next_page_token").and_then(Value::as_str) {
            Some(next) if !next.is_empty() && listed_any => token = Some(next.to_string()),
            _ => return Ok(items),
        }
    }
    Err(Error::InvalidResponse(format!(
        "the listing of {} jobs by id did not end after {MAX_ID_PAGES} pages",
        ids.len()
    )))
}

/// `POST /api/v2/parse` (a URL or a file id, JSON) or `POST /api/v2/parse/upload` (a file,
/// multipart): sent once, unless the server provably did not take it in.
pub fn create(
    client: &Client,
    scope: &Scope,
    source: &Source,
    configuration: &Map<String, Value>,
) -> Result<Created, Error> {
    let query = scope.query();
    // One page set is sent in one form, the form its result is keyed on.
    let mut configuration = crate::api::configuration::with_canonical_pages(configuration);
    let (url, payload) = match source {
        Source::File(file) => (
            client.url(&endpoints::UPLOAD_AND_PARSE, &query),
            Payload::Upload {
                text: ("configuration", Value::Object(configuration).to_string()),
                file: file.clone(),
            },
        ),
        Source::Url(url) => {
            configuration.insert("source_url".into(), json!(url));
            (
                client.url(&endpoints::CREATE_PARSE_JOB, &query),
                Payload::Json(Value::Object(configuration).to_string().into_bytes()),
            )
        }
        Source::FileId(id) => {
            configuration.insert("file_id".into(), json!(id));
            (
                client.url(&endpoints::CREATE_PARSE_JOB, &query),
                Payload::Json(Value::Object(configuration).to_string().into_bytes()),
            )
        }
    };
    let reply = client.send(Method::POST, &url, &payload)?;
    Created::parse(reply.status, reply.body)
}

/// `POST /api/v2/parse/{job_id}/cancel`.
pub fn cancel(client: &Client, scope: &Scope, job_id: &str) -> Result<(), Error> {
    let id = segment("job id", job_id)?;
    let url = client.url(&endpoints::cancel_parse_job(id), &scope.query());
    client.send(Method::POST, &url, &Payload::Empty).map(drop)
}

/// `DELETE /api/v2/parse/{job_id}`.
pub fn delete(client: &Client, scope: &Scope, job_id: &str) -> Result<(), Error> {
    let id = segment("job id", job_id)?;
    let url = client.url(&endpoints::parse_job(id), &scope.query());
    client.send(Method::DELETE, &url, &Payload::Empty).map(drop)
}

/// `GET /api/v2/parse/versions`.
pub fn versions(client: &Client, scope: &Scope) -> Result<Versions, Error> {
    let reply = client.get(&client.url(&endpoints::PARSE_VERSIONS, &scope.query()))?;
    Versions::parse(reply.status, reply.body)
}

/// One request for one job: whether the key (and the scope) can list jobs.
pub fn check_access(client: &Client, scope: &Scope) -> Result<(), Error> {
    let mut query = Query::new();
    query.push("page_size", "1");
    scope.push(&mut query);
    query.sort();
    client.get(&client.url(PARSE_JOBS.segments, &query)).map(drop)
}

/// Created at or after, at or before (RFC 3339, UTC).
#[derive(Debug, Clone, Copy, Default)]
pub struct CreatedRange {
    pub on_or_after: Option<Timestamp>,
    pub on_or_before: Option<Timestamp>,
}

impl CreatedRange {
    pub(super) fn push(&self, query: &mut Query) {
        query
            .push_opt("created_at_on_or_after", self.on_or_after.map(|t| t.to_string()))
            .push_opt(
                "created_at_on_or_before",
                self.on_or_before.map(|t| t.to_string()),
            );
    }
}

/// Which jobs a listing shows.
#[derive(Debug, Clone, Default)]
pub struct JobFilter {
    pub status: Option<String>,
    pub job_ids: Vec<String>,
    pub created: CreatedRange,
}

/// How far a listing goes and where it starts.
#[derive(Debug, Clone, Default)]
pub struct Paging {
    pub page_size: Option<u64>,
    pub page_token: Option<String>,
    pub max_items: Option<u64>,
}

/// `GET /api/v2/parse`: the listing request for the pager.
pub fn list(scope: &Scope, filter: &JobFilter, paging: &Paging) -> ListRequest {
    let mut filters = Query::new();
    filters
        .push_opt("status", filter.status.clone())
        .push_all("job_ids", filter.job_ids.iter().cloned());
    filter.created.push(&mut filters);
    scope.push(&mut filters);
    cursor_request(&PARSE_JOBS, filters, paging)
}

/// A cursor-paged listing of `endpoint` with `filters` (the scope already among them).
pub(super) fn cursor_request(
    endpoint: &'static ListEndpoint,
    filters: Query,
    paging: &Paging,
) -> ListRequest {
    ListRequest {
        endpoint,
        filters,
        page_size: paging.page_size,
        start: Start::Cursor(paging.page_token.clone()),
        max_items: paging.max_items,
        gone_hint: None,
    }
}

/// A presigned link (a result file, an image), streamed: no API key, no custom headers,
/// whatever its host. Returns the body and its length when the server says it.
pub fn download(client: &Client, link: &str) -> Result<(Option<u64>, StreamBody), Error> {
    let url = reqwest::Url::parse(link)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| Error::InvalidResponse("a presigned link is not an http(s) URL".into()))?;
    let body = client.download(&url)?;
    Ok((body.length(), body))
}
