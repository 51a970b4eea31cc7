//! The retry policy of the official SDKs: which answers are worth another try, and how long to
//! wait before it. `Backoff` is the one formula for every wait-and-retry of the program (a
//! request's retries here, a bulk run's polls, fetches and pauses during an outage), jittered so
//! that processes meeting the same outage (a `--shard` matrix) do not retry in lockstep.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Server-given waits are obeyed only up to this; longer ones fall back to the backoff.
const MAX_SERVER_WAIT: Duration = Duration::from_secs(60);
/// A request's retries: the SDKs' 0.5 s, doubling up to 8 s.
pub(super) const REQUEST_BACKOFF: Backoff = Backoff {
    first: Duration::from_millis(500),
    cap: Duration::from_secs(8),
};

/// Waits that double from `first` up to `cap`, each less up to a quarter at random.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait before the first retry (attempt 0), without jitter.
    pub first: Duration,
    /// The longest wait, without jitter.
    pub cap: Duration,
}

impl Backoff {
    /// `min(first · 2^attempt, cap)`, less up to a quarter by `jitter` (in [0, 1): 0 takes
    /// nothing off, so a test that pins it to 0 sees the plain doubling).
    pub fn delay(&self, attempt: u32, jitter: f64) -> Duration {
        let base = self.first.saturating_mul(1u32 << attempt.min(16)).min(self.cap);
        base.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
    }
}

/// Whether an HTTP answer should be retried: `x-should-retry` decides when present, else
/// 408, 409, 429 and 5xx are.
pub(super) fn status_is_retryable(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers
        .get("x-should-retry")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
    {
        Some(v) if v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        _ => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// Whether an answer shows that the server did not act on a request that changes something,
/// so that sending it again cannot do the work twice: 408 (it never read the request), 429
/// (refused before any work) and 503 (not taken in), or `x-should-retry: true`.
pub(super) fn server_did_not_act(status: StatusCode, headers: &HeaderMap) -> bool {
    let told = headers
        .get("x-should-retry")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    told || matches!(status.as_u16(), 408 | 429 | 503)
}

/// The wait the server asked for: `retry-after-ms`, else `retry-after` in seconds or as an HTTP
/// date; only when it is more than 0 and at most 60 s.
pub(super) fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let within = |d: Duration| (!d.is_zero() && d <= MAX_SERVER_WAIT).then_some(d);
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok())
        && ms.is_finite()
        && ms > 0.0
    {
        return within(Duration::from_secs_f64(ms / 1000.0));
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds > 0.0)
            .then(|| Duration::from_secs_f64(seconds.min(1e9)))
            .and_then(within);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    within(date.duration_since(now).ok()?)
}

/// A request's wait before retry `retry` (from 0): `REQUEST_BACKOFF`.
pub fn backoff(retry: u32, jitter: f64) -> Duration {
    REQUEST_BACKOFF.delay(retry, jitter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn statuses_and_the_override_header() {
        let none = HeaderMap::new();
        for code in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(
                status_is_retryable(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        for code in [400, 401, 402, 403, 404, 410, 422] {
            assert!(
                !status_is_retryable(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        assert!(!status_is_retryable(
            StatusCode::SERVICE_UNAVAILABLE,
            &headers(&[("x-should-retry", "false")])
        ));
        assert!(status_is_retryable(
            StatusCode::BAD_REQUEST,
            &headers(&[("x-should-retry", "TRUE")])
        ));
    }

    #[test]
    fn server_waits_in_every_form_within_sixty_seconds() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let wait = |pairs: &[(&'static str, &str)]| server_wait(&headers(pairs), now);
        assert_eq!(
            wait(&[("retry-after-ms", "250")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "1500.5"), ("retry-after", "9")]),
            Some(Duration::from_micros(1_500_500))
        );
        assert_eq!(wait(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(wait(&[("retry-after", "0.5")]), Some(Duration::from_millis(500)));
        let in_ten = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(wait(&[("retry-after", &in_ten)]), Some(Duration::from_secs(10)));
        // Out of range, in the past, or nonsense: the backoff applies instead.
        assert_eq!(wait(&[("retry-after", "3600")]), None);
        assert_eq!(wait(&[("retry-after-ms", "60001")]), None);
        assert_eq!(wait(&[("retry-after", "0")]), None);
        assert_eq!(wait(&[("retry-after", "-3")]), None);
        assert_eq!(
            wait(&[(
                "retry-after",
                &httpdate::fmt_http_date(now - Duration::from_secs(5))
            )]),
            None
        );
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn backoff_doubles_to_eight_seconds_with_a_quarter_of_jitter() {
        assert_eq!(backoff(0, 0.0), Duration::from_millis(500));
        assert_eq!(backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(3, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(4, 0.0), Duration::from_secs(8));
        assert_eq!(backoff(40, 0.0), Duration::from_secs(8));
        assert_eq!(backoff(0, 1.0), Duration::from_millis(375));
    }

    #[test]
    fn two_runs_draw_different_delays_within_a_quarter_below_the_doubling() {
        let backoff = Backoff {
            first: Duration::from_secs(1),
            cap: Duration::from_secs(30),
        };
        let plain: Vec<Duration> = (0..12).map(|n| backoff.delay(n, 0.0)).collect();
        assert_eq!(
            plain[..7],
            [1, 2, 4, 8, 16, 30, 30].map(Duration::from_secs),
            "the doubling up to the cap"
        );
        let one_run = || -> Vec<Duration> { (0..12).map(|n| backoff.delay(n, fastrand::f64())).collect() };
        let (first, second) = (one_run(), one_run());
        assert_ne!(first, second, "two runs do not retry in lockstep");
        for delays in [&first, &second] {
            for (delay, plain) in delays.iter().zip(&plain) {
                assert!(
                    *delay <= *plain && *delay >= plain.mul_f64(0.75),
                    "{delay:?} within a quarter below {plain:?}"
                );
            }
        }
    }
}
