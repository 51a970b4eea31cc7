//! A server that answers requests with a script of replies, in order, and records what it was
//! asked: for job transitions, retries and stalls, which a matcher-based mock cannot express.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Response, Server};

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: impl ToString) -> Self {
        Reply {
            status,
            body: body.to_string(),
            headers: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// The running server. Past the end of the script it repeats the last reply.
pub struct Scripted {
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Scripted {
    pub fn start(replies: Vec<Reply>) -> Self {
        let server = Server::http("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", server.server_addr().to_ip().expect("ip listener"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&log);
        thread::spawn(move || {
            for (n, request) in server.incoming_requests().enumerate() {
                seen.lock().unwrap().push(request.url().to_string());
                let Some(reply) = replies.get(n).or(replies.last()).cloned() else {
                    continue;
                };
                thread::spawn(move || {
                    thread::sleep(reply.delay);
                    let mut response = Response::from_string(reply.body).with_status_code(reply.status);
                    response.add_header(Header::from_bytes("Content-Type", "application/json").unwrap());
                    for (name, value) in &reply.headers {
                        response.add_header(Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap());
                    }
                    let _ = request.respond(response);
                });
            }
        });
        Scripted { url, log }
    }

    /// The path and query of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// A TCP server that answers each connection with raw bytes from a script, then closes it:
/// for dropped connections and truncated bodies, which an HTTP library will not send.
pub struct RawServer {
    pub url: String,
    connections: Arc<Mutex<usize>>,
}

impl RawServer {
    /// `script[n]` is written on the n-th connection (empty: close at once); past the end the
    /// last entry repeats.
    pub fn start(script: Vec<Vec<u8>>) -> Self {
        use std::io::{Read as _, Write as _};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&connections);
        thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { continue };
                *counter.lock().unwrap() += 1;
                let bytes = script.get(n).or(script.last()).cloned().unwrap_or_default();
                let mut request = [0u8; 4096];
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = stream.read(&mut request);
                let _ = stream.write_all(&bytes);
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        });
        RawServer { url, connections }
    }

    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }
}

/// A complete HTTP/1.1 response with a JSON body, closing the connection.
pub fn http_response(status: u16, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Starts `llamacloud ARGS` against `server` and returns once its first request has arrived.
#[cfg(unix)]
pub fn spawn_until_requested(server: &Scripted, args: &[&std::ffi::OsStr]) -> std::process::Child {
    use std::process::Stdio;
    use std::time::Instant;
    let child = crate::harness::command()
        .env("LLAMA_CLOUD_BASE_URL", &server.url)
        .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn llamacloud");
    let started = Instant::now();
    while server.requests().is_empty() && started.elapsed() < Duration::from_secs(20) {
        thread::sleep(Duration::from_millis(20));
    }
    child
}

/// Sends Ctrl-C (SIGINT) and returns the exit code and how long the program took to stop.
#[cfg(unix)]
pub fn interrupt(child: std::process::Child) -> (Option<i32>, Duration) {
    send_signal(child, libc::SIGINT)
}

/// Sends `signal` and returns the exit code and how long the program took to stop.
#[cfg(unix)]
pub fn send_signal(mut child: std::process::Child, signal: i32) -> (Option<i32>, Duration) {
    let sent = std::time::Instant::now();
    // SAFETY: kill(2) on a child this test started and has not yet waited for.
    let sent_ok = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
    assert_eq!(sent_ok, 0, "kill");
    let status = child.wait().expect("wait");
    (status.code(), sent.elapsed())
}
