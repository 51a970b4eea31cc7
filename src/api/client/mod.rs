//! The one HTTP client: base URL, auth, headers, timeouts, gzip, proxies, and the retry loop.
//! One `reqwest` connection pool serves every page of a listing. Uploads (`upload`), the
//! `--debug` log (`trace`), bodies (`body`) and the shared 429 hold (`throttle`) live beside it.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

mod attempt;
pub mod trust;

pub use reqwest::Method;
use reqwest::blocking::{Client as HttpClient, Response};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::body::{Reply, StreamBody};
use crate::api::error::Error;
pub use crate::api::proxy::ProxyConfig;
use crate::api::query::Query;
use crate::api::retry;
use crate::api::throttle::{Lane, Throttle};
use crate::api::trace::Trace;
use crate::api::upload::Uploader;
use crate::context::{Clock, Stderr};
use crate::secret::ApiKey;
use crate::text::neutralize;

/// How long a connection may take to open, as in the official SDKs.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Redirects followed before giving up (reqwest's default).
const MAX_REDIRECTS: usize = 10;
const USER_AGENT: &str = concat!("llamacloud/", env!("CARGO_PKG_VERSION"));

/// A request to the API, ready to send; or, for an upload, already answered.
enum ApiRequest {
    Built(reqwest::blocking::RequestBuilder),
    Uploaded(Answer),
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

/// What the client needs to know, resolved by the caller.
pub struct ClientConfig {
    pub base_url: Url,
    pub api_key: ApiKey,
    /// Where the key came from, as the user would set it, for the hint on a 401.
    pub key_source: String,
    pub timeout: Duration,
    /// How long opening a connection may take (`CONNECT_TIMEOUT` outside tests).
    pub connect_timeout: Duration,
    pub max_retries: u32,
    /// Where `--debug` logs go, when it is on.
    pub debug_log: Option<Stderr>,
    pub clock: Arc<dyn Clock>,
    /// Extra headers for every request.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The proxy requests go through, if any.
    pub proxy: Option<ProxyConfig>,
    /// The base URL had no scheme and https:// was assumed: a failure to connect then says so.
    pub https_assumed: bool,
    /// Certificate authorities trusted besides the platform's (PEM, `--ca-file`).
    pub extra_roots: Vec<reqwest::Certificate>,
    /// Open a connection for every request (the test suite's fake needs it).
    pub no_keep_alive: bool,
}

/// Whether `--debug` masks the value of a header with this name.
pub fn is_secret_header(name: &str) -> bool {
    crate::api::trace::is_secret(name)
}

/// An authenticated client for one base URL.
pub struct Client {
    /// Shared with other clients' users (the workers of a bulk run): a 429 pauses the requests of
    /// its lane.
    throttle: OnceLock<Arc<Throttle>>,
    /// For uploads: reqwest's async client and a runtime to drive it, made on first use.
    uploader: OnceLock<Result<Uploader, String>>,
    http: HttpClient,
    config: ClientConfig,
    authorization: HeaderValue,
    trace: Trace,
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
pub(crate) enum Payload {
    Empty,
    /// A JSON document, already serialized.
    Json(Vec<u8>),
    /// `multipart/form-data`: a text part (`text`: `configuration` to `/api/v2/parse/upload` as
    /// the SDK sends it, `purpose` to `/api/v1/beta/files`), then a part `file` with the file's
    /// name and a content type guessed from its extension, streamed from disk on every attempt.
    Upload {
        text: (&'static str, String),
        file: std::path::PathBuf,
    },
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
        // rustls's crypto, for the process (the first one installed stays).
        let _ = rustls::crypto::ring::default_provider().install_default();
        config.api_key.register();
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", config.api_key.expose()))
            .map_err(|_| "the API key contains characters that cannot be sent in a header".to_string())?;
        authorization.set_sensitive(true);
        let mut builder = HttpClient::builder()
            .redirect(redirect_policy(&config))
            .user_agent(USER_AGENT)
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .gzip(true)
            // HTTP/1.1 as before object_store (store::remote) turned on reqwest's http2 feature:
            // the upload's socket watching assumes one request a connection.
            .http1_only()
            // Proxies come from the settings (and so from the run's environment), never from
            // reqwest's own look at the process environment.
            .no_proxy();
        if let Some(proxy) = &config.proxy {
            builder = builder.proxy(proxy.reqwest()?);
        }
        builder = trust::trust(builder, &config.extra_roots);
        if config.no_keep_alive {
            builder = builder.pool_max_idle_per_host(0);
        }
        let http = builder.build().map_err(|e| format!("cannot set up HTTP: {e}"))?;
        Ok(Client {
            http,
            trace: Trace(config.debug_log.clone()),
            config,
            authorization,
            uploader: OnceLock::new(),
            throttle: OnceLock::new(),
        })
    }

