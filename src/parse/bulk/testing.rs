//! What the tests of each stage share: a tree of documents in a scratch directory, a session
//! pointed at a scripted server on loopback, on a clock that only pretends to sleep, and the
//! run's state built from them as `run` builds it. A stage is then driven alone: its
//! functions called directly, the others' queues looked at.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use clap::Parser as _;
use serde_json::{Map, Value, json};
pub(super) use testkit::Reply;
use testkit::Server;

use crate::api::models::Part;
use crate::api::throttle::Throttle;
use crate::cli::{BulkArgs, Cli, Command};
use crate::context::{Clock as _, Context, FakeClock, Io, MapEnv, Stderr, Stdout, Terminals};
use crate::error::Error;
use crate::parse::bulk::manifest::Manifest;
use crate::parse::bulk::queue::{Event, Followed, Member, Task};
use crate::parse::bulk::run::{Run, Setup};
use crate::parse::bulk::sources::Sources;
use crate::parse::kind::Kind;
use crate::parse::once;
use crate::parse::plan::Source;
use crate::session::Session;

/// testkit's scripted server as the stage tests use it: each request answered by the first rule
/// whose method and path match, with the rule's replies in turn (the last one again once they run
/// out), every request remembered.
pub(super) struct Script {
    pub(super) url: String,
    server: Server,
}

pub(super) fn reply(status: u16, body: Value) -> Reply {
    Reply::json(status, body)
}

/// A rule of a `Script`: a method, a path (the part of the URL before `?`) and the replies.
pub(super) type Rule = (&'static str, String, Vec<Reply>);

impl Script {
    pub(super) fn start(rules: Vec<Rule>) -> Script {
        let rules = rules
            .into_iter()
            .map(|(method, path, replies)| testkit::Rule::new(method, path, replies))
            .collect();
        let server = Server::start(rules);
        Script {
            url: server.url.clone(),
            server,
        }
    }

    /// Every request so far: method, path and query.
    pub(super) fn requests(&self) -> Vec<String> {
        self.server
            .requests()
            .iter()
            .map(|r| format!("{} {}", r.method, r.target))
            .collect()
    }

    /// How many requests so far went to `method` `path`.
    pub(super) fn count(&self, method: &str, path: &str) -> usize {
        self.server.count(method, path)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Bytes written to stderr, to be read by the test.
#[derive(Clone, Default)]
pub(super) struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&lock(&self.0)).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        lock(&self.0).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A tree of documents, a session pointed at `url`, and what a run's stages share.
pub(super) struct Fixture {
    pub(super) dir: tempfile::TempDir,
    pub(super) clock: Arc<FakeClock>,
    pub(super) stderr: Captured,
    pub(super) throttle: Arc<Throttle>,
    session: Session,
    sources: Sources,
}

/// When the fake clock starts.
fn start() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

impl Fixture {
    /// Documents named `files` (each holding its name) under `docs/`, results to `out/`.
    pub(super) fn new(url: &str, files: &[&str]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        for file in files {
            let path = docs.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file.as_bytes()).unwrap();
        }
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let home = dir.path().join("home");
        let env = MapEnv::new([
            ("LLAMA_CLOUD_API_KEY", "llx-test-key".to_string()),
            ("LLAMA_CLOUD_BASE_URL", url.to_string()),
            ("HOME", home.display().to_string()),
            ("LLAMACLOUD_CONFIG_DIR", home.join("config").display().to_string()),
            (
                "LLAMACLOUD_CACHE_DIR",
                dir.path().join("store").display().to_string(),
            ),
        ]);
        let clock = Arc::new(FakeClock::at(start()));
        let stderr = Captured::default();
        let mut ctx = Context {
            io: Io {
                stdin: Box::new(std::io::empty()),
                stdout: Stdout::new(std::io::sink()),
                stderr: Stderr::new(stderr.clone()),
                terminals: Terminals::default(),
            },
            env: Arc::new(env),
            clock: clock.clone(),
        };
        let cli = Cli::try_parse_from([
            "llamacloud".into(),
            "parse".into(),
            "--recursive".into(),
            docs.into_os_string(),
            "--output-dir".into(),
            out.clone().into_os_string(),
        ])
        .unwrap();
        let Command::Parse(args) = &cli.command else {
            unreachable!("parse was given")
        };
        let session = Session::open(&cli.global, &args.scope, &ctx).unwrap();
        let throttle = Arc::new(Throttle::default());
        session.client.share_throttle(Arc::clone(&throttle));
        let sources = Sources::new(
            &args.bulk,
            Vec::new(),
            &out,
            Kind::Part(Part::Markdown),
            HashSet::new(),
            &mut ctx,
        )
        .unwrap();
        Fixture {
            dir,
            clock,
            stderr,
            throttle,
            session,
            sources,
        }
    }

    pub(super) fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub(super) fn docs(&self) -> PathBuf {
        self.dir.path().join("docs")
    }

    /// What the stages of a run over the tree share: up to `uploads` uploads and `jobs` jobs in
    /// flight; no jitter, so the waits a test sees are the plain backoff's.
    pub(super) fn run(&self, uploads: usize, jobs: usize) -> Run<'_> {
        let mut run = self.unpinned(uploads, jobs);
        run.jitter = || 0.0;
        run
    }

    /// `run`, with the jitter `run` draws in a real run.
    pub(super) fn unpinned(&self, uploads: usize, jobs: usize) -> Run<'_> {
        let stderr = Stderr::new(self.stderr.clone());
        let store = once::open_store_at(&self.dir.path().join("store"), &stderr).unwrap();
        let configuration: Map<String, Value> = json!({"tier": "agentic", "version": "latest"})
            .as_object()
            .cloned()
            .unwrap();
        let manifest = Arc::new(Manifest::open(&self.out()).unwrap());
        let setup = Setup {
            session: &self.session,
            once: once::Shared::new(Some(store), Some(manifest.clone()), self.clock.clone(), stderr),
            configuration,
            kind: Kind::Part(Part::Markdown),
            timeout: Duration::from_secs(2 * 60 * 60),
            cancel_on_timeout: false,
            force: false,
            shard: None,
            window_pages: 100,
            saving: crate::parse::save::Saving::default(),
            version: None,
            window_parallel: jobs,
            escalate: None,
            manifest,
            throttle: Arc::clone(&self.throttle),
        };
        Run::new(setup, self.sources.pass(None), uploads, jobs)
    }

    /// How long the fake clock has moved since the start.
    pub(super) fn elapsed(&self) -> Duration {
        self.clock.now().duration_since(start()).unwrap_or_default()
    }
}

