//! The TIME values of `--since/--until`: RFC 3339, a date, or an age back from now.

use jiff::{SignedDuration, Timestamp, civil::Date};

const TIME_FORMS: &str =
    "expected RFC 3339 (2026-11-01T12:00:00Z), a date (2026-11-01) or an age (90m, 12h, 7d)";

/// Parses a TIME argument relative to the current clock.
pub fn parse_time(value: &str) -> Result<Timestamp, String> {
    parse_time_at(value, Timestamp::now())
}

/// Parses a TIME argument, resolving ages against `now`.
pub fn parse_time_at(value: &str, now: Timestamp) -> Result<Timestamp, String> {
    let value = value.trim();
    if let Some(age) = parse_age(value) {
        let age = age.ok_or_else(|| format!("{value:?} is too far back; {TIME_FORMS}"))?;
        let then = now
            .checked_sub(age)
            .map_err(|_| format!("{value:?} is too far back"))?;
        // Whole seconds: an age is never meant to the nanosecond, and the query stays readable.
        return Timestamp::from_second(then.as_second()).map_err(|e| e.to_string());
    }
    if let Some(date) = (!value.contains(['T', 't', ' ']))
        .then(|| value.parse::<Date>().ok())
        .flatten()
    {
        return format!("{date}T00:00:00Z")
            .parse::<Timestamp>()
            .map_err(|e| format!("{value:?}: {e}"));
    }
    match value.parse::<Timestamp>() {
        Ok(ts) => Ok(ts),
        Err(_) if value.contains('T') && value.parse::<jiff::civil::DateTime>().is_ok() => Err(format!(
            "{value:?} has no time zone; add Z for UTC or an offset such as +02:00"
        )),
        Err(_) => Err(format!("invalid time {value:?}; {TIME_FORMS}")),
    }
}

/// An age like `90m`, `12h`, `7d`, `2w` or `1h30m`. `None` if `value` is not of that form,
/// `Some(None)` if it is but overflows.
fn parse_age(value: &str) -> Option<Option<SignedDuration>> {
    if value.is_empty() || !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    for c in value.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: i64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        if digits.is_empty() {
            return None;
        }
        let amount = match digits.parse::<i64>() {
            Ok(n) => n,
            Err(_) => return Some(None),
        };
        digits.clear();
        total = match amount.checked_mul(unit).and_then(|s| total.checked_add(s)) {
            Some(t) => t,
            None => return Some(None),
        };
    }
    if !digits.is_empty() {
        return None;
    }
    Some(Some(SignedDuration::from_secs(total)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-23T10:30:15.5Z".parse().unwrap()
    }

    fn at(value: &str) -> Result<String, String> {
        parse_time_at(value, now()).map(|t| t.to_string())
    }

    #[test]
    fn rfc3339_is_kept_and_converted_to_utc() {
        assert_eq!(at("2026-11-01T12:00:00Z").unwrap(), "2026-11-01T12:00:00Z");
        assert_eq!(at("2026-11-01T12:00:00+02:00").unwrap(), "2026-11-01T10:00:00Z");
        assert_eq!(at("2026-11-01T12:00:00.250Z").unwrap(), "2026-11-01T12:00:00.25Z");
    }

    #[test]
    fn a_date_is_midnight_utc() {
        assert_eq!(at("2026-11-01").unwrap(), "2026-11-01T00:00:00Z");
    }

    #[test]
    fn ages_count_back_from_now_in_whole_seconds() {
        assert_eq!(at("90m").unwrap(), "2026-11-23T09:00:15Z");
        assert_eq!(at("12h").unwrap(), "2026-11-22T22:30:15Z");
        assert_eq!(at("7d").unwrap(), "2026-11-16T10:30:15Z");
        assert_eq!(at("1h30m").unwrap(), "2026-11-23T09:00:15Z");
        assert_eq!(at("2w").unwrap(), "2026-11-09T10:30:15Z");
    }

    #[test]
    fn bad_values_say_what_is_expected() {
        assert!(at("yesterday").unwrap_err().contains("expected RFC 3339"));
        assert!(at("7x").unwrap_err().contains("expected RFC 3339"));
        assert!(at("2026-11-01T12:00:00").unwrap_err().contains("no time zone"));
        assert!(at("2026-13-01").is_err());
        assert!(at("99999999999999999999d").unwrap_err().contains("too far back"));
    }
}
