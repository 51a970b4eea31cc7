//! SIGINT, SIGTERM and SIGHUP: stop with exit code 128+signal, leaving no temporary file
//! behind. A command that can end its output cleanly (close a JSON document, say where to
//! resume) listens for the signal and does so; otherwise the program stops at once.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// How long a listening command gets to finish its output before the program stops anyway.
const GRACE: Duration = Duration::from_secs(3);

struct State {
    /// Temporary files to delete on a signal (destructors do not run on `exit`).
    temporary_files: Vec<PathBuf>,
    /// What to say if a signal stops the program now.
    last_words: Option<LastWords>,
    /// What to say instead while a create is in flight (`Hold`), and when a signal that came
    /// meanwhile stops the program as the last hold ends.
    hold_words: Option<LastWords>,
    /// The command that wants to hear of a signal, if one does.
    listener: Option<Sender<i32>>,
    /// Creates in flight: a signal waits for their answers to be recorded.
    holds: usize,
    /// The first signal, once one has arrived: a second one stops at once.
    first: Option<i32>,
    /// A listener was told of the first signal: it ends the command.
    heard: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    temporary_files: Vec::new(),
    last_words: None,
    hold_words: None,
    listener: None,
    holds: 0,
    first: None,
    heard: false,
});

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs the handler for the three signals. Call once, from the binary.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            on_signal(signal);
        }
    });
}

#[cfg(not(unix))]
pub fn install() {
    let _ = ctrlc::set_handler(|| on_signal(2));
}

fn on_signal(signal: i32) {
    let mut current = state();
    if current.first.is_some() {
        // A second signal: stop now (what was in flight is found again by its intent).
        drop(current);
        stop(signal);
    }
    current.first = Some(signal);
    let listener = current.listener.take();
    let holding = current.holds > 0;
    let heard = listener.is_some_and(|listener| listener.send(signal).is_ok());
    current.heard = heard;
    drop(current);
    if !heard && !holding {
        stop(signal);
    }
    if holding {
        let _ = std::io::stderr().write_all(
            b"waiting for the answer to the create in flight, to record its job (a second signal stops now)\n",
        );
    }
    // The command ends its output and exits once the creates in flight are answered; if it
    // cannot within the grace period after that (it is blocked writing to a stalled pipe),
    // stop anyway.
    std::thread::spawn(move || {
        while state().holds > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(GRACE);
        stop(signal);
    });
}

/// While a `Hold` lives, a create is in flight: a first signal waits for it to be answered and
/// recorded (then stops, saying any last words), a second stops at once.
#[must_use]
pub(crate) struct Hold(());

/// Holds signals back while a create is in flight.
pub fn hold() -> Hold {
    state().holds += 1;
    Hold(())
}

impl Drop for Hold {
    fn drop(&mut self) {
        let mut current = state();
        current.holds = current.holds.saturating_sub(1);
        // A signal came while holding and nobody listens for it: stop now that what was in
        // flight is recorded.
        if let (0, Some(signal), false) = (current.holds, current.first, current.heard) {
            drop(current);
            stop(signal);
        }
        // No create is in flight any more: the command's own last words hold again (a command
        // that left none keeps the last hold's, which name the job just created).
        if current.holds == 0 {
            let words = current.hold_words.take();
            if current.last_words.is_none() {
                current.last_words = words;
            }
        }
    }
}

/// Deletes the temporary files, clears a progress line, says any last words and exits with
/// 128+signal.
fn stop(signal: i32) -> ! {
    remove_temporary_files();
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        // Clear a spinner or progress line, if one is drawn.
        let _ = stderr.write_all(b"\r\x1b[2K");
    }
    let last_words = {
        let mut current = state();
        let held = current.hold_words.take();
        held.or_else(|| current.last_words.take())
    };
    if let Some(words) = last_words {
        words.say();
    }
    std::process::exit(128 + signal);
}

/// What a command must not leave unsaid if a signal stops it: a line for its output (stdout,
/// or the `-o` file) and a note for stderr. `parsing create --wait` leaves the new job's id.
#[derive(Debug, Clone)]
pub(crate) struct LastWords {
    /// A line for the output, unless it has already been written.
    pub output_line: Option<String>,
    /// The `-o` file; `None` (or `-`) for stdout.
    pub file: Option<PathBuf>,
    pub note: String,
}

impl LastWords {
    fn say(&self) {
        let line = match &self.output_line {
            Some(line) => format!("{line}\n"),
            None => String::new(),
        };
        match self.file.as_deref().filter(|p| *p != Path::new("-")) {
            _ if line.is_empty() => {}
            Some(path) => {
                // A FIFO without a reader must not hold the exit up.
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create(true).truncate(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
                if let Ok(mut file) = options.open(path) {
                    let _ = file.write_all(line.as_bytes());
                }
            }
            None => {
                let _ = std::io::stdout().write_all(line.as_bytes());
                let _ = std::io::stdout().flush();
            }
        }
        let _ = std::io::stderr().write_all(format!("{}\n", self.note).as_bytes());
    }
}

/// Says `words` if a signal stops the program, until `forget_last_words` is called.
pub(crate) fn leave_last_words(words: LastWords) {
    state().last_words = Some(words);
}

/// Says `words` if a signal stops the program while a create is in flight (a `Hold` lives), or
/// as its hold ends; once no create is in flight, the command's own last words hold again.
pub(crate) fn leave_hold_words(words: LastWords) {
    state().hold_words = Some(words);
}

pub(crate) fn forget_last_words() {
    state().last_words = None;
}

/// Deletes every temporary file still registered.
pub(crate) fn remove_temporary_files() {
    for path in state().temporary_files.drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Deletes `path` if a signal stops the program, until `forget` is called.
pub(crate) fn remove_on_signal(path: &Path) {
    state().temporary_files.push(path.to_path_buf());
}

/// Stops tracking `path` (it was renamed into place or deleted).
pub(crate) fn forget(path: &Path) {
    state().temporary_files.retain(|p| p != path);
}

/// While the returned value lives, a signal is delivered to it instead of stopping the program.
pub(crate) struct Listener {
    receiver: Receiver<i32>,
}

impl Listener {
    pub fn start() -> Self {
        let (sender, receiver) = channel();
        state().listener = Some(sender);
        Listener { receiver }
    }

    /// The signal, if one has arrived.
    pub fn received(&self) -> Option<i32> {
        self.receiver.try_recv().ok()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        state().listener = None;
    }
}
