//! Uploads (`multipart/form-data`, the file streamed from disk in large pieces) through reqwest's
//! async client on a small runtime of its own: the blocking client sends a streamed body in
//! 8 KiB pieces, which made a 1 GiB upload half as fast as curl.
//!
//! The per-request timeout does not cut an upload while its body is still being sent: the body
//! may take as long as it needs while it moves, fails when it stalls (no piece taken by the
//! connection within the timeout), and the timeout then bounds the wait for the answer. That
//! clock starts when the server has the body, not when the kernel has buffered it (megabytes on
//! a fast local socket, seconds of a slow link): the socket's count of bytes written and not yet
//! acknowledged must reach 0 (Linux), else the time the socket's buffer takes to drain at the rate
//! the body moved is waited first. Bytes that stay unacknowledged for the timeout are a stall:
//! the server never had the whole body, so nothing was created.

use std::io::Read;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper_util::client::legacy::connect::{Connection, HttpInfo};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::error::Error;
use crate::api::socket::{Ends, Socket};

/// How much of the file is read and handed to the connection at a time.
const PIECE: usize = 256 * 1024;
/// How often the watchdog looks at an upload's progress.
const WATCH: Duration = Duration::from_millis(50);
/// A socket's send buffer when it cannot be asked: Linux's largest by default (`tcp_wmem`).
const ASSUMED_SEND_BUFFER: u64 = 4 << 20;

/// Why an upload failed.
pub(super) enum UploadError {
    /// Before any request (the runtime, the file).
    Local(Error),
    Http(reqwest::Error),
    /// The connection took no more of the body for `limit`, or the peer acknowledged no more of
    /// what was written: the server never had the whole document, so nothing was created.
    Stalled {
        sent: u64,
        total: u64,
        limit: Duration,
    },
    /// The server had the whole body and no answer came within `limit`.
    NoAnswer {
        limit: Duration,
    },
}

/// The async client and the runtime that drives it, made on first use.
pub(super) struct Uploader {
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
}

/// How far an upload's body has got, shared by the body stream and the watchdog.
struct Progress {
    started: Instant,
    sent: AtomicU64,
    /// When the connection last took a piece, in ms after `started`.
    moved_ms: AtomicU64,
    done: AtomicBool,
    /// The file was not the length announced any more.
    changed: AtomicBool,
    /// The ends of the connection the request went out on, noted by the connector.
    ends: OnceLock<Ends>,
}

impl Progress {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

impl Uploader {
    /// One connection per upload: reuse saves nothing next to a file's transfer, and a connection
    /// left idle between runtimes' threads has been seen to stall.
    pub(super) fn new(builder: reqwest::ClientBuilder) -> Result<Self, String> {
        // Its own threads drive the connections, so several threads can upload at once.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot set up HTTP: {e}"))?;
        let http = builder
            .pool_max_idle_per_host(0)
            .connector_layer(NoteEnds)
            .build()
            .map_err(|e| format!("cannot set up HTTP: {e}"))?;
        Ok(Uploader { runtime, http })
    }

