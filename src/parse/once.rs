//! Each document's result paid for once. A result is known by its key (the document's bytes
//! and the effective configuration, `store::key`); before a job is created its intent is on
//! disk with a token that the create carries in `user_metadata`, so a create whose answer was
//! lost — a timeout, a dropped connection, a run killed between send and record — is found
//! again by that token instead of being paid for twice. Shared by `parse FILE` and bulk runs.
//!
//! Here: what the store and a journal know of a key (`Shared`; the claim on it: `claim`), and the job
//! (`job_for`: intent, create, a lost answer found by its token: `token`). The key is made in `key`,
//! the result fetched in `fetch`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use serde_json::{Map, Value, json};

use crate::api::document::FailedPage;
use crate::api::models::Created;
use crate::api::parse_jobs::Source;
use crate::context::{Clock, Stderr};
use crate::error::Error;
use crate::parse::kind::Kind;
use crate::parse::spend::budget::Budget;
use crate::parse::spend::pages;
use crate::parse::token;
use crate::session::Session;
use crate::signals;
pub use crate::store::Known;
use crate::store::shared::SharedStore;
use crate::store::{self, Intent, Store, TOKEN_KEY, What, new_token};
use crate::text::neutralize;

/// The store, shared by the workers of a run; `None` with `--no-cache`.
pub(super) struct Shared {
    pub store: Option<Mutex<Store>>,
    /// A second record of the same events (a bulk run's output directory), read beside the
    /// store: either alone suffices to never pay twice.
    pub journal: Option<Arc<dyn store::Journal>>,
    pub clock: Arc<dyn Clock>,
    pub stderr: Stderr,
    /// The tokens of the creates this run sent: a job found by one of them was made (and paid
    /// for) by this run, whichever round of it finds the job.
    sent: Mutex<HashSet<String>>,
    /// What the run may spend, and what it spent: every create reserves its estimate here.
    pub budget: Arc<Budget>,
    /// The store shared by machines, behind the local one (`--store URL`).
    pub remote: Option<Arc<SharedStore>>,
    /// A dry run's: the shared store is read, nothing copied down from it (`known::looking_at`).
    pub(super) looking: bool,
}

impl Shared {
    /// The memory of a run: the store (`None` with `--no-cache`), and a journal beside it (a bulk
    /// run's output directory).
    pub(super) fn new(
        store: Option<Store>,
        journal: Option<Arc<dyn store::Journal>>,
        clock: Arc<dyn Clock>,
        stderr: Stderr,
    ) -> Self {
        Shared {
            store: store.map(Mutex::new),
            journal,
            clock,
            stderr,
            sent: Mutex::new(HashSet::new()),
            budget: Arc::new(Budget::unlimited()),
            remote: None,
            looking: false,
        }
    }

    /// The same, with the store shared by machines behind the local one (none without a local
    /// store: `--no-cache` reads and writes neither).
    pub(super) fn with_remote(mut self, remote: Option<Arc<SharedStore>>) -> Self {
        if self.store.is_some() {
            self.remote = remote;
        }
        self
    }

    /// The same, spending by `budget`.
    pub(super) fn with_budget(mut self, budget: Arc<Budget>) -> Self {
        self.budget = budget;
        self
    }

    /// Job `job_id` was seen to end (`job`: its last state): what it was billed goes to the
    /// budget, if this run made it.
    pub(super) fn billed(&self, job_id: &str, job: &crate::api::models::Job) {
        if let Some(status) = job.status() {
            self.budget.ended(job_id, status, job.usage());
        }
    }

