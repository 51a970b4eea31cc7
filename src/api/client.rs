//! The one HTTP client: base URL, auth, headers, timeouts, gzip, retries, and `--debug` logging.
//! One `reqwest` connection pool serves every page of a listing.

use std::io::{Read, Write as _};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use reqwest::blocking::{Client as HttpClient, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::error::{ApiError, InvalidResponse, TransportError};
use crate::api::query::Query;
use crate::api::retry;
use crate::exit::UsageError;
use crate::output::sanitize::neutralize;
use crate::settings::{ApiKey, Settings, redact};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("llamacloud/", env!("CARGO_PKG_VERSION"));
/// How much of each response body `--debug` shows.
const DEBUG_BODY_BYTES: usize = 2048;
/// The largest response accepted. Parsed documents of tens of MiB are normal; a server that
/// sends without end is not.
const MAX_BODY_BYTES: u64 = 1 << 30;

/// An authenticated client for one base URL.
pub struct Client {
    http: HttpClient,
    base_url: Url,
    api_key: ApiKey,
    authorization: HeaderValue,
    timeout: Duration,
    max_retries: u32,
    debug: bool,
}

/// A successful (2xx) answer.
pub struct Reply {
    pub body: Vec<u8>,
}

/// One attempt's answer, whatever its status.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
}

/// A response body: read whole, or (for a success streamed to the caller) still unread.
enum Body {
    Read(Vec<u8>),
    Unread(Response),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Read(bytes) => bytes,
            Body::Unread(_) => &[],
        }
    }
}

