//! `parsing get --wait`: poll a job until it is COMPLETED, FAILED or CANCELLED.

use std::time::{Duration, SystemTime};

use crate::api;
use crate::api::models::{Job, is_final};
use crate::context::Clock;
use crate::error::Error;
use crate::output::progress::Progress;
use crate::text::neutralize;

/// The official SDKs' cadence: 1 s after the first poll, one second more each time, up to 5 s.
pub(super) const FIRST_DELAY: Duration = Duration::from_secs(1);
pub(super) const DELAY_STEP: Duration = Duration::from_secs(1);
pub(super) const MAX_DELAY: Duration = Duration::from_secs(5);

/// Polls with `get` (the job without expanded content; it must not go on past the deadline it
/// is given) as the SDKs do, until the job's status is final, and returns that last response.
/// `timeout` is a hard bound: a poll in flight at the deadline is cut (a `WaitedOut` error that
/// says how long was waited and what the job last was; what becomes of the job is the caller's
/// to say, `job::give_up`). A spinner shows when stderr is a terminal. Waiting is done by the
/// context's clock.
pub(super) fn until_final(
    clock: &dyn Clock,
    spinner: bool,
    job_id: &str,
    timeout: Duration,
    get: impl Fn(SystemTime) -> Result<Job, Error>,
) -> Result<Job, Error> {
    let started = clock.now();
    let deadline = started + timeout;
    let mut last_status: Option<String> = None;
    let gave_up = |status: Option<&str>| Error::waited_out(gave_up_words(job_id, status, timeout));
    let spinner = Progress::spinner(spinner, format!("waiting for {}", neutralize(job_id)));
    let mut delay = FIRST_DELAY;
    loop {
        let job = match get(deadline) {
            Ok(job) => job,
            // Cut by the deadline, or failed after it: either way, out of time.
            Err(err) if matches!(&err, Error::Api(e) if e.is_deadline()) || clock.now() >= deadline => {
                return Err(gave_up(last_status.as_deref()));
            }
            Err(err) => return Err(err),
        };
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
        let left = deadline.duration_since(clock.now()).unwrap_or_default();
        if left.is_zero() {
            return Err(gave_up(Some(status)));
        }
        last_status = Some(status.to_string());
        clock.sleep(delay.min(left));
        delay = (delay + DELAY_STEP).min(MAX_DELAY);
    }
}

/// What a wait given up on says: how long was waited, and what the job last was.
pub(super) fn gave_up_words(job_id: &str, status: Option<&str>, waited: Duration) -> String {
    let after = crate::time::human_duration(waited);
    let job_id = neutralize(job_id);
    match status {
        Some(status) => format!(
            "gave up waiting after {after}: job {job_id} is still {}",
            neutralize(status)
        ),
        None => format!("gave up waiting after {after}: no answer about job {job_id}"),
    }
}
