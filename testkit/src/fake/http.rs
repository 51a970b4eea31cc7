//! Serving the fake over HTTP on loopback, gzip-compressed when the client accepts it (stored
//! objects, the images on the files origin, as they are).

use std::io::Write as _;
use std::sync::Arc;
use std::thread;

use flate2::Compression;
use flate2::write::GzEncoder;
use tiny_http::{Header, Response, Server};

use super::{Fake, Request};

/// Bodies smaller than this are sent uncompressed, as real servers do.
const GZIP_MIN_BYTES: usize = 1024;
/// Workers of a fake in a test (many run at once).
const WORKERS: usize = 16;
/// Workers of the fake server binary: enough for a client with 64 uploads in flight beside its
/// polls and fetches (a request that waits for a worker would look like a slow API).
pub const SERVER_WORKERS: usize = 128;

/// Binds `127.0.0.1:port` (0 picks a free port) and serves `fake` on a few worker threads.
/// Returns the address actually bound.
pub fn spawn(
    fake: Arc<Fake>,
    port: u16,
) -> Result<std::net::SocketAddr, Box<dyn std::error::Error + Send + Sync>> {
    spawn_workers(fake, port, WORKERS)
}

/// `spawn` with `workers` worker threads.
pub fn spawn_workers(
    fake: Arc<Fake>,
    port: u16,
    workers: usize,
) -> Result<std::net::SocketAddr, Box<dyn std::error::Error + Send + Sync>> {
    // Responses go out as a header write and a body write; without TCP_NODELAY, Nagle's
    // algorithm and the client's delayed ACK add ~40 ms to every request. Accepted sockets
    // inherit the option from the listener on Linux.
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(128)?;
    let server = Arc::new(Server::from_listener(std::net::TcpListener::from(socket), None)?);
    let addr = server.server_addr().to_ip().ok_or("not an IP listener")?;
    let addr_port = addr.port();
    for _ in 0..workers {
        let server = Arc::clone(&server);
        let fake = Arc::clone(&fake);
        thread::spawn(move || {
            for mut request in server.incoming_requests() {
                let header = |request: &tiny_http::Request, name: &str| {
                    request
                        .headers()
                        .iter()
                        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                        .map(|h| h.value.as_str().to_string())
                };
                let authorization = header(&request, "authorization");
                let content_type = header(&request, "content-type");
                let accepts_gzip = header(&request, "accept-encoding").is_some_and(|v| v.contains("gzip"));
                let method = request.method().as_str().to_string();
                let target = request.url().to_string();
                trace(addr_port, &method, &target, "start");
                let answer = fake.handle(Request {
                    method: &method,
                    target: &target,
                    authorization: authorization.as_deref(),
                    content_type: content_type.as_deref(),
                    body: request.as_reader(),
                });
                if answer.cut {
                    // The answer breaks off: a chunk of the body, then bytes that cannot be
                    // the next chunk. The client has sent its request and gets no usable answer.
                    let half = String::from_utf8_lossy(&answer.body[..answer.body.len() / 2]).into_owned();
                    let mut writer = request.into_writer();
                    let _ = write!(
                        writer,
                        "HTTP/1.1 {} OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{half}\r\nzz\r\n",
                        answer.status,
                        half.len()
                    );
                    let _ = writer.flush();
                    continue;
                }
                if let Some(length) = answer.generated {
                    // A large file, generated as it is sent.
                    let pattern = b"# Large result\n\nThe same line, again and again, to fill the file.\n";
                    let reader = std::io::Read::take(Pattern { pattern, at: 0 }, length);
                    // With its length, as S3 sends files (tiny_http would chunk a large body).
                    let response = Response::new(
                        tiny_http::StatusCode(answer.status),
                        vec![Header::from_bytes("Content-Type", "text/markdown").expect("static header")],
                        reader,
                        Some(length as usize),
                        None,
                    )
                    .with_chunked_threshold(usize::MAX);
                    let _ = request.respond(response);
                    continue;
                }
                let gzip = accepts_gzip && !answer.stored && answer.body.len() >= GZIP_MIN_BYTES;
                let body = if gzip { compress(&answer.body) } else { answer.body };
                if fake.config.close_connections {
                    respond_and_close(request, answer.status, &answer.headers, gzip, &body);
                    trace(addr_port, &method, &target, "end");
                    continue;
                }
                let mut response = Response::from_data(body)
                    .with_status_code(answer.status)
                    .with_header(
                        Header::from_bytes("Content-Type", "application/json").expect("static header"),
                    );
                if gzip {
                    response
                        .add_header(Header::from_bytes("Content-Encoding", "gzip").expect("static header"));
                }
                for (name, value) in &answer.headers {
                    if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                        response.add_header(header);
                    }
                }
                // Custom request headers (LLAMA_CLOUD_CUSTOM_HEADERS) come back as X-Echo-<name>,
                // so a client can see what reached the server.
                for h in request.headers() {
                    let name = h.field.as_str().as_str().to_ascii_lowercase();
                    if name.starts_with("x-") && !name.starts_with("x-echo-") {
                        let echo = format!("X-Echo-{name}");
                        if let Ok(header) = Header::from_bytes(echo.as_bytes(), h.value.as_str().as_bytes()) {
                            response.add_header(header);
                        }
                    }
                }
                let _ = request.respond(response);
                trace(addr_port, &method, &target, "end");
            }
        });
    }
    Ok(addr)
}

/// Answers with `Connection: close`, written by hand (tiny_http drops that header from a
/// `Response`): the client closes the connection, and the pool thread tiny_http gave it is free
/// for the next. tiny_http queues a burst of new connections behind its idle threads, and a
/// thread serving a kept-alive connection never takes another: the queued ones then wait for
/// good (a client that opens ten at once, as a windowed parse does, sees some requests never
/// answered).
fn respond_and_close(
    request: tiny_http::Request,
    status: u16,
    headers: &[(&'static str, String)],
    gzip: bool,
    body: &[u8],
) {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        tiny_http::StatusCode(status).default_reason_phrase(),
        body.len()
    );
    if gzip {
        head.push_str("Content-Encoding: gzip\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    for h in request.headers() {
        let name = h.field.as_str().as_str().to_ascii_lowercase();
        if name.starts_with("x-") && !name.starts_with("x-echo-") {
            head.push_str(&format!("X-Echo-{name}: {}\r\n", h.value.as_str()));
        }
    }
    head.push_str("\r\n");
    let mut writer = request.into_writer();
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(body))
        .and_then(|()| writer.flush());
}

/// With `LLAMACLOUD_FAKE_TRACE=FILE`, each request's start and end, with the time, appended to
/// FILE: to find a request that waited (a debugging aid, off unless set).
fn trace(port: u16, method: &str, target: &str, what: &str) {
    let Some(path) = std::env::var_os("LLAMACLOUD_FAKE_TRACE") else {
        return;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    // One write: lines from many threads do not interleave.
    let line = format!("{now} {port} {what} {method} {target}\n");
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = file.write_all(line.as_bytes());
    }
}

/// `pattern` repeated without end.
struct Pattern {
    pattern: &'static [u8],
    at: usize,
}

impl std::io::Read for Pattern {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for byte in buf.iter_mut() {
            *byte = self.pattern[self.at];
            self.at = (self.at + 1) % self.pattern.len();
        }
        Ok(buf.len())
    }
}

fn compress(body: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::fast());
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}
