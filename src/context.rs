//! What a run of the program is given from outside: its standard streams (and which of them
//! are terminals), its environment, and a clock that can sleep. The binary passes the real
//! ones; tests pass buffers, a map and a clock that only pretends to sleep.

#[cfg(any(test, feature = "test-support"))]
use std::collections::HashMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// Tests of the binary set this to make stdout count as a terminal (assert_cmd gives a pipe);
/// read only by a build with the `test-support` feature, which the test suite turns on.
#[cfg(feature = "test-support")]
const TEST_STDOUT_TTY: &str = "LLAMACLOUD_TEST_STDOUT_TTY";
/// Tests of the binary pin the wall clock with this, so relative times render the same
/// (`test-support` builds only).
#[cfg(feature = "test-support")]
const TEST_NOW: &str = "LLAMACLOUD_TEST_NOW";
/// Test builds: the process's clock runs this many times as fast (its sleeps as much shorter),
/// so that a test of a real process that polls does not wait out the SDKs' cadence.
#[cfg(feature = "test-support")]
const TEST_CLOCK_SPEED: &str = "LLAMACLOUD_TEST_CLOCK_SPEED";

/// Everything a run reads from or writes to outside the program.
pub struct Context {
    pub io: Io,
    pub env: Arc<dyn Env>,
    pub clock: Arc<dyn Clock>,
}

impl Context {
    /// The real process: its streams, its environment, the system clock.
    pub fn process() -> Self {
        let env = ProcessEnv;
        #[cfg(feature = "test-support")]
        let forced_tty = env.var(TEST_STDOUT_TTY).is_some_and(|v| v == "1");
        #[cfg(not(feature = "test-support"))]
        let forced_tty = false;
        let io = Io {
            stdin: Box::new(io::stdin()),
            stdout: Stdout::new(io::stdout()),
            stderr: Stderr::new(io::stderr()),
            terminals: Terminals {
                stdin: io::stdin().is_terminal(),
                stdout: forced_tty || io::stdout().is_terminal(),
                stderr: io::stderr().is_terminal(),
            },
        };
        #[cfg(feature = "test-support")]
        let pinned = env.var(TEST_NOW).and_then(|v| v.parse::<jiff::Timestamp>().ok());
        #[cfg(not(feature = "test-support"))]
        let pinned: Option<jiff::Timestamp> = None;
        #[cfg(feature = "test-support")]
        let speed = env
            .var(TEST_CLOCK_SPEED)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|&speed| speed > 0)
            .unwrap_or(1);
        #[cfg(not(feature = "test-support"))]
        let speed = 1;
        let clock: Arc<dyn Clock> = match pinned {
            Some(now) => Arc::new(SystemClock {
                pinned: Some((
                    SystemTime::UNIX_EPOCH
                        + Duration::from_millis(u64::try_from(now.as_millisecond()).unwrap_or(0)),
                    std::time::Instant::now(),
                )),
                speed,
            }),
            None => Arc::new(SystemClock { pinned: None, speed }),
        };
        Context {
            io,
            env: Arc::new(env),
            clock,
        }
    }
}

/// The standard streams of a run.
pub struct Io {
    pub stdin: Box<dyn Read + Send>,
    pub stdout: Stdout,
    pub stderr: Stderr,
    pub terminals: Terminals,
}

/// Which standard streams are terminals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

/// Standard output, shared: the output destination borrows it as often as a run needs (a
/// created job's id can still be written after a failed document), and bulk runs write a line
/// per document from the main thread. Only `output::destination` writes a command's result.
#[derive(Clone)]
pub struct Stdout(Arc<Mutex<Box<dyn Write + Send>>>);

impl Stdout {
    pub fn new(out: impl Write + Send + 'static) -> Self {
        Stdout(Arc::new(Mutex::new(Box::new(out))))
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).flush()
    }
}

