//! The one HTTP client: base URL, auth, headers, timeouts, gzip, retries, and `--debug` logging.
//! One `reqwest` connection pool serves every page of a listing.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

pub use reqwest::Method;
use reqwest::blocking::{Client as HttpClient, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::error::{self, Error};
use crate::api::query::Query;
use crate::api::retry;
use crate::context::{Clock, Stderr};
use crate::secret::{ApiKey, redact};
use crate::text::neutralize;

/// How long a connection may take to open, as in the official SDKs.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Redirects followed before giving up (reqwest's default).
const MAX_REDIRECTS: usize = 10;
const USER_AGENT: &str = concat!("llamacloud/", env!("CARGO_PKG_VERSION"));
/// How much of each response body `--debug` shows.
const DEBUG_BODY_BYTES: usize = 2048;
/// The largest response read whole. Parsed documents of tens of MiB are normal; a server that
/// sends without end is not.
const MAX_BODY_BYTES: u64 = 1 << 30;

/// What the workers of a bulk run share: when one request is answered 429, every request waits
/// until the time the server asked for has passed.
#[derive(Debug, Default)]
pub struct Throttle {
    until: std::sync::Mutex<Option<SystemTime>>,
    hits: std::sync::atomic::AtomicU32,
}

impl Throttle {
    /// Holds every request back until `until`.
    fn hold(&self, until: SystemTime) {
        let mut held = self
            .until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if held.is_none_or(|t| t < until) {
            *held = Some(until);
        }
        self.hits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Waits while requests are held back (no longer than `at_most`).
    fn wait(&self, clock: &dyn Clock, at_most: Option<Duration>) {
        let until = *self
            .until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(left) = until.and_then(|t| t.duration_since(clock.now()).ok()) {
            clock.sleep(at_most.map_or(left, |most| left.min(most)));
        }
    }

    /// How many 429s have been seen.
    pub fn hits(&self) -> u32 {
        self.hits.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// A request to the API, ready to send; or, for an upload, already answered.
enum ApiRequest {
    Built(reqwest::blocking::RequestBuilder),
    Uploaded(Answer),
}

/// Why an upload failed: before any request (a local problem), or in HTTP.
enum UploadError {
    Local(Error),
    Http(reqwest::Error),
}

/// Follows redirects (reqwest drops the Authorization header on any redirect to another host,
/// port or scheme, so the key only ever goes to the base URL). Custom headers may carry
/// secrets that reqwest does not know to drop: while any are set, a redirect to another host
/// is not followed.
fn redirect_policy(config: &ClientConfig) -> reqwest::redirect::Policy {
    let origin = config.base_url.origin();
    let guard = !config.headers.is_empty();
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if guard && attempt.url().origin() != origin {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

/// A file as a stream of large pieces, read as the request body is sent (the file is local:
/// reading it on the runtime's thread is fine).
fn file_chunks(
    file: std::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> + Send + 'static {
    const PIECE: usize = 256 * 1024;
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut piece = vec![0; PIECE];
        match file.read(&mut piece) {
            Ok(0) => None,
            Ok(n) => {
                piece.truncate(n);
                Some((Ok(piece), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// What the client needs to know, resolved by the caller.
pub struct ClientConfig {
    pub base_url: Url,
    pub api_key: ApiKey,
    /// Where the key came from, as the user would set it (`LLAMA_CLOUD_API_KEY`, `--api-key`,
    /// `api_key of profile work`), for the hint on a 401.
    pub key_source: String,
    pub timeout: Duration,
    /// How long opening a connection may take (`CONNECT_TIMEOUT` outside tests).
    pub connect_timeout: Duration,
    pub max_retries: u32,
    /// Where `--debug` logs go, when it is on.
    pub debug_log: Option<Stderr>,
    pub clock: Arc<dyn Clock>,
    /// Extra headers for every request (`LLAMA_CLOUD_CUSTOM_HEADERS`), checked by
    /// `custom_headers`.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The base URL had no scheme and https:// was assumed: a failure to connect then says so.
    pub https_assumed: bool,
}

/// The variable that adds headers to every request, as in the official SDKs and `llp`.
pub const ENV_CUSTOM_HEADERS: &str = "LLAMA_CLOUD_CUSTOM_HEADERS";

/// Reads `LLAMA_CLOUD_CUSTOM_HEADERS`: newline-separated `Name: value` lines (blank lines
/// skipped). A line that is not a header, or one that would replace `Authorization`, is an
/// error naming the line (never its value, which may be a secret).
pub fn custom_headers(text: &str) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let mut headers = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |why: &str| format!("{ENV_CUSTOM_HEADERS}, line {}: {why}", n + 1);
        let Some((name, value)) = line.split_once(':') else {
            return Err(at("expected `Name: value`"));
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| at(&format!("{:?} is not a header name", name.trim())))?;
        if name == AUTHORIZATION {
            return Err(at("Authorization cannot be set here; the API key sets it"));
        }
        let mut value = HeaderValue::from_str(value.trim())
            .map_err(|_| at(&format!("the value of {name} cannot be sent in a header")))?;
        value.set_sensitive(is_secret(name.as_str()));
        headers.push((name, value));
    }
    Ok(headers)
}

/// Header names whose values `--debug` masks.
fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["key", "token", "secret", "authorization", "cookie", "password"]
        .iter()
        .any(|word| name.contains(word))
}

/// A response body as `--debug` shows it: the query (the signature) of every presigned link cut.
fn without_signatures(text: &str) -> std::borrow::Cow<'_, str> {
    const KEY: &str = "\"presigned_url\":\"";
    if !text.contains(KEY) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let start = at + KEY.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].find('?') {
            Some(query) => {
                out.push_str(&rest[..query]);
                out.push_str("?…");
            }
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A request body as `--debug` shows it: values under secret-looking keys (and proxies, whose
/// URLs may carry a password) masked.
fn shown_body(json: &str) -> String {
    fn mask(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if is_secret(key) || key.to_ascii_lowercase().contains("proxy") {
                        *value = serde_json::Value::String("…".into());
                    } else {
                        mask(value);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(mut value) => {
            mask(&mut value);
            neutralize(&value.to_string()).into_owned()
        }
        Err(_) => format!("{} bytes", json.len()),
    }
}

/// A header value as `--debug` shows it.
fn shown_value(name: &str, value: &HeaderValue) -> String {
    let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
    if is_secret(name) {
        ApiKey::new(text).masked()
    } else {
        neutralize(&text).into_owned()
    }
}

/// An authenticated client for one base URL.
pub struct Client {
    /// Shared with other clients' users (the workers of a bulk run): a 429 pauses every request.
    throttle: std::sync::OnceLock<Arc<Throttle>>,
    /// For uploads: reqwest's async client and a runtime to drive it, made on first use.
    uploader: std::sync::OnceLock<Result<(tokio::runtime::Runtime, reqwest::Client), String>>,
    http: HttpClient,
    config: ClientConfig,
    authorization: HeaderValue,
}

/// What one request is: its method, whether its success body is streamed, and its deadline.
struct Call<'a> {
    method: Method,
    stream: bool,
    deadline: Option<SystemTime>,
    payload: &'a Payload,
    /// A presigned URL: sent without the API key or custom headers, whatever its host.
    anonymous: bool,
}

/// The body of a request that changes something.
#[derive(Debug, Clone)]
pub enum Payload {
    Empty,
    /// A JSON document, already serialized.
    Json(Vec<u8>),
    /// `multipart/form-data` as the SDK sends it to `/api/v2/parse/upload`: a text part
    /// `configuration` (JSON), then a part `file` with the file's name and a content type
    /// guessed from its extension. The file is streamed from disk on every attempt.
    Upload {
        configuration: String,
        file: std::path::PathBuf,
    },
}

/// A successful (2xx) answer, read whole.
pub struct Reply {
    pub status: StatusCode,
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

impl Client {
    /// Builds the client. The key must be sendable in a header.
    pub fn new(config: ClientConfig) -> Result<Self, String> {
        config.api_key.register();
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", config.api_key.expose()))
            .map_err(|_| "the API key contains characters that cannot be sent in a header".to_string())?;
        authorization.set_sensitive(true);
        let http = HttpClient::builder()
            .redirect(redirect_policy(&config))
            .user_agent(USER_AGENT)
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .gzip(true)
            .build()
            .map_err(|e| format!("cannot set up HTTP: {e}"))?;
        Ok(Client {
            http,
            config,
            authorization,
            uploader: std::sync::OnceLock::new(),
            throttle: std::sync::OnceLock::new(),
        })
    }

    /// From now on, a 429 to any request holds back every request through `throttle` (the
    /// first one given stays).
    pub fn share_throttle(&self, throttle: Arc<Throttle>) {
        let _ = self.throttle.set(throttle);
    }

    /// The async client for uploads, with the same settings as the blocking one.
    fn uploader(&self) -> Result<&(tokio::runtime::Runtime, reqwest::Client), Error> {
        self.uploader
            .get_or_init(|| {
                // Its own threads drive the connections, so several threads can upload at once.
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot set up HTTP: {e}"))?;
                // One connection per upload: reuse saves nothing next to a file's transfer, and a
                // connection left idle between runtimes' threads has been seen to stall.
                let http = reqwest::Client::builder()
                    .pool_max_idle_per_host(0)
                    .redirect(redirect_policy(&self.config))
                    .user_agent(USER_AGENT)
                    .connect_timeout(self.config.connect_timeout)
                    .gzip(true)
                    .build()
                    .map_err(|e| format!("cannot set up HTTP: {e}"))?;
                Ok((runtime, http))
            })
            .as_ref()
            .map_err(|e| Error::Transport(e.clone()))
    }

    /// Sends an upload: the `configuration` part, then the file, read from disk in large
    /// pieces as it is sent. Returns the answer, read.
    fn upload(
        &self,
        url: &Url,
        timeout: Duration,
        configuration: &str,
        path: &std::path::Path,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), UploadError> {
        let (runtime, http) = self.uploader().map_err(UploadError::Local)?;
        let unreadable = |e: std::io::Error| {
            UploadError::Local(Error::Transport(format!("cannot read {}: {e}", path.display())))
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let length = file.metadata().map_err(unreadable)?.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::wrap_stream(file_chunks(file)),
            length,
        )
        .file_name(name)
        .mime_str(mime.as_ref())
        .map_err(UploadError::Http)?;
        let form = reqwest::multipart::Form::new()
            .text("configuration", configuration.to_string())
            .part("file", part);
        let mut request = http
            .post(url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, self.authorization.clone())
            .timeout(timeout);
        for (name, value) in &self.config.headers {
            request = request.header(name, value);
        }
        runtime
            .block_on(async move {
                let response = request.multipart(form).send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok((status, headers, body.to_vec()))
            })
            .map_err(UploadError::Http)
    }

    /// The full URL for an API path (given as segments, each percent-encoded) and query.
    pub fn url(&self, segments: &[&str], query: &Query) -> Url {
        let mut url = self.config.base_url.clone();
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

    /// GETs `url`, retrying what is worth retrying, and reads the body.
    pub fn get(&self, url: &Url) -> Result<Reply, Error> {
        self.get_before(url, None)
    }

    /// Like `get`, but nothing goes on past `deadline` (by the client's clock): a request in
    /// flight is cut when it comes, and no retry starts or waits beyond it.
    pub fn get_before(&self, url: &Url, deadline: Option<SystemTime>) -> Result<Reply, Error> {
        self.call(url, Method::GET, deadline, &Payload::Empty)
    }

    /// Sends a request that changes something on the server (POST, DELETE). It is retried only
    /// when the server provably did not act on it: the connection failed before the request was
    /// sent, or the answer was 408, 429 or 503. After anything else (a timeout waiting for the
    /// answer, a dropped connection, 500, 502, 504) it is not sent again: the caller says what
    /// may have happened.
    pub fn send(&self, method: Method, url: &Url, payload: &Payload) -> Result<Reply, Error> {
        self.call(url, method, None, payload)
    }

    fn call(
        &self,
        url: &Url,
        method: Method,
        deadline: Option<SystemTime>,
        payload: &Payload,
    ) -> Result<Reply, Error> {
        let call = Call {
            method,
            stream: false,
            deadline,
            payload,
            anonymous: false,
        };
        let answer = self.request(url, &call)?;
        let body = match answer.body {
            Body::Read(body) => body,
            Body::Unread(response) => self.read_body(response, url, Instant::now())?,
        };
        Ok(Reply {
            status: answer.status,
            body,
        })
    }

    /// Like `get`, but hands back the successful body unread, to be parsed as it arrives:
    /// memory then does not grow with the size of the document.
    pub fn get_stream(&self, url: &Url) -> Result<(StatusCode, impl Read + use<>), Error> {
        let call = Call {
            method: Method::GET,
            stream: true,
            deadline: None,
            payload: &Payload::Empty,
            anonymous: false,
        };
        self.stream(url, &call)
    }

    /// Streams a presigned URL's body (a result file, an image): no API key, no custom headers,
    /// whatever its host. Returns the body's length when the server says it.
    pub fn download(&self, url: &Url) -> Result<(Option<u64>, impl Read + use<>), Error> {
        let call = Call {
            method: Method::GET,
            stream: true,
            deadline: None,
            payload: &Payload::Empty,
            anonymous: true,
        };
        let (_, body) = self
            .stream(url, &call)
            .map_err(|err| Error::Presigned(Box::new(err)))?;
        let length = match &body {
            StreamBody::Response { response, .. } => response.content_length(),
            StreamBody::Buffered(bytes) => Some(bytes.get_ref().len() as u64),
        };
        Ok((length, body))
    }

    fn stream(&self, url: &Url, call: &Call) -> Result<(StatusCode, StreamBody), Error> {
        let answer = self.request(url, call)?;
        let response = match answer.body {
            Body::Unread(response) => response,
            Body::Read(body) => return Ok((answer.status, StreamBody::Buffered(std::io::Cursor::new(body)))),
        };
        Ok((
            answer.status,
            StreamBody::Response {
                response: Box::new(response),
                url: url.clone(),
                timeout: self.config.timeout,
            },
        ))
    }

    /// Sends `url` until it succeeds, fails for good, or the retries are used up.
    fn request(&self, url: &Url, call: &Call) -> Result<Answer, Error> {
        let deadline = call.deadline;
        // A GET can be sent again; a request that changes something only when it provably did not.
        let repeatable = call.method == Method::GET;
        let mut retries = 0;
        let time_left = || deadline.map(|d| d.duration_since(self.config.clock.now()).unwrap_or_default());
        loop {
            let (timeout, bounded) = match time_left() {
                Some(left) if left.is_zero() => {
                    return Err(Error::Deadline(format!(
                        "no answer from {} in the time allowed",
                        url.host_str().unwrap_or("the API")
                    )));
                }
                Some(left) if left < self.config.timeout => (left, true),
                _ => (self.config.timeout, false),
            };
            if let Some(throttle) = self.throttle.get() {
                throttle.wait(self.config.clock.as_ref(), time_left());
            }
            let mut not_sent = false;
            let outcome = self.attempt(url, call, timeout, bounded, &mut not_sent);
            if let (Some(throttle), Ok(answer)) = (self.throttle.get(), &outcome)
                && answer.status == StatusCode::TOO_MANY_REQUESTS
            {
                let now = self.config.clock.now();
                let wait = retry::server_wait(&answer.headers, now)
                    .unwrap_or_else(|| retry::backoff(retries, fastrand::f64()));
                throttle.hold(now + wait);
            }
            let (reason, server_wait) = match &outcome {
                Ok(answer) if answer.status.is_success() => return outcome,
                Ok(answer)
                    if retry::status_is_retryable(answer.status, &answer.headers)
                        && (repeatable || retry::server_did_not_act(answer.status, &answer.headers)) =>
                {
                    (
                        Some(format!("HTTP {}", answer.status.as_u16())),
                        retry::server_wait(&answer.headers, self.config.clock.now()),
                    )
                }
                Ok(_) => (None, None),
                Err(Error::Transport(message)) if repeatable || not_sent => (Some(message.clone()), None),
                Err(Error::Transport(_)) => (None, None),
                Err(
                    Error::Status(_)
                    | Error::Deadline(_)
                    | Error::InvalidResponse(_)
                    | Error::GaveUp { .. }
                    | Error::Unsure(_)
                    | Error::Presigned(_),
                ) => (None, None),
            };
            let last_try = retries >= self.config.max_retries;
            let Some(reason) = reason.filter(|_| !last_try) else {
                let error = match outcome {
                    Ok(answer) => self.status_error(answer),
                    // Sent, and the answer lost: the server may have acted.
                    Err(Error::Transport(message)) if !repeatable && !not_sent => Error::Unsure(message),
                    Err(err) => err,
                };
                let error = self.explain_assumed_https(error);
                return Err(match retries {
                    0 => error,
                    n => Error::GaveUp {
                        attempts: n + 1,
                        last: Box::new(error),
                    },
                });
            };
            let wait = server_wait.unwrap_or_else(|| retry::backoff(retries, fastrand::f64()));
            retries += 1;
            let asked = if server_wait.is_some() {
                " (as the server asked)"
            } else {
                ""
            };
            self.log(format_args!(
                "retry {retries} of {} in {:.2} s: {}{asked}",
                self.config.max_retries,
                wait.as_secs_f64(),
                neutralize(&reason),
            ));
            self.config
                .clock
                .sleep(time_left().map_or(wait, |left| wait.min(left)));
        }
    }

    /// A transport failure when https:// was only assumed: the server may not speak TLS.
    fn explain_assumed_https(&self, error: Error) -> Error {
        match error {
            Error::Transport(message) if self.config.https_assumed => {
                let host = self.config.base_url.host_str().unwrap_or_default();
                let port = self
                    .config
                    .base_url
                    .port()
                    .map(|p| format!(":{p}"))
                    .unwrap_or_default();
                Error::Transport(format!(
                    "{message} (no scheme was given, so https:// was assumed; for a server without TLS use http://{host}{port})"
                ))
            }
            other => other,
        }
    }

    /// The error for a non-success answer, with the hint that fits this client.
    fn status_error(&self, answer: Answer) -> Error {
        let body = match &answer.body {
            Body::Read(bytes) => bytes.as_slice(),
            Body::Unread(_) => &[],
        };
        let err = Error::status(answer.status, body).with_hint(
            &[301, 302, 303, 307, 308],
            &format!("a redirect to another host is not followed while {ENV_CUSTOM_HEADERS} is set"),
        );
        err.with_hint(
            &[401],
            &format!(
                "check {} and the region: a key works only in the region it was created in",
                self.config.key_source
            ),
        )
    }

    /// One request; its body is read unless it is a success to be streamed. `bounded`: the
    /// timeout is the caller's deadline, so running out of it is a `Deadline`. `not_sent` is set
    /// when the connection failed before the request could be sent.
    fn attempt(
        &self,
        url: &Url,
        call: &Call,
        timeout: Duration,
        bounded: bool,
        not_sent: &mut bool,
    ) -> Result<Answer, Error> {
        let request = if call.anonymous {
            // A presigned URL: no key, no custom headers; its query is its signature, not for logs.
            let shown = match url.query() {
                Some(_) => format!("{}?…", &url[..url::Position::AfterPath]),
                None => url.to_string(),
            };
            self.log(format_args!("> {} {shown} (presigned: no API key)", call.method));
            self.http.request(call.method.clone(), url.clone())
        } else {
            match self.api_request(url, call, timeout, bounded, not_sent)? {
                ApiRequest::Built(request) => request,
                ApiRequest::Uploaded(answer) => return Ok(answer),
            }
        };
        let started = Instant::now();
        let response = request
            .timeout(timeout)
            .send()
            .inspect_err(|e| *not_sent = e.is_connect())
            .map_err(|e| self.http_error(&e, url, timeout, bounded, started))?;
        self.answer(response, url, call.stream, started)
    }

    /// A request to the API: the key, custom headers and the payload. An upload is sent here,
    /// through the async client, and comes back answered.
    fn api_request(
        &self,
        url: &Url,
        call: &Call,
        timeout: Duration,
        bounded: bool,
        not_sent: &mut bool,
    ) -> Result<ApiRequest, Error> {
        self.log(format_args!("> {} {url}", call.method));
        self.log(format_args!(
            "> authorization: Bearer {}",
            self.config.api_key.masked()
        ));
        let mut request = self
            .http
            .request(call.method.clone(), url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, self.authorization.clone());
        for (name, value) in &self.config.headers {
            self.log(format_args!("> {name}: {}", shown_value(name.as_str(), value)));
            request = request.header(name, value);
        }
        Ok(ApiRequest::Built(match call.payload {
            Payload::Empty => request,
            Payload::Json(body) => {
                self.log(format_args!(
                    "> body: {}",
                    shown_body(&String::from_utf8_lossy(body))
                ));
                request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
            }
            Payload::Upload { configuration, file } => {
                self.log(format_args!(
                    "> body: multipart: configuration {}, file {}",
                    shown_body(configuration),
                    neutralize(&file.display().to_string())
                ));
                let started = Instant::now();
                let (status, headers, body) = match self.upload(url, timeout, configuration, file) {
                    Ok(answer) => answer,
                    Err(UploadError::Local(err)) => return Err(err),
                    Err(UploadError::Http(e)) => {
                        *not_sent = e.is_connect();
                        return Err(self.http_error(&e, url, timeout, bounded, started));
                    }
                };
                self.log_response(status, &headers, &body, started);
                return Ok(ApiRequest::Uploaded(Answer {
                    status,
                    headers,
                    body: Body::Read(body),
                }));
            }
        }))
    }

    /// The answer to a request: its body read, unless it is a success to be streamed.
    fn answer(&self, response: Response, url: &Url, stream: bool, started: Instant) -> Result<Answer, Error> {
        let status = response.status();
        let headers = response.headers().clone();
        if stream && status.is_success() {
            self.log(format_args!(
                "< {} in {} ms, body streamed",
                status.as_u16(),
                started.elapsed().as_millis()
            ));
            self.log_headers(&headers);
            return Ok(Answer {
                status,
                headers,
                body: Body::Unread(response),
            });
        }
        let body = self.read_body(response, url, started)?;
        self.log_response(status, &headers, &body, started);
        Ok(Answer {
            status,
            headers,
            body: Body::Read(body),
        })
    }

    /// A failed request, worded for the user: a connection that did not open in time, a
    /// deadline reached, or another transport failure.
    fn http_error(
        &self,
        e: &reqwest::Error,
        url: &Url,
        timeout: Duration,
        bounded: bool,
        started: Instant,
    ) -> Error {
        match error::transport(e, url, timeout) {
            _ if e.is_connect() && e.is_timeout() && timeout > self.config.connect_timeout => {
                error::connect_timed_out(url, self.config.connect_timeout)
            }
            Error::Transport(message) if bounded && e.is_timeout() => Error::Deadline(message),
            other => self.failed(other, started),
        }
    }

    fn read_body(&self, response: Response, url: &Url, started: Instant) -> Result<Vec<u8>, Error> {
        let body = read_limited(response, MAX_BODY_BYTES)
            .map_err(|e| self.failed(error::reading(&e, url, self.config.timeout), started))?;
        body.ok_or_else(|| {
            Error::InvalidResponse(format!(
                "the response is larger than {} MiB",
                MAX_BODY_BYTES >> 20
            ))
        })
    }

    fn failed(&self, error: Error, started: Instant) -> Error {
        self.log(format_args!(
            "< failed after {} ms: {error}",
            started.elapsed().as_millis()
        ));
        error
    }

    fn log_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], started: Instant) {
        if self.config.debug_log.is_none() {
            return;
        }
        self.log(format_args!(
            "< {} {} in {} ms, {} bytes",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            started.elapsed().as_millis(),
            body.len()
        ));
        self.log_headers(headers);
        let shown = &body[..body.len().min(DEBUG_BODY_BYTES)];
        let more = if body.len() > shown.len() { "…" } else { "" };
        self.log(format_args!(
            "< {}{more}",
            neutralize(&without_signatures(&String::from_utf8_lossy(shown)))
        ));
    }

    fn log_headers(&self, headers: &HeaderMap) {
        if self.config.debug_log.is_none() {
            return;
        }
        for (name, value) in headers {
            self.log(format_args!("< {name}: {}", shown_value(name.as_str(), value)));
        }
    }

    fn log(&self, line: std::fmt::Arguments<'_>) {
        if let Some(log) = &self.config.debug_log {
            log.line(&format!("debug: {}", redact(&line.to_string())));
        }
    }
}

/// A streamed success body; read errors are worded like any transport failure.
enum StreamBody {
    Response {
        response: Box<Response>,
        url: Url,
        timeout: Duration,
    },
    Buffered(std::io::Cursor<Vec<u8>>),
}

impl Read for StreamBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            StreamBody::Response {
                response,
                url,
                timeout,
            } => response
                .read(buf)
                .map_err(|e| std::io::Error::other(error::reading(&e, url, *timeout))),
            StreamBody::Buffered(cursor) => cursor.read(buf),
        }
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

    /// A loopback port whose accept queue is full: a connection to it never opens (the kernel
    /// drops the handshake), as with an unreachable host. The listener and the connection that
    /// fills the queue must be kept alive.
    fn port_that_never_connects() -> (socket2::Socket, std::net::TcpStream, Url) {
        use socket2::{Domain, Socket, Type};
        let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        listener
            .bind(&"127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap().into())
            .unwrap();
        listener.listen(0).unwrap();
        let addr = listener.local_addr().unwrap().as_socket().unwrap();
        let filler = std::net::TcpStream::connect(addr).unwrap();
        (
            listener,
            filler,
            Url::parse(&format!("http://{addr}/api/v1/x")).unwrap(),
        )
    }

    fn client(connect_timeout: Duration, clock: Arc<crate::context::FakeClock>) -> Client {
        Client::new(ClientConfig {
            base_url: Url::parse("http://127.0.0.1/").unwrap(),
            api_key: ApiKey::new("llx-test"),
            key_source: "--api-key".into(),
            timeout: Duration::from_secs(30),
            connect_timeout,
            max_retries: 1,
            debug_log: None,
            clock,
            headers: Vec::new(),
            https_assumed: false,
        })
        .unwrap()
    }

    #[test]
    fn a_connection_that_does_not_open_gives_up_at_the_connect_timeout_and_is_retried() {
        let (_listener, _filler, url) = port_that_never_connects();
        let clock = Arc::new(crate::context::FakeClock::at(SystemTime::UNIX_EPOCH));
        let client = client(Duration::from_millis(300), clock.clone());
        for method in [Method::GET, Method::POST] {
            let started = Instant::now();
            let Err(err) = client.call(&url, method.clone(), None, &Payload::Empty) else {
                panic!("{method}: connected")
            };
            // Well under the 30 s request timeout: the connect timeout cut each attempt.
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{method}: {:?}",
                started.elapsed()
            );
            let Error::GaveUp { attempts, last } = err else {
                panic!("{method}: {err:?}")
            };
            // Retried even for a POST: the request was never sent.
            assert_eq!(attempts, 2, "{method}");
            assert_eq!(
                last.to_string(),
                format!(
                    "could not connect to {}: no connection within 0.3 s",
                    url.host_str().unwrap().to_string() + ":" + &url.port().unwrap().to_string()
                ),
                "{method}"
            );
        }
        assert_eq!(
            clock.sleeps().len(),
            2,
            "one backoff per method, on the injected clock"
        );
    }

    #[test]
    fn debug_shows_presigned_links_without_their_signature() {
        assert_eq!(
            without_signatures(
                r#"{"a":{"presigned_url":"https://s3/x.md?X-Amz-Signature=s&e=1"},"presigned_url":"https://h/p"}"#
            ),
            r#"{"a":{"presigned_url":"https://s3/x.md?…"},"presigned_url":"https://h/p"}"#
        );
    }

    #[test]
    fn debug_shows_bodies_without_secrets() {
        assert_eq!(
            shown_body(
                r#"{"tier":"fast","http_proxy":"http://u:pw@proxy","input_options":{"api_key":"s"},"n":[{"token":"t"}]}"#
            ),
            r#"{"tier":"fast","http_proxy":"…","input_options":{"api_key":"…"},"n":[{"token":"…"}]}"#
        );
        assert_eq!(shown_body("not json"), "8 bytes");
    }

    #[test]
    fn the_connect_timeout_is_the_sdks() {
        assert_eq!(CONNECT_TIMEOUT, Duration::from_secs(5));
    }

    #[test]
    fn bodies_over_the_limit_are_refused() {
        assert_eq!(read_limited(&b"12345"[..], 5).unwrap(), Some(b"12345".to_vec()));
        assert_eq!(read_limited(&b"123456"[..], 5).unwrap(), None);
        assert_eq!(read_limited(&b""[..], 5).unwrap(), Some(Vec::new()));
    }
}
