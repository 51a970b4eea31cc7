//! How human output looks here: colour or not, how wide, and what "now" is for relative times.

use std::time::SystemTime;

use comfy_table::Color;
use jiff::Timestamp;

use crate::cli::ColorChoice;
use crate::context::Env;

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
    pub(super) fn detect(
        choice: Option<ColorChoice>,
        stdout_terminal: bool,
        env: &dyn Env,
        now: SystemTime,
    ) -> Self {
        Look {
            color: use_color(choice, stdout_terminal, env),
            width: width(env),
            now: Timestamp::try_from(now).unwrap_or(Timestamp::UNIX_EPOCH),
        }
    }
}

/// `--color always|never` decide; `auto` honours NO_COLOR, then CLICOLOR_FORCE, then TERM=dumb,
/// then whether the stream is a terminal.
pub fn use_color(choice: Option<ColorChoice>, terminal: bool, env: &dyn Env) -> bool {
    match choice.unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env.var("NO_COLOR").is_some() {
                false
            } else if env.var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if env.var("TERM").is_some_and(|v| v == "dumb") {
                false
            } else {
                terminal
            }
        }
    }
}

/// `$COLUMNS` when set, else the terminal's width, else a fallback.
fn width(env: &dyn Env) -> u16 {
    env.var("COLUMNS")
        .and_then(|v| v.trim().parse::<u16>().ok())
        .or_else(|| comfy_table::Table::new().width())
        .filter(|w| *w >= MIN_WIDTH)
        .unwrap_or(FALLBACK_WIDTH)
}

/// The colour of a job status, in any case: green done, red failed, yellow waiting, cyan working.
pub(super) fn status_color(status: &str) -> Option<Color> {
    Some(match status.to_ascii_uppercase().as_str() {
        "COMPLETED" | "SUCCESS" => Color::Green,
        "FAILED" | "ERROR" => Color::Red,
        "CANCELLED" => Color::DarkYellow,
        "PENDING" | "THROTTLED" => Color::Yellow,
        "RUNNING" | "DISPATCHED" => Color::Cyan,
        _ => return None,
    })
}
