//! The windows of one document, followed side by side: each through the lifecycle of any
//! document (its key, what the store and OUT know, its claim, its intent and create, the wait,
//! the fetch into the store), over one upload of the file made when the first window needs a
//! job. A window the API refuses for having too many pages is parsed again as two halves; one
//! that ends FAILED otherwise fails its pages, not the document. The results come back in the
//! windows' order, each as soon as it and those before it are in.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::Duration;

use serde_json::{Map, Value};

use crate::api::files;
use crate::api::models::Created;
use crate::api::parse_jobs::Source;
use crate::error::Error;
use crate::parse::fetch::{self, Fetch, Kept};
use crate::parse::job;
use crate::parse::once::{self, Known, Shared};
use crate::parse::window::stitch::Piece;
use crate::parse::window::watch::Watch;
use crate::parse::window::{Long, Window, too_long};
use crate::session::Session;
use crate::store::Intent;
use crate::text::neutralize;

/// The most windows of one document followed at once, whatever `--max-in-flight` allows (each
/// is a thread while its job runs).
const MOST_AT_ONCE: usize = 32;

/// Jobs in flight across a run (a bulk run's `--max-in-flight`): a window takes a slot while its
/// job runs.
pub(in crate::parse) trait Slots: Sync {
    /// Waits for a slot; `false` when the run stopped first.
    fn take(&self) -> bool;
    fn give(&self);
}

/// What a bulk run knows of its jobs beyond the store: one document decides about a key at a
/// time, and the job this run made for a key is followed by the others with the same bytes
/// where the store does not say (`--no-cache`, `--force`).
pub(in crate::parse) trait Jobs: Sync {
    /// Waits while another document decides about `key`; holds the decision until dropped.
    fn decide<'s>(&'s self, key: &str) -> Box<dyn Held + 's>;
    /// The job this run made or follows for `key`, where the store does not say.
    fn job(&self, key: &str) -> Option<String>;
    /// This run made `job_id` for `key`.
    fn made(&self, key: &str, job_id: &str);
}

/// Something held until dropped.
pub(in crate::parse) trait Held {}

impl<T> Held for T {}

/// How a window's create is sent, from any of the threads that follow windows.
pub(in crate::parse) type SendCreate<'a> =
    &'a (dyn Fn(&Map<String, Value>, &Source) -> Result<Created, Error> + Sync);

/// A document parsed in windows, and what its run has to do it with.
pub(in crate::parse) struct Windowed<'a> {
    /// The document (a local file, uploaded once for all its windows), its configuration, and
    /// how it is windowed.
    pub long: &'a Long<'a>,
    /// The document's file.
    pub path: &'a Path,
    pub session: &'a Session,
    pub shared: &'a Shared,
    /// How long to wait for each window's job, and whether to cancel one that has not ended.
    pub timeout: Duration,
    pub cancel: bool,
    pub send: SendCreate<'a>,
    /// Whether the run the document is part of stopped (a bulk run's Ctrl-C): nothing more is
    /// started, and the windows being waited for are let go of (their jobs run on).
    pub halted: &'a (dyn Fn() -> bool + Sync),
    /// The run's jobs beyond the store, if it has several documents.
    pub jobs: Option<&'a dyn Jobs>,
    /// The run's slots for jobs in flight, if it bounds them across documents.
    pub slots: Option<&'a dyn Slots>,
}

/// What the windows of a document share: the one upload, the cap the API named, whether to
/// stop.
struct Windows<'w> {
    windowed: &'w Windowed<'w>,
    /// The uploaded file's id, once uploaded.
    file_id: Mutex<Option<String>>,
    /// The file's size and modification time when its windows were planned.
    seen: Option<(u64, Option<std::time::SystemTime>)>,
    /// The most pages a job may have, as the API said in refusing one (0: not said).
    cap: AtomicU64,
    stop: AtomicBool,
    /// A window failed for good: no more are started.
    failed: AtomicBool,
    /// The windows' jobs, waited for together.
    watch: Watch,
}

