//! What can go wrong talking to the API, worded for the user. No exit codes here: the
//! program's entry point decides those. What a non-success answer's body says is read in
//! `detail`.

mod detail;

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::text::one_line;
use detail::{DETAIL_CHARS, default_hint, detail_of, text_excerpt};

/// A failed API call.
#[derive(Debug)]
pub enum Error {
    /// The API answered with a non-success status.
    Status(Box<StatusError>),
    /// No usable HTTP answer: connection, TLS, timeout or a body that could not be read.
    Transport(String),
    /// No answer within the per-request limit.
    TimedOut(Box<TimedOut>),
    /// The caller's deadline came before an answer.
    Deadline(String),
    /// A success status with a body this program cannot use.
    InvalidResponse(String),
    /// The last of several attempts failed.
    GaveUp { attempts: u32, last: Box<Error> },
    /// A request that changes something was sent and its answer was lost (a timeout, a dropped
    /// connection): the server may have acted on it. `note` says what may have happened.
    Unsure { cause: Box<Error>, note: Option<String> },
    /// A request the API layer refuses to send: an id that is not one path segment.
    BadArgument(String),
    /// A local problem stopped the request before the server could act on it (a file that
    /// changed while it was being uploaded): nothing was created, and it is not sent again.
    Local(String),
    /// Downloading from a presigned URL (a result file, an image) failed.
    Presigned(Box<Error>),
}

/// No answer from `host` within `limit`.
#[derive(Debug)]
pub struct TimedOut {
    pub host: String,
    pub limit: Duration,
    /// What the caller says about the limit (which setting it is).
    pub hint: Option<String>,
}

/// A non-success answer.
#[derive(Debug)]
pub(crate) struct StatusError {
    pub status: StatusCode,
    /// The server's `detail` (or the start of the body): one line, printable, bounded.
    pub detail: String,
    /// The body as JSON when it is JSON, else as text; `None` when empty.
    pub body: Option<Value>,
    pub hint: Option<String>,
}

impl Error {
    /// The error for a non-success answer with this status and body.
    pub fn status(status: StatusCode, body: &[u8]) -> Self {
        let json = serde_json::from_slice::<Value>(body).ok();
        let detail = match &json {
            Some(value) => one_line(&detail_of(value), DETAIL_CHARS),
            None => text_excerpt(body),
        };
        let body = match json {
            Some(value) => Some(value),
            None if body.is_empty() => None,
            None => Some(Value::String(String::from_utf8_lossy(body).into_owned())),
        };
        Error::Status(Box::new(StatusError {
            status,
            detail,
            body,
            hint: default_hint(status).map(str::to_string),
        }))
    }

    /// A success answer whose body is not JSON: says so with the status and how it starts.
    pub fn not_json(status: StatusCode, why: impl fmt::Display, body: &[u8]) -> Self {
        Error::InvalidResponse(format!(
            "the body is not JSON (HTTP {status}; {why}): {}",
            text_excerpt(body)
        ))
    }

    /// A success answer's body as text; a body that is not UTF-8 is not JSON either.
    pub(super) fn body_text(status: StatusCode, body: Vec<u8>) -> Result<String, Self> {
        String::from_utf8(body).map_err(|err| {
            let why = format!("invalid UTF-8: {}", err.utf8_error());
            Error::not_json(status, why, err.as_bytes())
        })
    }

    /// The non-success answer behind this error, if it is one.
    pub fn status_error(&self) -> Option<&StatusError> {
        match self {
            Error::Status(status) => Some(status),
            Error::GaveUp { last, .. } => last.status_error(),
            Error::Transport(_)
            | Error::TimedOut(_)
            | Error::Deadline(_)
            | Error::InvalidResponse(_)
            | Error::Unsure { .. }
            | Error::BadArgument(_)
            | Error::Local(_)
            | Error::Presigned(_) => None,
        }
    }

    /// True when a request that changes something may have been acted on although it failed:
    /// its answer was lost, or was 500, 502 or 504.
    pub fn may_have_acted(&self) -> bool {
        match self {
            Error::Unsure { .. } => true,
            Error::Status(status) => matches!(status.status.as_u16(), 500 | 502 | 504),
            Error::GaveUp { last, .. } => last.may_have_acted(),
            Error::Transport(_)
            | Error::TimedOut(_)
            | Error::Deadline(_)
            | Error::InvalidResponse(_)
            | Error::BadArgument(_)
            | Error::Local(_)
            | Error::Presigned(_) => false,
        }
    }

    /// When `may_have_acted`, adds `note` (what may have happened and how to check).
    pub fn with_unsure_note(self, note: &str) -> Self {
        if !self.may_have_acted() {
            return self;
        }
        match self {
            Error::Unsure { cause, .. } => Error::Unsure {
                cause,
                note: Some(note.to_string()),
            },
            Error::GaveUp { attempts, last } => Error::GaveUp {
                attempts,
                last: Box::new(last.with_unsure_note(note)),
            },
            other => other.with_hint(&[500, 502, 504], note),
        }
    }

