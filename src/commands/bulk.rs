//! Parsing many documents into a directory (`parse FILE... --output-dir DIR`, `--recursive`,
//! `--from-list`): N workers share one client, each uploads a document, waits for its job and
//! writes the result atomically as soon as it is done. A manifest in DIR records each job as
//! soon as it exists and each result when written, so a second run skips what is done and
//! waits for what is running instead of paying for it again.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::client::Throttle;
use crate::api::endpoints;
use crate::atomic_file::AtomicFile;
use crate::cli::{BulkArgs, Format, GlobalArgs, JobOptions, ParseArgs, ParsingCreateArgs, ScopeArgs};
use crate::commands::Session;
use crate::commands::create::{self, Source};
use crate::commands::wait::{self, is_final};
use crate::context::{Clock, Context};
use crate::error::Error;
use crate::output::content;
use crate::output::job::{Job, Part, human_size};
use crate::signals::Listener;
use crate::text::neutralize;

/// The manifest's name inside the output directory.
pub const MANIFEST: &str = ".llamacloud-manifest.jsonl";
/// Creates answered 429 (after the client's own retries) are tried again this many times.
const THROTTLED_ROUNDS: u32 = 10;
/// A waiting worker looks at the stop flag at least this often.
const STOP_CHECK: Duration = Duration::from_millis(200);

/// One document to parse.
#[derive(Debug, Clone)]
struct Document {
    source: Source,
    /// How the manifest and the output lines name it: the path as given, or the URL.
    name: String,
    /// What makes it the same document next time: size and modification time, or the URL.
    fingerprint: String,
    /// Where its result goes.
    output: PathBuf,
}

/// One line of the manifest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Record {
    source: String,
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
}

/// What happened to one document: a line of `--format jsonl`.
#[derive(Debug, Serialize)]
struct Outcome {
    source: String,
    job_id: Option<String>,
    /// COMPLETED, FAILED, CANCELLED, SKIPPED (done before), RUNNING (left on a signal) or ERROR.
    status: String,
    output: Option<String>,
    /// Why it did not complete; written as its message.
    #[serde(rename = "error", serialize_with = "message_of")]
    failure: Option<Error>,
    /// Bytes uploaded for it in this run.
    #[serde(skip)]
    uploaded: u64,
}

/// The result file's kind.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Part(Part),
    Json,
}

/// What the workers share.
struct Shared<'a> {
    session: &'a Session,
    clock: Arc<dyn Clock>,
    configuration: Map<String, Value>,
    kind: Kind,
    timeout: Duration,
    force: bool,
    previous: HashMap<String, Record>,
    manifest: Mutex<File>,
    next: AtomicUsize,
    stop: AtomicBool,
    gate: Gate,
    throttle: Arc<Throttle>,
    poller: Poller,
}

/// `parse`: many documents (or any bulk option) here, one by `create::parse`.
/// `again` is the command line, to say how to resume.
pub fn parse(global: &GlobalArgs, args: &ParseArgs, again: &str, ctx: &mut Context) -> Result<(), Error> {
    if args.sources.len() > 1 || args.bulk.any() {
        let sources = args.sources.iter().map(|s| Source::of_argument(s)).collect();
        let run_args = Run {
            bulk: &args.bulk,
            timeout: args.wait_timeout,
            again,
        };
        return run(global, &args.job, &run_args, sources, &args.scope, ctx);
    }
    create::parse(global, args, ctx)
}

/// `parsing create`: several files (or any bulk option, with --wait) here, one by
/// `create::create`.
pub fn create_many(
    global: &GlobalArgs,
    args: &ParsingCreateArgs,
    again: &str,
    ctx: &mut Context,
) -> Result<(), Error> {
    if args.files.len() <= 1 && !args.bulk.any() {
        return create::create(global, args, ctx);
    }
    if !args.waiting.wait {
        return Err(Error::usage(
            "several documents, --output-dir, --recursive and --from-list need --wait \
             (or use `llamacloud parse`)",
        ));
    }
    let sources = args.files.iter().map(|f| Source::File(f.clone())).collect();
    let run_args = Run {
        bulk: &args.bulk,
        timeout: args.waiting.wait_timeout,
        again,
    };
    run(global, &args.job, &run_args, sources, &args.scope, ctx)
}

