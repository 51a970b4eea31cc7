//! What only a terminal on stderr reaches: the progress spinner and its clearing, and Ctrl-C
//! clearing the line. stderr is the slave side of a pseudo-terminal the test reads. Also Ctrl-C
//! in the middle of a JSON listing, which must still end the document.

#![cfg(unix)]

use std::fs::File;
use std::io::Read as _;
use std::os::fd::{FromRawFd as _, OwnedFd};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{TEST_KEY, command, cursor_page};
use crate::scripted::{Reply, Scripted, interrupt};

/// A pseudo-terminal of 80x24: (master, slave).
fn pty() -> (File, OwnedFd) {
    pty_of(80)
}

/// A pseudo-terminal `columns` wide and 24 high: (master, slave).
fn pty_of(columns: u16) -> (File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the integers it is given.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Starts `args` against `server` with stderr on a terminal; returns the child and a thread
/// that reads everything the terminal shows.
fn start_on_terminal(server: &Scripted, args: &[&str]) -> (Child, std::thread::JoinHandle<String>) {
    start_on_terminal_at(&server.url, args)
}

/// Like `start_on_terminal`, for any base URL.
fn start_on_terminal_at(url: &str, args: &[&str]) -> (Child, std::thread::JoinHandle<String>) {
    start_on_terminal_with(url, &[], args)
}

/// Like `start_on_terminal_at`, with more variables in the environment.
fn start_on_terminal_with(
    url: &str,
    envs: &[(&str, &str)],
    args: &[&str],
) -> (Child, std::thread::JoinHandle<String>) {
    let (mut master, slave) = pty();
    let child = command()
        .envs(envs.iter().copied())
        .env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("TERM", "xterm")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    // The slave's only copy is now the child's: the reader sees the end when it exits.
    let reader = std::thread::spawn(move || {
        let mut shown = Vec::new();
        let mut chunk = [0u8; 4096];
        // Linux answers EIO once the last slave is closed.
        while let Ok(n) = master.read(&mut chunk) {
            if n == 0 {
                break;
            }
            shown.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&shown).into_owned()
    });
    (child, reader)
}

/// What `args` against `url` show on a terminal `columns` wide with stdout on it (and
/// `COLUMNS` set as a shell sets it), with the terminal's "\r\n" read as "\n".
fn screen_at(url: &str, columns: u16, args: &[&str]) -> String {
    let (mut master, slave) = pty_of(columns);
    let child = command()
        .env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("TERM", "xterm")
        .env("COLUMNS", columns.to_string())
        .args(args)
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The child holds the slave's only copy: reading ends (EIO on Linux) when it exits.
    let mut shown = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = master.read(&mut chunk) {
        if n == 0 {
            break;
        }
        shown.extend_from_slice(&chunk[..n]);
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(shown).unwrap().replace("\r\n", "\n")
}

fn wait_for_requests(server: &Scripted, n: usize) {
    let started = Instant::now();
    while server.requests().len() < n && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_listing_shows_a_spinner_on_a_terminal_and_clears_it() {
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..2, None)).delayed(Duration::from_millis(150)),
    ]);
    let (mut child, reader) = start_on_terminal(&server, &["parsing", "list", "--format", "tsv"]);
    assert!(child.wait().unwrap().success());
    let shown = reader.join().unwrap();
    assert!(shown.contains("fetching parse jobs"), "{shown:?}");
    // indicatif clears its line when done: nothing of the spinner is left on screen.
    let last_clear = shown.rfind("\u{1b}[2K").expect("the line is cleared");
    assert!(!shown[last_clear..].contains("fetch"), "{shown:?}");
}