/// Follows `windows` side by side and hands each window's pieces, in the windows' order, to
/// `take` as they come in (the first error ends it: nothing more is started, and the windows
/// being waited for are let go of — their jobs run on, and the next run takes them up; the
/// budget reached lets them end first). `take` returns once it has had them all, or on the first error (its result is returned).
pub(in crate::parse) fn follow<T>(
    windowed: &Windowed,
    windows: Vec<Window>,
    take: impl FnOnce(&mut dyn Iterator<Item = Result<Piece, Error>>) -> Result<T, Error>,
) -> Result<T, Error> {
    let run = Windows {
        windowed,
        file_id: Mutex::new(None),
        seen: stat(windowed.path),
        cap: AtomicU64::new(0),
        stop: AtomicBool::new(false),
        failed: AtomicBool::new(false),
        watch: Watch::default(),
    };
    let total = windows.len();
    // Windows followed at once: `--max-in-flight`, at most `MOST_AT_ONCE`.
    let threads = windowed.long.parallel.min(MOST_AT_ONCE).clamp(1, total.max(1));
    run.watch.waiters.store(threads, Ordering::SeqCst);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, Result<Vec<Piece>, Error>)>();
    std::thread::scope(|scope| {
        let run = &run;
        let shared = windowed.shared;
        scope.spawn(move || {
            let clock = &*shared.clock;
            run.watch
                .run(windowed.session, clock, windowed.cancel, &|| run.stopped());
        });
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, windows) = (&next, &windows);
            scope.spawn(move || {
                // However it ends, the watcher knows this thread waits no more.
                let _leaving = Leaving(&run.watch);
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= total || run.stopped() || run.failed.load(Ordering::SeqCst) {
                        return;
                    }
                    let pieces = run.window(windows[index].clone());
                    if pieces.is_err() {
                        // The document cannot be written: no more windows are started (those
                        // started go on to their end, their results kept for the next run).
                        run.failed.store(true, Ordering::SeqCst);
                    }
                    if sender.send((index, pieces)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut in_order = InOrder {
            receiver,
            waiting: BTreeMap::new(),
            next: 0,
            ready: Vec::new(),
            total,
        };
        let taken = take(&mut in_order);
        // Whatever `take` did not need is let go of; but when the budget is reached, the
        // windows whose jobs were made go on to their end (billed, their results kept for the
        // next run), as a bulk run's jobs in flight do.
        if !matches!(&taken, Err(err) if matches!(err.root(), Error::BudgetReached(_))) {
            run.stop.store(true, Ordering::SeqCst);
        }
        taken
    })
}

/// A thread that follows windows, done with the watch when dropped.
struct Leaving<'w>(&'w Watch);

impl Drop for Leaving<'_> {
    fn drop(&mut self) {
        self.0.leave();
    }
}

/// The windows' pieces in the windows' order, each window's as soon as it and those before it
/// are in.
struct InOrder {
    receiver: mpsc::Receiver<(usize, Result<Vec<Piece>, Error>)>,
    waiting: BTreeMap<usize, Result<Vec<Piece>, Error>>,
    next: usize,
    /// The pieces of the window being handed over, last first.
    ready: Vec<Piece>,
    total: usize,
}

impl Iterator for InOrder {
    type Item = Result<Piece, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(piece) = self.ready.pop() {
                return Some(Ok(piece));
            }
            if self.next >= self.total {
                return None;
            }
            if let Some(window) = self.waiting.remove(&self.next) {
                self.next += 1;
                match window {
                    Ok(mut pieces) => {
                        pieces.reverse();
                        self.ready = pieces;
                    }
                    Err(err) => {
                        self.next = self.total;
                        return Some(Err(err));
                    }
                }
                continue;
            }
            match self.receiver.recv() {
                Ok((index, pieces)) => {
                    self.waiting.insert(index, pieces);
                }
                Err(_) => {
                    self.next = self.total;
                    return Some(Err(Error::failure("internal error: a window was lost")));
                }
            }
        }
    }
}

