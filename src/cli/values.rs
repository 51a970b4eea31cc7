//! How flag values are read: ids, durations, counts and lenient enumerations. A bad value is
//! a usage error (exit 2) before any request is made.

use std::time::Duration;

use clap::ValueEnum;

/// `--max-items`: a count (0 prints nothing), or any negative number for no limit (as `llp`
/// takes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MaxItems(pub Option<u64>);

pub(super) fn parse_max_items(value: &str) -> Result<MaxItems, String> {
    match value.trim().parse::<i64>() {
        Ok(n) if n < 0 => Ok(MaxItems(None)),
        Ok(n) => Ok(MaxItems(Some(n as u64))),
        Err(_) => Err("expected a number of items, or -1 for no limit".into()),
    }
}

/// `--shard K/N`: the Kth of N shares, 1 ≤ K ≤ N.
pub(super) fn shard(value: &str) -> Result<(u32, u32), String> {
    let wrong = || format!("expected K/N with 1 ≤ K ≤ N (1/2, 2/2), not {value:?}");
    let (k, n) = value.trim().split_once('/').ok_or_else(wrong)?;
    let (k, n) = (k.trim().parse::<u32>(), n.trim().parse::<u32>());
    match (k, n) {
        (Ok(k), Ok(n)) if 1 <= k && k <= n => Ok((k, n)),
        _ => Err(wrong()),
    }
}

/// `--filename`: a file name, without directories.
pub(super) fn file_name(value: &str) -> Result<String, String> {
    let name = value.trim();
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
        return Err("expected a file name such as report.pdf (no directories)".into());
    }
    Ok(name.to_string())
}

/// A count of items per request.
pub(super) fn at_least_one(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of at least 1".into()),
    }
}

/// A position in a listing.
pub(super) fn zero_or_more(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse::<u64>()
        .map_err(|_| "expected a whole number, 0 or more".into())
}

/// An id or filter value: trimmed, and never empty. An empty `"$ID"` in a script must not
/// remove the filter and widen what a command reaches.
/// `--target-pages`: pages are numbered from 1 (v1 counted from 0, and page 10 meant the 11th).
pub(super) fn target_pages(value: &str) -> Result<String, String> {
    let value = non_empty(value)?;
    crate::api::configuration::check_pages(&value)?;
    Ok(value)
}

/// `--window-pages`: 0 (no windows), or at most the most pages one job is known to take.
pub(super) fn window_pages(value: &str) -> Result<u64, String> {
    let most = crate::domain::MOST_PAGES_PER_JOB;
    match value.trim().parse::<u64>() {
        Ok(pages) if pages <= most => Ok(pages),
        Ok(_) => Err(format!(
            "at most {most}: the API refuses a job of more pages (its cap for the agentic parse modes)"
        )),
        Err(_) => Err(format!("expected a number of pages, 0 (no windows) to {most}")),
    }
}

/// `--store` and `config set store`: a shared result store's URL (`s3://bucket/prefix`,
/// `gs://bucket/prefix`, `az://container/prefix`, `file:///absolute/path`).
pub(crate) fn store_url(value: &str) -> Result<String, String> {
    let value = value.trim();
    let schemes = "expected s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH";
    let Some((scheme, rest)) = value.split_once("://") else {
        return Err(schemes.to_string());
    };
    match scheme {
        "s3" | "gs" | "az" if !rest.is_empty() && !rest.starts_with('/') => Ok(value.to_string()),
        "file" if rest.starts_with('/') && rest.len() > 1 => Ok(value.to_string()),
        _ => Err(format!("{value:?}: {schemes}")),
    }
}

/// `--max-credits` and `config set max_credits`: a positive number of credits.
pub(crate) fn credits(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(credits) if credits.is_finite() && credits > 0.0 => Ok(credits),
        _ => Err("expected a positive number of credits, e.g. 5000".into()),
    }
}

pub(super) fn non_empty(value: &str) -> Result<String, String> {
    match value.trim() {
        "" => Err("the value is empty; an empty id or filter would match everything".into()),
        trimmed => Ok(trimmed.to_string()),
    }
}

/// An id that goes into a URL's path: one segment, never `.`, `..` or one holding a `/`
/// (`parsing delete ..` would otherwise reach `DELETE /api/v2/parse`).
pub(super) fn id(value: &str) -> Result<String, String> {
    let id = non_empty(value)?;
    match id.as_str() {
        "." | ".." => Err(format!("{id:?} is not an id")),
        _ if id.contains('/') => Err("an id holds no /".into()),
        _ => Ok(id),
    }
}

pub(super) fn non_empty_path(value: &str) -> Result<std::path::PathBuf, String> {
    if value.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(std::path::PathBuf::from(value))
}

pub(super) fn parse_metadata(value: &str) -> Result<(String, String), String> {
    match value.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_string(), value.to_string())),
        _ => Err("expected KEY=VALUE with a non-empty KEY".into()),
    }
}

/// The longest wait a duration flag takes: far past any job, well inside what clocks can add.
pub(super) const MAX_DURATION: Duration = Duration::from_secs(366 * 24 * 3600);

pub(super) fn parse_duration(value: &str) -> Result<Duration, String> {
    match crate::time::parse_duration(value) {
        Some(duration) if duration <= MAX_DURATION => Ok(duration),
        Some(_) => Err("expected a duration of at most 366 days (366d)".into()),
        None => Err("expected a duration such as 90s, 30m or 2h".into()),
    }
}