    /// Sends the text part (`configuration`, `purpose`: its name and value), then the file, read
    /// from disk as it is sent. Returns the answer, read.
    pub(super) fn send(
        &self,
        url: &Url,
        headers: (&HeaderValue, &[(HeaderName, HeaderValue)]),
        timeout: Duration,
        text: (&'static str, &str),
        path: &Path,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), UploadError> {
        let unreadable = |e: std::io::Error| {
            UploadError::Local(Error::Transport(format!("cannot read {}: {e}", path.display())))
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let total = file.metadata().map_err(unreadable)?.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let progress = Arc::new(Progress {
            started: Instant::now(),
            sent: AtomicU64::new(0),
            moved_ms: AtomicU64::new(0),
            done: AtomicBool::new(false),
            changed: AtomicBool::new(false),
            ends: OnceLock::new(),
        });
        let part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::wrap_stream(file_pieces(file, total, Arc::clone(&progress))),
            total,
        )
        .file_name(name)
        .mime_str(&media_type(path))
        .map_err(UploadError::Http)?;
        let form = reqwest::multipart::Form::new()
            .text(text.0, text.1.to_string())
            .part("file", part);
        let (authorization, custom) = headers;
        let mut request = self
            .http
            .post(url.clone())
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, authorization.clone());
        for (name, value) in custom {
            request = request.header(name, value);
        }
        self.runtime.block_on(async move {
            let answer = async {
                let response = request.multipart(form).send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok::<_, reqwest::Error>((status, headers, body.to_vec()))
            };
            // The connection is opened while the request is polled: the connector notes its ends.
            let mut answer = Box::pin(UPLOAD.scope(Arc::clone(&progress), answer));
            let mut handover: Option<(Handover, Socket)> = None;
            loop {
                if let Ok(outcome) = tokio::time::timeout(WATCH, &mut answer).await {
                    return outcome.map_err(|err| {
                        if progress.changed.load(Ordering::SeqCst) {
                            UploadError::Local(Error::Local(format!(
                                "{} changed while it was being uploaded; the upload was stopped, so no job was created",
                                path.display()
                            )))
                        } else {
                            UploadError::Http(err)
                        }
                    });
                }
                if progress.done.load(Ordering::SeqCst) {
                    let now = Instant::now();
                    let (handover, socket) = handover.get_or_insert_with(|| {
                        let mut socket = Socket::new(progress.ends.get().copied());
                        let buffer = socket.send_buffer().unwrap_or(ASSUMED_SEND_BUFFER);
                        let drain = drain_time(buffer, total, progress.started.elapsed(), timeout);
                        (Handover::new(now, drain), socket)
                    });
                    match handover.check(now, socket.unacknowledged(), timeout) {
                        Verdict::Wait => {}
                        Verdict::NoAnswer => return Err(UploadError::NoAnswer { limit: timeout }),
                        Verdict::Stalled { unacked } => {
                            return Err(UploadError::Stalled {
                                sent: total.saturating_sub(unacked),
                                total,
                                limit: timeout,
                            });
                        }
                    }
                } else {
                    let idle = progress
                        .now_ms()
                        .saturating_sub(progress.moved_ms.load(Ordering::SeqCst));
                    if Duration::from_millis(idle) >= timeout {
                        return Err(UploadError::Stalled {
                            sent: progress.sent.load(Ordering::SeqCst),
                            total,
                            limit: timeout,
                        });
                    }
                }
            }
        })
    }
}

/// What an upload tells the API of the document's type, by which the API picks its parser: the
/// file name's extension and the media type guessed from it (`["csv","text/csv"]`). A file's
/// result is keyed on exactly this: the same bytes as `table.csv` and `table.txt` are two results.
pub fn declared_type(path: &Path) -> String {
    let extension = path.extension().map(|e| e.to_string_lossy());
    serde_json::json!([extension, media_type(path)]).to_string()
}

/// The media type an upload of `path` is sent with.
fn media_type(path: &Path) -> String {
    mime_guess::from_path(path).first_or_octet_stream().to_string()
}

/// A file as a stream of large pieces, read as the connection takes them (the file is local:
/// reading it on the runtime's thread is fine); each piece taken counts as progress. Exactly
/// `length` bytes are sent, as the request said: a file that shrinks or grows meanwhile fails the
/// upload (the server never gets a document that is neither the old one nor the new one).
fn file_pieces(
    file: std::fs::File,
    length: u64,
    progress: Arc<Progress>,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> + Send + 'static {
    futures_util::stream::unfold(Some((file, length)), move |state| {
        let progress = Arc::clone(&progress);
        async move {
            let (mut file, left) = state?;
            progress.moved_ms.store(progress.now_ms(), Ordering::SeqCst);
            let changed = || std::io::Error::other("the file changed while it was being sent");
            // One byte more than is left, to see a file that grew.
            let mut piece = vec![0; PIECE.min(usize::try_from(left).unwrap_or(PIECE)) + 1];
            match file.read(&mut piece) {
                Ok(0) if left == 0 => {
                    progress.done.store(true, Ordering::SeqCst);
                    None
                }
                Ok(n) if n as u64 > left || n == 0 => {
                    progress.changed.store(true, Ordering::SeqCst);
                    Some((Err(changed()), None))
                }
                Ok(n) => {
                    piece.truncate(n);
                    progress.sent.fetch_add(n as u64, Ordering::SeqCst);
                    Some((Ok(piece), Some((file, left - n as u64))))
                }
                Err(e) => Some((Err(e), None)),
            }
        }
    })
}

tokio::task_local! {
    /// The upload whose request is polled on this task.
    static UPLOAD: Arc<Progress>;
}

/// A connector layer: notes the ends of a connection opened for an upload in its `Progress`.
#[derive(Clone)]
struct NoteEnds;

impl<S> tower::Layer<S> for NoteEnds {
    type Service = NotingEnds<S>;

    fn layer(&self, inner: S) -> NotingEnds<S> {
        NotingEnds(inner)
    }
}

#[derive(Clone)]
struct NotingEnds<S>(S);

impl<S, R> tower::Service<R> for NotingEnds<S>
where
    S: tower::Service<R>,
    S::Response: Connection + Send + 'static,
    S::Error: 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        // Asked here, on the request's task (the connection may be finished on another).
        let upload = UPLOAD.try_with(Arc::clone).ok();
        let connecting = self.0.call(request);
        Box::pin(async move {
            let connection = connecting.await?;
            if let Some(upload) = upload {
                let mut extras = Default::default();
                connection.connected().get_extras(&mut extras);
                if let Some(info) = extras.get::<HttpInfo>() {
                    let _ = upload.ends.set(Ends {
                        local: info.local_addr(),
                        remote: info.remote_addr(),
                    });
                }
            }
            Ok(connection)
        })
    }
}

/// What the watchdog knows once the last piece of the body was handed to the connection: the
/// answer's clock starts when the peer has acknowledged every byte written or, when that cannot
/// be measured, `drain` after the handover.
struct Handover {
    at: Instant,
    drain: Duration,
    /// Bytes written and not acknowledged at the last measure, and when that count last fell.
    unacked: Option<u64>,
    fell: Instant,
    /// When the peer had every byte: the answer's clock.
    delivered: Option<Instant>,
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Wait,
    NoAnswer,
    /// `unacked` bytes stayed unacknowledged for the whole limit.
    Stalled {
        unacked: u64,
    },
}

