//! llamacloud's test fixtures (a dev-dependency, never published): one scripted HTTP server
//! on loopback, for the library's unit tests and the end-to-end suite alike; and [`fake`], the
//! bundled fake LlamaCloud that `cargo run -p testkit --bin fake-server` serves, that `cargo run
//! -p try` runs in its process, and that the end-to-end tests drive; and [`pdf`], blank PDFs of any
//! page count (`pdf::blank_pdf`) for tests on both sides of the fake.
//!
//! A [`Server`] answers each request by the first [`Rule`] whose method and path match, with the
//! rule's replies in turn (the last one again once they run out), and logs every request. A rule
//! for any method and path ([`Rule::any`]) answers requests in the order they arrive, whatever
//! they ask. A [`Reply`] is a status, a body, headers and a delay; or a body cut short of the
//! length it declares; or raw bytes written on the connection as they are (nothing at all: the
//! connection closes unanswered), for what an HTTP library will not send.
//!
//! It speaks plain HTTP/1.1 over raw TCP: one request per connection, each connection served on
//! a thread of its own (so a delayed reply holds up no other), every reply closing its
//! connection.

pub mod azure;
pub mod fake;
pub mod pdf;
pub mod s3;

use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// Sent after `Content-Type: application/json` (which one named `Content-Type` replaces).
    pub headers: Vec<(String, String)>,
    /// How long to wait, once the request is read, before answering.
    pub delay: Duration,
    /// The length said in `Content-Length` when it is not the body's: the connection closes after
    /// the body, short of it.
    pub declared: Option<usize>,
    /// Bytes written in place of a response built from the fields above.
    pub raw: Option<Vec<u8>>,
}

impl Reply {
    /// `body` (JSON, or any text) with `status`.
    pub fn json(status: u16, body: impl ToString) -> Reply {
        Reply {
            status,
            body: body.to_string().into_bytes(),
            headers: Vec::new(),
            delay: Duration::ZERO,
            declared: None,
            raw: None,
        }
    }

    /// `body` as it is (not JSON, or cut short), with `status`.
    pub fn raw(status: u16, body: &str) -> Reply {
        Reply::json(status, body)
    }

    /// `body` sent as the first part of a body `declared` bytes long: the transfer ends short.
    pub fn cut(status: u16, body: &str, declared: usize) -> Reply {
        Reply {
            declared: Some(declared),
            ..Reply::raw(status, body)
        }
    }

