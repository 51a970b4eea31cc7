//! What the workers of a bulk run share: when one request is answered 429, every request waits
//! until the time the server asked for has passed.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::context::Clock;

/// Holds requests back after a 429.
#[derive(Debug, Default)]
pub struct Throttle {
    until: Mutex<Option<SystemTime>>,
    hits: AtomicU32,
}

impl Throttle {
    /// Holds every request back until `until`.
    pub(super) fn hold(&self, until: SystemTime) {
        let mut held = self.until.lock().unwrap_or_else(PoisonError::into_inner);
        if held.is_none_or(|t| t < until) {
            *held = Some(until);
        }
        self.hits.fetch_add(1, Ordering::SeqCst);
    }

    /// Waits while requests are held back (no longer than `at_most`).
    pub(super) fn wait(&self, clock: &dyn Clock, at_most: Option<Duration>) {
        let until = *self.until.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(left) = until.and_then(|t| t.duration_since(clock.now()).ok()) {
            clock.sleep(at_most.map_or(left, |most| left.min(most)));
        }
    }

    /// How many 429s have been seen.
    pub fn hits(&self) -> u32 {
        self.hits.load(Ordering::SeqCst)
    }
}
