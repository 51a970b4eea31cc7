//! What can go wrong talking to the API, worded for the user, and which exit code each gets.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::exit::Exit;
use crate::output::sanitize::neutralize;

/// How much of a non-JSON error body is quoted in the one-line message.
const BODY_EXCERPT_CHARS: usize = 200;

/// The API answered with a non-success status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// The server's `detail` (or the start of the body), already made one line and printable.
    pub detail: String,
    /// The body as JSON when it is JSON, else as text; `None` when empty.
    pub body: Option<Value>,
    pub hint: Option<String>,
}

impl ApiError {
    /// Builds the error from the status and the raw body of a response.
    pub fn from_response(status: StatusCode, body: &[u8]) -> Self {
        let json = serde_json::from_slice::<Value>(body).ok();
        let detail = match &json {
            Some(value) => detail_of(value),
            None => text_excerpt(body),
        };
        let body = match json {
            Some(value) => Some(value),
            None if body.is_empty() => None,
            None => Some(Value::String(String::from_utf8_lossy(body).into_owned())),
        };
        ApiError {
            status,
            detail,
            body,
            hint: default_hint(status).map(str::to_string),
        }
    }

    /// The exit code for this status (README "Exit codes").
    pub fn exit(&self) -> Exit {
        match self.status.as_u16() {
            401 | 403 => Exit::Auth,
            404 | 410 => Exit::NotFound,
            _ => Exit::Api,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = self.status.canonical_reason().unwrap_or("error");
        write!(f, "HTTP {} {reason}: {}", self.status.as_u16(), self.detail)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn default_hint(status: StatusCode) -> Option<&'static str> {
    Some(match status.as_u16() {
        401 => "check LLAMA_CLOUD_API_KEY and the region: a key works only in the region it was created in",
        402 => "the organization is out of credits",
        403 => "the key's project cannot see this resource; check --project-id and --organization-id",
        429 => "rate limited; wait a moment and try again",
        500..=599 => "the service failed; try again later",
        _ => return None,
    })
}

/// FastAPI's `detail` is a string or a list of `{loc, msg, type}`; other services use
/// `message` or `error`. Falls back to the compact JSON.
fn detail_of(body: &Value) -> String {
    let detail = body
        .get("detail")
        .or_else(|| body.get("details"))
        .or_else(|| body.get("message"))
        .or_else(|| body.get("error"));
    let text = match detail {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(entries)) => entries
            .iter()
            .map(validation_entry)
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Object(obj)) => match obj.get("message").or_else(|| obj.get("msg")) {
            Some(Value::String(s)) => s.clone(),
            _ => Value::Object(obj.clone()).to_string(),
        },
        Some(other) => other.to_string(),
        None => body.to_string(),
    };
    one_line(&text, usize::MAX)
}

/// `query.page_size: Input should be greater than 0`.
fn validation_entry(entry: &Value) -> String {
    let msg = match entry.get("msg") {
        Some(Value::String(s)) => s.clone(),
        _ => return entry.to_string(),
    };
    match entry.get("loc").and_then(Value::as_array) {
        Some(loc) if !loc.is_empty() => {
            let path = loc
                .iter()
                .map(|part| part.as_str().map_or_else(|| part.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(".");
            format!("{path}: {msg}")
        }
        _ => msg,
    }
}

fn text_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.trim().is_empty() {
        "empty response body".to_string()
    } else {
        one_line(&text, BODY_EXCERPT_CHARS)
    }
}

/// Collapses whitespace, neutralises control characters and cuts to `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = collapsed.chars().take(max).collect();
    if collapsed.chars().count() > max {
        out.push('…');
    }
    neutralize(&out).into_owned()
}

/// The request never got a usable HTTP answer: connection, TLS, timeout or body read failure.
#[derive(Debug)]
pub struct TransportError {
    message: String,
}