impl Client {
    /// Builds the client; fails (exit 4) before any request when no key is configured.
    pub fn new(settings: &Settings) -> anyhow::Result<Self> {
        let api_key = settings.require_api_key()?.clone();
        api_key.register();
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {}", api_key.expose())).map_err(|_| {
                UsageError::new("the API key contains characters that cannot be sent in a header")
            })?;
        authorization.set_sensitive(true);
        // Redirects are followed; reqwest drops the Authorization header on any redirect to
        // another host, port or scheme, so the key only ever goes to the base URL.
        let http = HttpClient::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(settings.timeout)
            .gzip(true)
            .build()?;
        Ok(Client {
            http,
            base_url: settings.base_url.value.clone(),
            api_key,
            authorization,
            timeout: settings.timeout,
            max_retries: settings.max_retries,
            debug: settings.debug,
        })
    }

    /// The full URL for an API path (given as segments, each percent-encoded) and query.
    pub fn url(&self, segments: &[&str], query: &Query) -> Url {
        let mut url = self.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        let mut pairs = url.query_pairs_mut();
        pairs.extend_pairs(query.pairs());
        drop(pairs);
        if url.query() == Some("") {
            url.set_query(None);
        }
        url
    }

    /// GETs `url`, retrying what is worth retrying. A non-2xx status becomes an `ApiError`, a
    /// transport failure a `TransportError`.
    pub fn get(&self, url: &Url) -> anyhow::Result<Reply> {
        match self.request(url, false)?.body {
            Body::Read(body) => Ok(Reply { body }),
            Body::Unread(response) => Ok(Reply {
                body: self.read_body(response, url, Instant::now())?,
            }),
        }
    }

    /// Like `get`, but hands back the successful body unread, to be parsed as it arrives:
    /// memory then does not grow with the size of the document.
    pub fn get_stream(&self, url: &Url) -> anyhow::Result<impl Read + use<>> {
        let timeout = self.timeout;
        let url = url.clone();
        let response = match self.request(&url, true)?.body {
            Body::Unread(response) => response,
            Body::Read(_) => unreachable!("a streamed success is never read ahead"),
        };
        Ok(StreamBody {
            response,
            url,
            timeout,
        })
    }

    /// Sends `url` until it succeeds, fails for good, or the retries are used up.
    fn request(&self, url: &Url, stream: bool) -> anyhow::Result<Answer> {
        let mut retries = 0;
        loop {
            let outcome = self.attempt(url, stream);
            let (reason, server_wait) = match &outcome {
                Ok(answer) if answer.status.is_success() => return outcome,
                Ok(answer) if retry::status_is_retryable(answer.status, &answer.headers) => (
                    format!("HTTP {}", answer.status.as_u16()),
                    retry::server_wait(&answer.headers, SystemTime::now()),
                ),
                Err(err) if err.is::<TransportError>() => (err.to_string(), None),
                _ => (String::new(), None),
            };
            if reason.is_empty() || retries >= self.max_retries {
                let result = outcome.and_then(|answer| {
                    Err(ApiError::from_response(answer.status, answer.body.bytes()).into())
                });
                return match retries {
                    0 => result,
                    n => result.with_context(|| format!("gave up after {} attempts", n + 1)),
                };
            }
            let wait = server_wait.unwrap_or_else(|| retry::backoff(retries, fastrand::f64()));
            retries += 1;
            let asked = if server_wait.is_some() {
                " (as the server asked)"
            } else {
                ""
            };
            self.log(format_args!(
                "retry {retries} of {} in {:.2} s: {}{asked}",
                self.max_retries,
                wait.as_secs_f64(),
                neutralize(&reason),
            ));
            thread::sleep(wait);
        }
    }

    /// One request; its body is read unless it is a success to be streamed.
    fn attempt(&self, url: &Url, stream: bool) -> anyhow::Result<Answer> {
        self.log(format_args!("> GET {url}"));
        self.log(format_args!("> authorization: Bearer {}", self.api_key.masked()));
        let started = Instant::now();
        let response = self
            .http
            .get(url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, self.authorization.clone())
            .send()
            .map_err(|e| self.transport_error(TransportError::new(&e, url, self.timeout), started))?;
        let status = response.status();
        let headers = response.headers().clone();
        if stream && status.is_success() {
            self.log(format_args!(
                "< {} in {} ms, body streamed",
                status.as_u16(),
                started.elapsed().as_millis()
            ));
            return Ok(Answer {
                status,
                headers,
                body: Body::Unread(response),
            });
        }
        let body = self.read_body(response, url, started)?;
        self.log_response(status, &body, started);
        Ok(Answer {
            status,
            headers,
            body: Body::Read(body),
        })
    }

    fn read_body(&self, response: Response, url: &Url, started: Instant) -> anyhow::Result<Vec<u8>> {
        let body = read_limited(response, MAX_BODY_BYTES)
            .map_err(|e| self.transport_error(TransportError::reading(&e, url, self.timeout), started))?;
        body.ok_or_else(|| {
            InvalidResponse(format!(
                "the response is larger than {} MiB",
                MAX_BODY_BYTES >> 20
            ))
            .into()
        })
    }

    fn transport_error(&self, error: TransportError, started: Instant) -> TransportError {
        self.log(format_args!(
            "< failed after {} ms: {error}",
            started.elapsed().as_millis()
        ));
        error
    }

    fn log_response(&self, status: StatusCode, body: &[u8], started: Instant) {
        if !self.debug {
            return;
        }
        self.log(format_args!(
            "< {} {} in {} ms, {} bytes",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            started.elapsed().as_millis(),
            body.len()
        ));
        let shown = &body[..body.len().min(DEBUG_BODY_BYTES)];
        let more = if body.len() > shown.len() { "…" } else { "" };
        self.log(format_args!(
            "< {}{more}",
            neutralize(&String::from_utf8_lossy(shown))
        ));
    }

    fn log(&self, line: std::fmt::Arguments<'_>) {
        if self.debug {
            let _ = writeln!(std::io::stderr().lock(), "debug: {}", redact(&line.to_string()));
        }
    }
}

/// A streamed success body; read errors are worded like any transport failure.
struct StreamBody {
    response: Response,
    url: Url,
    timeout: Duration,
}

impl Read for StreamBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.response
            .read(buf)
            .map_err(|e| std::io::Error::other(TransportError::reading(&e, &self.url, self.timeout)))
    }
}

/// Reads all of `reader`, or `None` when it holds more than `limit` bytes.
fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    reader.take(limit + 1).read_to_end(&mut body)?;
    Ok((body.len() as u64 <= limit).then_some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_over_the_limit_are_refused() {
        assert_eq!(read_limited(&b"12345"[..], 5).unwrap(), Some(b"12345".to_vec()));
        assert_eq!(read_limited(&b"123456"[..], 5).unwrap(), None);
        assert_eq!(read_limited(&b""[..], 5).unwrap(), Some(Vec::new()));
    }
}
