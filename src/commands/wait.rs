//! `parsing get --wait`: poll a job until it is COMPLETED, FAILED or CANCELLED.

use std::time::Duration;

use crate::api;
use crate::context::Context;
use crate::error::Error;
use crate::output::job::Job;
use crate::output::progress::Progress;
use crate::text::neutralize;

const FIRST_DELAY: Duration = Duration::from_secs(1);
const MAX_DELAY: Duration = Duration::from_secs(10);

/// The statuses a job does not leave.
pub fn is_final(status: &str) -> bool {
    matches!(status, "COMPLETED" | "FAILED" | "CANCELLED")
}

/// Polls with `get` (the job without expanded content) with a backoff from 1 s to 10 s until
/// the job's status is final, and returns that last response. A spinner shows when stderr is a
/// terminal. Waiting is done by the context's clock.
pub fn until_final(
    ctx: &Context,
    job_id: &str,
    timeout: Duration,
    get: impl Fn() -> Result<Job, Error>,
) -> Result<Job, Error> {
    let clock = &ctx.clock;
    let started = clock.now();
    let spinner = Progress::spinner(
        ctx.io.terminals.stderr,
        format!("waiting for {}", neutralize(job_id)),
    );
    let mut delay = FIRST_DELAY;
    loop {
        let job = get()?;
        let Some(status) = job.status() else {
            return Err(api::Error::InvalidResponse("the response has no job status".into()).into());
        };
        if is_final(status) {
            return Ok(job);
        }
        spinner.set_message(format!(
            "waiting for {}: {}",
            neutralize(job_id),
            neutralize(status)
        ));
        let elapsed = clock.now().duration_since(started).unwrap_or_default();
        let left = timeout.saturating_sub(elapsed);
        if left.is_zero() {
            return Err(Error::failure(format!(
                "gave up waiting after {}: job {} is still {} (raise --wait-timeout)",
                human_duration(timeout),
                neutralize(job_id),
                neutralize(status)
            )));
        }
        clock.sleep(delay.min(left));
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
