//! Parsing many documents into a directory (`parse FILE... --output-dir DIR`, `--recursive`,
//! `--from-list`): N workers share one client, each uploads a document, waits for its job and
//! writes the result atomically as soon as it is done. A manifest in DIR records each job as
//! soon as it exists and each result when written, so a second run skips what is done and
//! waits for what is running instead of paying for it again.
//!
//! One file per stage: `sources` (what to parse) → `manifest` (what is done) → `submit` (the
//! workers and their gate) → `poll` (one poller for every job) → `results` (writing them) →
//! `report` (lines, summary, exit).

mod gate;
mod manifest;
mod poll;
mod report;
mod results;
mod shared;
mod sources;
mod submit;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::api::models::Part;
use crate::api::throttle::Throttle;
use crate::cli::{
    BulkArgs, Format, GlobalArgs, JobOptions, ParseArgs, ParsingCreateArgs, ScopeArgs, StoreArgs,
};
use crate::commands::Session;
use crate::commands::create::{self, Source, source_of_argument};
use crate::commands::once::{self, Kind};
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::Destination;
use crate::signals::Listener;
use crate::store::lock::Lock;

use gate::Gate;
use manifest::{LOCK, Manifest};
use poll::Poller;
use report::{End, Outcome, progress, report, summarize};
use shared::Shared;
use submit::{Work, work};

/// `parse` with several documents or any bulk option. `again` is the command line, to say how
/// to resume.
pub fn parse(global: &GlobalArgs, args: &ParseArgs, again: &str, ctx: &mut Context) -> Result<(), Error> {
    let sources = args.sources.iter().map(|s| source_of_argument(s)).collect();
    let run_args = Run {
        bulk: &args.bulk,
        store: &args.store,
        timeout: args.wait_timeout,
        again,
    };
    run(global, &args.job, &run_args, sources, &args.scope, ctx)
}

/// `parsing create --wait` with several files or any bulk option.
pub fn create(
    global: &GlobalArgs,
    args: &ParsingCreateArgs,
    again: &str,
    ctx: &mut Context,
) -> Result<(), Error> {
    if !args.waiting.wait {
        return Err(Error::usage(
            "several documents, --output-dir, --recursive and --from-list need --wait \
             (or use `llamacloud parse`)",
        ));
    }
    let sources = args.files.iter().map(|f| Source::File(f.clone())).collect();
    let run_args = Run {
        bulk: &args.bulk,
        store: &args.store,
        timeout: args.waiting.wait_timeout,
        again,
    };
    run(global, &args.job, &run_args, sources, &args.scope, ctx)
}

/// How a bulk run goes.
struct Run<'a> {
    bulk: &'a BulkArgs,
    store: &'a StoreArgs,
    /// How long to wait for each job.
    timeout: Duration,
    /// The command line, to say how to resume.
    again: &'a str,
}

fn run(
    global: &GlobalArgs,
    options: &JobOptions,
    run: &Run,
    arguments: Vec<Source>,
    scope: &ScopeArgs,
    ctx: &mut Context,
) -> Result<(), Error> {
    let (bulk, timeout) = (run.bulk, run.timeout);
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
    let jsonl = matches!(global.format, Some(Format::Jsonl));
    let base = create::read_base_options(options, ctx)?;
    // The key and the tier before anything local is read, so a mistake shows at once.
    let session = Session::open(global, scope, ctx)?;
    let throttle = Arc::new(Throttle::default());
    session.client.share_throttle(Arc::clone(&throttle));
    let configuration = create::configuration(options, base, session.settings.tier.as_ref(), ctx)?;
    let fast = configuration.get("tier").and_then(Value::as_str) == Some("fast");
    let kind = match global.format {
        Some(Format::Text) => Kind::Part(Part::Text),
        Some(Format::Json) => Kind::Json,
        _ if global.json => Kind::Json,
        _ if fast => Kind::Part(Part::Text),
        _ => Kind::Part(Part::Markdown),
    };
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
    let mut store = if run.store.no_cache {
        None
    } else {
        Some(once::open_store(&session, &ctx.io.stderr)?)
    };
    let manifest = Manifest::open(dir)?;
    let ours: HashSet<PathBuf> = manifest
        .outputs()
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .collect();
    let documents = sources::collect(bulk, arguments, dir, kind, &ours, ctx)?;
    let total = documents.len();
    // Each document's result key, from the stat cache where the file is unchanged; documents
    // with the same bytes share one job.
    let mut works: Vec<Work> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut unreadable = Vec::new();
    for document in documents {
        let key = sources::check(&document.source)
            .and_then(|()| once::key_of(store.as_mut(), &session, &document.source, &configuration));
        match key {
            Ok(key) => match by_key.get(&key) {
                Some(&at) => works[at].documents.push(document),
                None => {
                    by_key.insert(key.clone(), works.len());
                    works.push(Work {
                        key,
                        documents: vec![document],
                    });
                }
            },
            Err(err) => unreadable.push(Outcome {
                source: document.name.clone(),
                job_id: None,
                status: "ERROR".into(),
                output: None,
                failure: Some(err),
                uploaded: 0,
            }),
        }
    }
    if let Some(store) = store.as_mut() {
        store.stat.compact();
    }
    let workers = usize::from(bulk.concurrency).min(works.len().max(1));
    let shared = Shared {
        session: &session,
        once: once::Shared {
            store: store.map(Mutex::new),
            clock: Arc::clone(&ctx.clock),
            stderr: ctx.io.stderr.clone(),
        },
        configuration,
        kind,
        timeout,
        force: run.store.force,
        manifest,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        fatal: Mutex::new(None),
        gate: Gate::new(workers),
        throttle,
        poller: Poller::new(workers),
    };

    let started = Instant::now();
    let bar = progress(ctx, total as u64);
    let listener = Listener::start();
    let mut signal = None;
    let mut outcomes = Vec::new();
    let (sender, receiver) = mpsc::channel::<Outcome>();
    for outcome in unreadable {
        let _ = sender.send(outcome);
    }
    // The jsonl lines go through the output destination (stdout: -o was refused above).
    let mut lines = if jsonl {
        Some(Destination::new(None, ctx.io.terminals.stdout).open(&ctx.io.stdout)?)
    } else {
        None
    };
    let mut written = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (shared, works) = (&shared, &works);
            scope.spawn(move || {
                work(shared, works, &sender);
                shared.poller.worker_done();
            });
        }
        let shared_ref = &shared;
        scope.spawn(move || shared_ref.poller.run(&shared_ref.for_poller()));
        drop(sender);
        loop {
            match receiver.recv_timeout(Duration::from_millis(100)) {
                Ok(outcome) => {
                    outcomes.push(outcome);
                    if written.is_ok() {
                        written = report(ctx, &outcomes, lines.as_mut(), &bar);
                        if written.is_err() {
                            // Nobody reads the output any more (`| head`): start nothing new.
                            shared.stop.store(true, Ordering::SeqCst);
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if signal.is_none()
                && let Some(received) = listener.received()
            {
                // No new document is started; what is running records where it got to.
                signal = Some(received);
                shared.stop.store(true, Ordering::SeqCst);
            }
        }
    });
    drop(listener);
    bar.finish_and_clear();
    written?;
    if let Some(lines) = lines {
        lines.commit()?;
    }
    let end = End {
        total,
        fatal: shared.fatal(),
        dir,
        took: started.elapsed(),
        signal,
        again: run.again,
    };
    summarize(ctx, outcomes, &end)
}
