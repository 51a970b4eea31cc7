//! The end-to-end tests' views of testkit's scripted server: `Scripted` answers requests with a
//! script of replies, in order whatever they ask, and records their paths (for job transitions,
//! retries and stalls, which a matcher-based mock cannot express); `RawServer` writes raw bytes on
//! each connection (for dropped connections and truncated bodies, which an HTTP library will not
//! send). Beside them, the helpers that start the program and signal it mid-request.

use std::thread;
use std::time::Duration;

pub use testkit::{Reply, http_response};
use testkit::{Rule, Server};

/// The running server. Past the end of the script it repeats the last reply.
pub struct Scripted {
    pub url: String,
    server: Server,
}

impl Scripted {
    pub fn start(replies: Vec<Reply>) -> Self {
        let server = Server::start(vec![Rule::any(replies)]);
        Scripted {
            url: server.url.clone(),
            server,
        }
    }

    /// The path and query of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.server.requests().into_iter().map(|r| r.target).collect()
    }
}

/// A server that answers each connection with raw bytes from a script, then closes it.
pub struct RawServer {
    pub url: String,
    server: Server,
}

impl RawServer {
    /// `script[n]` is written on the n-th connection (empty: close at once); past the end the
    /// last entry repeats.
    pub fn start(script: Vec<Vec<u8>>) -> Self {
        let server = Server::start(vec![Rule::any(script.into_iter().map(Reply::bytes).collect())]);
        RawServer {
            url: server.url.clone(),
            server,
        }
    }

    pub fn connections(&self) -> usize {
        self.server.connections()
    }
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
