//! What the workers of a bulk run share: the session, the request configuration, the manifest,
//! the gate, the throttle and the poller.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Map, Value};

use crate::api::models::Part;
use crate::api::throttle::Throttle;
use crate::commands::Session;
use crate::commands::bulk::gate::Gate;
use crate::commands::bulk::manifest::{Manifest, Record};
use crate::commands::bulk::poll::{self, Poller};
use crate::context::Clock;

/// The result file's kind.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Part(Part),
    Json,
}

/// What the workers share.
pub(super) struct Shared<'a> {
    pub(super) session: &'a Session,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) configuration: Map<String, Value>,
    pub(super) kind: Kind,
    pub(super) timeout: Duration,
    pub(super) force: bool,
    pub(super) previous: HashMap<String, Record>,
    pub(super) manifest: Manifest,
    pub(super) next: AtomicUsize,
    pub(super) stop: AtomicBool,
    pub(super) gate: Gate,
    pub(super) throttle: Arc<Throttle>,
    pub(super) poller: Poller,
}

impl Shared<'_> {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

impl<'a> Shared<'a> {
    /// What the poller reads of the run.
    pub(super) fn for_poller(&'a self) -> poll::Run<'a> {
        poll::Run {
            session: self.session,
            clock: self.clock.as_ref(),
            stop: &self.stop,
        }
    }
}