#[test]
fn off_a_terminal_there_is_no_spinner() {
    let server = Scripted::start(vec![Reply::json(200, cursor_page(0..2, None))]);
    let output = command()
        .env("LLAMA_CLOUD_BASE_URL", &server.url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_narrow_terminal_shows_whole_ids_and_statuses_and_no_empty_error_column() {
    let jobs = [
        (
            "pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f",
            "COMPLETED",
            "agentic_plus",
        ),
        ("pjb-00000000-0000-4000-8000-000000000002", "CANCELLED", "fast"),
        (
            "pjb-00000000-0000-4000-8000-000000000003",
            "RUNNING",
            "cost_effective",
        ),
    ];
    let items: Vec<Value> = jobs
        .iter()
        .map(|(id, status, tier)| {
            serde_json::json!({
                "id": id, "project_id": "prj-1", "status": status, "tier": tier,
                "name": "Q4 Financial Report (final, signed).pdf",
                "created_at": "2026-11-01T12:00:00Z", "updated_at": "2026-11-01T14:58:00Z",
            })
        })
        .collect();
    let server = Scripted::start(vec![Reply::json(200, serde_json::json!({ "items": items }))]);
    for columns in [40, 60] {
        let screen = screen_at(&server.url, columns, &["parsing", "list"]);
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines.len(), 1 + jobs.len(), "{columns}: {screen}");
        // No row has an error: no ERROR column (not even a cut "ERR…"), at any width.
        assert!(!lines[0].contains("ERR"), "{columns}: {screen}");
        assert_eq!(
            lines[0].split_whitespace().next(),
            Some("ID"),
            "{columns}: {screen}"
        );
        for ((id, status, _), line) in jobs.iter().zip(&lines[1..]) {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(words[0], *id, "{columns}: {screen}");
            assert!(words.contains(status), "{columns}: {screen}");
        }
        // Nothing at all is cut: the times, names and tiers were left out instead.
        assert!(!screen.contains('…'), "{columns}: {screen:?}");
        if columns == 40 {
            assert_eq!(
                screen,
                "\
ID                                        STATUS
pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f  COMPLETED
pjb-00000000-0000-4000-8000-000000000002  CANCELLED
pjb-00000000-0000-4000-8000-000000000003  RUNNING
"
            );
        }
    }
}

#[test]
fn ctrl_c_while_waiting_clears_the_spinner_line_and_exits_130() {
    let job = Reply::json(
        200,
        r#"{"job": {"id": "pjb-1", "status": "RUNNING", "project_id": "prj-1"}}"#,
    );
    let server = Scripted::start(vec![job]);
    let (child, reader) = start_on_terminal(&server, &["parsing", "get", "pjb-1", "--wait"]);
    wait_for_requests(&server, 1);
    std::thread::sleep(Duration::from_millis(100));
    let (code, _) = interrupt(child);
    assert_eq!(code, Some(130));
    let shown = reader.join().unwrap();
    assert!(shown.contains("waiting for pjb-1"), "{shown:?}");
    assert!(shown.ends_with("\r\u{1b}[2K"), "{shown:?}");
}

#[test]
fn ctrl_c_in_a_json_listing_ends_the_document_and_says_where_to_resume() {
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..3, Some("t1"))),
        Reply::json(200, cursor_page(3..6, None)).delayed(Duration::from_secs(30)),
    ]);
    let child = command()
        .env("LLAMA_CLOUD_BASE_URL", &server.url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(["parsing", "list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_requests(&server, 2);
    // SAFETY: kill(2) on our own child, still running.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) }, 0);
    let sent = Instant::now();
    let output = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(10),
        "not waiting for the slow page"
    );
    assert_eq!(output.status.code(), Some(130));
    let document: Value = serde_json::from_slice(&output.stdout).expect("a closed document");
    assert_eq!(document["items"].as_array().unwrap().len(), 3);
    assert_eq!(document["next_page_token"], "t1");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "note: interrupted after 3 items were written; resume with --page-token t1\n"
    );
}