impl Windows<'_> {
    /// Nothing more is to be done: what was taken is all that is needed, or the run stopped.
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || (self.windowed.halted)()
    }

    /// One window to its pieces: its result, or its pages failed, or (refused as too long) its
    /// halves'.
    fn window(&self, window: Window) -> Result<Vec<Piece>, Error> {
        let cap = self.cap.load(Ordering::SeqCst);
        if cap > 0
            && window.pages() > cap
            && let Some((first, second)) = window.halves()
        {
            return self.halves(first, second);
        }
        let w = self.windowed;
        let (shared, session) = (w.shared, w.session);
        let configuration = window.configuration(w.long.configuration);
        // Every window's key and the one upload are of the bytes the windows were planned on.
        self.unchanged()?;
        let key = w.long.key_of(shared, session, &window, true)?;
        // One document of the run decides about a window's key at a time: another with the same
        // bytes follows the job the first made (a bulk run's, where the store does not say).
        let mut deciding = w.jobs.map(|jobs| jobs.decide(&key));
        let claim = shared.claim(&key, w.long.name)?;
        let mut known = match w.jobs.and_then(|jobs| jobs.job(&key)) {
            Some(job_id) => Known::Running(job_id),
            None => w.long.known(shared, &key),
        };
        // A job is followed in a slot of the run's.
        let slot = match (&known, w.slots) {
            (Known::Stored { .. }, _) | (_, None) => None,
            (_, Some(slots)) if slots.take() => Some(Slot(slots)),
            (_, Some(_)) => return Err(Error::failure("stopped before its window was parsed")),
        };
        // A job the server no longer knows is parsed again, once.
        for _ in 0..2 {
            let job_id = match known {
                Known::Stored { path, job_id } => {
                    let failed = shared.failed_pages(&key, w.long.stored);
                    return Ok(vec![Piece::Result {
                        kept: Kept::Stored(path),
                        key: key.clone(),
                        job_id,
                        window,
                        failed,
                        credits: Some(0.into()),
                    }]);
                }
                Known::Completed(job_id) | Known::Running(job_id) => Ok((job_id, false)),
                Known::Unanswered(intents) => self.create(&window, &key, &configuration, &intents),
                Known::Ended(_) | Known::Nothing => self.create(&window, &key, &configuration, &[]),
            }
            .map_err(|err| match self.refused_as_too_long(&err.to_string()) {
                true => Refused::TooLong,
                false => Refused::Other(err),
            });
            let (job_id, created) = match job_id {
                Ok((job_id, created)) => {
                    if let (Some(jobs), true) = (w.jobs, created) {
                        jobs.made(&key, &job_id);
                    }
                    // Decided: another document with the same bytes follows this job.
                    deciding = None;
                    (job_id, created)
                }
                Err(Refused::TooLong) => {
                    drop((claim, slot, deciding));
                    return self.split(window, None);
                }
                Err(Refused::Other(err)) => return Err(err),
            };
            // However the wait ends, nothing waits for a bill this window will not see.
            let _unbilled = LetGo(shared, job_id.clone());
            let stopped = || self.stopped();
            let clock = &*shared.clock;
            let last = match self.watch.wait(&job_id, !created, w.timeout, clock, &stopped) {
                Ok(last) => last,
                Err(Error::Api(err)) if err.is_not_found() => {
                    shared.gone(&key, &job_id)?;
                    known = Known::Nothing;
                    continue;
                }
                Err(err @ Error::WaitedOut { cancelled: true, .. }) => {
                    shared.ended(&key, &job_id, "CANCELLED")?;
                    return Err(err);
                }
                Err(err) => return Err(err),
            };
            shared.billed(&job_id, &last);
            let status = last.status().unwrap_or_default().to_string();
            shared.ended(&key, &job_id, &status)?;
            match status.as_str() {
                "COMPLETED" => {}
                "FAILED" => {
                    let error = last.error_message().unwrap_or("the job failed").to_string();
                    if self.refused_as_too_long(&error) {
                        drop((claim, slot, deciding));
                        return self.split(window, Some(job_id));
                    }
                    return Ok(vec![Piece::Failed {
                        job_id,
                        window,
                        error,
                    }]);
                }
                _ => {
                    return Err(
                        job::ended_badly(&job_id, &last).unwrap_or_else(|| Error::failure("the job ended"))
                    );
                }
            }
            match fetch::fetch_result(shared, session, &key, &job_id, w.long.stored) {
                Ok(fetched) => {
                    return Ok(vec![Piece::Result {
                        kept: fetched.kept,
                        key: key.clone(),
                        job_id,
                        window,
                        failed: fetched.failed_pages,
                        credits: if created { last.credits() } else { Some(0.into()) },
                    }]);
                }
                Err(Fetch::Gone) => {
                    shared.gone(&key, &job_id)?;
                    known = Known::Nothing;
                }
                Err(Fetch::Failed(err)) => return Err(err),
            }
        }
        Err(Error::failure("the API lost the new job as well"))
    }

    /// Whether `message` is the API's refusal of a job for having too many pages: the cap it
    /// names is kept, so that the windows still to come are made small enough.
    fn refused_as_too_long(&self, message: &str) -> bool {
        let Some(limit) = too_long(message) else {
            return false;
        };
        if limit.cap > 0 {
            let _ = self.cap.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |now| {
                (now == 0 || limit.cap < now).then_some(limit.cap)
            });
        }
        true
    }

    /// A window the API refused as too long (its job `job_id`, if one was made): its halves, or,
    /// for a single page, the page failed.
    fn split(&self, window: Window, job_id: Option<String>) -> Result<Vec<Piece>, Error> {
        let Some((first, second)) = window.halves() else {
            return Ok(vec![Piece::Failed {
                job_id: job_id.unwrap_or_default(),
                window,
                error: "refused by the API as too long".into(),
            }]);
        };
        self.windowed.shared.stderr.line(&format!(
            "note: the API refused pages {} of {} as too many for one job: parsing them as {} and {}",
            window.target_pages(),
            neutralize(self.windowed.long.name),
            first.target_pages(),
            second.target_pages()
        ));
        self.halves(first, second)
    }

    fn halves(&self, first: Window, second: Window) -> Result<Vec<Piece>, Error> {
        let mut pieces = self.window(first)?;
        pieces.extend(self.window(second)?);
        Ok(pieces)
    }

    /// A job for the window under `key`: one found by the token of an unanswered create, else a
    /// new one over the uploaded file (uploaded now if no window has yet). Returns its id and
    /// whether it was created (paid for) by this run.
    fn create(
        &self,
        window: &Window,
        key: &str,
        configuration: &Map<String, Value>,
        unanswered: &[Intent],
    ) -> Result<(String, bool), Error> {
        let w = self.windowed;
        w.shared.window(key, &window.target_pages())?;
        // Uploaded only for a create to be sent, not for a job found by its token.
        let source = || self.file_id().map(Source::FileId);
        once::job_for_source(
            w.shared,
            w.session,
            key,
            source,
            configuration,
            unanswered,
            w.send,
        )
    }

    /// The uploaded file's id: uploaded by the first window that needs it, while the others
    /// wait.
    /// The file is as it was when its windows were planned (its size and modification time):
    /// a file rewritten during the run would give later windows keys of bytes their jobs did not
    /// parse.
    fn unchanged(&self) -> Result<(), Error> {
        if stat(self.windowed.path) == self.seen {
            return Ok(());
        }
        Err(Error::failure(format!(
            "{} changed since its windows were planned: not parsed further (run again once it is complete)",
            neutralize(self.windowed.long.name)
        )))
    }

    fn file_id(&self) -> Result<String, Error> {
        let mut file_id = self.file_id.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(id) = &*file_id {
            return Ok(id.clone());
        }
        let w = self.windowed;
        self.unchanged()?;
        let uploaded = files::upload(&w.session.client, &w.session.scope, w.path)?;
        *file_id = Some(uploaded.id.clone());
        Ok(uploaded.id)
    }
}

/// A file's size and modification time.
fn stat(path: &Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

/// A slot taken, given back when dropped.
struct Slot<'s>(&'s dyn Slots);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.give();
    }
}

/// Why a window got no job.
enum Refused {
    /// The API refused it for having too many pages.
    TooLong,
    Other(Error),
}

/// Lets go of a job's reservation when dropped, unless it was billed (`Budget::let_go`).
struct LetGo<'s>(&'s Shared, String);

impl Drop for LetGo<'_> {
    fn drop(&mut self) {
        self.0.budget.let_go(&self.1);
    }
}
