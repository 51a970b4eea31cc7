//! What the typed API layer guarantees end to end: ids go into a URL as one segment or not at
//! all, a created job's id reaches the user whatever fails next, transport errors say what
//! failed (the proxy and where it came from; an upload that stalls, not one that is slow), and a
//! duration past any sane bound is a usage error.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use httpmock::MockServer;

use crate::fake_server::{fake, start_shared};
use crate::harness::{TEST_KEY, cli, command, scratch_file, stderr_of};

/// The binary with `args` against `url`, its stdout the real `/dev/full`.
fn to_full_disk(url: &str, args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    command()
        .env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(args)
        .stdout(full)
        .output()
        .unwrap()
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn ids_that_are_not_one_path_segment_are_refused_before_any_request() {
    let server = MockServer::start();
    let any = server.mock(|_, then| {
        then.status(200).body("{}");
    });
    let commands: [&[&str]; 8] = [
        &["parsing", "get", "{}"],
        &["parsing", "get", "--job-id", "{}"],
        &["parsing", "download", "{}", "markdown"],
        &["parsing", "cancel", "{}"],
        // An id after a good one: nothing is sent for either.
        &["parsing", "cancel", "pjb-1", "{}"],
        &["parsing", "delete", "{}", "--yes"],
        &["batches", "get", "{}"],
        &["batches", "cancel", "{}"],
    ];
    for args in commands {
        for id in [".", "..", "a/b", " .. "] {
            let args: Vec<String> = args.iter().map(|a| a.replace("{}", id)).collect();
            let output = cli(&server.base_url()).args(&args).output().unwrap();
            let stderr = stderr_of(&output);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains("is not an id") || stderr.contains("an id holds no /"),
                "{args:?}: {stderr}"
            );
        }
    }
    any.assert_calls(0);
}

#[test]
fn an_output_file_that_cannot_be_written_is_found_before_the_upload() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let target = dir.path().join("missing-dir").join("x");
    let (url, fake) = start_shared(fake::Config::default());
    for extra in [&[][..], &["--wait"][..], &["-q"][..]] {
        let output = cli(&url)
            .args([
                "parsing",
                "create",
                file.to_str().unwrap(),
                "--tier",
                "agentic",
                "-o",
            ])
            .arg(&target)
            .args(extra)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{extra:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: cannot write {}: ", target.display())),
            "{extra:?}: {stderr}"
        );
    }
    assert!(fake.made_jobs().is_empty(), "no job was paid for");
    assert!(!target.exists());
}

#[test]
fn a_created_job_whose_id_cannot_be_printed_is_named_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let file = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());

    // --jq fails on the created job.
    let output = cli(&url)
        .args([
            "parsing",
            "create",
            file,
            "--tier",
            "agentic",
            "--jq",
            "error(\"boom\")",
        ])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    let jobs = fake.made_jobs();
    assert_eq!(jobs.len(), 1);
    let id = jobs[0]["id"].as_str().unwrap().to_string();
    assert_ne!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: job {id} was created; to get it: llamacloud parsing get {id}\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("boom"), "{stderr}");

    // -q to a full disk (the real /dev/full, through the binary's own stdout).
    let output = to_full_disk(&url, &["parsing", "create", file, "--tier", "agentic", "-q"]);
    let stderr = stderr_of(&output);
    let jobs = fake.made_jobs();
    assert_eq!(jobs.len(), 2);
    let id = jobs[1]["id"].as_str().unwrap().to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: job {id} was created; to get it: llamacloud parsing get {id}\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");

    // The same while waiting: the id went out before the wait, so the note names it too.
    let output = to_full_disk(
        &url,
        &["parsing", "create", file, "--tier", "agentic", "-q", "--wait"],
    );
    let stderr = stderr_of(&output);
    let id = fake.made_jobs()[2]["id"].as_str().unwrap().to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: job {id} was created; to get it: llamacloud parsing get {id} --wait\n"
        )),
        "{stderr}"
    );
    assert_eq!(fake.made_jobs().len(), 3, "each run created one job, none twice");
}

