//! The shared test environment: a hermetic command (a process, or the program run in-process
//! with a fake clock), exact-query matching, page fixtures. Every process a test starts is
//! made by `command` here: a cleared environment with a scratch HOME, XDG and config dir.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::Output;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use httpmock::{HttpMockRequest, When};
use llamacloud::context::{Context, FakeClock, Io, MapEnv, Stderr, Terminals};
use serde_json::{Value, json};

/// The clock the tests pin, so relative times are stable.
pub const TEST_NOW: &str = "2026-11-01T15:00:00Z";

/// The key every test uses; tests assert it never appears in output.
pub const TEST_KEY: &str = "llx-TESTKEY-0123456789abcdef";

/// A home directory for the tests, inside cargo's scratch space for integration tests.
fn scratch_home() -> PathBuf {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("home");
    std::fs::create_dir_all(&home).expect("scratch home");
    home
}

/// A result store of its own for each run, so that tests never share one by accident (a test
/// that means to share one sets `LLAMACLOUD_CACHE_DIR` itself).
fn scratch_cache() -> PathBuf {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("caches")
        .join(format!("{}-{n}", std::process::id()))
}

/// The environment of every test run: nothing from the real one, so no HOME, config, key,
/// proxy or result store leaks in.
fn scratch_env() -> Vec<(String, String)> {
    let home = scratch_home();
    let path = |p: PathBuf| p.display().to_string();
    vec![
        ("LLAMACLOUD_CACHE_DIR".into(), path(scratch_cache())),
        ("HOME".into(), path(home.clone())),
        ("XDG_CONFIG_HOME".into(), path(home.join(".config"))),
        ("LLAMACLOUD_CONFIG_DIR".into(), path(home.join("llamacloud"))),
        ("COLUMNS".into(), "100".into()),
        ("NO_COLOR".into(), "1".into()),
        ("LLAMACLOUD_TEST_NOW".into(), TEST_NOW.into()),
        ("RUST_BACKTRACE".into(), "0".into()),
        // A connection per request: the fake's tiny_http can leave a new connection unserved
        // while its threads serve kept-alive ones (a request then waited out the 60 s timeout,
        // about once in ten runs of the suite).
        ("LLAMACLOUD_TEST_NO_KEEPALIVE".into(), "1".into()),
    ]
}

/// The `llamacloud` binary as a process with the scratch environment. The only place tests
/// start it.
pub fn command() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_llamacloud"));
    cmd.env_clear().envs(scratch_env());
    cmd
}

/// `cargo try` (the fake in-process), built by `cargo test` as the `try` example beside
/// the test binary, with the same scratch environment as `command()`.
pub fn try_example() -> std::process::Command {
    let examples = std::env::current_exe()
        .expect("test binary")
        .parent()
        .and_then(std::path::Path::parent)
        .expect("target dir")
        .join("examples");
    let mut cmd = std::process::Command::new(examples.join(format!("try{}", std::env::consts::EXE_SUFFIX)));
    cmd.env_clear().envs(scratch_env());
    cmd
}

/// `llamacloud` with nothing from the real environment.
pub fn bare() -> Command {
    Command::from_std(command())
}

/// The test clock's start, `TEST_NOW`.
pub fn test_now() -> SystemTime {
    let ms = TEST_NOW.parse::<jiff::Timestamp>().unwrap().as_millisecond();
    SystemTime::UNIX_EPOCH + Duration::from_millis(ms as u64)
}

/// The program run in-process, like `bare()` but with a clock that only pretends to sleep:
/// retries and `--wait` take no real time.
pub struct InProcess {
    args: Vec<OsString>,
    stdin: Vec<u8>,
    env: BTreeMap<String, String>,
    terminals: Terminals,
    clock: Arc<FakeClock>,
}

