//! How one value is shown in a cell: statuses coloured, times relative, a missing value a dim
//! "-", server text neutralised.

use comfy_table::{Attribute, Cell};
use jiff::Timestamp;
use serde_json::Value;

use crate::output::look::{Look, status_color};
use crate::text::neutralize;
use crate::time::relative;

/// A time as "3 hours ago (2026-11-01T12:00:00Z)", or a dim "-".
pub fn time_field(look: Look, value: Option<&str>) -> Cell {
    match value {
        Some(v) => Cell::new(format!("{} ({})", time_cell(look, v).content(), neutralize(v))),
        None => missing_cell(look),
    }
}

/// A status, coloured when colour is on.
pub fn status_cell(look: Look, status: &str) -> Cell {
    let cell = Cell::new(neutralize(status));
    match status_color(status).filter(|_| look.color) {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// A time relative to now ("3 hours ago"); text that is not a time is shown as it is.
pub fn time_cell(look: Look, text: &str) -> Cell {
    match text.parse::<Timestamp>() {
        Ok(ts) => Cell::new(relative(ts, look.now)),
        Err(_) => Cell::new(neutralize(text)),
    }
}

/// A missing value: a dim "-".
pub fn missing_cell(look: Look) -> Cell {
    let cell = Cell::new("-");
    if look.color {
        cell.add_attribute(Attribute::Dim)
    } else {
        cell
    }
}

/// "9/10", or "7/10, 1 failed, 1 skipped" when some were.
pub fn progress(item: &Value) -> Option<String> {
    let count = |key: &str| item.get(key).filter(|v| !v.is_null()).map(|v| v.to_string());
    let total = count("total_items")?;
    let processed = count("processed_items").unwrap_or_else(|| "0".into());
    let mut shown = format!("{processed}/{total}");
    for (key, word) in [("failed_items", "failed"), ("skipped_items", "skipped")] {
        if let Some(n) = count(key).filter(|n| n != "0") {
            shown.push_str(&format!(", {n} {word}"));
        }
    }
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn progress_shows_failures_only_when_there_are_some() {
        assert_eq!(
            progress(&json!({"total_items": 10, "processed_items": 9, "failed_items": 1})).unwrap(),
            "9/10, 1 failed"
        );
        assert_eq!(
            progress(&json!({"total_items": 10, "processed_items": 10, "failed_items": 0})).unwrap(),
            "10/10"
        );
        assert_eq!(progress(&json!({"total_items": 3})).unwrap(), "0/3");
        assert_eq!(
            progress(
                &json!({"total_items": 10, "processed_items": 7, "failed_items": 1, "skipped_items": 2})
            )
            .unwrap(),
            "7/10, 1 failed, 2 skipped"
        );
        assert_eq!(progress(&json!({})), None);
    }
}