#[test]
fn a_duration_past_any_bound_is_a_usage_error_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let file = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let huge = "18446744073709551615";
    for args in [
        vec![
            "parsing",
            "create",
            file,
            "--tier",
            "fast",
            "--wait",
            "--wait-timeout",
            huge,
        ],
        vec!["parse", file, "--tier", "fast", "--wait-timeout", huge],
        vec!["parse", file, "--tier", "fast", "--wait-timeout", "400d"],
        vec!["parsing", "get", "pjb-1", "--wait", "--wait-timeout", huge],
    ] {
        let output = cli(&url).args(&args).output().unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("at most 366 days"), "{args:?}: {stderr}");
    }
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_wait_timeout_of_nothing_is_a_usage_error_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let out = dir.path().join("out");
    let (file, out) = (file.to_str().unwrap(), out.to_str().unwrap());
    let (url, fake) = start_shared(fake::Config::default());
    for args in [
        vec!["parse", file, "--tier", "fast", "--wait-timeout", "0"],
        vec![
            "parse",
            file,
            "--tier",
            "fast",
            "--output-dir",
            out,
            "--wait-timeout",
            "0s",
        ],
        vec![
            "parsing",
            "create",
            file,
            "--tier",
            "fast",
            "--wait",
            "--wait-timeout",
            "0",
        ],
        vec!["parsing", "get", "pjb-1", "--wait", "--wait-timeout", "0m"],
    ] {
        let output = cli(&url).args(&args).output().unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(
                "expected a duration of more than 0, such as 90s, 30m or 2h (the job would be created \
                 and given up on at once)"
            ),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_proxy_that_cannot_be_reached_is_named_with_the_variable_it_came_from() {
    let proxy = closed_port();
    // An http base URL goes through http_proxy; an https one through HTTPS_PROXY. (The proxy is
    // a closed loopback port: nothing leaves this machine.)
    for (base, variable) in [
        ("http://api.example.test", "http_proxy"),
        ("http://api.example.test", "HTTP_PROXY"),
        ("https://api.example.test", "HTTPS_PROXY"),
        ("https://api.example.test", "https_proxy"),
        ("https://api.example.test", "ALL_PROXY"),
    ] {
        let output = cli(base)
            .env(variable, format!("http://user:secret@127.0.0.1:{proxy}"))
            .args(["parsing", "list", "--max-retries", "0", "--allow-insecure-http"])
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        let host = base.trim_start_matches("http://").trim_start_matches("https://");
        assert_eq!(output.status.code(), Some(1), "{variable}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: could not connect to the proxy 127.0.0.1:{proxy} (from {variable}) for {host}: "
            )),
            "{variable}: {stderr}"
        );
        assert!(!stderr.contains("secret"), "{stderr}");
    }
    // This machine is reached directly, proxy or not: a key sent over plain http to a loopback
    // server never travels on to a proxy.
    let (url, _fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .env("http_proxy", format!("http://127.0.0.1:{proxy}"))
        .env("ALL_PROXY", format!("http://127.0.0.1:{proxy}"))
        .args(["parsing", "list", "--max-items", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
}

/// A relay in front of `upstream` that passes what the client sends at `bytes_per_second`
/// (and stops passing it after `stall_after` bytes, if set), and answers back at full speed.
/// Its receive buffer is small, so the client's socket fills as on a slow link.
struct Relay {
    url: String,
    forwarded: Arc<AtomicU64>,
}

fn slow_relay(upstream: &str, bytes_per_second: u64, stall_after: Option<u64>) -> Relay {
    use socket2::{Domain, Socket, Type};
    let upstream = upstream.trim_start_matches("http://").to_string();
    let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    listener.set_recv_buffer_size(32 * 1024).unwrap();
    listener
        .bind(&"127.0.0.1:0".parse::<std::net::SocketAddr>().unwrap().into())
        .unwrap();
    listener.listen(8).unwrap();
    let listener: TcpListener = listener.into();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let forwarded = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&forwarded);
    std::thread::spawn(move || {
        for client in listener.incoming().take(4) {
            let Ok(client) = client else { return };
            let Ok(server) = TcpStream::connect(&upstream) else {
                return;
            };
            let (mut from_client, mut to_server) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let counted = Arc::clone(&counted);
            let stop = Arc::new(AtomicBool::new(false));
            let stopped = Arc::clone(&stop);
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut buffer = [0u8; 16 * 1024];
                let mut sent = 0u64;
                // Bounded: a test relay never outlives its test by much.
                while started.elapsed() < Duration::from_secs(20) && !stopped.load(Ordering::SeqCst) {
                    if stall_after.is_some_and(|limit| sent >= limit) {
                        std::thread::sleep(Duration::from_millis(50));
                        continue;
                    }
                    let Ok(n) = from_client.read(&mut buffer) else {
                        break;
                    };
                    if n == 0 || to_server.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                    sent += n as u64;
                    counted.fetch_add(n as u64, Ordering::SeqCst);
                    // Keep to the rate: sleep until the bytes sent so far are due.
                    let due = Duration::from_secs_f64(sent as f64 / bytes_per_second as f64);
                    if let Some(wait) = due.checked_sub(started.elapsed()) {
                        std::thread::sleep(wait);
                    }
                }
                let _ = to_server.shutdown(Shutdown::Write);
            });
            let (mut from_server, mut to_client) = (server, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut from_server, &mut to_client);
                stop.store(true, Ordering::SeqCst);
                let _ = to_client.shutdown(Shutdown::Both);
            });
        }
    });
    Relay { url, forwarded }
}

