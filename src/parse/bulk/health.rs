//! The run's health during an outage, the failures that end a run or only slow it, and how
//! every stage waits before it tries again: one backoff (`BACKOFF`), jittered by the run's draw
//! (`Run::backoff`) so that the runs of a `--shard` matrix that meet the same outage do not
//! retry in lockstep.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::api::retry::Backoff;
use crate::error::Error;
use crate::parse::bulk::queue::lock;
use crate::parse::once;
use crate::text::neutralize;

/// The waits of a bulk run's retries (a failed poll, a failed fetch, the pause before a create
/// during an outage): 1, 2, 4 … 30 s, each less up to a quarter at random.
pub(super) const BACKOFF: Backoff = Backoff {
    first: Duration::from_secs(1),
    cap: Duration::from_secs(30),
};

/// Whether the API answers. When requests fail one after another for reasons that may pass (no
/// connection, 5xx), the run is in an outage: it says so once, new creates wait with a growing
/// pause, polls back off, and no document fails for it. The first success ends it.
#[derive(Default)]
pub(super) struct Health {
    state: Mutex<HealthState>,
}

#[derive(Default)]
struct HealthState {
    /// Requests failed in a row.
    failures: u32,
    since: Option<SystemTime>,
    said: bool,
}

/// Failures in a row that make an outage.
const OUTAGE: u32 = 2;
/// How long an outage is waited out before the run stops (its jobs are in the result store).
pub(super) const MAX_OUTAGE: Duration = Duration::from_secs(10 * 60);

impl Health {
    /// A request failed for a reason that may pass. Returns `true` once the API has not answered
    /// for `MAX_OUTAGE`: the run stops then.
    pub(super) fn failed(&self, err: &Error, once: &once::Shared) -> bool {
        let mut state = lock(&self.state);
        state.failures += 1;
        let now = once.clock.now();
        let since = *state.since.get_or_insert(now);
        if state.failures >= OUTAGE && !state.said {
            state.said = true;
            once.stderr.line(&format!(
                "note: the API is not answering ({}); new uploads wait and polls back off until it does \
                 (no document fails for it)",
                neutralize(&err.to_string())
            ));
        }
        now.duration_since(since).unwrap_or_default() >= MAX_OUTAGE
    }

    /// A request went through.
    pub(super) fn answered(&self, once: &once::Shared) {
        let mut state = lock(&self.state);
        if state.said {
            let away = state
                .since
                .and_then(|since| once.clock.now().duration_since(since).ok())
                .unwrap_or_default();
            once.stderr.line(&format!(
                "note: the API answers again (after {:.0} s); going on",
                away.as_secs_f64()
            ));
        }
        *state = HealthState::default();
    }

    /// Whether the run is in an outage: requests have failed one after another.
    pub(super) fn away(&self) -> bool {
        lock(&self.state).failures >= OUTAGE
    }

    /// How long to wait before the next try: nothing while the API answers, then `BACKOFF`
    /// from the first failure in a row, less `jitter` (see `Backoff::delay`).
    pub(super) fn pause(&self, jitter: f64) -> Duration {
        match lock(&self.state).failures {
            0 => Duration::ZERO,
            n => BACKOFF.delay(n - 1, jitter),
        }
    }
}

/// The key was refused (401, 403), or the organization is out of credits (402): nothing else
/// will go through, and no other document is sent to be refused the same way.
pub(super) fn refused(err: &Error) -> bool {
    matches!(err.root(), Error::Api(api) if matches!(api.status_code(), Some(401..=403)))
}

/// The API asked to slow down (429): not an outage.
pub(super) fn busy(err: &Error) -> bool {
    matches!(err.root(), Error::Api(api) if api.status_code() == Some(429))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::bulk::run::Run;
    use crate::parse::bulk::testing::{Fixture, Script};

    #[test]
    fn two_runs_in_one_outage_pause_differently_within_the_backoff() {
        let script = Script::start(Vec::new());
        let (one, two) = (
            Fixture::new(&script.url, &["a.pdf"]),
            Fixture::new(&script.url, &["a.pdf"]),
        );
        let err = Error::failure("no connection");
        let pauses = |run: &Run| -> Vec<Duration> {
            (0..10)
                .map(|_| {
                    run.health.failed(&err, &run.once);
                    run.pause()
                })
                .collect()
        };
        let plain = pauses(&one.run(4, 8));
        assert_eq!(
            plain,
            [1, 2, 4, 8, 16, 30, 30, 30, 30, 30].map(Duration::from_secs),
            "1, 2, 4 … 30 s without jitter"
        );
        // Two shards of a matrix, as `run` builds them: not in lockstep.
        let (first, second) = (pauses(&one.unpinned(4, 8)), pauses(&two.unpinned(4, 8)));
        assert_ne!(first, second);
        for pauses in [&first, &second] {
            for (pause, plain) in pauses.iter().zip(&plain) {
                assert!(
                    *pause <= *plain && *pause >= plain.mul_f64(0.75),
                    "{pause:?} within a quarter below {plain:?}"
                );
            }
        }
    }
}
