//! The shared result store on a real S3-compatible server (moto, on loopback: `testkit::s3`;
//! skipped, and said so, where it is not installed, except in CI): two machines at once make one
//! job per document, a third none; a store that cannot be reached (no server at its endpoint)
//! stops the run before any job is created, unless `--store-unreachable local`.

use std::path::Path;

use testkit::s3::S3Server;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, cli, stderr_of};
use crate::shared_store::{a_third_makes_none, tree, two_at_once};

/// `parse` of DIR/docs on machine `name` (its own local store, DIR/NAME/out), with the shared
/// store on `server`.
fn machine(url: &str, dir: &Path, name: &str, server: &S3Server, extra: &[&str]) -> InProcess {
    let mut run = cli(url);
    for (key, value) in server.env() {
        run.env(key, value);
    }
    run.env("LLAMACLOUD_CACHE_DIR", dir.join(name).join("store"))
        .env("LLAMACLOUD_TEST_STORE_RETRY_MS", "200")
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join(name).join("out"))
        .args(["--store", &server.url("team")])
        .args(extra);
    run
}

#[test]
fn two_machines_on_an_s3_store_at_once_make_one_job_per_document_and_a_third_makes_none() {
    let Some(server) = S3Server::start("shared_store_s3::two_machines…") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Eight documents (the file:// test takes the twenty): each is a dozen requests to a
    // server written in Python, on the suite's two cores.
    let count = 8;
    tree(dir.path(), count);
    let (url, fake) = start_shared(fake::Config::default());
    let machine = |name: &str| machine(&url, dir.path(), name, &server, &[]).output().unwrap();
    two_at_once(&fake, count, machine);
    a_third_makes_none(&fake, dir.path(), count, machine);
}

#[test]
fn a_store_that_cannot_be_reached_creates_no_job_unless_told_to_go_on_locally() {
    // An S3 endpoint where nothing listens: every connection is refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 3);
    let (url, fake) = start_shared(fake::Config::default());
    let run = |extra: &[&str]| {
        let mut run = cli(&url);
        run.env("AWS_ENDPOINT_URL", &endpoint)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ALLOW_HTTP", "true")
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .env("LLAMACLOUD_TEST_STORE_RETRY_MS", "200")
            .args(["parse", "--tier", "agentic", "--recursive"])
            .arg(dir.path().join("docs"))
            .arg("--output-dir")
            .arg(dir.path().join("out"))
            .args(["--store", "s3://team-store/llamacloud"])
            .args(extra);
        run.output().unwrap()
    };
    let stopped = run(&[]);
    let said = stderr_of(&stopped);
    assert_eq!(stopped.status.code(), Some(1), "{said}");
    assert!(
        said.contains("error: the shared store s3://team-store/llamacloud cannot be reached ("),
        "{said}"
    );
    assert!(
        said.contains("--store-unreachable local goes on with the local store alone"),
        "{said}"
    );
    assert_eq!(fake.requests_seen().creates, 0);
    let local = run(&["--store-unreachable", "local"]);
    let said = stderr_of(&local);
    assert_eq!(local.status.code(), Some(0), "{said}");
    assert_eq!(fake.made_jobs().len(), 3);
    assert!(
        said.contains("going on with the local store alone (--store-unreachable local)"),
        "{said}"
    );
    assert!(
        said.contains("was not reached: this run's jobs and results are in the local store only"),
        "{said}"
    );
}