#[test]
fn an_upload_slower_than_the_timeout_is_not_cut_while_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    // 12 MiB at 8 MiB/s takes 1.5 s; the per-request timeout is half a second. (Loopback lets
    // the client's socket take a few MiB at once, which a real slow link does not: the file is
    // large enough for the upload to outlast that.)
    let file = scratch_file(dir.path(), "big.pdf", &vec![b'x'; 12 << 20]);
    let (url, fake) = start_shared(fake::Config::default());
    let relay = slow_relay(&url, 8 << 20, None);
    let started = Instant::now();
    let output = cli(&relay.url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "-q",
        ])
        .args(["--timeout", "0.5", "--max-retries", "0"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "after {:?}: {stderr}",
        started.elapsed()
    );
    assert!(
        started.elapsed() > Duration::from_millis(1200),
        "the relay kept to its rate"
    );
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(relay.forwarded.load(Ordering::SeqCst) > 12 << 20);
}

#[test]
fn an_upload_that_stalls_fails_and_says_no_job_was_created() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "big.pdf", &vec![b'x'; 16 << 20]);
    let (url, fake) = start_shared(fake::Config::default());
    // The link takes 256 KiB, then nothing more.
    let relay = slow_relay(&url, 8 << 20, Some(256 << 10));
    let output = cli(&relay.url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "-q",
        ])
        .args(["--timeout", "0.5", "--max-retries", "0"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let host = relay.url.trim_start_matches("http://");
    assert!(
        stderr.starts_with(&format!(
            "error: the upload to {host} stalled: no progress for 0.5 s after "
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("(the document was not sent in full, so no job was created)\n"),
        "{stderr}"
    );
    assert!(fake.made_jobs().is_empty());
}

// Real seconds (about 3 s): the answer's clock starts when the server has the body, not when
// the kernel has buffered it. On loopback the client's socket takes megabytes at once: 3 MiB
// through a 1 MiB/s link leaves it holding well over the 1.5 s timeout's worth once the last
// byte is written.
#[test]
fn slow_link_an_upload_buffered_longer_than_the_timeout_still_gets_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "big.pdf", &vec![b'x'; 3 << 20]);
    let (url, fake) = start_shared(fake::Config::default());
    let relay = slow_relay(&url, 1 << 20, None);
    let started = Instant::now();
    let output = cli(&relay.url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "-q",
        ])
        .args(["--timeout", "1.5", "--max-retries", "0"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "after {:?}: {stderr}",
        started.elapsed()
    );
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(relay.forwarded.load(Ordering::SeqCst) > 3 << 20);
}

// Real seconds (about 2 s): a link that takes the connection and then nothing. The whole body
// fits in the kernel's buffers, so every byte was written, none acknowledged: no job can have
// been created, which is said, and the upload is tried again as a request never sent.
#[test]
fn slow_link_an_upload_never_acknowledged_says_no_job_was_created_and_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "small.pdf", &vec![b'x'; 64 << 10]);
    let (url, fake) = start_shared(fake::Config::default());
    let relay = slow_relay(&url, 1 << 20, Some(0));
    let output = cli(&relay.url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "-q",
        ])
        .args(["--timeout", "0.5", "--max-retries", "1"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let host = relay.url.trim_start_matches("http://");
    assert!(
        stderr.starts_with(&format!(
            "error: gave up after 2 attempts: the upload to {host} stalled: no progress for 0.5 s after "
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("(the document was not sent in full, so no job was created)\n"),
        "{stderr}"
    );
    assert_eq!(relay.forwarded.load(Ordering::SeqCst), 0);
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn only_a_regular_file_is_uploaded() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (url, fake) = start_shared(fake::Config::default());
    for input in [fifo.to_str().unwrap(), "/dev/zero", "/dev/null"] {
        for command in ["parse", "parsing create"] {
            let output = cli(&url)
                .args(command.split(' '))
                .args([input, "--tier", "fast"])
                .output()
                .unwrap();
            let stderr = stderr_of(&output);
            assert_eq!(output.status.code(), Some(2), "{command} {input}: {stderr}");
            assert_eq!(
                stderr,
                format!(
                    "error: cannot upload {input}: not a regular file (copy it to a file first, or pipe it to `llamacloud parse -`)\n"
                )
            );
        }
    }
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_base_url_with_a_password_is_refused_and_the_key_never_shown() {
    let output = cli("http://user:pw@127.0.0.1:9")
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("carries a user name or password"));
    let output = cli(&format!("http://127.0.0.1:9/?k={TEST_KEY}"))
        .args(["parsing", "list", "--max-retries", "0"])
        .output()
        .unwrap();
    assert!(!stderr_of(&output).contains(TEST_KEY), "{}", stderr_of(&output));
}

#[test]
fn a_failed_document_leaves_an_existing_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "will-fail.pdf", b"%PDF");
    let keep = scratch_file(dir.path(), "keep.md", b"mine\n");
    let (url, fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "agentic",
            "--wait",
        ])
        .args(["--format", "markdown", "-o"])
        .arg(&keep)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(6), "{stderr}");
    assert_eq!(std::fs::read(&keep).unwrap(), b"mine\n");
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert!(
        stderr.contains(&format!("note: job {id} was created")),
        "{stderr}"
    );
}

