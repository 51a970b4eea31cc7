//! `parsing get --wait`: poll a job until it is COMPLETED, FAILED or CANCELLED.

use std::thread;
use std::time::{Duration, Instant};

use reqwest::Url;
use serde_json::Value;

use crate::api::error::InvalidResponse;
use crate::commands::Session;
use crate::output::progress::Progress;
use crate::output::sanitize::neutralize;

const FIRST_DELAY: Duration = Duration::from_secs(1);
const MAX_DELAY: Duration = Duration::from_secs(10);

/// The statuses a job does not leave.
pub fn is_final(status: &str) -> bool {
    matches!(status, "COMPLETED" | "FAILED" | "CANCELLED")
}

/// The job's status in a `parsing get` response.
pub fn status_of(response: &Value) -> anyhow::Result<&str> {
    response
        .pointer("/job/status")
        .and_then(Value::as_str)
        .ok_or_else(|| InvalidResponse("the response has no job status".into()).into())
}

/// Polls `url` (the job without expanded content) with a backoff from 1 s to 10 s until the
/// job's status is final, and returns that last response, as bytes and parsed. A spinner shows
/// on a terminal.
pub fn until_final(
    session: &Session,
    url: &Url,
    job_id: &str,
    timeout: Duration,
    get: impl Fn(&Url) -> anyhow::Result<(Vec<u8>, Value)>,
) -> anyhow::Result<(Vec<u8>, Value)> {
    let started = Instant::now();
    let spinner = Progress::spinner(
        session.terminal.stderr,
        format!("waiting for {}", neutralize(job_id)),
    );
    let mut delay = FIRST_DELAY;
    loop {
        let (body, response) = get(url)?;
        let status = status_of(&response)?;
        if is_final(status) {
            return Ok((body, response));
        }
        spinner.set_message(format!(
            "waiting for {}: {}",
            neutralize(job_id),
            neutralize(status)
        ));
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            anyhow::bail!(
                "gave up waiting after {}: job {} is still {} (raise --wait-timeout)",
                human_duration(timeout),
                neutralize(job_id),
                neutralize(status)
            );
        }
        thread::sleep(delay.min(left));
        delay = (delay * 2).min(MAX_DELAY);
    }
}

/// "30m", "90s", "1h5m".
fn human_duration(d: Duration) -> String {
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

    #[test]
    fn durations_read_like_the_flag() {
        assert_eq!(human_duration(Duration::from_secs(1800)), "30m");
        assert_eq!(human_duration(Duration::from_secs(3900)), "1h5m");
        assert_eq!(human_duration(Duration::from_secs(2)), "2s");
    }
}