    pub(super) fn store(&self) -> Option<MutexGuard<'_, Store>> {
        self.store
            .as_ref()
            .map(|s| s.lock().unwrap_or_else(PoisonError::into_inner))
    }

    pub(super) fn now_ms(&self) -> i64 {
        ms(self.clock.now())
    }

    /// Records `what`, on disk before this returns (the store is let go of first, so that the
    /// workers of a run do not queue up behind each other's `fsync`); a failure is the run's (the
    /// file is named, nothing more is created).
    pub(super) fn record(&self, key: &str, what: What) -> Result<(), Error> {
        let at = self.now_ms();
        if let Some(journal) = &self.journal {
            journal.record(key, at, &what).map_err(Error::Io)?;
        }
        // The local store before the shared one: a shared store that fails now (it stopped, a
        // network down) must not cost the local store a job's id.
        let pending = match self.store() {
            Some(mut store) => Some(store.write(key, at, what.clone()).map_err(Error::Io)?),
            None => None,
        };
        if let Some(pending) = pending {
            pending.wait().map_err(Error::Io)?;
        }
        match &self.remote {
            Some(remote) => remote.record(key, at, &what),
            None => Ok(()),
        }
    }

    /// Whether events are recorded anywhere (else a create carries no token).
    pub fn records(&self) -> bool {
        self.store.is_some() || self.journal.is_some()
    }

    /// The pages of `key`'s result of `kind` that failed, as the store recorded them with it.
    pub fn failed_pages(&self, key: &str, kind: Kind) -> Vec<FailedPage> {
        self.store()
            .and_then(|store| {
                store
                    .entry(key)
                    .filter(|e| e.failed_in.contains(kind.name()))
                    .and_then(|e| e.failed_pages.clone())
            })
            .map(Vec::from)
            .unwrap_or_default()
    }

    /// What the store knows of `source`'s result under `key` that may be used now: a URL's
    /// document can change without the URL changing, so an earlier URL's result is never given
    /// as current (a job still running for it is waited for, an unanswered create found).
    pub(super) fn usable(&self, key: &str, kind: Kind, source: &Source) -> Known {
        match (self.known(key, kind), source) {
            (Known::Stored { .. } | Known::Completed(_), Source::Url(_)) => Known::Nothing,
            (known, _) => known,
        }
    }

    /// What `--force` still takes of what is known: a job in flight (running, or a create whose
    /// answer was lost), which a `--force` run stopped half-way left, is waited for rather than
    /// paid for again; a result already had is parsed again.
    pub(super) fn in_flight(&self, key: &str, kind: Kind) -> Known {
        // A result is parsed again: not taken down from the shared store.
        match self.merged(key, kind, false) {
            known @ (Known::Running(_) | Known::Unanswered(_)) => known,
            _ => Known::Nothing,
        }
    }

    /// Records that the job ended with `status`.
    pub fn ended(&self, key: &str, job_id: &str, status: &str) -> Result<(), Error> {
        self.record(
            key,
            What::Ended {
                job_id: job_id.to_string(),
                status: status.to_string(),
            },
        )
    }

    /// Records (once) that `key` is that of the window of a long document with these `pages`,
    /// so that `cache list` shows it as such.
    pub(super) fn window(&self, key: &str, pages: &str) -> Result<(), Error> {
        let noted = |window: Option<Box<str>>| window.is_some_and(|w| &*w == pages);
        if noted(
            self.store()
                .and_then(|s| s.entry(key).and_then(|e| e.window.clone())),
        ) || noted(
            self.journal
                .as_ref()
                .and_then(|j| j.entry(key))
                .and_then(|e| e.window),
        ) {
            return Ok(());
        }
        let pages = pages.to_string();
        self.record(key, What::Window { pages })
    }

    /// Records that the server no longer knows the job.
    pub fn gone(&self, key: &str, job_id: &str) -> Result<(), Error> {
        self.record(
            key,
            What::Gone {
                job_id: job_id.to_string(),
            },
        )
    }
}

/// A document as the messages name it.
fn source_name(source: &Source) -> String {
    match source {
        Source::File(path) => path.display().to_string(),
        Source::Url(url) => url.clone(),
        Source::FileId(id) => id.clone(),
    }
}

/// Milliseconds since the Unix epoch.
pub fn ms(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub use crate::parse::open::open_store_at;
pub(super) use crate::parse::open::{open_shared, open_store};

/// How a create is sent: once (see `plan::send_create`), or through a bulk run's gate.
pub(super) type SendCreate<'a> = &'a dyn Fn(&Map<String, Value>, &Source) -> Result<Created, Error>;

/// A job for the document under `key`: one found by the token of an unanswered create, else a
/// new one (its intent recorded first). Returns the job's id and whether it was created now.
pub(super) fn job_for(
    shared: &Shared,
    session: &Session,
    key: &str,
    source: &Source,
    configuration: &Map<String, Value>,
    unanswered: &[Intent],
    send: SendCreate,
) -> Result<(String, bool), Error> {
    let source = || Ok(source.clone());
    job_for_source(shared, session, key, source, configuration, unanswered, send)
}

/// `job_for`, the document's source made only when a create is to be sent (a long document's
/// file uploaded once its window's job is not found by a token), before its intent is recorded.
pub(super) fn job_for_source(
    shared: &Shared,
    session: &Session,
    key: &str,
    source: impl FnOnce() -> Result<Source, Error>,
    configuration: &Map<String, Value>,
    unanswered: &[Intent],
    send: SendCreate,
) -> Result<(String, bool), Error> {
    if !unanswered.is_empty()
        && let Some((job_id, token)) = token::find(&*shared.clock, &shared.stderr, session, unanswered)?
    {
        shared.record(
            key,
            What::Created {
                job_id: job_id.clone(),
            },
        )?;
        let sent_by_this_run = shared
            .sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&token);
        if sent_by_this_run {
            // Its reservation, held since its answer was lost, is the job's.
            shared.budget.found(&token, &job_id);
        }
        return Ok((job_id, sent_by_this_run));
    }
    // A create this run sent, whose job is still not found: the listing may lag further, and
    // a second create could pay twice. Left for the next run, which looks for it first.
    let sent = shared.sent.lock().unwrap_or_else(PoisonError::into_inner);
    if unanswered.iter().any(|intent| sent.contains(&intent.token)) {
        return Err(Error::failure(format!(
            "the answer to its create was lost and its job is not listed yet: {NOT_AGAIN}"
        )));
    }
    drop(sent);
    // Nothing is uploaded for a create that would not be made.
    if let Some(why) = shared.budget.reached() {
        return Err(Error::BudgetReached(why));
    }
    let source = source()?;
    create(shared, session, key, &source, configuration, send).map(|id| (id, true))
}