impl TransportError {
    /// A failure of the request to `url`.
    pub fn new(err: &reqwest::Error, url: &reqwest::Url, timeout: Duration) -> Self {
        let host = host_of(err.url().unwrap_or(url));
        let cause = root_cause(err);
        let message = if err.is_timeout() {
            timed_out(&host, timeout)
        } else if err.is_connect() {
            format!("could not connect to {host}: {cause}")
        } else if err.is_body() || err.is_decode() {
            format!("reading the response from {host} failed: {cause}")
        } else if err.is_redirect() {
            format!("too many redirects from {host}: {cause}")
        } else {
            format!("request to {host} failed: {cause}")
        };
        TransportError { message }
    }

    /// A failure while reading a response body.
    pub fn reading(err: &std::io::Error, url: &reqwest::Url, timeout: Duration) -> Self {
        if let Some(inner) = err.get_ref().and_then(|e| e.downcast_ref::<reqwest::Error>()) {
            return TransportError::new(inner, url, timeout);
        }
        let host = host_of(url);
        let message = if err.kind() == std::io::ErrorKind::TimedOut {
            timed_out(&host, timeout)
        } else {
            format!("reading the response from {host} failed: {err}")
        };
        TransportError { message }
    }
}

fn host_of(url: &reqwest::Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

fn timed_out(host: &str, timeout: Duration) -> String {
    format!(
        "no answer from {host} within {} (the --timeout per request)",
        seconds(timeout)
    )
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

fn root_cause(err: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

/// The API answered 2xx with a body this program cannot use.
#[derive(Debug)]
pub struct InvalidResponse(pub String);

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid response: {}", self.0)
    }
}

impl std::error::Error for InvalidResponse {}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> ApiError {
        ApiError::from_response(StatusCode::from_u16(status).unwrap(), body.as_bytes())
    }

    #[test]
    fn detail_as_a_string() {
        let e = err(404, r#"{"detail":"Job not found"}"#);
        assert_eq!(e.to_string(), "HTTP 404 Not Found: Job not found");
        assert_eq!(e.exit(), Exit::NotFound);
    }

    #[test]
    fn detail_as_a_validation_list() {
        let e = err(
            422,
            r#"{"detail":[{"loc":["query","page_size"],"msg":"Input should be greater than 0","type":"greater_than"},{"loc":["query",0],"msg":"bad"}]}"#,
        );
        assert_eq!(
            e.to_string(),
            "HTTP 422 Unprocessable Entity: query.page_size: Input should be greater than 0; query.0: bad"
        );
        assert_eq!(e.exit(), Exit::Api);
    }

    #[test]
    fn html_and_empty_bodies() {
        let e = err(
            502,
            "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>",
        );
        assert!(
            e.to_string()
                .starts_with("HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title>")
        );
        assert_eq!(
            e.body,
            Some(Value::String(
                "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>".into()
            ))
        );
        let e = err(503, "");
        assert!(
            e.to_string()
                .starts_with("HTTP 503 Service Unavailable: empty response body")
        );
        assert_eq!(e.body, None);
    }

    #[test]
    fn statuses_map_to_exit_codes_and_hints() {
        assert_eq!(err(401, "{}").exit(), Exit::Auth);
        assert!(err(401, "{}").to_string().contains("LLAMA_CLOUD_API_KEY"));
        assert_eq!(err(403, "{}").exit(), Exit::Auth);
        assert_eq!(err(410, "{}").exit(), Exit::NotFound);
        assert!(
            err(402, r#"{"detail":"Payment required"}"#)
                .to_string()
                .contains("out of credits")
        );
        assert_eq!(err(500, "{}").exit(), Exit::Api);
        assert_eq!(err(400, "{}").exit(), Exit::Api);
    }

    #[test]
    fn control_characters_in_details_are_neutralised() {
        let e = err(400, "{\"detail\":\"bad \\u001b[31mred\"}");
        assert!(!e.to_string().contains('\u{1b}'));
    }
}