    /// From now on, a 429 to a request holds back every request of its lane (reads or changes)
    /// through `throttle` (the first one given stays).
    pub fn share_throttle(&self, throttle: Arc<Throttle>) {
        let _ = self.throttle.set(throttle);
    }

    /// The async client for uploads, with the same settings as the blocking one.
    fn uploader(&self) -> Result<&Uploader, Error> {
        self.uploader
            .get_or_init(|| {
                let mut builder = reqwest::Client::builder()
                    .redirect(redirect_policy(&self.config))
                    .user_agent(USER_AGENT)
                    .connect_timeout(self.config.connect_timeout)
                    .gzip(true)
                    .http1_only()
                    .no_proxy();
                if let Some(proxy) = &self.config.proxy {
                    builder = builder.proxy(proxy.reqwest()?);
                }
                builder = trust::trust(builder, &self.config.extra_roots);
                if self.config.no_keep_alive {
                    builder = builder.pool_max_idle_per_host(0);
                }
                Uploader::new(builder)
            })
            .as_ref()
            .map_err(|e| Error::Transport(e.clone()))
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
    pub(super) fn get_before(&self, url: &Url, deadline: Option<SystemTime>) -> Result<Reply, Error> {
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
    pub(super) fn get_stream(&self, url: &Url) -> Result<(StatusCode, StreamBody), Error> {
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
    pub fn download(&self, url: &Url) -> Result<StreamBody, Error> {
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
        Ok(body)
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
            let lane = if repeatable { Lane::Read } else { Lane::Change };
            if let Some(throttle) = self.throttle.get() {
                throttle.wait(lane, self.config.clock.as_ref(), time_left());
            }
            let mut not_sent = false;
            let outcome = self.attempt(url, call, timeout, bounded, &mut not_sent);
            if let (Some(throttle), Ok(answer)) = (self.throttle.get(), &outcome)
                && answer.status == StatusCode::TOO_MANY_REQUESTS
            {
                let now = self.config.clock.now();
                let wait = retry::server_wait(&answer.headers, now)
                    .unwrap_or_else(|| retry::backoff(retries, fastrand::f64()));
                throttle.hold(lane, now + wait);
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
                // A certificate not trusted now is not trusted on the next try either.
                Err(err @ (Error::Transport(_) | Error::TimedOut(_)))
                    if (repeatable || not_sent) && !err.is_certificate() =>
                {
                    (Some(err.to_string()), None)
                }
                Err(Error::Transport(_) | Error::TimedOut(_)) => (None, None),
                Err(
                    Error::Status(_)
                    | Error::Deadline(_)
                    | Error::InvalidResponse(_)
                    | Error::GaveUp { .. }
                    | Error::Unsure { .. }
                    | Error::BadArgument(_)
                    | Error::Local(_)
                    | Error::Presigned(_),
                ) => (None, None),
            };
            let last_try = retries >= self.config.max_retries;
            let Some(reason) = reason.filter(|_| !last_try) else {
                let error = match outcome {
                    Ok(answer) => self.status_error(answer),
                    // Sent, and the answer lost: the server may have acted.
                    Err(err @ (Error::Transport(_) | Error::TimedOut(_))) if !repeatable && !not_sent => {
                        Error::Unsure {
                            cause: Box::new(err),
                            note: None,
                        }
                    }
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
            self.trace.line(format_args!(
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
            key_source: "the test's key".into(),
            timeout: Duration::from_secs(30),
            connect_timeout,
            max_retries: 1,
            debug_log: None,
            clock,
            headers: Vec::new(),
            proxy: None,
            https_assumed: false,
            extra_roots: Vec::new(),
            no_keep_alive: false,
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
    fn the_connect_timeout_is_the_sdks() {
        assert_eq!(CONNECT_TIMEOUT, Duration::from_secs(5));
    }
}