/// Records the intent, then creates the job (signals wait for its answer), then records it. A
/// create whose answer is lost is looked for by its token before the error is given up on.
fn create(
    shared: &Shared,
    session: &Session,
    key: &str,
    source: &Source,
    configuration: &Map<String, Value>,
    send: SendCreate,
) -> Result<String, Error> {
    // Its estimate is reserved before anything is recorded or sent: a create that would pass
    // the budget is not made.
    let reservation = shared.budget.reserve(
        &pages::tier_of(configuration),
        pages::of_create(configuration, source),
    )?;
    let mut configuration = configuration.clone();
    let token = shared.records().then(new_token);
    if let Some(token) = &token {
        let tags = configuration
            .entry("user_metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(tags) = tags.as_object_mut() {
            tags.insert(TOKEN_KEY.into(), json!(token));
        }
        let recorded = shared
            .record(key, What::Intent { token: token.clone() })
            .map_err(|err| {
                // Recorded in one place and not the other (OUT's disk full, say): withdrawn
                // where it was, so that no later run looks for a job that was never asked for.
                let withdrawn = What::Refused { token: token.clone() };
                let _ = shared.record(key, withdrawn);
                err.context("nothing was sent")
            });
        if let Err(err) = recorded {
            shared.budget.release(reservation);
            return Err(err);
        }
        // The claim among machines is still this one's (a machine suspended past its lease
        // may have been taken over meanwhile): else nothing is sent, and the intent withdrawn.
        if let Some(remote) = &shared.remote
            && let Err(err) = remote.fence(key, &source_name(source))
        {
            shared.budget.release(reservation);
            let _ = shared.record(key, What::Refused { token: token.clone() });
            return Err(err);
        }
        shared
            .sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(token.clone());
    }
    let hold = signals::hold();
    // A second signal stops at once, before the answer: say how to go on without paying twice.
    signals::leave_hold_words(signals::LastWords {
        output_line: None,
        file: None,
        note: "interrupted while a create was in flight: run the same command again; \
               its job is found by its token, not paid for twice"
            .to_string(),
    });
    let created = send(&configuration, source);
    let job_id = match created {
        Ok(created) => created.id().to_string(),
        Err(err) if matches!(err.root(), Error::Api(api) if api.refused()) => {
            shared.budget.release(reservation);
            // No job carries its token: it is never looked for.
            if let Some(token) = token {
                shared
                    .record(key, What::Refused { token })
                    .map_err(|recording| recording.context(format!("the create was refused ({err})")))?;
            }
            // Out of credits: no more jobs are created (exit 8).
            if matches!(err.root(), Error::Api(api) if api.status_code() == Some(402)) {
                return Err(shared.budget.out_of_credits(&err.to_string()));
            }
            return Err(err);
        }
        Err(err) => {
            let lost = err.server_may_have_acted() || matches!(&err, Error::Context { .. });
            let intents: Vec<Intent> = token
                .iter()
                .map(|token| Intent {
                    token: token.clone(),
                    at: shared.now_ms(),
                })
                .collect();
            match (lost, token) {
                // Not found is no proof that nothing was made: the reservation stays held.
                (true, Some(sent)) => match token::find(&*shared.clock, &shared.stderr, session, &intents) {
                    Ok(Some((job_id, _))) => job_id,
                    found => {
                        shared.budget.keep(Some(&sent), reservation);
                        found?;
                        return Err(err.context(NOT_AGAIN));
                    }
                },
                (false, Some(token)) => {
                    // The server provably took nothing in (no connection, 429, 503): the intent
                    // is withdrawn, so that nothing looks for its job and it may be sent again.
                    let _ = shared.record(key, What::Refused { token });
                    shared.budget.release(reservation);
                    return Err(err);
                }
                (false, None) => {
                    shared.budget.release(reservation);
                    return Err(err);
                }
                (true, None) => {
                    shared.budget.keep(None, reservation);
                    return Err(err);
                }
            }
        }
    };
    shared.budget.made(&job_id, reservation);
    let recorded = shared.record(
        key,
        What::Created {
            job_id: job_id.clone(),
        },
    );
    // A signal that came while the create was in flight stops the run as the hold ends: it
    // says the id.
    signals::leave_hold_words(signals::LastWords {
        output_line: None,
        file: None,
        note: format!(
            "interrupted; job {} was created{}: run the same command again to go on",
            neutralize(&job_id),
            if recorded.is_ok() && shared.records() {
                " and recorded"
            } else {
                ""
            }
        ),
    });
    drop(hold);
    recorded.map_err(|err| {
        err.context(format!(
            "job {} was created but could not be recorded",
            neutralize(&job_id)
        ))
    })?;
    Ok(job_id)
}

/// Why a create whose answer was lost and whose job was not found fails.
const NOT_AGAIN: &str = "not sent again, so as not to pay twice: the next run looks for its job first";