    /// `bytes` written on the connection as they are, then the connection closed (empty: closed
    /// at once, unanswered).
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply {
            raw: Some(bytes.into()),
            ..Reply::json(0, "")
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// The bytes that go on the wire.
    fn encode(&self) -> Vec<u8> {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.declared.unwrap_or(self.body.len())
        );
        if !self
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        {
            head.push_str("Content-Type: application/json\r\n");
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// A complete HTTP/1.1 response with a JSON body, closing the connection: `Reply::json`'s bytes,
/// for a raw script.
pub fn http_response(status: u16, body: &str) -> Vec<u8> {
    Reply::json(status, body).encode()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Reply",
    }
}

/// Which requests a rule answers, and with what.
#[derive(Clone, Debug)]
pub struct Rule {
    /// `None`: any method.
    method: Option<String>,
    /// The part of the target before `?`; `None`: any path.
    path: Option<String>,
    replies: Vec<Reply>,
    /// How many requests the rule has answered.
    used: usize,
}

impl Rule {
    /// Requests for `method` `path` (the target before its `?`), answered with `replies` in turn.
    pub fn new(method: &str, path: impl Into<String>, replies: Vec<Reply>) -> Rule {
        Rule {
            method: Some(method.to_string()),
            path: Some(path.into()),
            replies,
            used: 0,
        }
    }

    /// Every request, whatever its method and path (and a connection that sends no HTTP at all),
    /// answered with `replies` in turn.
    pub fn any(replies: Vec<Reply>) -> Rule {
        Rule {
            method: None,
            path: None,
            replies,
            used: 0,
        }
    }

    fn matches(&self, request: &Request) -> bool {
        self.method.as_ref().is_none_or(|m| *m == request.method)
            && self.path.as_ref().is_none_or(|p| p == request.path())
    }

    /// The next reply (the last one again once they run out); `None` when the rule has none.
    fn next(&mut self) -> Option<Reply> {
        let reply = self.replies.get(self.used).or(self.replies.last()).cloned();
        self.used += 1;
        reply
    }
}

/// A request as the server read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// Empty for a connection that sent no HTTP request (a TLS hello, say).
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The target before its `?`.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The first header named `name` (in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the connections' threads share.
#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    requests: Vec<Request>,
    connections: usize,
}

/// The running server; dropping it stops accepting connections (a delayed reply still goes out).
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    state: Arc<Mutex<State>>,
    /// Cleared to stop accepting.
    open: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `rules` on a free loopback port. A request no rule matches is answered 404
    /// `{"detail": "no rule"}`.
    pub fn start(rules: Vec<Rule>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("a bound address"));
        let state = Arc::new(Mutex::new(State {
            rules,
            ..State::default()
        }));
        let open = Arc::new(AtomicBool::new(true));
        let thread = {
            let (state, open) = (Arc::clone(&state), Arc::clone(&open));
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if !open.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    lock(&state).connections += 1;
                    let state = Arc::clone(&state);
                    thread::spawn(move || serve(stream, &state));
                }
            })
        };
        Server {
            url,
            state,
            open,
            thread: Some(thread),
        }
    }

    /// Every HTTP request so far, in the order they arrived.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.state).requests.clone()
    }

    /// How many requests so far went to `method` `path` (the target before its `?`).
    pub fn count(&self, method: &str, path: &str) -> usize {
        lock(&self.state)
            .requests
            .iter()
            .filter(|r| r.method == method && r.path() == path)
            .count()
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        lock(&self.state).connections
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.open.store(false, Ordering::SeqCst);
        // Wakes the accepting thread.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads the connection's request, answers it by the rules, and closes the connection.
fn serve(mut stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    let reply = {
        let mut state = lock(state);
        let http = !request.method.is_empty();
        let reply = match state.rules.iter_mut().find(|rule| rule.matches(&request)) {
            Some(rule) => rule.next(),
            None => Some(Reply::json(404, r#"{"detail":"no rule"}"#)),
        };
        if http {
            state.requests.push(request);
        }
        reply
    };
    if let Some(reply) = reply {
        if !reply.delay.is_zero() {
            thread::sleep(reply.delay);
        }
        let _ = stream.write_all(&reply.encode());
        let _ = stream.flush();
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// Reads one request: its head, and its body by `Content-Length` or in chunks. A connection whose
/// first bytes are not a request line (a TLS hello) gives a request with no method, read no
/// further; one closed before sending anything gives `None`.
fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        if !buffer.is_empty() && !looks_like_http(&buffer) {
            return Some(Request::default());
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) if buffer.is_empty() => return None,
            Ok(0) | Err(_) => return Some(Request::default()),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut rest = buffer[head_end + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let mut parts = lines.next()?.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut request = Request {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    if request
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        request.body = read_chunked(stream, rest)?;
    } else {
        let length: usize = request
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while rest.len() < length {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => rest.extend_from_slice(&chunk[..n]),
            }
        }
        rest.truncate(length);
        request.body = rest;
    }
    Some(request)
}

/// A chunked body, of which `buffer` holds the first bytes read.
fn read_chunked(stream: &mut TcpStream, mut buffer: Vec<u8>) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut more = |buffer: &mut Vec<u8>| match stream.read(&mut chunk) {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    };
    loop {
        let line_end = loop {
            if let Some(end) = find(&buffer, b"\r\n") {
                break end;
            }
            if !more(&mut buffer) {
                return Some(body);
            }
        };
        let line = String::from_utf8_lossy(&buffer[..line_end]).into_owned();
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        buffer.drain(..line_end + 2);
        if size == 0 {
            // The trailers, if any, and the blank line that ends them.
            while find(&buffer, b"\r\n").is_none() && more(&mut buffer) {}
            return Some(body);
        }
        while buffer.len() < size + 2 {
            if !more(&mut buffer) {
                body.extend_from_slice(&buffer[..size.min(buffer.len())]);
                return Some(body);
            }
        }
        body.extend_from_slice(&buffer[..size]);
        buffer.drain(..size + 2);
    }
}

/// Whether `bytes` can begin a request line: a method of capital letters, then a space.
fn looks_like_http(bytes: &[u8]) -> bool {
    let method = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    (method > 0 || bytes.is_empty()) && bytes.get(method).is_none_or(|b| *b == b' ')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends `request` and reads the whole answer.
    fn send(server: &Server, request: &[u8]) -> Vec<u8> {
        let mut stream = TcpStream::connect(server.url.trim_start_matches("http://")).unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        answer
    }

    fn get(server: &Server, target: &str) -> String {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        String::from_utf8(send(server, request.as_bytes())).unwrap()
    }

    #[test]
    fn rules_match_by_method_and_path_and_give_their_replies_in_turn() {
        let server = Server::start(vec![
            Rule::new("GET", "/a", vec![Reply::json(200, "1"), Reply::json(503, "2")]),
            Rule::any(vec![Reply::json(201, "any")]),
        ]);
        assert!(get(&server, "/a?x=1").ends_with("\r\n\r\n1"));
        assert!(get(&server, "/a").starts_with("HTTP/1.1 503 "));
        assert!(get(&server, "/a").ends_with("\r\n\r\n2"));
        assert!(get(&server, "/b").starts_with("HTTP/1.1 201 "));
        let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
        assert_eq!(targets, ["/a?x=1", "/a", "/a", "/b"]);
        assert_eq!(server.count("GET", "/a"), 3);
        assert_eq!(server.connections(), 4);
    }

    #[test]
    fn no_rule_is_a_404_and_a_body_is_read_whole() {
        let server = Server::start(Vec::new());
        let answer = send(
            &server,
            b"POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        );
        assert!(String::from_utf8(answer).unwrap().starts_with("HTTP/1.1 404 "));
        let sized = send(&server, b"PUT /q HTTP/1.1\r\nContent-Length: 4\r\n\r\nwxyz");
        assert!(!sized.is_empty());
        let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
        assert_eq!(bodies, [b"abcde".to_vec(), b"wxyz".to_vec()]);
    }

    #[test]
    fn headers_cut_bodies_and_raw_bytes_go_out_as_scripted() {
        let server = Server::start(vec![Rule::any(vec![
            Reply::json(200, "{}").header("Retry-After", "1"),
            Reply::cut(200, "{\"a\"", 50),
            Reply::bytes(b"garbage".to_vec()),
            Reply::bytes(Vec::new()),
        ])]);
        let first = get(&server, "/");
        assert!(first.contains("\r\nRetry-After: 1\r\n"), "{first}");
        assert!(
            first.contains("\r\nContent-Type: application/json\r\n"),
            "{first}"
        );
        let cut = get(&server, "/");
        assert!(
            cut.contains("Content-Length: 50\r\n") && cut.ends_with("\r\n\r\n{\"a\""),
            "{cut}"
        );
        assert_eq!(get(&server, "/"), "garbage");
        assert_eq!(get(&server, "/"), "");
        // Not HTTP: answered, not logged.
        assert_eq!(send(&server, b"\x16\x03\x01\x00"), b"");
        assert_eq!(server.requests().len(), 4);
        assert_eq!(server.connections(), 5);
    }
}
