//! Progress on stderr for people, one kind for every command: a spinner while waiting for a job or
//! fetching a long listing, a bar of bytes for a large download, a bar of documents for a bulk run.
//! Nothing is drawn unless stderr is a terminal, and the line is cleared when done.

use std::io::Read;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress line on stderr, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Nothing drawn.
    pub fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A spinner with a message, drawn only when `show` is true.
    pub fn spinner(show: bool, message: String) -> Self {
        let progress = Progress::drawn(show, None, "{spinner} {msg} ({elapsed})");
        if let Some(bar) = &progress.bar {
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        progress
    }

    /// A bar of `total` bytes, drawn only when `show` is true.
    pub fn bytes(show: bool, total: u64, message: String) -> Self {
        let template = "{msg} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}";
        let progress = Progress::drawn(show, Some(total), template);
        if let Some(bar) = &progress.bar {
            bar.set_message(message);
            // Drawn at once, not only at the next tick.
            bar.tick();
        }
        progress
    }

    /// A bar of `total` documents, drawn only when `show` is true.
    pub fn documents(show: bool, total: u64) -> Self {
        let template = "{bar:30} {pos}/{len} documents {msg} ({elapsed}, {per_sec})";
        Progress::drawn(show, Some(total), template)
    }

    /// A bar of `total` pages (a long document's, parsed in windows), drawn only when `show`.
    pub fn pages(show: bool, total: u64, message: String) -> Self {
        let template = "{msg} {bar:30} {pos}/{len} pages ({elapsed})";
        let progress = Progress::drawn(show, Some(total), template);
        if let Some(bar) = &progress.bar {
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(500));
        }
        progress
    }

    fn drawn(show: bool, total: Option<u64>, template: &str) -> Self {
        if !show {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        Progress { bar: Some(bar) }
    }

    pub fn set_message(&self, message: String) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// One more done.
    pub fn inc(&self) {
        self.inc_by(1);
    }

    /// `n` more done.
    pub fn inc_by(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// One fewer to do (a document found to be another shard's).
    pub fn shorten(&self) {
        if let Some(bar) = &self.bar
            && let Some(length) = bar.length()
        {
            bar.set_length(length.saturating_sub(1));
        }
    }

    /// Runs `f` (which writes a line to stderr) with the line out of its way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// `from`, counted into the bar as it is read.
    pub fn reader<'a>(&self, from: impl Read + 'a) -> Box<dyn Read + 'a> {
        match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(from)),
            None => Box::new(from),
        }
    }

    /// Removes the line.
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