/// A writer whose bytes the test reads afterwards.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl InProcess {
    pub fn new() -> Self {
        InProcess {
            args: vec!["llamacloud".into()],
            stdin: Vec::new(),
            env: scratch_env().into_iter().collect(),
            terminals: Terminals::default(),
            clock: Arc::new(FakeClock::at(test_now())),
        }
    }

    pub fn arg(&mut self, arg: impl Into<OsString>) -> &mut Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(&mut self, args: I) -> &mut Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(&mut self, key: impl AsRef<str>, value: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.env.insert(
            key.as_ref().to_string(),
            value.as_ref().to_string_lossy().into_owned(),
        );
        self
    }

    /// Stdin is a pipe carrying `input`.
    pub fn stdin(&mut self, input: &str) -> &mut Self {
        self.stdin = input.as_bytes().to_vec();
        self
    }

    /// Stdin and stderr are a terminal on which a person types `input`.
    pub fn on_terminal(&mut self, input: &str) -> &mut Self {
        self.terminals.stdin = true;
        self.terminals.stderr = true;
        self.stdin = input.as_bytes().to_vec();
        self
    }

    pub fn env_remove(&mut self, key: &str) -> &mut Self {
        self.env.remove(key);
        self
    }

    /// Runs the program writing stdout to `stdout` (a test can make it fail) and returns the
    /// exit code and stderr.
    pub fn run_with(&mut self, stdout: Box<dyn Write + Send>) -> (u8, Vec<u8>) {
        let stderr = Captured::default();
        // What `Context::process` reads from the environment, taken the same way here.
        let mut terminals = self.terminals;
        terminals.stdout |= self
            .env
            .get("LLAMACLOUD_TEST_STDOUT_TTY")
            .is_some_and(|v| v == "1");
        let mut ctx = Context {
            io: Io {
                stdin: Box::new(io::Cursor::new(self.stdin.clone())),
                stdout: llamacloud::context::Stdout::new(stdout),
                stderr: Stderr::new(stderr.clone()),
                terminals,
            },
            env: Arc::new(MapEnv::new(self.env.clone())),
            clock: self.clock.clone(),
        };
        let code = llamacloud::run(self.args.clone(), &mut ctx);
        (code, stderr.bytes())
    }

    /// Runs the program and returns what a process would have given (never an error: the
    /// `Result` is there to read like `std::process::Command`).
    pub fn output(&mut self) -> io::Result<Output> {
        let stdout = Captured::default();
        let (code, stderr) = self.run_with(Box::new(stdout.clone()));
        Ok(Output {
            status: exit_status(code),
            stdout: stdout.bytes(),
            stderr,
        })
    }

    pub fn assert(&mut self) -> Assert {
        Assert::new(self.output().expect("in-process run"))
    }

    /// Every sleep of the run so far.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.clock.sleeps()
    }
}

#[cfg(unix)]
fn exit_status(code: u8) -> std::process::ExitStatus {
    std::os::unix::process::ExitStatusExt::from_raw(i32::from(code) << 8)
}

#[cfg(windows)]
fn exit_status(code: u8) -> std::process::ExitStatus {
    std::os::windows::process::ExitStatusExt::from_raw(u32::from(code))
}

/// The program in-process, pointed at `base_url` with the test key.
pub fn in_process(base_url: &str) -> InProcess {
    let mut run = InProcess::new();
    run.env("LLAMA_CLOUD_BASE_URL", base_url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY);
    run
}

/// The program, in-process, pointed at `base_url` with the test key (most tests).
pub fn cli(base_url: &str) -> InProcess {
    in_process(base_url)
}

/// The `llamacloud` process pointed at `base_url` with the test key: for what only a real
/// process shows (exit by signal, pipes, the binary's own streams).
pub fn cli_process(base_url: &str) -> Command {
    let mut cmd = bare();
    cmd.env("LLAMA_CLOUD_BASE_URL", base_url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY);
    cmd
}

/// Matches a request whose query string is exactly `query` (order and encoding included);
/// an empty `query` means no query string at all.
pub fn exact_query(when: When, query: &str) -> When {
    let expected = query.to_string();
    when.is_true(move |req: &HttpMockRequest| req.uri().query().unwrap_or("") == expected)
}

/// A parse job item as the API documents it.
pub fn parse_job(n: usize) -> Value {
    json!({
        "id": format!("pjb-{n:04}"),
        "project_id": "prj-1",
        "status": "COMPLETED",
        "created_at": "2026-11-01T12:00:00.117Z",
        "name": format!("doc {n}.pdf"),
        "tier": "fast",
        "updated_at": "2026-11-01T12:05:00Z",
    })
}

