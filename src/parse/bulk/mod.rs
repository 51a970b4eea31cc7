//! Parsing many documents into a directory (`parse FILE... --output-dir DIR`, `--recursive`,
//! `--from-list`). Submitting and waiting are separate stages: `--concurrency` submitters
//! upload documents and hand their jobs to one poller, which follows every job in flight (up to
//! `--max-in-flight`) in listings by id; a small pool fetches each result as its job ends and
//! writes it atomically. A manifest in DIR records each result when written, and the result
//! store each job as soon as it exists, so a second run skips what is done and waits for what is
//! running instead of paying for it again.
//!
//! One file per stage: `sources` (what to parse; `clash` refuses two documents writing one
//! output, `shard` keeps this machine's share) → `manifest` (what is done) → `submit` (the
//! submitters: `settled` by the output directory, else through the `gate`) → `poll` (one poller
//! for every job) → `results` (fetching and writing them) → `report` (lines, summary, exit);
//! `run` is what they share, `queue` what flows between them, `health` how they wait out an
//! outage.

mod clash;
mod dry_run;
mod escalation;
mod gate;
mod guard;
mod health;
mod manifest;
mod poll;
mod queue;
mod report;
mod results;
mod run;
mod saved;
mod settled;
mod shard;
mod sources;
mod submit;
#[cfg(test)]
mod testing;
mod unfinished;
mod walk;
mod windows;
mod write;

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::api::throttle::Throttle;
use crate::cli::{BulkArgs, Format, GlobalArgs, JobOptions, ScopeArgs, StoreArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::Destination;
use crate::parse::once;
use crate::parse::plan::{Plan, Source};
use crate::parse::request::Request;
use crate::parse::spend::budget::Budget;
use crate::signals::Listener;
use crate::store::lock::Lock;

use manifest::{LOCK, Manifest};
use queue::Event;
use report::{End, Tally, progress, summarize};
use run::{Run, Setup};
use shard::Shard;
use sources::Sources;

/// Many documents into `--output-dir` (`parse` with several documents or any bulk option,
/// `parsing create --wait` likewise). `again` is the command line, to say how to resume.
pub fn run(global: &GlobalArgs, request: Request, again: &str, ctx: &mut Context) -> Result<(), Error> {
    let Request {
        sources,
        job,
        scope,
        store,
        bulk,
        wait_timeout,
        cancel_on_timeout,
        window_pages,
        saving,
        spend,
        ..
    } = request;
    let given = Given {
        bulk,
        store,
        timeout: wait_timeout,
        cancel: cancel_on_timeout,
        again,
        window_pages,
        saving,
        spend,
    };
    run_given(global, job, &given, sources, scope, ctx)
}

/// What the command line asks of a bulk run.
struct Given<'a> {
    bulk: &'a BulkArgs,
    store: &'a StoreArgs,
    /// How long to wait for each job.
    timeout: Duration,
    /// Cancel a job that has not ended by then.
    cancel: bool,
    /// The command line, to say how to resume.
    again: &'a str,
    /// `--window-pages` (0: no windows).
    window_pages: u64,
    saving: crate::parse::save::Saving,
    /// `--max-credits`, `--assume-pages`, `--escalate`.
    spend: &'a crate::cli::SpendArgs,
}

