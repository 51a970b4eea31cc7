//! The TIME values of `--since/--until`: RFC 3339, a date, or an age back from now.

use jiff::{SignedDuration, Timestamp, civil::Date};

const TIME_FORMS: &str =
    "expected RFC 3339 (2026-11-01T12:00:00Z), a date (2026-11-01) or an age (90m, 12h, 7d)";

/// Parses a TIME argument relative to the current clock.
pub(crate) fn parse_time(value: &str) -> Result<Timestamp, String> {
    parse_time_at(value, Timestamp::now())
}

/// Parses a TIME argument, resolving ages against `now`.
pub(crate) fn parse_time_at(value: &str, now: Timestamp) -> Result<Timestamp, String> {
    let value = value.trim();
    if let Some(age) = parse_age(value) {
        let age = age.ok_or_else(|| format!("{value:?} is too far back; {TIME_FORMS}"))?;
        let then = now
            .checked_sub(age)
            .map_err(|_| format!("{value:?} is too far back"))?;
        // Whole seconds: an age is never meant to the nanosecond, and the query stays readable.
        return Timestamp::from_second(then.as_second()).map_err(|_| format!("{value:?} is too far back"));
    }
    if let Some(date) = (!value.contains(['T', 't', ' ']))
        .then(|| value.parse::<Date>().ok())
        .flatten()
    {
        return format!("{date}T00:00:00Z")
            .parse::<Timestamp>()
            .map_err(|_| format!("{value:?} is out of range: times run from year -9999 to 9999-12-30"));
    }
    match value.parse::<Timestamp>() {
        Ok(ts) => Ok(ts),
        Err(_) if value.contains('T') && value.parse::<jiff::civil::DateTime>().is_ok() => Err(format!(
            "{value:?} has no time zone; add Z for UTC or an offset such as +02:00"
        )),
        Err(_) => Err(format!("invalid time {value:?}; {TIME_FORMS}")),
    }
}

/// A duration like `90s`, `30m`, `2h`, `1h30m`, or a plain number of seconds.
pub(crate) fn parse_duration(value: &str) -> Option<std::time::Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(std::time::Duration::from_secs(seconds));
    }
    let seconds = parse_age(value)??.as_secs();
    u64::try_from(seconds).ok().map(std::time::Duration::from_secs)
}

/// How long ago `then` was, as people say it: "just now", "5 minutes ago", "in 2 hours".
pub fn relative(then: Timestamp, now: Timestamp) -> String {
    let seconds = now.as_second() - then.as_second();
    let (ago, seconds) = (seconds >= 0, seconds.unsigned_abs());
    if seconds < 45 {
        return "just now".to_string();
    }
    let (amount, unit) = match seconds {
        s if s < 90 => (1, "minute"),
        s if s < 3_600 => (s.div_ceil(60).min(59), "minute"),
        s if s < 5_400 => (1, "hour"),
        s if s < 86_400 => ((s + 1_800) / 3_600, "hour"),
        s if s < 172_800 => (1, "day"),
        s if s < 2_592_000 => ((s + 43_200) / 86_400, "day"),
        s if s < 31_536_000 => ((s / 2_592_000).max(1), "month"),
        s => ((s / 31_536_000).max(1), "year"),
    };
    let plural = if amount == 1 { "" } else { "s" };
    if ago {
        format!("{amount} {unit}{plural} ago")
    } else {
        format!("in {amount} {unit}{plural}")
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

/// "30m", "90s", "1h5m".
pub(crate) fn human_duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = String::new();
    for (value, unit) in [(h, "h"), (m, "m"), (s, "s")] {
        if value > 0 {
            out.push_str(&format!("{value}{unit}"));
        }
    }
    if out.is_empty() {
        format!("{}ms", d.as_millis())
    } else {
        out
    }
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
    fn durations_and_relative_times() {
        use std::time::Duration;
        assert_eq!(parse_duration("90"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("30m"), Some(Duration::from_secs(1800)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("soon"), None);
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let now = at("2026-11-23T12:00:00Z");
        assert_eq!(relative(at("2026-11-23T11:59:30Z"), now), "just now");
        assert_eq!(relative(at("2026-11-23T11:55:00Z"), now), "5 minutes ago");
        assert_eq!(relative(at("2026-11-23T09:00:00Z"), now), "3 hours ago");
        assert_eq!(relative(at("2026-11-22T11:00:00Z"), now), "1 day ago");
        assert_eq!(relative(at("2026-11-16T12:00:00Z"), now), "7 days ago");
        assert_eq!(relative(at("2026-08-01T12:00:00Z"), now), "3 months ago");
        assert_eq!(relative(at("2024-11-01T12:00:00Z"), now), "2 years ago");
        assert_eq!(relative(at("2026-11-23T14:00:00Z"), now), "in 2 hours");
    }

    #[test]
    fn bad_values_say_what_is_expected() {
        assert!(at("yesterday").unwrap_err().contains("expected RFC 3339"));
        assert!(at("7x").unwrap_err().contains("expected RFC 3339"));
        assert!(at("2026-11-01T12:00:00").unwrap_err().contains("no time zone"));
        assert!(at("2026-13-01").is_err());
        assert!(at("99999999999999999999d").unwrap_err().contains("too far back"));
    }

    #[test]
    fn durations_read_like_the_flag() {
        use std::time::Duration;
        assert_eq!(human_duration(Duration::from_secs(1800)), "30m");
        assert_eq!(human_duration(Duration::from_secs(3900)), "1h5m");
        assert_eq!(human_duration(Duration::from_secs(2)), "2s");
    }
}