/// How a bulk run goes.
struct Run<'a> {
    bulk: &'a BulkArgs,
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
    let documents = collect(bulk, arguments, dir, kind, ctx)?;
    std::fs::create_dir_all(dir)
        .map_err(|err| Error::usage(format!("cannot create {}: {err}", dir.display())))?;
    let manifest_path = dir.join(MANIFEST);
    let previous = read_manifest(&manifest_path)?;
    let manifest = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&manifest_path)
        .map_err(|err| Error::Io(err).context(format!("cannot write {}", manifest_path.display())))?;
    let workers = usize::from(bulk.concurrency).min(documents.len().max(1));
    let shared = Shared {
        session: &session,
        clock: Arc::clone(&ctx.clock),
        configuration,
        kind,
        timeout,
        force: bulk.force,
        previous,
        manifest: Mutex::new(manifest),
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        gate: Gate::new(workers),
        throttle,
        poller: Poller::new(workers),
    };

    let started = Instant::now();
    let bar = progress(ctx, documents.len() as u64);
    let listener = Listener::start();
    let mut signal = None;
    let mut outcomes = Vec::new();
    let (sender, receiver) = mpsc::channel::<Outcome>();
    let mut written = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (shared, documents) = (&shared, &documents);
            scope.spawn(move || {
                work(shared, documents, &sender);
                shared.poller.worker_done();
            });
        }
        let shared_ref = &shared;
        scope.spawn(move || shared_ref.poller.run(shared_ref));
        drop(sender);
        loop {
            match receiver.recv_timeout(Duration::from_millis(100)) {
                Ok(outcome) => {
                    outcomes.push(outcome);
                    if written.is_ok() {
                        written = report(ctx, &outcomes, jsonl, &bar);
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
    let end = End {
        total: documents.len(),
        dir,
        took: started.elapsed(),
        signal,
        again: run.again,
    };
    summarize(ctx, outcomes, &end)
}

/// Every document of the run, in order: arguments, then each `--recursive` tree, then the list.
fn collect(
    bulk: &BulkArgs,
    arguments: Vec<Source>,
    dir: &Path,
    kind: Kind,
    ctx: &mut Context,
) -> Result<Vec<Document>, Error> {
    let extension = match kind {
        Kind::Part(Part::Markdown) => "md",
        Kind::Part(Part::Text) => "txt",
        Kind::Json => "json",
    };
    let mut found: Vec<(Source, PathBuf)> = Vec::new();
    for source in arguments {
        let relative = match &source {
            Source::File(path) => {
                if path.is_dir() {
                    return Err(Error::usage(format!(
                        "{} is a directory: use --recursive {0}",
                        neutralize(&path.display().to_string())
                    )));
                }
                PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
            }
            Source::Url(url) => url_path(url),
            Source::FileId(id) => PathBuf::from(id),
        };
        found.push((source, relative));
    }
    let filter = Filter::new(&bulk.include, &bulk.exclude)?;
    let output_dir = std::fs::canonicalize(dir).ok();
    for root in &bulk.recursive {
        if !root.is_dir() {
            return Err(Error::usage(format!(
                "--recursive {}: not a directory",
                neutralize(&root.display().to_string())
            )));
        }
        let mut files = Vec::new();
        walk(root, root, output_dir.as_deref(), &filter, &mut files)?;
        files.sort();
        found.extend(
            files
                .into_iter()
                .map(|(path, relative)| (Source::File(path), relative)),
        );
    }
    if let Some(list) = &bulk.from_list {
        for line in read_list(list, ctx)? {
            let source = Source::of_argument(&line);
            let relative = match &source {
                Source::Url(url) => url_path(url),
                _ => clean_relative(Path::new(&line)),
            };
            found.push((source, relative));
        }
    }
    if found.is_empty() {
        return Err(Error::usage("nothing to parse: no file matched"));
    }
    let mut outputs: HashMap<PathBuf, String> = HashMap::new();
    let mut documents = Vec::new();
    for (source, relative) in found {
        let (name, fingerprint) = match &source {
            Source::File(path) => {
                let name = path.display().to_string();
                // A file that cannot be read now is reported when its turn comes.
                let fingerprint = std::fs::metadata(path)
                    .map(|m| fingerprint_of(&m))
                    .unwrap_or_default();
                (name, fingerprint)
            }
            Source::Url(url) | Source::FileId(url) => (url.clone(), url.clone()),
        };
        let mut output = dir.join(&relative).into_os_string();
        output.push(format!(".{extension}"));
        let output = PathBuf::from(output);
        if let Some(other) = outputs.insert(output.clone(), name.clone()) {
            return Err(Error::usage(format!(
                "{} and {} would both be written to {}",
                neutralize(&other),
                neutralize(&name),
                neutralize(&output.display().to_string())
            )));
        }
        documents.push(Document {
            source,
            name,
            fingerprint,
            output,
        });
    }
    Ok(documents)
}

fn fingerprint_of(metadata: &std::fs::Metadata) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{} bytes, modified {modified}", metadata.len())
}

/// `--include` and `--exclude`, matched against paths relative to their `--recursive` root.
struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl Filter {
    fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        let set = |globs: &[String], flag: &str| -> Result<globset::GlobSet, Error> {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in globs {
                let glob = globset::GlobBuilder::new(glob)
                    .literal_separator(false)
                    .build()
                    .map_err(|err| Error::usage(format!("{flag} {glob}: {err}")))?;
                builder.add(glob);
            }
            builder
                .build()
                .map_err(|err| Error::usage(format!("{flag}: {err}")))
        };
        Ok(Filter {
            include: (!include.is_empty())
                .then(|| set(include, "--include"))
                .transpose()?,
            exclude: set(exclude, "--exclude")?,
        })
    }

    fn wants(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(relative)) && !self.exclude.is_match(relative)
    }
}

