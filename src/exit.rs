//! Exit codes, and the few error types that choose one. Every failure maps to its code here.

use std::fmt;
use std::io;

use crate::api::error::{ApiError, InvalidResponse, TransportError};
use crate::settings::{ENV_API_KEY, ENV_PARSE_API_KEY};

/// The documented exit codes (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    NotFound = 3,
    Auth = 4,
    Api = 5,
    JobFailed = 6,
    Interrupted = 130,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// A usage error found after argument parsing (exit 2).
#[derive(Debug)]
pub struct UsageError(String);

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// No API key anywhere (exit 4, before any request is made).
#[derive(Debug)]
pub struct MissingKey;

impl fmt::Display for MissingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no API key: set {ENV_API_KEY} (or {ENV_PARSE_API_KEY}), or pass --api-key"
        )
    }
}

impl std::error::Error for MissingKey {}

/// `--wait` saw the job end FAILED or CANCELLED (exit 6).
#[derive(Debug)]
pub struct JobEnded {
    pub job_id: String,
    pub status: String,
    pub message: Option<String>,
}

impl fmt::Display for JobEnded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job {} ended {}", self.job_id, self.status)?;
        match &self.message {
            Some(message) => write!(f, ": {message}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for JobEnded {}

/// The exit code for an error: the first error in its chain that has one decides.
pub fn classify(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            return api.exit();
        }
        if cause.is::<UsageError>() {
            return Exit::Usage;
        }
        if cause.is::<MissingKey>() {
            return Exit::Auth;
        }
        if cause.is::<JobEnded>() {
            return Exit::JobFailed;
        }
        if cause.is::<TransportError>() || cause.is::<InvalidResponse>() {
            return Exit::Failure;
        }
    }
    Exit::Failure
}

/// True when the error only means that the reader of stdout went away (`| head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