impl Handover {
    fn new(at: Instant, drain: Duration) -> Self {
        Handover {
            at,
            drain,
            unacked: None,
            fell: at,
            delivered: None,
        }
    }

    /// `unacked`: the socket's count of bytes written and not yet acknowledged, when it can be
    /// measured.
    fn check(&mut self, now: Instant, unacked: Option<u64>, limit: Duration) -> Verdict {
        if self.delivered.is_none() {
            match unacked {
                Some(0) => self.delivered = Some(now),
                Some(count) => {
                    if self.unacked.is_none_or(|before| count < before) {
                        self.fell = now;
                    }
                    self.unacked = Some(count);
                    if now.duration_since(self.fell) >= limit {
                        return Verdict::Stalled { unacked: count };
                    }
                    return Verdict::Wait;
                }
                None => match self.at.checked_add(self.drain) {
                    Some(drained) if drained <= now => self.delivered = Some(drained),
                    _ => return Verdict::Wait,
                },
            }
        }
        match self.delivered {
            Some(delivered) if now.duration_since(delivered) >= limit => Verdict::NoAnswer,
            _ => Verdict::Wait,
        }
    }
}

/// How long a send buffer of `buffer` bytes may take to drain, at the rate the body moved once
/// the buffer was full: `total` bytes taken in `took`. A body that fit in the buffer shows no
/// rate: the link is then given one more `limit`.
fn drain_time(buffer: u64, total: u64, took: Duration, limit: Duration) -> Duration {
    match total.checked_sub(buffer) {
        Some(beyond) if beyond > 0 => {
            let seconds = took.as_secs_f64() * buffer as f64 / beyond as f64;
            Duration::try_from_secs_f64(seconds)
                .unwrap_or(Duration::MAX)
                .min(Duration::from_secs(24 * 3600))
        }
        _ => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(3);

    fn after(start: Instant, ms: u64) -> Instant {
        start + Duration::from_millis(ms)
    }

    #[test]
    fn the_answers_clock_starts_when_the_peer_has_acknowledged_every_byte() {
        let start = Instant::now();
        let mut handover = Handover::new(start, Duration::ZERO);
        // Four seconds of buffered bytes drain, a little at a time: longer than the limit.
        for (ms, unacked) in [(0, 4_000_000), (1000, 3_000_000), (2500, 1_500_000), (4000, 10)] {
            assert_eq!(
                handover.check(after(start, ms), Some(unacked), LIMIT),
                Verdict::Wait
            );
        }
        assert_eq!(handover.check(after(start, 4050), Some(0), LIMIT), Verdict::Wait);
        assert_eq!(handover.check(after(start, 7000), Some(0), LIMIT), Verdict::Wait);
        assert_eq!(
            handover.check(after(start, 7050), Some(0), LIMIT),
            Verdict::NoAnswer
        );
    }

    #[test]
    fn bytes_never_acknowledged_for_the_limit_are_a_stall() {
        let start = Instant::now();
        let mut handover = Handover::new(start, Duration::ZERO);
        assert_eq!(handover.check(start, Some(500), LIMIT), Verdict::Wait);
        assert_eq!(
            handover.check(after(start, 1000), Some(400), LIMIT),
            Verdict::Wait
        );
        assert_eq!(
            handover.check(after(start, 3999), Some(400), LIMIT),
            Verdict::Wait
        );
        assert_eq!(
            handover.check(after(start, 4000), Some(400), LIMIT),
            Verdict::Stalled { unacked: 400 }
        );
    }

    #[test]
    fn without_a_measure_the_clock_starts_once_the_buffer_may_have_drained() {
        let start = Instant::now();
        let mut handover = Handover::new(start, Duration::from_secs(2));
        assert_eq!(handover.check(after(start, 4999), None, LIMIT), Verdict::Wait);
        assert_eq!(handover.check(after(start, 5000), None, LIMIT), Verdict::NoAnswer);
    }

    #[test]
    fn the_drain_time_is_the_buffer_at_the_rate_seen_beyond_it() {
        // 6 MB in 2 s beyond a 4 MB buffer: 1 MB/s, so the buffer takes 4 s.
        let took = Duration::from_secs(2);
        assert_eq!(drain_time(4 << 20, 6 << 20, took, LIMIT), Duration::from_secs(4));
        // A body that fit in the buffer shows no rate: one more limit.
        assert_eq!(drain_time(4 << 20, 3 << 20, took, LIMIT), LIMIT);
        assert_eq!(drain_time(4 << 20, 4 << 20, took, LIMIT), LIMIT);
        assert_eq!(
            drain_time(u64::MAX, u64::MAX - 1, Duration::from_secs(1), LIMIT),
            LIMIT
        );
        assert_eq!(
            drain_time(u64::MAX / 2, u64::MAX, Duration::from_secs(u64::MAX / 2), LIMIT),
            Duration::from_secs(24 * 3600)
        );
    }
}