/// The files under `dir` (symlinked directories are not followed; output directories and hidden
/// entries are left out).
fn walk(
    root: &Path,
    dir: &Path,
    output_dir: Option<&Path>,
    filter: &Filter,
    out: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        Error::usage(format!(
            "cannot read {}: {err}",
            neutralize(&dir.display().to_string())
        ))
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            // Results are not documents: this run's output directory, and any other that holds
            // a manifest, are left out.
            if output_dir.is_some_and(|o| std::fs::canonicalize(&path).is_ok_and(|p| p == o))
                || path.join(MANIFEST).exists()
            {
                continue;
            }
            walk(root, &path, output_dir, filter, out)?;
        } else if let Ok(relative) = path.strip_prefix(root)
            && filter.wants(relative)
        {
            out.push((path.clone(), relative.to_path_buf()));
        }
    }
    Ok(())
}

/// The lines of `--from-list` (blank lines and `#` comments left out).
fn read_list(path: &Path, ctx: &mut Context) -> Result<Vec<String>, Error> {
    let mut text = String::new();
    if path == Path::new("-") {
        ctx.io.stdin.read_to_string(&mut text)?;
    } else {
        File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|err| {
                Error::usage(format!(
                    "--from-list {}: {err}",
                    neutralize(&path.display().to_string())
                ))
            })?;
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Where a URL's result goes: its host and path, cleaned.
fn url_path(url: &str) -> PathBuf {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let cleaned = clean_relative(Path::new(rest));
    if cleaned.as_os_str().is_empty() {
        PathBuf::from("document")
    } else {
        cleaned
    }
}

/// Only the plain components of a path: no root, no `..`, so a result never lands outside DIR.
fn clean_relative(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

/// The manifest's records, the last one for each source winning (a missing file is empty).
fn read_manifest(path: &Path) -> Result<HashMap<String, Record>, Error> {
    let mut records: HashMap<String, Record> = HashMap::new();
    let Ok(file) = File::open(path) else {
        return Ok(records);
    };
    for line in BufReader::new(file).lines() {
        let line = line?;
        // A line cut short by a crash is skipped; the ones after it still count.
        let Ok(record) = serde_json::from_str::<Record>(&line) else {
            continue;
        };
        let merged = records.entry(record.source.clone()).or_default();
        if merged.fingerprint != record.fingerprint {
            *merged = Record::default();
        }
        merged.source = record.source;
        merged.fingerprint = record.fingerprint;
        merged.job_id = record.job_id.or(merged.job_id.take());
        merged.status = record.status;
        merged.output = record.output.or(merged.output.take());
    }
    Ok(records)
}

impl Shared<'_> {
    fn record(&self, record: &Record) -> Result<(), Error> {
        let mut line = serde_json::to_string(record).map_err(|e| Error::failure(e.to_string()))?;
        line.push('\n');
        let mut file = self.manifest.lock().unwrap_or_else(PoisonError::into_inner);
        // One write per line, so a crash leaves at most the last line short.
        file.write_all(line.as_bytes())?;
        file.flush()?;
        Ok(())
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// A worker: takes the next document until there are none or the run is stopped.
fn work(shared: &Shared, documents: &[Document], sender: &Sender<Outcome>) {
    while !shared.stopped() {
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(document) = documents.get(index) else {
            return;
        };
        let outcome = parse_one(shared, document);
        if sender.send(outcome).is_err() {
            return;
        }
    }
}

/// One document: skipped if done, else its job created (or found in the manifest), waited for
/// and its result written.
fn parse_one(shared: &Shared, document: &Document) -> Outcome {
    let mut outcome = Outcome {
        source: document.name.clone(),
        job_id: None,
        status: "ERROR".into(),
        output: None,
        failure: None,
        uploaded: 0,
    };
    let previous = shared
        .previous
        .get(&document.name)
        .filter(|r| !shared.force && r.fingerprint == document.fingerprint);
    if let Some(done) =
        previous.filter(|r| r.status.as_deref() == Some("COMPLETED") && document.output.exists())
    {
        outcome.status = "SKIPPED".into();
        outcome.job_id = done.job_id.clone();
        outcome.output = Some(document.output.display().to_string());
        return outcome;
    }
    // A job that was running when the last run stopped is waited for, not paid for again.
    let resumed = previous
        .filter(|r| r.status.as_deref().is_none_or(|s| !is_final(s)))
        .and_then(|r| r.job_id.clone());
    let result = match resumed {
        Some(id) => Ok(id),
        None => create_job(shared, document).inspect(|_| {
            if let Source::File(path) = &document.source {
                outcome.uploaded = std::fs::metadata(path).map_or(0, |m| m.len());
            }
        }),
    };
    let job_id = match result {
        Ok(id) => id,
        Err(err) => return failed(outcome, err),
    };
    outcome.job_id = Some(job_id.clone());
    let last = match wait_for(shared, &job_id) {
        Ok(Some(last)) => last,
        Ok(None) => {
            outcome.status = "RUNNING".into();
            return outcome;
        }
        Err(err) => return failed(outcome, err),
    };
    let status = last.status().unwrap_or_default().to_string();
    outcome.status.clone_from(&status);
    if status != "COMPLETED" {
        outcome.failure = crate::commands::parsing::ended_badly(&job_id, &last);
        let _ = shared.record(&document.record(job_id, Some(status), None));
        return outcome;
    }
    if let Err(err) = write_result(shared, &job_id, &document.output) {
        outcome.status = "ERROR".into();
        return failed(outcome, err);
    }
    outcome.output = Some(document.output.display().to_string());
    if let Err(err) = shared.record(&document.record(job_id, Some(status), outcome.output.clone())) {
        return failed(outcome, err);
    }
    outcome
}

/// `--format jsonl`'s `error`: the failure's message.
fn message_of<S: serde::Serializer>(failure: &Option<Error>, serializer: S) -> Result<S::Ok, S::Error> {
    match failure {
        Some(err) => serializer.serialize_some(&err.to_string()),
        None => serializer.serialize_none(),
    }
}

impl Document {
    /// The manifest line for this document: its job (`status` once it has ended, `output`
    /// once the result is written).
    fn record(&self, job_id: String, status: Option<String>, output: Option<String>) -> Record {
        Record {
            source: self.name.clone(),
            fingerprint: self.fingerprint.clone(),
            job_id: Some(job_id),
            status,
            output,
        }
    }
}

fn failed(mut outcome: Outcome, err: Error) -> Outcome {
    outcome.failure = Some(err);
    outcome
}

/// Creates the document's job and records it at once. A create the server throttled is tried
/// again after the wait it asked for; the number of creates in flight shrinks after a 429 and
/// grows back as creates go through.
fn create_job(shared: &Shared, document: &Document) -> Result<String, Error> {
    // A file that cannot be read fails alone (exit 1), not the run.
    document.source.check().map_err(|err| match err {
        Error::Usage(message) => Error::Failure(message),
        other => other,
    })?;
    let mut rounds = 0;
    loop {
        let _permit = shared.gate.enter();
        let hits = shared.throttle.hits();
        let result = create::send_create(shared.session, &shared.configuration, document.source.clone());
        if shared.throttle.hits() > hits {
            shared.gate.narrow();
        } else {
            shared.gate.widen();
        }
        match result {
            Ok(created) => {
                let id = created.id().to_string();
                shared.record(&document.record(id.clone(), None, None))?;
                return Ok(id);
            }
            Err(Error::Api(err))
                if rounds < THROTTLED_ROUNDS
                    && err.status_error().is_some_and(|s| s.status.as_u16() == 429)
                    && !shared.stopped() =>
            {
                rounds += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Waits for the shared poller to see the job end; `None` when the run is stopped first.
fn wait_for(shared: &Shared, job_id: &str) -> Result<Option<Job>, Error> {
    let (sender, receiver) = mpsc::channel();
    shared.poller.register(job_id, sender, shared.clock.now());
    let deadline = shared.clock.now() + shared.timeout;
    let outcome = loop {
        if shared.stopped() {
            break Ok(None);
        }
        match receiver.recv_timeout(STOP_CHECK) {
            Ok(Ok(job)) => break Ok(Some(job)),
            Ok(Err(message)) => break Err(Error::failure(message)),
            Err(RecvTimeoutError::Timeout) if shared.clock.now() >= deadline => {
                break Err(Error::failure(format!(
                    "gave up waiting after {}: job {} has not ended",
                    wait::human_duration(shared.timeout),
                    neutralize(job_id)
                )));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break Ok(None),
        }
    };
    shared.poller.forget(job_id);
    outcome
}

/// One poller for every job of the run. Each job keeps the SDKs' cadence of its own (first look
/// 1 s after it is made, then one second more each time, up to 5 s); the jobs due at about the
/// same time are asked for together, in one listing request per 100
/// (`GET /api/v2/parse?job_ids=…`), so many jobs cost few requests.
struct Poller {
    state: Mutex<Polled>,
    changed: Condvar,
}

struct Awaited {
    sender: Sender<Result<Job, String>>,
    due: SystemTime,
    delay: Duration,
}

#[derive(Default)]
struct Polled {
    waiting: HashMap<String, Awaited>,
    /// Workers still running; the poller ends with the last.
    workers: usize,
}

/// Job ids per listing request.
const POLL_BATCH: usize = 100;
/// How often the poller looks for jobs whose time has come: those that came due within it are
/// asked for in the same round.
const POLL_WINDOW: Duration = Duration::from_millis(100);

impl Poller {
    fn new(workers: usize) -> Self {
        Poller {
            state: Mutex::new(Polled {
                workers,
                ..Polled::default()
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Polled> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn register(&self, job_id: &str, sender: Sender<Result<Job, String>>, now: SystemTime) {
        let awaited = Awaited {
            sender,
            due: now + wait::FIRST_DELAY,
            delay: wait::FIRST_DELAY,
        };
        self.lock().waiting.insert(job_id.to_string(), awaited);
        self.changed.notify_all();
    }

    fn forget(&self, job_id: &str) {
        self.lock().waiting.remove(job_id);
    }

    /// A worker has finished.
    fn worker_done(&self) {
        let mut state = self.lock();
        state.workers = state.workers.saturating_sub(1);
        self.changed.notify_all();
    }

    /// Polls until every worker has finished (or the run is stopped).
    fn run(&self, shared: &Shared) {
        loop {
            let due: Vec<String> = {
                let state = self.lock();
                if state.workers == 0 || shared.stopped() {
                    return;
                }
                if state.waiting.is_empty() {
                    let _ = self
                        .changed
                        .wait_timeout(state, STOP_CHECK)
                        .unwrap_or_else(PoisonError::into_inner);
                    continue;
                }
                // Never early: a job is looked at once its time has come; those that came due
                // during the last short sleep go together.
                let now = shared.clock.now();
                state
                    .waiting
                    .iter()
                    .filter(|(_, a)| a.due <= now)
                    .map(|(id, _)| id.clone())
                    .collect()
            };
            if due.is_empty() {
                // Nothing due yet: a short sleep by the run's clock, then look again.
                shared.clock.sleep(POLL_WINDOW);
                continue;
            }
            for batch in due.chunks(POLL_BATCH) {
                self.poll(shared, batch);
            }
            let now = shared.clock.now();
            let mut state = self.lock();
            for id in &due {
                if let Some(awaited) = state.waiting.get_mut(id) {
                    awaited.delay = (awaited.delay + wait::DELAY_STEP).min(wait::MAX_DELAY);
                    awaited.due = now + awaited.delay;
                }
            }
        }
    }

    /// One listing request for `ids`; the jobs that have ended are handed to their workers.
    fn poll(&self, shared: &Shared, ids: &[String]) {
        let mut query = shared.session.scope_query();
        query
            .push_all("job_ids", ids.iter().cloned())
            .push_opt("page_size", Some(POLL_BATCH.to_string()));
        query.sort();
        let url = shared.session.client.url(endpoints::PARSE_JOBS.segments, &query);
        let items = shared
            .session
            .client
            .get(&url)
            .map_err(|err| err.to_string())
            .and_then(|reply| {
                let page: Value =
                    serde_json::from_slice(&reply.body).map_err(|e| format!("invalid response: {e}"))?;
                Ok(page
                    .get("items")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default())
            });
        let state = self.lock();
        match items {
            Ok(items) => {
                for item in items {
                    let Some(id) = item.get("id").and_then(Value::as_str) else {
                        continue;
                    };
                    if !item.get("status").and_then(Value::as_str).is_some_and(is_final) {
                        continue;
                    }
                    let body = serde_json::json!({ "job": item }).to_string().into_bytes();
                    if let (Some(awaited), Ok(job)) =
                        (state.waiting.get(id), Job::parse(reqwest::StatusCode::OK, body))
                    {
                        let _ = awaited.sender.send(Ok(job));
                    }
                }
            }
            // The client has retried already: the jobs of this request cannot be followed.
            Err(message) => {
                for id in ids {
                    if let Some(awaited) = state.waiting.get(id) {
                        let _ = awaited.sender.send(Err(message.clone()));
                    }
                }
            }
        }
    }
}

/// Fetches the result and writes it to `path` atomically (parent directories made).
fn write_result(shared: &Shared, job_id: &str, path: &Path) -> Result<(), Error> {
    let mut query = shared.session.scope_query();
    let expand: Vec<String> = match shared.kind {
        Kind::Part(part) => vec![part.expand().to_string()],
        Kind::Json => vec!["markdown".into(), "text".into()],
    };
    query.push_all("expand", expand);
    query.sort();
    let url = shared.session.client.url(&endpoints::parse_job(job_id), &query);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let (_, mut reader) = shared.session.client.get_stream(&url)?;
    let mut file = AtomicFile::create(path, 0o644)?;
    match shared.kind {
        Kind::Part(part) => {
            content::stream_content(reader, &mut file, part, false)?;
        }
        Kind::Json => {
            content::copy_through(&mut reader, &mut file)?;
        }
    }
    file.persist()?;
    Ok(())
}

/// At most `limit` creates at once; the limit halves after a 429 and grows back by one per
/// create that went through.
struct Gate {
    state: Mutex<(usize, usize)>,
    most: usize,
    changed: Condvar,
}

struct Permit<'a>(&'a Gate);

impl Gate {
    fn new(most: usize) -> Self {
        Gate {
            state: Mutex::new((0, most)),
            most,
            changed: Condvar::new(),
        }
    }

    fn enter(&self) -> Permit<'_> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.0 >= state.1 {
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state.0 += 1;
        Permit(self)
    }

    fn narrow(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 = (state.1 / 2).max(1);
    }

    fn widen(&self) {
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

fn progress(ctx: &Context, total: u64) -> ProgressBar {
    if !ctx.io.terminals.stderr {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents {msg} ({elapsed}, {per_sec})")
    {
        bar.set_style(style);
    }
    bar
}

/// Says what became of one document: a jsonl line on stdout, and for people a line on stderr
/// (above the progress bar on a terminal).
fn report(ctx: &mut Context, outcomes: &[Outcome], jsonl: bool, bar: &ProgressBar) -> Result<(), Error> {
    let Some(outcome) = outcomes.last() else {
        return Ok(());
    };
    bar.inc(1);
    let failed = outcomes
        .iter()
        .filter(|o| !matches!(o.status.as_str(), "COMPLETED" | "SKIPPED" | "RUNNING"))
        .count();
    let uploaded: u64 = outcomes.iter().map(|o| o.uploaded).sum();
    bar.set_message(format!("{failed} failed, {} uploaded", human_size(uploaded)));
    if jsonl {
        let line = serde_json::to_string(outcome).map_err(|e| Error::failure(e.to_string()))?;
        ctx.io.stdout.write_all(format!("{line}\n").as_bytes())?;
        ctx.io.stdout.flush()?;
    }
    let source = neutralize(&outcome.source);
    let line = match (&outcome.output, &outcome.failure) {
        (_, Some(error)) => format!("{} {source}: {}", outcome.status, neutralize(&error.to_string())),
        (Some(output), None) => format!("{} {source} → {}", outcome.status, neutralize(output)),
        (None, None) => format!("{} {source}", outcome.status),
    };
    bar.suspend(|| ctx.io.stderr.line(&line));
    Ok(())
}

/// The closing lines, and the exit: 0 when every document is done, else that of the worst.
/// How the run ended.
struct End<'a> {
    total: usize,
    dir: &'a Path,
    took: Duration,
    signal: Option<i32>,
    again: &'a str,
}

fn summarize(ctx: &mut Context, outcomes: Vec<Outcome>, end: &End) -> Result<(), Error> {
    let (total, took) = (end.total, end.took);
    let count = |status: &str| outcomes.iter().filter(|o| o.status == status).count();
    let (completed, skipped, running) = (count("COMPLETED"), count("SKIPPED"), count("RUNNING"));
    let failed = outcomes.len() - completed - skipped - running;
    let dir = neutralize(&end.dir.display().to_string()).into_owned();
    if let Some(signal) = end.signal {
        ctx.io.stderr.line(&format!(
            "interrupted: {} done, {running} running (their jobs are in the manifest), {} not started; \
             to go on: {}",
            completed + skipped,
            total - outcomes.len(),
            neutralize(end.again)
        ));
        return Err(Error::Interrupted { signal });
    }
    ctx.io.stderr.line(&format!(
        "{total} document{} in {:.1} s: {completed} parsed, {skipped} already done, {failed} failed; results in {dir}",
        if total == 1 { "" } else { "s" },
        took.as_secs_f64()
    ));
    let errors: Vec<(String, Error)> = outcomes
        .into_iter()
        .filter_map(|o| o.failure.map(|err| (neutralize(&o.source).into_owned(), err)))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Several { of: total, errors })
    }
}
