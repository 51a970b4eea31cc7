//! What the workers of a bulk run share: when a request is answered 429, every request of the
//! same kind waits until the time the server asked for has passed. Reads (polls, result
//! fetches) and changes (creates) are held apart: a 429 on a poll slows polling, never creates,
//! and a 429 on a create holds creates, never the polls that see jobs end.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::context::Clock;

/// The two kinds of request a 429 holds back separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// GETs: polls, result fetches.
    Read,
    /// Everything else: creates (and cancels, deletes).
    Change,
}

impl Lane {
    fn index(self) -> usize {
        match self {
            Lane::Read => 0,
            Lane::Change => 1,
        }
    }
}

/// Holds requests back after a 429, per lane.
#[derive(Debug, Default)]
pub struct Throttle {
    until: [Mutex<Option<SystemTime>>; 2],
    hits: [AtomicU32; 2],
}

impl Throttle {
    /// Holds every request of `lane` back until `until`.
    pub(super) fn hold(&self, lane: Lane, until: SystemTime) {
        let mut held = self.until[lane.index()]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if held.is_none_or(|t| t < until) {
            *held = Some(until);
        }
        self.hits[lane.index()].fetch_add(1, Ordering::SeqCst);
    }

    /// Waits while requests of `lane` are held back (no longer than `at_most`).
    pub(super) fn wait(&self, lane: Lane, clock: &dyn Clock, at_most: Option<Duration>) {
        let until = *self.until[lane.index()]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(left) = until.and_then(|t| t.duration_since(clock.now()).ok()) {
            clock.sleep(at_most.map_or(left, |most| left.min(most)));
        }
    }

    /// How many 429s requests of `lane` have had.
    pub fn hits(&self, lane: Lane) -> u32 {
        self.hits[lane.index()].load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::FakeClock;

    #[test]
    fn a_429_holds_its_own_lane_only() {
        let clock = FakeClock::at(SystemTime::UNIX_EPOCH);
        let throttle = Throttle::default();
        throttle.hold(Lane::Read, SystemTime::UNIX_EPOCH + Duration::from_secs(3));
        throttle.wait(Lane::Change, &clock, None);
        assert!(clock.sleeps().is_empty(), "creates are not held by a poll's 429");
        throttle.wait(Lane::Read, &clock, None);
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
        assert_eq!((throttle.hits(Lane::Read), throttle.hits(Lane::Change)), (1, 0));
    }
}