    /// Trouble of the network or the server that may pass by itself: no connection, no answer
    /// in time, 408, 429 or a 5xx. A bulk run waits such trouble out instead of failing
    /// documents.
    pub fn may_pass(&self) -> bool {
        match self {
            Error::Transport(_) | Error::TimedOut(_) => true,
            Error::Status(status) => matches!(status.status.as_u16(), 408 | 429 | 500..=599),
            Error::GaveUp { last, .. } => last.may_pass(),
            Error::Unsure { cause, .. } => cause.may_pass(),
            Error::Deadline(_)
            | Error::InvalidResponse(_)
            | Error::BadArgument(_)
            | Error::Local(_)
            | Error::Presigned(_) => false,
        }
    }

    /// A refusal that will not change (a 4xx other than 408 and 429): nothing was done.
    pub fn refused(&self) -> bool {
        self.status_code()
            .is_some_and(|status| (400..500).contains(&status) && !matches!(status, 408 | 429))
    }

    /// The HTTP status of the answer behind this error, if it is one.
    pub fn status_code(&self) -> Option<u16> {
        self.status_error().map(|s| s.status.as_u16())
    }

    /// The server answered 404: what was asked for is not there (or not visible to this key).
    /// The one way the program asks it.
    pub fn is_not_found(&self) -> bool {
        self.status_code() == Some(404)
    }

    /// True when the caller's deadline ended the request, on the last attempt or before it.
    pub fn is_deadline(&self) -> bool {
        match self {
            Error::Deadline(_) => true,
            Error::GaveUp { last, .. } => last.is_deadline(),
            _ => false,
        }
    }

    /// Gives a non-success answer with one of `statuses` this hint, unless it has one.
    pub fn with_default_hint(self, statuses: &[u16], hint: &str) -> Self {
        match self.status_error() {
            Some(status) if status.hint.is_none() => self.with_hint(statuses, hint),
            _ => self,
        }
    }

    /// The server's certificate is not trusted here (after any retries).
    pub fn is_certificate(&self) -> bool {
        match self {
            Error::Transport(message) => message.starts_with(CERTIFICATE),
            Error::GaveUp { last: inner, .. }
            | Error::Unsure { cause: inner, .. }
            | Error::Presigned(inner) => inner.is_certificate(),
            _ => false,
        }
    }

    /// Says how to trust a certificate, where this error (or its cause) is a certificate error.
    pub fn with_certificate_hint(self, hint: &str) -> Self {
        match self {
            Error::Transport(message) if message.starts_with(CERTIFICATE) => {
                Error::Transport(format!("{message}: {hint}"))
            }
            Error::GaveUp { attempts, last } => Error::GaveUp {
                attempts,
                last: Box::new(last.with_certificate_hint(hint)),
            },
            Error::Unsure { cause, note } => Error::Unsure {
                cause: Box::new(cause.with_certificate_hint(hint)),
                note,
            },
            Error::Presigned(inner) => Error::Presigned(Box::new(inner.with_certificate_hint(hint))),
            other => other,
        }
    }

    /// Says what the per-request limit is, where this error (or its cause) is a timeout.
    pub fn with_timeout_hint(self, hint: &str) -> Self {
        match self {
            Error::TimedOut(mut timed_out) => {
                timed_out.hint.get_or_insert_with(|| hint.to_string());
                Error::TimedOut(timed_out)
            }
            Error::GaveUp { attempts, last } => Error::GaveUp {
                attempts,
                last: Box::new(last.with_timeout_hint(hint)),
            },
            Error::Unsure { cause, note } => Error::Unsure {
                cause: Box::new(cause.with_timeout_hint(hint)),
                note,
            },
            other => other,
        }
    }

    /// Drops the hint of a non-success answer (its default or one set since).
    pub fn without_hint(self) -> Self {
        match self {
            Error::Status(mut status) => {
                status.hint = None;
                Error::Status(status)
            }
            Error::GaveUp { attempts, last } => Error::GaveUp {
                attempts,
                last: Box::new(last.without_hint()),
            },
            other => other,
        }
    }