/// Standard error, shared: diagnostics come from the command and from the HTTP client's
/// `--debug` log, possibly on another thread. Each line is written whole.
#[derive(Clone)]
pub struct Stderr(Arc<Mutex<Box<dyn Write + Send>>>);

impl Stderr {
    pub fn new(out: impl Write + Send + 'static) -> Self {
        Stderr(Arc::new(Mutex::new(Box::new(out))))
    }

    /// Writes `text` and a newline in one piece. Errors are ignored: there is nowhere left to
    /// report them.
    pub fn line(&self, text: &str) {
        let mut out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut line = String::with_capacity(text.len() + 1);
        line.push_str(text);
        line.push('\n');
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }

    /// Writes `bytes` as they are.
    pub fn write_raw(&self, bytes: &[u8]) {
        let mut out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = out.write_all(bytes);
        let _ = out.flush();
    }
}

/// Environment variables. Empty values count as unset, as in most CLIs.
pub trait Env: Send + Sync {
    fn var(&self, name: &str) -> Option<String>;

    /// Every variable, for `--jq`'s `$ENV`.
    fn vars(&self) -> Vec<(String, String)>;

    /// The user's home directory.
    fn home_dir(&self) -> Option<PathBuf>;

    /// An XDG base directory: `var` when it is an absolute path, else `default` under the home
    /// directory (`None` without one).
    fn xdg_dir(&self, var: &str, default: &str) -> Option<PathBuf> {
        match self.var(var).map(PathBuf::from) {
            Some(dir) if dir.is_absolute() => Some(dir),
            _ => self.home_dir().map(|home| home.join(default)),
        }
    }
}

/// The process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.trim().is_empty())
    }

    fn vars(&self) -> Vec<(String, String)> {
        std::env::vars_os()
            .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
            .collect()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.var("HOME").map(PathBuf::from).or_else(dirs::home_dir)
    }
}

/// A fixed set of variables (tests, and running the CLI inside another program).
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug, Clone, Default)]
pub struct MapEnv(pub HashMap<String, String>);

#[cfg(any(test, feature = "test-support"))]
impl MapEnv {
    pub fn new<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        MapEnv(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}

#[cfg(any(test, feature = "test-support"))]
impl Env for MapEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).filter(|v| !v.trim().is_empty()).cloned()
    }

    fn vars(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.var("HOME").map(PathBuf::from)
    }
}

/// The wall clock and a way to wait. Retries and `--wait` only ever wait through this.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
    fn sleep(&self, duration: Duration);
}

/// The system clock; its `now` can be pinned (tests of the binary) while `sleep` really sleeps.
#[derive(Debug)]
pub struct SystemClock {
    /// A pinned "now", and when it was pinned, so that it still advances.
    pinned: Option<(SystemTime, std::time::Instant)>,
    /// How many times as fast as real time it runs (1 but in tests of a real process).
    speed: u32,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock {
            pinned: None,
            speed: 1,
        }
    }
}

impl SystemClock {
    pub fn pinned(now: SystemTime) -> Self {
        SystemClock {
            pinned: Some((now, std::time::Instant::now())),
            speed: 1,
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        match self.pinned {
            Some((then, since)) => then + since.elapsed() * self.speed,
            None => SystemTime::now(),
        }
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration / self.speed);
    }
}

/// A clock that moves only when something sleeps, and remembers every sleep.
#[cfg(any(test, feature = "test-support"))]
#[derive(Debug)]
pub struct FakeClock {
    state: Mutex<(SystemTime, Vec<Duration>)>,
}

#[cfg(any(test, feature = "test-support"))]
impl FakeClock {
    pub fn at(now: SystemTime) -> Self {
        FakeClock {
            state: Mutex::new((now, Vec::new())),
        }
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .clone()
    }
}

#[cfg(any(test, feature = "test-support"))]
impl Clock for FakeClock {
    fn now(&self) -> SystemTime {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).0
    }

    fn sleep(&self, duration: Duration) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 += duration;
        state.1.push(duration);
    }
}
