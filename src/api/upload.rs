//! Uploads (`multipart/form-data`, the file streamed from disk in large pieces) through reqwest's
//! async client on a small runtime of its own: the blocking client sends a streamed body in
//! 8 KiB pieces, which made a 1 GiB upload half as fast as curl.
//!
//! The per-request timeout does not cut an upload while its body is still being sent: the body
//! may take as long as it needs while it moves, fails when it stalls (no piece taken by the
//! connection within the timeout), and the timeout then bounds the wait for the answer.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};

use crate::api::error::Error;

/// How much of the file is read and handed to the connection at a time.
const PIECE: usize = 256 * 1024;
/// How often the watchdog looks at an upload's progress.
const WATCH: Duration = Duration::from_millis(50);

/// Why an upload failed.
pub(super) enum UploadError {
    /// Before any request (the runtime, the file).
    Local(Error),
    Http(reqwest::Error),
    /// The connection took no more of the body for `limit`: the server never had the whole
    /// document, so nothing was created.
    Stalled {
        sent: u64,
        total: u64,
        limit: Duration,
    },
    /// The body was sent in full and no answer came within `limit`.
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
            .build()
            .map_err(|e| format!("cannot set up HTTP: {e}"))?;
        Ok(Uploader { runtime, http })
    }

    /// Sends the `configuration` part, then the file, read from disk as it is sent. Returns the
    /// answer, read.
    pub(super) fn send(
        &self,
        url: &Url,
        headers: (&HeaderValue, &[(HeaderName, HeaderValue)]),
        timeout: Duration,
        configuration: &str,
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
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let progress = Arc::new(Progress {
            started: Instant::now(),
            sent: AtomicU64::new(0),
            moved_ms: AtomicU64::new(0),
            done: AtomicBool::new(false),
            changed: AtomicBool::new(false),
        });
        let part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::wrap_stream(file_pieces(file, total, Arc::clone(&progress))),
            total,
        )
        .file_name(name)
        .mime_str(mime.as_ref())
        .map_err(UploadError::Http)?;
        let form = reqwest::multipart::Form::new()
            .text("configuration", configuration.to_string())
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
            let mut answer = Box::pin(answer);
            let mut done_at: Option<Instant> = None;
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
                    let since = *done_at.get_or_insert_with(Instant::now);
                    if since.elapsed() >= timeout {
                        return Err(UploadError::NoAnswer { limit: timeout });
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