    /// Replaces the hint of a non-success answer with one of `statuses`.
    pub(super) fn with_hint(mut self, statuses: &[u16], hint: &str) -> Self {
        let target = match &mut self {
            Error::Status(status) => Some(status),
            Error::GaveUp { last, .. } => match last.as_mut() {
                Error::Status(status) => Some(status),
                _ => None,
            },
            _ => None,
        };
        if let Some(status) = target
            && statuses.contains(&status.status.as_u16())
        {
            status.hint = Some(hint.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Status(status) => status.fmt(f),
            Error::Transport(message)
            | Error::Deadline(message)
            | Error::BadArgument(message)
            | Error::Local(message) => f.write_str(message),
            Error::TimedOut(timed_out) => {
                write!(
                    f,
                    "no answer from {} within {}",
                    timed_out.host,
                    seconds(timed_out.limit)
                )?;
                match &timed_out.hint {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            Error::Unsure { cause, note } => {
                cause.fmt(f)?;
                match note {
                    Some(note) => write!(f, " ({note})"),
                    None => Ok(()),
                }
            }
            Error::InvalidResponse(message) => write!(f, "invalid response: {message}"),
            Error::GaveUp { attempts, last } => write!(f, "gave up after {attempts} attempts: {last}"),
            Error::Presigned(inner) => {
                f.write_str("downloading from the presigned link failed: ")?;
                let mut inner = inner.as_ref();
                if let Error::GaveUp { attempts, last } = inner {
                    write!(f, "gave up after {attempts} attempts: ")?;
                    inner = last;
                }
                match inner {
                    // The API's hints are about the API key, which is not sent here.
                    Error::Status(status) => write!(
                        f,
                        "HTTP {} {}: {} (links expire: run the command again for a fresh one)",
                        status.status.as_u16(),
                        status.status.canonical_reason().unwrap_or("error"),
                        status.detail
                    ),
                    other => other.fmt(f),
                }
            }
        }
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = self.status.canonical_reason().unwrap_or("error");
        write!(f, "HTTP {} {reason}: {}", self.status.as_u16(), self.detail)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// How a certificate error begins.
const CERTIFICATE: &str = "the TLS certificate of";

/// A failure of the request to `url`, worded for the user.
pub fn transport(err: &reqwest::Error, url: &reqwest::Url, timeout: Duration) -> Error {
    let host = host_of(err.url().unwrap_or(url));
    let cause = root_cause(err);
    if err.is_timeout() {
        return timed_out(host, timeout);
    }
    // rustls's words for a certificate it does not trust: said as what it is.
    if cause.contains("invalid peer certificate") {
        return Error::Transport(format!("{CERTIFICATE} {host} is not trusted here ({cause})"));
    }
    Error::Transport(if err.is_connect() {
        format!("could not connect to {host}: {cause}")
    } else if err.is_body() || err.is_decode() {
        format!("reading the response from {host} failed: {cause}")
    } else if err.is_redirect() {
        format!("too many redirects from {host}: {cause}")
    } else {
        format!("request to {host} failed: {cause}")
    })
}

/// The connection to `url` did not open within `limit` (the request was not sent).
pub(super) fn connect_timed_out(url: &reqwest::Url, limit: Duration) -> Error {
    Error::Transport(format!(
        "could not connect to {}: no connection within {} s",
        host_of(url),
        limit.as_secs_f64()
    ))
}

/// A failure while reading a response body.
pub fn reading(err: &std::io::Error, url: &reqwest::Url, timeout: Duration) -> Error {
    if let Some(inner) = err.get_ref().and_then(|e| e.downcast_ref::<reqwest::Error>()) {
        return transport(inner, url, timeout);
    }
    let host = host_of(url);
    if err.kind() == std::io::ErrorKind::TimedOut {
        return timed_out(host, timeout);
    }
    Error::Transport(format!("reading the response from {host} failed: {err}"))
}

/// `host:port` of `url` (the port only when the URL names one).
pub(super) fn host_of(url: &reqwest::Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

fn timed_out(host: String, limit: Duration) -> Error {
    Error::TimedOut(Box::new(TimedOut {
        host,
        limit,
        hint: None,
    }))
}

/// The innermost cause of `err`, one line.
pub(super) fn root_cause(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    one_line(&cause.to_string(), DETAIL_CHARS)
}

/// "4 s", "0.1 s".
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> Error {
        Error::status(StatusCode::from_u16(status).unwrap(), body.as_bytes())
    }

    #[test]
    fn not_found_is_a_404_after_any_retries_and_nothing_else() {
        assert!(err(404, "{}").is_not_found());
        let gave_up = Error::GaveUp {
            attempts: 3,
            last: Box::new(err(404, "{}")),
        };
        assert!(gave_up.is_not_found());
        assert!(!err(410, "{}").is_not_found());
        assert!(!err(500, "{}").is_not_found());
        assert!(!Error::Transport("refused".into()).is_not_found());
        let presigned = Error::Presigned(Box::new(err(404, "{}")));
        assert!(
            !presigned.is_not_found(),
            "a presigned link is not the API's resource"
        );
    }

    #[test]
    fn hints_can_be_replaced_for_some_statuses() {
        assert!(err(402, "{}").to_string().contains("out of credits"));
        let e = err(404, "{}").with_hint(&[404, 410], "check the id");
        assert_eq!(e.to_string(), "HTTP 404 Not Found: {} (check the id)");
        let e = err(400, "{}").with_hint(&[404], "check the id");
        assert!(!e.to_string().contains("check the id"));
    }
}