fn run_given(
    global: &GlobalArgs,
    options: &JobOptions,
    given: &Given,
    arguments: Vec<(Source, String)>,
    scope: &ScopeArgs,
    ctx: &mut Context,
) -> Result<(), Error> {
    let (bulk, timeout) = (given.bulk, given.timeout);
    let Some(dir) = &bulk.output_dir else {
        return Err(Error::usage(
            "several documents need --output-dir DIR (each result is written there)",
        ));
    };
    if global.output.is_some() || global.jq().is_some() {
        return Err(Error::usage(
            "with several documents the results go to --output-dir; -o and --jq do not apply",
        ));
    }
    report::check_format(global)?;
    let jsonl = matches!(global.format, Some(Format::Jsonl));
    // The key and the tier before anything local is read, so a mistake shows at once.
    let mut plan = Plan::resolve(global, options, scope, global.format, ctx)?;
    plan.save(&given.saving)?;
    plan.check_escalation(given.spend.escalate, &given.saving)?;
    let throttle = Arc::new(Throttle::default());
    plan.session.client.share_throttle(Arc::clone(&throttle));
    let kind = sources::kind_of_run(global, &plan).full_if(given.saving.full());
    let max_credits = plan.max_credits(given.spend.max_credits)?;
    let version = crate::parse::version::dated(&plan.session, &plan.configuration, &ctx.io.stderr);
    let Plan {
        session,
        configuration,
    } = plan;
    std::fs::create_dir_all(dir)
        .map_err(|err| Error::usage(format!("cannot create {}: {err}", dir.display())))?;
    // One run at a time on an output directory (and on the store): a second waits, saying so.
    let lock_path = dir.join(LOCK);
    let _lock = Lock::acquire(&lock_path, || {
        ctx.io.stderr.line(&format!(
            "Blocking waiting for file lock on {} (another llamacloud run writes there)",
            dir.display()
        ));
    })
    .map_err(Error::Io)?;
    let store = if given.store.no_cache {
        None
    } else {
        Some(once::open_store(&session, &ctx.io.stderr)?)
    };
    let remote = once::open_shared(&session, given.store, ctx.env.as_ref(), &ctx.io.stderr)?;
    let manifest = Arc::new(Manifest::open(dir)?);
    // The results this tool wrote are never documents: looked for only where a walk could meet
    // them (the output directory inside a tree).
    let inside_a_tree = std::fs::canonicalize(dir).is_ok_and(|out| {
        bulk.recursive
            .iter()
            .filter_map(|root| std::fs::canonicalize(root).ok())
            .any(|root| out.starts_with(root))
    });
    let ours: HashSet<PathBuf> = if inside_a_tree {
        manifest
            .outputs()
            .filter_map(|path| std::fs::canonicalize(path).ok())
            .collect()
    } else {
        HashSet::new()
    };
    let sources = Sources::new(bulk, arguments, dir, kind, ours, ctx)?;
    let total = sources.count(&ctx.io.stderr)?;
    let uploads = usize::from(bulk.concurrency);
    let submitters = uploads.min(total.max(1));
    let shard = bulk.shard.map(Shard::new);
    let budget = Arc::new(Budget::of(max_credits, given.spend.assume_pages));
    let setup = Setup {
        session: &session,
        once: once::Shared::new(
            store,
            Some(manifest.clone()),
            Arc::clone(&ctx.clock),
            ctx.io.stderr.clone(),
        )
        .with_budget(Arc::clone(&budget))
        .with_remote(remote.clone()),
        configuration,
        kind,
        timeout,
        cancel_on_timeout: given.cancel,
        force: given.store.force,
        shard,
        window_pages: given.window_pages,
        saving: given.saving.clone(),
        version,
        window_parallel: bulk.max_in_flight as usize,
        escalate: given.spend.escalate,
        manifest,
        throttle,
    };
    let mut run = Run::new(setup, sources.pass(None), uploads, bulk.max_in_flight as usize);
    if remote.is_some() {
        run = run.taking_ahead(ahead(ctx.env.as_ref()));
    }

    let started = Instant::now();
    let bar = progress(ctx, total as u64);
    let listener = Listener::start();
    let mut signal = None;
    let mut tally = Tally::default();
    let (sender, receiver) = mpsc::channel::<Event>();
    // The jsonl lines go through the output destination (stdout: -o was refused above).
    let mut lines = if jsonl {
        Some(Destination::new(None, ctx.io.terminals.stdout).open(&ctx.io.stdout)?)
    } else {
        None
    };
    let mut written = Ok(());
    std::thread::scope(|scope| {
        let run = &run;
        for _ in 0..submitters {
            let sender = sender.clone();
            scope.spawn(move || stage(run, "submit", || submit::submit(run, &sender)));
        }
        let poller = sender.clone();
        scope.spawn(move || stage(run, "poll", || run.poller.watch(run, &poller)));
        for _ in 0..results::FETCHERS {
            let sender = sender.clone();
            scope.spawn(move || stage(run, "result", || results::fetch(run, &sender)));
        }
        drop(sender);
        loop {
            match receiver.recv_timeout(Duration::from_millis(100)) {
                Ok(Event::Outcome(outcome)) if written.is_ok() => {
                    written = tally.report(ctx, *outcome, lines.as_mut(), &bar);
                    if written.is_err() {
                        // Nobody reads the output any more (`| head`): start nothing new.
                        run.halt();
                    }
                }
                Ok(Event::Outcome(_)) => {}
                Ok(Event::Outside) => tally.outside(&bar),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            tally.pages(run.pages(), &bar);
            if signal.is_none()
                && let Some(received) = listener.received()
            {
                // No new document is started; what is running records where it got to.
                signal = Some(received);
                run.halt();
            }
        }
    });
    drop(listener);
    bar.clear();
    if let Some(store) = &run.once.store {
        queue::lock(store).stat.compact();
    }
    written?;
    let receipt = tally.receipt(&budget);
    if let Some(mut lines) = lines {
        report::receipt_line(&receipt, &mut lines)?;
        lines.commit()?;
    }
    let end = End {
        // More when the tree grew as the run started.
        total: total.max(run.taken()),
        shard: shard.map(|s| s.to_string()),
        fatal: run.fatal(),
        aborted: run.aborted(),
        dir,
        took: started.elapsed(),
        signal,
        again: given.again,
        force: given.store.force,
        receipt,
    };
    if let Some(remote) = remote.filter(|remote| remote.abandoned()) {
        ctx.io.stderr.line(&format!(
            "note: the shared store {} was not reached: this run's jobs and results are in the local store only",
            remote.url()
        ));
    }
    summarize(ctx, tally, end)
}

/// `--dry-run` of `parse` or `parsing create`: what would be done, and nothing sent.
pub fn dry_run(global: &GlobalArgs, request: Request, ctx: &mut Context) -> Result<(), Error> {
    dry_run::dry_run(global, request, ctx)
}

/// Runs one stage's thread: a panic in it ends the run (exit 1, the usual summary), never a
/// hang.
fn stage(run: &Run, name: &str, work: impl FnOnce()) {
    if let Err(why) = catch_panic(work) {
        run.fail_with(format!("internal error: the {name} stage stopped ({why})"));
    }
}

/// Runs `work`, turning a panic into its message.
fn catch_panic(work: impl FnOnce()) -> Result<(), String> {
    std::panic::catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// With a shared store, the documents are taken at random within the next 1,024 (`Ahead`): a
/// run's own order, different on every machine. Test builds pin the window and the draw
/// (`LLAMACLOUD_TEST_TAKE_WINDOW`, `LLAMACLOUD_TEST_TAKE_SEED`).
fn ahead(env: &dyn crate::context::Env) -> clash::Ahead {
    const WINDOW: usize = 1024;
    #[cfg(feature = "test-support")]
    {
        let number = |name: &str| env.var(name).and_then(|v| v.parse::<u64>().ok());
        let window = number("LLAMACLOUD_TEST_TAKE_WINDOW").map_or(WINDOW, |w| w.max(1) as usize);
        let random =
            number("LLAMACLOUD_TEST_TAKE_SEED").map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
        clash::Ahead::new(window, random)
    }
    #[cfg(not(feature = "test-support"))]
    {
        let _ = env;
        clash::Ahead::new(WINDOW, fastrand::Rng::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message() {
        assert_eq!(catch_panic(|| {}), Ok(()));
        assert_eq!(catch_panic(|| panic!("boom {}", 7)), Err("boom 7".to_string()));
        assert_eq!(
            catch_panic(|| std::panic::panic_any(1u8)),
            Err("a panic".to_string())
        );
    }
}
