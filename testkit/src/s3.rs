//! A real S3-compatible server on loopback for the shared store's tests: moto's server (PyPI
//! `moto[server]`, in memory), which honours `If-None-Match: *` and `If-Match` with exactly one
//! winner among racing writers. `scripts/moto-venv.sh` installs it in `target/moto-venv`; or
//! `LLAMACLOUD_MOTO_SERVER` names a `moto_server` elsewhere.
//!
//! Where it is not installed, [`S3Server::start`] says the test is skipped (on stderr and in
//! `target/tmp/skipped-tests.txt`, which `.ci/run` prints) and gives `None`; with
//! `LLAMACLOUD_REQUIRE_S3=1` (CI) it panics instead.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The bucket every server has.
pub const BUCKET: &str = "llamacloud-test";

/// A moto server, killed when dropped.
pub struct S3Server {
    child: Option<Child>,
    port: u16,
}

impl S3Server {
    /// A server with [`BUCKET`] made, answering on a free loopback port; `None` (the test named
    /// `test` said to be skipped) when moto is not installed.
    pub fn start(test: &str) -> Option<S3Server> {
        let program = match moto_server() {
            Some(program) => program,
            None => {
                let why = "moto_server is not installed (scripts/moto-venv.sh installs it; or set LLAMACLOUD_MOTO_SERVER)";
                if std::env::var("LLAMACLOUD_REQUIRE_S3").is_ok_and(|v| v == "1") {
                    panic!("{test} needs an S3 server and LLAMACLOUD_REQUIRE_S3=1: {why}");
                }
                skipped(test, why);
                return None;
            }
        };
        let server = start_on_a_free_port(
            &program,
            |port| S3Server {
                child: Some(
                    Command::new(&program)
                        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display())),
                ),
                port,
            },
            S3Server::wait_until_ready,
        );
        Some(server)
    }

    /// `s3://BUCKET/prefix`.
    pub fn url(&self, prefix: &str) -> String {
        format!("s3://{BUCKET}/{}", prefix.trim_start_matches('/'))
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The environment that points object_store at this server: its endpoint, any credentials
    /// (moto takes all), a region, and plain HTTP allowed. Conditional puts need nothing more:
    /// object_store sends `If-None-Match: *` by default (`S3ConditionalPut::ETagMatch`).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint()),
            ("AWS_ACCESS_KEY_ID", "test".to_string()),
            ("AWS_SECRET_ACCESS_KEY", "test".to_string()),
            ("AWS_REGION", "us-east-1".to_string()),
            ("AWS_ALLOW_HTTP", "true".to_string()),
        ]
    }

    /// Kills the server (the store becomes unreachable: connections are refused).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn wait_until_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                self.child = None;
                return Err(format!("it exited ({status})"));
            }
            // A plain PUT /BUCKET makes the bucket (moto checks no signature).
            match request(self.port, &format!("PUT /{BUCKET} HTTP/1.1")) {
                Ok(200) => return Ok(()),
                Ok(status) => {
                    self.stop();
                    return Err(format!("creating the bucket answered {status}"));
                }
                Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => {
                    self.stop();
                    return Err(format!("it did not answer within 30 s ({e})"));
                }
            }
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Where the server is: `LLAMACLOUD_MOTO_SERVER`, else the crate's `target/moto-venv`.
fn moto_server() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("LLAMACLOUD_MOTO_SERVER").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    Some(root.join("target/moto-venv/bin/moto_server")).filter(|p| p.is_file())
}

/// A server of `program` on a free loopback port: `spawn` starts it on the port, `ready` waits
/// until it answers (stopping it when it will not). A port found free can be taken before the
/// server binds it: then another, three times in all, before panicking with the last reason.
pub(crate) fn start_on_a_free_port<S>(
    program: &Path,
    mut spawn: impl FnMut(u16) -> S,
    mut ready: impl FnMut(&mut S) -> Result<(), String>,
) -> S {
    let mut last = String::new();
    for _ in 0..3 {
        let mut server = spawn(free_port());
        match ready(&mut server) {
            Ok(()) => return server,
            Err(why) => last = why,
        }
    }
    panic!("{} did not start: {last}", program.display());
}

pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().unwrap().port()
}

/// Sends `line` with no body; the status of the answer.
fn request(port: u16, line: &str) -> std::io::Result<u16> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{line}\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {answer:.80}")))
}

/// Said as the end-to-end harness says a skipped test: on stderr and in the target directory's
/// `tmp/skipped-tests.txt` (found from the test binary, `target/debug/deps/NAME`).
pub(crate) fn skipped(test: &str, why: &str) {
    let line = format!("SKIPPED {test}: {why}\n");
    eprint!("{line}");
    let target = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf));
    if let Some(target) = target {
        let _ = std::fs::create_dir_all(target.join("tmp"));
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(target.join("tmp/skipped-tests.txt"))
        {
            let _ = file.write_all(line.as_bytes());
        }
    }
}