/// A cursor page of parse jobs `range`, with `next` as its `next_page_token`.
pub fn cursor_page(range: std::ops::Range<usize>, next: Option<&str>) -> Value {
    let items: Vec<Value> = range.map(parse_job).collect();
    match next {
        Some(token) => json!({"items": items, "next_page_token": token}),
        None => json!({"items": items}),
    }
}

/// The ids printed in tsv output, one per line.
pub fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

/// `pjb-0000`… for a range.
pub fn expected_ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|n| format!("pjb-{n:04}")).collect()
}

/// A run of the program, as a process or in-process.
pub trait Run {
    fn run(&mut self) -> Output;
}

impl Run for Command {
    fn run(&mut self) -> Output {
        self.output().expect("run llamacloud")
    }
}

impl Run for InProcess {
    fn run(&mut self) -> Output {
        self.output().expect("run llamacloud")
    }
}

/// Writes `bytes` to `dir/name` (parent directories made) and returns its path.
/// `parse --recursive DIR/docs --output-dir DIR/OUT --format jsonl` on the agentic tier, with the
/// store in DIR/store, and `extra` flags.
pub fn bulk_run(url: &str, dir: &std::path::Path, out: &str, extra: &[&str]) -> Output {
    cli(url)
        .env("LLAMACLOUD_CACHE_DIR", dir.join("store"))
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join(out))
        .args(extra)
        .output()
        .unwrap()
}

/// Every file under `dir`, in path order.
pub fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Copies a tree; the copies have new modification times, as a fresh checkout or a restored cache does.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in walk(from) {
        let relative = entry.strip_prefix(from).unwrap();
        write(&to.join(relative), &std::fs::read(&entry).unwrap());
    }
}

/// Writes `bytes` to `path`, making its directories.
pub fn write(path: &std::path::Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

pub fn scratch_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A test (or part of one) that this machine cannot run, said instead of passing in silence: on
/// stderr (seen with `--nocapture`) and in `$CARGO_TARGET_TMPDIR/skipped-tests.txt`, which
/// `.ci/run` prints after the suite. A test that needs root fails instead where
/// `LLAMACLOUD_TEST_AS_ROOT=1` says the suite runs as root (CI does), so it cannot skip there.
pub fn skipped(test: &str, why: &str, needs_root: bool) {
    if needs_root && std::env::var("LLAMACLOUD_TEST_AS_ROOT").is_ok_and(|v| v == "1") {
        panic!("{test} could not run as root: {why}");
    }
    let line = format!("SKIPPED {test}: {why}\n");
    eprint!("{line}");
    let list = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("skipped-tests.txt");
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(list) {
        let _ = file.write_all(line.as_bytes());
    }
}

/// A tmpfs of `size` mounted on `dir` until the returned value is dropped, to fill a disk (root
/// only: elsewhere the test is said to be skipped, see `skipped`).
pub fn tmpfs(dir: &std::path::Path, size: &str, test: &str) -> Option<Unmount> {
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        skipped(test, "cannot mount a tmpfs here (not root?)", true);
        return None;
    }
    Some(Unmount(dir.to_path_buf()))
}

/// Unmounts its directory when dropped.
pub struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `cmd`, asserts that it succeeded (showing its stderr if not) and returns its stdout.
pub fn success_stdout(cmd: &mut impl Run) -> String {
    let output = cmd.run();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The document lines of a bulk run's `--format jsonl` output: every line but its last, the
/// receipt (`{"receipt": ...}`), which must be there.
pub fn documents(stdout: &str) -> Vec<serde_json::Value> {
    let mut lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let receipt = lines.pop().unwrap_or_default();
    assert!(receipt.get("receipt").is_some(), "no receipt last: {stdout}");
    lines
}

/// The one document line of a bulk run's `--format jsonl` output.
pub fn only_document(stdout: &str) -> serde_json::Value {
    let mut lines = documents(stdout);
    assert_eq!(lines.len(), 1, "{stdout}");
    lines.remove(0)
}