/// `--wait-timeout`: a duration, more than 0 (a wait of nothing would create a job and give up on
/// it at once).
pub(super) fn wait_timeout(value: &str) -> Result<Duration, String> {
    match parse_duration(value)? {
        Duration::ZERO => Err(
            "expected a duration of more than 0, such as 90s, 30m or 2h (the job would be \
                               created and given up on at once)"
                .into(),
        ),
        duration => Ok(duration),
    }
}

pub(super) fn parse_timeout(value: &str) -> Result<Duration, String> {
    let seconds: f64 = value
        .trim()
        .parse()
        .map_err(|_| "expected a number of seconds, such as 30 or 2.5".to_string())?;
    if seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0 {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err("expected a number of seconds greater than 0 (at most 86400)".into())
    }
}

/// A value of an enumerated flag: one this version knows (checked in any case, sent in the
/// API's case, offered by help and completion), or one it does not, sent as given, so that a
/// value the server adds later is not refused here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lenient<T> {
    Known(T),
    Unknown(String),
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> Lenient<T> {
    pub(super) fn parser() -> LenientParser<T> {
        LenientParser(std::marker::PhantomData)
    }

    /// `text` as one of the values this version knows (any case, spaces around), else as given.
    pub fn of(text: &str) -> Self {
        let text = text.trim();
        match T::from_str(text, true) {
            Ok(known) => Lenient::Known(known),
            Err(_) => Lenient::Unknown(text.to_string()),
        }
    }

    /// The value as the API takes it.
    pub fn api_value(&self) -> String {
        match self {
            Lenient::Known(value) => api_value(value),
            Lenient::Unknown(value) => value.clone(),
        }
    }

    /// The values this version knows, for messages: "pending, running, …".
    pub fn known() -> String {
        T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Clone)]
pub(super) struct LenientParser<T>(std::marker::PhantomData<T>);

impl<T: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for LenientParser<T> {
    type Value = Lenient<T>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lenient<T>, clap::Error> {
        let invalid = |kind| clap::Error::new(kind).with_cmd(cmd);
        let text = value
            .to_str()
            .ok_or_else(|| invalid(clap::error::ErrorKind::InvalidUtf8))?
            .trim();
        if text.is_empty() {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                "the value is empty; an empty filter would match everything\n",
            )
            .with_cmd(cmd));
        }
        Ok(Lenient::of(text))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// The exact string the API expects for an enum value: its clap name, in the endpoint's case.
pub fn api_value<T: ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_is_k_of_n() {
        assert_eq!(shard("2/3"), Ok((2, 3)));
        assert_eq!(shard(" 1 / 1 "), Ok((1, 1)));
        for bad in ["0/2", "3/2", "1", "a/b", "1/0", ""] {
            assert!(shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_file_name_has_no_directories() {
        assert_eq!(file_name("report.pdf").as_deref(), Ok("report.pdf"));
        for bad in ["", "..", "a/b", "/x"] {
            assert!(file_name(bad).is_err(), "{bad}");
        }
    }
    use crate::domain::{BatchJobStatus, BatchJobType, BatchStatus, ParseJobStatus};

    #[test]
    fn enum_values_are_sent_in_the_case_each_endpoint_expects() {
        assert_eq!(api_value(&ParseJobStatus::Cancelled), "CANCELLED");
        assert_eq!(api_value(&BatchStatus::Throttled), "THROTTLED");
        assert_eq!(api_value(&BatchJobStatus::Dispatched), "dispatched");
        assert_eq!(api_value(&BatchJobType::Classify), "classify");
    }

    #[test]
    fn max_items_takes_what_llp_takes() {
        assert_eq!(parse_max_items("-1"), Ok(MaxItems(None)));
        assert_eq!(parse_max_items("-2"), Ok(MaxItems(None)));
        assert_eq!(parse_max_items("7"), Ok(MaxItems(Some(7))));
        assert_eq!(parse_max_items("0"), Ok(MaxItems(Some(0))));
        assert!(parse_max_items("lots").is_err());
    }

    #[test]
    fn ids_and_filters_are_trimmed_and_never_empty() {
        assert_eq!(non_empty(" pjb-1 "), Ok("pjb-1".to_string()));
        assert!(non_empty("").is_err());
        assert!(non_empty(" \t").is_err());
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(id(" pjb-1 "), Ok("pjb-1".to_string()));
        assert_eq!(id("a b?c%"), Ok("a b?c%".to_string()));
        for bad in ["", ".", "..", " .. ", "a/b", "/", "../x"] {
            assert!(id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn durations_are_bounded() {
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("366d"), Ok(MAX_DURATION));
        assert!(parse_duration("367d").is_err());
        assert!(parse_duration("18446744073709551615").is_err());
    }

    #[test]
    fn a_wait_timeout_is_more_than_nothing() {
        assert_eq!(wait_timeout("90s"), Ok(Duration::from_secs(90)));
        assert!(wait_timeout("0").is_err());
        assert!(wait_timeout("0s").is_err());
        assert!(wait_timeout("400d").is_err());
    }

    #[test]
    fn timeout_is_positive_seconds() {
        assert_eq!(parse_timeout("2.5"), Ok(Duration::from_millis(2500)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
