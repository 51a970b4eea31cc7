//! The two bounds of a bulk run: uploads in flight (`--concurrency`, narrowed by the API's 429s
//! on creates, as TCP narrows its window: halved once per round of 429s, grown back by one per
//! create that went through) and jobs in flight (`--max-in-flight`: created, not yet seen to end).

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

/// How often a wait for a slot looks at the run's stop flag.
const STOP_CHECK: Duration = Duration::from_millis(200);

/// At most `limit` creates at once; see the module.
pub(super) struct Gate {
    state: Mutex<GateState>,
    most: usize,
    changed: Condvar,
}

struct GateState {
    inside: usize,
    limit: usize,
    /// Bumped at each narrowing: the creates that were already in flight then (and so saw the
    /// same 429s) do not narrow again.
    epoch: u64,
}

/// One create in flight.
pub(super) struct Permit<'a> {
    gate: &'a Gate,
    epoch: u64,
}

impl Gate {
    pub(super) fn new(most: usize) -> Self {
        Gate {
            state: Mutex::new(GateState {
                inside: 0,
                limit: most,
                epoch: 0,
            }),
            most,
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn enter(&self) -> Permit<'_> {
        let mut state = self.lock();
        while state.inside >= state.limit {
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state.inside += 1;
        Permit {
            gate: self,
            epoch: state.epoch,
        }
    }

    /// Creates allowed in flight now.
    #[cfg(test)]
    pub(super) fn limit(&self) -> usize {
        self.lock().limit
    }
}

impl Permit<'_> {
    /// This create was answered 429: the limit halves, once for all the creates in flight.
    pub(super) fn throttled(&self) {
        let mut state = self.gate.lock();
        if state.epoch == self.epoch {
            state.limit = (state.limit / 2).max(1);
            state.epoch += 1;
        }
    }

    /// This create went through: the limit grows back by one.
    pub(super) fn through(&self) {
        let mut state = self.gate.lock();
        state.limit = (state.limit + 1).min(self.gate.most);
        self.gate.changed.notify_all();
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        state.inside -= 1;
        self.gate.changed.notify_all();
    }
}

/// At most `most` jobs in flight: a slot is taken before a job is created (or followed) and given
/// back when it has ended.
pub(super) struct Slots {
    taken: Mutex<usize>,
    most: usize,
    changed: Condvar,
}

impl Slots {
    pub(super) fn new(most: usize) -> Self {
        Slots {
            taken: Mutex::new(0),
            most,
            changed: Condvar::new(),
        }
    }

    /// Takes a slot, waiting while all are taken; `false` when `stopped` says so first.
    pub(super) fn take(&self, stopped: impl Fn() -> bool) -> bool {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            // A slot given back as the run stops is not taken.
            if stopped() {
                return false;
            }
            if *taken < self.most {
                break;
            }
            taken = self
                .changed
                .wait_timeout(taken, STOP_CHECK)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *taken += 1;
        true
    }

    pub(super) fn give(&self) {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        *taken = taken.saturating_sub(1);
        self.changed.notify_one();
    }

    #[cfg(test)]
    pub(super) fn taken(&self) -> usize {
        *self.taken.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_round_of_429s_halves_the_limit_once() {
        let gate = Gate::new(8);
        let permits: Vec<Permit> = (0..8).map(|_| gate.enter()).collect();
        // All eight creates in flight see the same 429s.
        for permit in &permits {
            permit.throttled();
        }
        assert_eq!(gate.limit(), 4);
        drop(permits);
        // A create sent after the narrowing that is throttled again narrows again.
        let later = gate.enter();
        later.throttled();
        assert_eq!(gate.limit(), 2);
        later.through();
        assert_eq!(gate.limit(), 3);
    }

    #[test]
    fn the_limit_grows_back_to_the_most_and_no_further() {
        let gate = Gate::new(2);
        gate.enter().throttled();
        assert_eq!(gate.limit(), 1);
        for _ in 0..5 {
            gate.enter().through();
        }
        assert_eq!(gate.limit(), 2);
    }

    #[test]
    fn a_full_set_of_slots_waits_until_one_is_given_back_or_the_run_stops() {
        let slots = Slots::new(2);
        assert!(slots.take(|| false));
        assert!(slots.take(|| false));
        assert!(!slots.take(|| true), "all taken and the run stopped");
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| slots.take(|| false));
            slots.give();
            assert!(waiter.join().unwrap());
        });
        assert_eq!(slots.taken(), 2);
    }
}