/// Records each write that reaches it, as the terminal would see them arrive.
#[derive(Clone, Default)]
struct Arrivals(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl std::io::Write for Arrivals {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(buf).into_owned());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn markdown_reaches_a_terminal_page_by_page_and_a_pipe_in_one_block() {
    let body = serde_json::json!({
        "job": {"id": "pjb-1", "status": "COMPLETED"},
        "markdown": {"pages": [
            {"page_number": 1, "markdown": "# One", "success": true},
            {"page_number": 2, "markdown": "# Two", "success": true},
            {"page_number": 3, "markdown": "# Three", "success": true},
        ]},
    });
    let server = Scripted::start(vec![Reply::json(200, body)]);
    let arrivals = |tty: &str| {
        let seen = Arrivals::default();
        let (code, _) = crate::harness::in_process(&server.url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", tty)
            .args(["parsing", "get", "pjb-1", "--format", "markdown"])
            .run_with(Box::new(seen.clone()));
        assert_eq!(code, 0);
        seen.0.lock().unwrap().clone()
    };
    assert_eq!(arrivals("1"), ["# One", "\n\n# Two", "\n\n# Three", "\n"]);
    assert_eq!(arrivals("0"), ["# One\n\n# Two\n\n# Three\n"]);
}

#[test]
fn config_set_api_key_prompts_on_the_terminal_without_echo() {
    use std::io::Write as _;
    use std::os::fd::AsRawFd as _;
    use std::os::unix::process::CommandExt as _;
    let dir = tempfile::tempdir().unwrap();
    let (mut master, slave) = pty();
    let slave_fd = slave.as_raw_fd();
    let mut cmd = command();
    cmd.env("LLAMACLOUD_CONFIG_DIR", dir.path())
        .args(["config", "set", "api_key"])
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the pty, so the prompt's /dev/tty is the test's terminal.
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            libc::ioctl(slave_fd, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let child = cmd.spawn().unwrap();
    // Only the child holds the slave now, so reading the master ends when it exits.
    drop(cmd);
    drop(slave);
    let mut shown = Vec::new();
    let mut chunk = [0u8; 256];
    while !String::from_utf8_lossy(&shown).contains("API key: ") {
        let n = master.read(&mut chunk).unwrap();
        assert!(n > 0, "no prompt: {:?}", String::from_utf8_lossy(&shown));
        shown.extend_from_slice(&chunk[..n]);
    }
    // Type only once echo is off, as a person would after the prompt appeared.
    let started = Instant::now();
    loop {
        // SAFETY: tcgetattr fills the struct it is given for an open terminal descriptor.
        let echo = unsafe {
            let mut mode: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(master.as_raw_fd(), &mut mode), 0);
            mode.c_lflag & libc::ECHO != 0
        };
        if !echo {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "echo never turned off"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    master.write_all(b"llx-typed-at-the-prompt-0000\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(
        config.contains("api_key = \"llx-typed-at-the-prompt-0000\""),
        "{config}"
    );
    // Echo was off: the key never appeared on the terminal; the confirmation masks it.
    let mut rest = Vec::new();
    let _ = master.read_to_end(&mut rest);
    shown.extend_from_slice(&rest);
    assert!(
        !String::from_utf8_lossy(&shown).contains("llx-typed"),
        "{shown:?}"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("Set api_key = llx-…0000 in profile default"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bulk_parsing_and_big_downloads_show_progress_on_a_terminal() {
    use crate::fake_server::{fake, start_shared};
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for name in ["a.pdf", "b.pdf", "c-fail.pdf"] {
        // Different bytes: the same bytes would be one document, parsed once.
        let mut bytes = vec![b'x'; 3000];
        bytes[..name.len()].copy_from_slice(name.as_bytes());
        std::fs::write(docs.join(name), bytes).unwrap();
    }
    // Jobs end 0.3 s after they are made: seen at the first poll, not over three (6 s).
    let (url, _fake) = start_shared(fake::Config {
        result_mib: Some(16),
        job_time: Some(std::time::Duration::from_millis(300)),
        ..fake::Config::default()
    });
    let (code, shown) = bulk_on_terminal(&url, dir.path(), &[]);
    assert_eq!(code, Some(6));
    assert!(shown.contains("/3 documents"), "{shown:?}");
    assert!(shown.contains("1 failed, 8.8 KiB uploaded"), "{shown:?}");
    assert!(
        shown.contains("COMPLETED ") && shown.contains("FAILED "),
        "{shown:?}"
    );
    let last_clear = shown.rfind("\u{1b}[2K").expect("the bar is cleared");
    assert!(!shown[last_clear..].contains('█'), "{shown:?}");

    // A 16 MiB result file: a bar with bytes while it downloads.
    // The fake's newest generated job (created ones are listed before it) has the big file.
    let id = fake::fake_id("pjb", 0);
    let out = dir.path().join("big.md").display().to_string();
    let (mut child, reader) =
        start_on_terminal_at(&url, &["parsing", "download", id.trim(), "markdown", "-o", &out]);
    assert!(child.wait().unwrap().success());
    let shown = reader.join().unwrap();
    assert!(
        shown.contains(&format!("markdown of {id}")) && shown.contains("16.00 MiB"),
        "{shown:?}"
    );
    assert_eq!(std::fs::metadata(&out).unwrap().len(), 16 << 20);
}

#[test]
fn a_bulk_run_counts_the_pages_of_documents_parsed_in_windows() {
    use crate::fake_server::{fake, start_shared};
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("long.pdf"), testkit::pdf::blank_pdf(250)).unwrap();
    let (url, _fake) = start_shared(fake::Config {
        job_time: Some(std::time::Duration::from_millis(50)),
        ..fake::Config::default()
    });
    // The clock runs 20 times as fast: polls every 50 ms.
    let (code, shown) = bulk_on_terminal(&url, dir.path(), &[("LLAMACLOUD_TEST_CLOCK_SPEED", "20")]);
    assert_eq!(code, Some(0));
    assert!(shown.contains("/1 documents"), "{shown:?}");
    assert!(shown.contains("250/250 pages"), "{shown:?}");
}

#[test]
fn a_long_document_shows_its_pages_done_on_a_terminal() {
    use crate::fake_server::{fake, start_shared};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.pdf");
    std::fs::write(&file, testkit::pdf::blank_pdf(250)).unwrap();
    let (url, _fake) = start_shared(fake::Config {
        job_time: Some(std::time::Duration::from_millis(50)),
        ..fake::Config::default()
    });
    let (file_arg, out_arg) = (
        file.display().to_string(),
        dir.path().join("long.md").display().to_string(),
    );
    let (mut child, reader) = start_on_terminal_with(
        &url,
        &[("LLAMACLOUD_TEST_CLOCK_SPEED", "20")],
        &["parse", "--tier", "agentic", &file_arg, "-o", &out_arg],
    );
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let shown = reader.join().unwrap();
    assert!(shown.contains("/250 pages"), "{shown:?}");
    let last_clear = shown.rfind("\u{1b}[2K").expect("the bar is cleared");
    assert!(!shown[last_clear..].contains("pages ("), "{shown:?}");
}

/// `parse --recursive DIR/docs --output-dir DIR/out` with stderr on a terminal (and `envs`): its
/// exit code and what the terminal showed.
fn bulk_on_terminal(url: &str, dir: &std::path::Path, envs: &[(&str, &str)]) -> (Option<i32>, String) {
    let (docs, out) = (
        dir.join("docs").display().to_string(),
        dir.join("out").display().to_string(),
    );
    let args = [
        "parse",
        "--tier",
        "agentic",
        "--recursive",
        &docs,
        "--output-dir",
        &out,
    ];
    let (mut child, reader) = start_on_terminal_with(url, envs, &args);
    let code = child.wait().unwrap().code();
    (code, reader.join().unwrap())
}
