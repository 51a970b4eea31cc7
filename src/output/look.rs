//! How human output looks here: colour or not, how wide, and what "now" is for relative times.

use std::env;

use comfy_table::Color;
use jiff::Timestamp;

use crate::cli::ColorChoice;
use crate::output::Terminal;

/// Tests pin the clock with this, so relative times render the same on every run.
const TEST_NOW: &str = "LLAMACLOUD_TEST_NOW";
/// Used when the width of the terminal cannot be found.
const FALLBACK_WIDTH: u16 = 100;
const MIN_WIDTH: u16 = 20;

/// Presentation settings for tables and summaries.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub color: bool,
    pub width: u16,
    pub now: Timestamp,
}

impl Look {
    pub fn detect(choice: Option<ColorChoice>, terminal: Terminal) -> Self {
        let now = env::var(TEST_NOW)
            .ok()
            .and_then(|v| v.parse::<Timestamp>().ok())
            .unwrap_or_else(Timestamp::now);
        Look {
            color: use_color(choice, terminal.stdout),
            width: width(),
            now,
        }
    }
}

/// `--color always|never` decide; `auto` honours NO_COLOR, then CLICOLOR_FORCE, then TERM=dumb,
/// then whether stdout is a terminal.
fn use_color(choice: Option<ColorChoice>, stdout_terminal: bool) -> bool {
    match choice.unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |name: &str| env::var_os(name).filter(|v| !v.is_empty());
            if set("NO_COLOR").is_some() {
                false
            } else if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if set("TERM").is_some_and(|v| v == "dumb") {
                false
            } else {
                stdout_terminal
            }
        }
    }
}

/// `$COLUMNS` when set, else the terminal's width, else a fallback.
fn width() -> u16 {
    env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .or_else(|| comfy_table::Table::new().width())
        .filter(|w| *w >= MIN_WIDTH)
        .unwrap_or(FALLBACK_WIDTH)
}

/// The colour of a job status, in any case: green done, red failed, yellow waiting, cyan working.
pub fn status_color(status: &str) -> Option<Color> {
    Some(match status.to_ascii_uppercase().as_str() {
        "COMPLETED" | "SUCCESS" => Color::Green,
        "FAILED" | "ERROR" => Color::Red,
        "CANCELLED" => Color::DarkYellow,
        "PENDING" | "THROTTLED" => Color::Yellow,
        "RUNNING" | "DISPATCHED" => Color::Cyan,
        _ => return None,
    })
}