/// A stdout whose reader went away.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
}

#[test]
fn a_created_job_is_named_even_when_the_reader_of_stdout_went_away() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    let (code, stderr) = cli(&url)
        .args(["parsing", "create", file.to_str().unwrap(), "--tier", "agentic"])
        .run_with(Box::new(ClosedPipe));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(code, 0, "a closed pipe is how pipelines end");
    assert_eq!(
        String::from_utf8_lossy(&stderr),
        format!("note: job {id} was created; to get it: llamacloud parsing get {id}\n")
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_create_waits_for_its_answer_and_names_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_millis(1500),
        ..fake::Config::default()
    });
    let child = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(["parsing", "create", file.to_str().unwrap(), "--tier", "agentic"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while fake.made_jobs().is_empty() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let output = child.wait_with_output().unwrap();
    let stderr = stderr_of(&output);
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("waiting for the answer to the create in flight")
            && stderr.contains(&format!(
                "interrupted; job {id} was created; to get it: llamacloud parsing get {id}"
            )),
        "{stderr}"
    );
    assert_eq!(fake.made_jobs().len(), 1);
}

#[test]
fn a_file_that_changes_while_it_is_uploaded_stops_the_upload_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "big.pdf", &vec![b'x'; 16 << 20]);
    let (url, fake) = start_shared(fake::Config::default());
    let relay = slow_relay(&url, 4 << 20, None);
    // Cut short once the upload is under way.
    let cut = file.clone();
    let cutter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        std::fs::File::options()
            .write(true)
            .open(&cut)
            .unwrap()
            .set_len(1024)
            .unwrap();
    });
    let output = cli(&relay.url)
        .args(["parsing", "create", file.to_str().unwrap(), "--tier", "fast"])
        .output()
        .unwrap();
    cutter.join().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("changed while it was being uploaded; the upload was stopped, so no job was created"),
        "{stderr}"
    );
    assert!(fake.made_jobs().is_empty());
}
