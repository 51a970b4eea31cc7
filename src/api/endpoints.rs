//! The four endpoints: their paths and how each one pages. No HTTP and no printing here.

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
pub struct ListEndpoint {
    pub segments: &'static [&'static str],
    pub paging: Paging,
    /// Advice for a 404/410 from this endpoint, when it means the endpoint itself is gone.
    pub gone_hint: Option<&'static str>,
}

/// `GET /api/v2/parse`
pub const PARSE_JOBS: ListEndpoint = ListEndpoint {
    segments: &["api", "v2", "parse"],
    paging: Paging::Cursor,
    gone_hint: None,
};

/// `GET /api/v2/batches`
pub const BATCHES: ListEndpoint = ListEndpoint {
    segments: &["api", "v2", "batches"],
    paging: Paging::Cursor,
    gone_hint: None,
};

/// `GET /api/v1/beta/batch-processing`
pub const BATCH_PROCESSING: ListEndpoint = ListEndpoint {
    segments: &["api", "v1", "beta", "batch-processing"],
    paging: Paging::Offset,
    gone_hint: Some(
        "the v1 beta batch-processing endpoint has been retired; use `llamacloud batches list` instead",
    ),
};

/// What a 404 for one parse job usually means.
pub const JOB_NOT_FOUND: &str = "check the job id and the region; results of old jobs expire";

/// `GET /api/v2/parse/{job_id}`: the path segments for one job (the id is percent-encoded
/// as one segment by the client).
pub fn parse_job(job_id: &str) -> [&str; 4] {
    ["api", "v2", "parse", job_id]
}

/// `POST /api/v2/parse`: a parse job for a URL or an uploaded file's id (JSON body).
pub const CREATE_PARSE_JOB: [&str; 3] = ["api", "v2", "parse"];

/// `POST /api/v2/parse/upload`: a parse job for a file sent along (multipart body).
pub const UPLOAD_AND_PARSE: [&str; 4] = ["api", "v2", "parse", "upload"];

/// `GET /api/v2/parse/versions`.
pub const PARSE_VERSIONS: [&str; 4] = ["api", "v2", "parse", "versions"];

/// `GET /api/v2/batches/{batch_id}`.
pub fn batch(batch_id: &str) -> [&str; 4] {
    ["api", "v2", "batches", batch_id]
}

/// `POST /api/v2/parse/{job_id}/cancel`.
pub fn cancel_parse_job(job_id: &str) -> [&str; 5] {
    ["api", "v2", "parse", job_id, "cancel"]
}

/// `POST /api/v2/batches/{batch_id}/cancel`.
pub fn cancel_batch(batch_id: &str) -> [&str; 5] {
    ["api", "v2", "batches", batch_id, "cancel"]
}
