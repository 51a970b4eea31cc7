//! The one HTTP client: base URL, auth, headers, timeouts, gzip, and `--debug` logging.
//! One `reqwest` connection pool serves every page of a listing.

use std::io::Write as _;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client as HttpClient, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::error::{ApiError, TransportError};
use crate::api::query::Query;
use crate::output::sanitize::neutralize;
use crate::settings::{ApiKey, Settings};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("llamacloud/", env!("CARGO_PKG_VERSION"));
/// How much of each response body `--debug` shows.
const DEBUG_BODY_BYTES: usize = 2048;

/// An authenticated client for one base URL.
pub struct Client {
    http: HttpClient,
    base_url: Url,
    api_key: ApiKey,
    authorization: HeaderValue,
    timeout: Duration,
    debug: bool,
}

/// A successful (2xx) answer.
pub struct Reply {
    pub body: Vec<u8>,
}

impl Client {
    /// Builds the client; fails (exit 4) before any request when no key is configured.
    pub fn new(settings: &Settings) -> anyhow::Result<Self> {
        let api_key = settings.require_api_key()?.clone();
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {}", api_key.expose())).map_err(|_| {
                crate::exit::UsageError::new(
                    "the API key contains characters that cannot be sent in a header",
                )
            })?;
        authorization.set_sensitive(true);
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

    /// GETs `url`; a non-2xx status becomes an `ApiError`, a transport failure a `TransportError`.
    pub fn get(&self, url: &Url) -> anyhow::Result<Reply> {
        self.log(format_args!("> GET {url}"));
        self.log(format_args!("> authorization: Bearer {}", self.api_key.masked()));
        let started = Instant::now();
        let response = self
            .http
            .get(url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, self.authorization.clone())
            .send()
            .map_err(|e| self.transport_error(&e, started))?;
        let status = response.status();
        let body = read_body(response).map_err(|e| self.transport_error(&e, started))?;
        self.log_response(status, &body, started);
        if status.is_success() {
            Ok(Reply { body })
        } else {
            Err(ApiError::from_response(status, &body).into())
        }
    }

    fn transport_error(&self, err: &reqwest::Error, started: Instant) -> TransportError {
        let error = TransportError::new(err, self.timeout);
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
            let _ = writeln!(std::io::stderr().lock(), "debug: {line}");
        }
    }
}

fn read_body(response: Response) -> reqwest::Result<Vec<u8>> {
    response.bytes().map(Vec::from)
}