/// The next document of the run, taken as a submitter takes it.
pub(super) fn take(run: &Run) -> Task {
    run.take().expect("a document left")
}

/// The next document, followed as the only member of job `job_id` (created in this run) with
/// result key `key`; its slot is taken as a submitter takes it.
pub(super) fn followed(run: &Run, job_id: &str, key: &str) -> Followed {
    let task = take(run);
    assert!(run.slots.take(|| false));
    Followed {
        job_id: job_id.to_string(),
        key: key.to_string(),
        members: vec![Member {
            document: task.document,
            paid: true,
            uploaded: 0,
            lost: 0,
        }],
    }
}

/// A channel for the stages' events.
pub(super) fn events() -> (Sender<Event>, Receiver<Event>) {
    mpsc::channel()
}

/// Every outcome sent so far, as `(source relative to docs, status, error)`.
pub(super) fn outcomes(receiver: &Receiver<Event>, docs: &Path) -> Vec<(String, String, Option<String>)> {
    receiver
        .try_iter()
        .filter_map(|event| match event {
            Event::Outcome(outcome) => Some((
                Path::new(&outcome.source)
                    .strip_prefix(docs)
                    .map_or(outcome.source.clone(), |p| p.display().to_string()),
                outcome.status.clone(),
                outcome.failure.as_ref().map(ToString::to_string),
            )),
            Event::Outside => None,
        })
        .collect()
}

/// A job as the API lists it.
pub(super) fn job(id: &str, status: &str) -> Value {
    json!({"id": id, "status": status, "project_id": "p", "created_at": "2026-12-01T00:00:00Z"})
}

/// A context whose stdin holds `stdin`.
pub(super) fn context(stdin: &str) -> Context {
    Context {
        io: Io {
            stdin: Box::new(std::io::Cursor::new(stdin.as_bytes().to_vec())),
            stdout: Stdout::new(std::io::sink()),
            stderr: Stderr::new(std::io::sink()),
            terminals: Terminals::default(),
        },
        env: Arc::new(MapEnv::new::<&str, &str>([])),
        clock: Arc::new(FakeClock::at(std::time::SystemTime::UNIX_EPOCH)),
    }
}

pub(super) fn bulk(recursive: &[&Path], from_list: Option<&str>) -> BulkArgs {
    BulkArgs {
        output_dir: None,
        recursive: recursive.iter().map(|p| p.to_path_buf()).collect(),
        include: Vec::new(),
        exclude: Vec::new(),
        from_list: from_list.map(PathBuf::from),
        concurrency: 4,
        max_in_flight: 256,
        shard: None,
        follow: false,
    }
}

pub(super) fn sources(
    arguments: &[&Path],
    bulk: &BulkArgs,
    out: &Path,
    ctx: &mut Context,
) -> Result<Sources, Error> {
    let arguments = arguments
        .iter()
        .map(|p| (Source::File(p.to_path_buf()), p.display().to_string()))
        .collect();
    Sources::new(
        bulk,
        arguments,
        out,
        Kind::Part(Part::Markdown),
        HashSet::new(),
        ctx,
    )
}
