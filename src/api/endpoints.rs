//! The endpoints: their paths and how each list pages. Only `parse_jobs`, `batches` and `files`
//! use them; a path segment that comes from the user is checked there (`segment`).

/// How a list endpoint pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `page_size` + `page_token` → `next_page_token`.
    Cursor,
    /// `limit` + `offset` → `total_size`.
    Offset,
}

/// A list endpoint.
#[derive(Debug)]
pub(crate) struct ListEndpoint {
    pub segments: &'static [&'static str],
    pub paging: Paging,
}

/// `GET /api/v2/parse`
pub(super) const PARSE_JOBS: ListEndpoint = ListEndpoint {
    segments: &["api", "v2", "parse"],
    paging: Paging::Cursor,
};

/// `GET /api/v2/batches`
pub(super) const BATCHES: ListEndpoint = ListEndpoint {
    segments: &["api", "v2", "batches"],
    paging: Paging::Cursor,
};

/// `GET /api/v1/beta/batch-processing`
pub(super) const BATCH_PROCESSING: ListEndpoint = ListEndpoint {
    segments: &["api", "v1", "beta", "batch-processing"],
    paging: Paging::Offset,
};

/// `GET /api/v2/parse/{job_id}` (and `DELETE`): the path segments for one job (the id is
/// percent-encoded as one segment by the client).
pub fn parse_job(job_id: &str) -> [&str; 4] {
    ["api", "v2", "parse", job_id]
}

/// `POST /api/v2/parse`: a parse job for a URL or an uploaded file's id (JSON body).
pub(super) const CREATE_PARSE_JOB: [&str; 3] = ["api", "v2", "parse"];

/// `POST /api/v2/parse/upload`: a parse job for a file sent along (multipart body).
pub(super) const UPLOAD_AND_PARSE: [&str; 4] = ["api", "v2", "parse", "upload"];

/// `POST /api/v1/beta/files`: a file uploaded for later jobs (multipart body).
pub(super) const FILES: [&str; 4] = ["api", "v1", "beta", "files"];

/// `GET /api/v2/parse/versions`.
pub(super) const PARSE_VERSIONS: [&str; 4] = ["api", "v2", "parse", "versions"];

/// `GET /api/v2/batches/{batch_id}`.
pub fn batch(batch_id: &str) -> [&str; 4] {
    ["api", "v2", "batches", batch_id]
}

/// `POST /api/v2/parse/{job_id}/cancel`.
pub(super) fn cancel_parse_job(job_id: &str) -> [&str; 5] {
    ["api", "v2", "parse", job_id, "cancel"]
}

/// `POST /api/v2/batches/{batch_id}/cancel`.
pub(super) fn cancel_batch(batch_id: &str) -> [&str; 5] {
    ["api", "v2", "batches", batch_id, "cancel"]
}

/// An id as one path segment: refused when it is empty, `.` or `..`, or holds a `/` (a URL
/// would read those as a different path: `DELETE /api/v2/parse/..` is `DELETE /api/v2`).
pub fn segment<'a>(what: &str, id: &'a str) -> Result<&'a str, crate::api::Error> {
    match id {
        "" => Err(crate::api::Error::BadArgument(format!("the {what} is empty"))),
        "." | ".." => Err(crate::api::Error::BadArgument(format!("{id:?} is not a {what}"))),
        _ if id.contains('/') => Err(crate::api::Error::BadArgument(format!(
            "{:?} is not a {what}: an id holds no /",
            crate::text::neutralize(id)
        ))),
        _ => Ok(id),
    }
}
