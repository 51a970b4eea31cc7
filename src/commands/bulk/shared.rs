//! What the workers of a bulk run share: the session, the result store, the request
//! configuration, the manifest, the gate, the throttle and the poller.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Map, Value};

use crate::api::throttle::Throttle;
use crate::commands::Session;
use crate::commands::bulk::gate::Gate;
use crate::commands::bulk::manifest::Manifest;
use crate::commands::bulk::poll::{self, Poller};
use crate::commands::once::{self, Kind};
use crate::error::Error;

/// What the workers share.
pub(super) struct Shared<'a> {
    pub(super) session: &'a Session,
    /// The result store (none with `--no-cache`), the clock and stderr.
    pub(super) once: once::Shared,
    pub(super) configuration: Map<String, Value>,
    pub(super) kind: Kind,
    pub(super) timeout: Duration,
    pub(super) force: bool,
    pub(super) manifest: Manifest,
    pub(super) next: AtomicUsize,
    pub(super) stop: AtomicBool,
    /// Why the run stopped creating: a file that could not be written.
    pub(super) fatal: Mutex<Option<String>>,
    pub(super) gate: Gate,
    pub(super) throttle: Arc<Throttle>,
    pub(super) poller: Poller,
}

impl Shared<'_> {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Stops new work because the store or the manifest cannot be written.
    pub(super) fn fail(&self, err: &Error) {
        self.stop.store(true, Ordering::SeqCst);
        let mut fatal = self.fatal.lock().unwrap_or_else(PoisonError::into_inner);
        fatal.get_or_insert_with(|| err.to_string());
    }

    pub(super) fn fatal(&self) -> Option<String> {
        self.fatal.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl<'a> Shared<'a> {
    /// What the poller reads of the run.
    pub(super) fn for_poller(&'a self) -> poll::Run<'a> {
        poll::Run {
            session: self.session,
            clock: self.once.clock.as_ref(),
            stop: &self.stop,
        }
    }
}
