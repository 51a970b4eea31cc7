//! At most N creates in flight at once; N halves after a 429 and grows back as creates go
//! through.

use std::sync::{Condvar, Mutex, PoisonError};

/// At most `limit` creates at once; the limit halves after a 429 and grows back by one per
/// create that went through.
pub(super) struct Gate {
    state: Mutex<(usize, usize)>,
    most: usize,
    changed: Condvar,
}

pub(super) struct Permit<'a>(&'a Gate);

impl Gate {
    pub(super) fn new(most: usize) -> Self {
        Gate {
            state: Mutex::new((0, most)),
            most,
            changed: Condvar::new(),
        }
    }

    pub(super) fn enter(&self) -> Permit<'_> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.0 >= state.1 {
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state.0 += 1;
        Permit(self)
    }

    pub(super) fn narrow(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 = (state.1 / 2).max(1);
    }

    pub(super) fn widen(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 = (state.1 + 1).min(self.most);
        self.changed.notify_all();
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 -= 1;
        self.0.changed.notify_all();
    }
}
