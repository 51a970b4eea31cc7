//! Against a real S3-compatible server (moto, testkit::s3) and a real Azure Blob emulator
//! (Azurite, testkit::azure) (each skipped where it is not installed, required in CI), a
//! `file://` directory, and the scripted server for the exact requests and
//! the answers moto will not give (5xx, 403).

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use testkit::azure::Azurite;
use testkit::s3::S3Server;
use testkit::{Reply, Rule, Server};

use super::*;
use crate::context::MapEnv;

/// Retries that sleep a few milliseconds in all.
const QUICK: Limits = Limits {
    retry_timeout: Duration::from_secs(1),
    max_retries: 2,
    max_backoff: Duration::from_millis(5),
};

fn env_of(vars: &[(&'static str, String)]) -> MapEnv {
    MapEnv::new(vars.iter().cloned())
}

fn moto_env(server: &S3Server) -> MapEnv {
    env_of(&server.env())
}

/// What every store does alike: put/get/list/delete, upload/download (a 20 MiB file, in parts),
/// create twice, check.
fn round_trips(remote: &Remote, dir: &Path) {
    assert_eq!(remote.get("absent").unwrap(), None);
    remote.put("a/one.json", b"one".to_vec()).unwrap();
    remote.put("a/b/two.json", b"two!".to_vec()).unwrap();
    remote.put("c.json", b"c".to_vec()).unwrap();
    let (bytes, _) = remote.get("a/one.json").unwrap().unwrap();
    assert_eq!(bytes, b"one");
    remote.put("a/one.json", b"one again".to_vec()).unwrap();
    assert_eq!(remote.get("a/one.json").unwrap().unwrap().0, b"one again");

    let mut listed = remote.list("a").unwrap();
    listed.sort_by(|x, y| x.path.cmp(&y.path));
    let paths: Vec<(&str, u64)> = listed.iter().map(|l| (l.path.as_str(), l.size)).collect();
    assert_eq!(paths, [("a/b/two.json", 4), ("a/one.json", 9)]);
    let age = jiff::Timestamp::now().duration_since(listed[0].modified);
    assert!(age.as_secs().abs() < 3600, "{:?}", listed[0].modified);
    assert_eq!(remote.list("").unwrap().len(), 3);
    assert_eq!(remote.list("nothing").unwrap(), []);

    remote.delete("a/one.json").unwrap();
    remote.delete("a/one.json").unwrap();
    assert_eq!(remote.get("a/one.json").unwrap(), None);

    assert!(remote.create("claims/k", b"mine".to_vec()).unwrap());
    assert!(!remote.create("claims/k", b"theirs".to_vec()).unwrap());
    assert_eq!(remote.get("claims/k").unwrap().unwrap().0, b"mine");

    // 20 MiB and a bit, in parts; down over what was there.
    let big: Vec<u8> = (0..20 * 1024 * 1024 + 7).map(|i: u32| (i % 251) as u8).collect();
    let from = dir.join("big.bin");
    std::fs::write(&from, &big).unwrap();
    // The big one with a head line before it (in its first part), given back apart.
    remote
        .upload(&from, "results/big.bin", b"head {\"job\":1}\n", false)
        .unwrap();
    let small = dir.join("small.md");
    std::fs::write(&small, b"# small").unwrap();
    remote.upload(&small, "results/small.md", b"", false).unwrap();
    let down = dir.join("down/big.bin");
    std::fs::create_dir_all(down.parent().unwrap()).unwrap();
    std::fs::write(&down, b"old").unwrap();
    let got = remote
        .download("results/big.bin", &down, b"head ")
        .unwrap()
        .unwrap();
    assert_eq!(got.head.as_deref(), Some(&b"head {\"job\":1}"[..]));
    assert!(std::fs::read(&down).unwrap() == big, "the download differs");
    // One without a head line is written whole.
    let got = remote
        .download("results/small.md", &dir.join("down/small.md"), b"head ")
        .unwrap()
        .unwrap();
    assert!(got.head.is_none());
    assert_eq!(std::fs::read(dir.join("down/small.md")).unwrap(), b"# small");
    assert!(
        remote
            .download("results/absent", &dir.join("down/absent"), b"")
            .unwrap()
            .is_none()
    );
    assert!(!dir.join("down/absent").exists());
    let left: Vec<_> = std::fs::read_dir(dir.join("down"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");

    remote.check().unwrap();
    assert!(remote.list(PROBE_DIR).unwrap().is_empty(), "the probe is removed");
}

/// 16 machines (each its own Remote, as its own process would have) create one object at once.
fn race(open: impl Fn() -> Remote + Sync) {
    let barrier = Arc::new(Barrier::new(16));
    let won: Vec<bool> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let (barrier, open) = (Arc::clone(&barrier), &open);
                scope.spawn(move || {
                    let remote = open();
                    barrier.wait();
                    remote
                        .create("claims/raced", format!("machine {i}").into_bytes())
                        .unwrap()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
}

#[test]
fn an_s3_store_round_trips_creates_once_and_updates_only_the_version_read() {
    let Some(server) = S3Server::start("store::remote an_s3_store_round_trips") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("team/cache");
    let remote = Remote::open(&url, &moto_env(&server)).unwrap();
    assert_eq!(remote.url(), url);
    round_trips(&remote, dir.path());

    // The prefix is the URL's: another prefix in the same bucket sees none of it.
    let other = Remote::open(&server.url("other"), &moto_env(&server)).unwrap();
    assert_eq!(other.list("").unwrap(), []);

    remote.put("claims/lease", b"v1".to_vec()).unwrap();
    let (_, v1) = remote.get("claims/lease").unwrap().unwrap();
    assert!(remote.update("claims/lease", b"v2".to_vec(), &v1).unwrap());
    assert!(
        !remote.update("claims/lease", b"v3".to_vec(), &v1).unwrap(),
        "a stale version"
    );
    let (bytes, v2) = remote.get("claims/lease").unwrap().unwrap();
    assert_eq!(bytes, b"v2");
    assert_ne!(v1, v2);
    remote.delete("claims/lease").unwrap();
    assert!(
        !remote.update("claims/lease", b"v4".to_vec(), &v2).unwrap(),
        "removed since"
    );

    race(|| Remote::open(&url, &moto_env(&server)).unwrap());
}

#[test]
fn an_azure_store_round_trips_creates_once_and_updates_only_the_version_read() {
    let Some(server) = Azurite::start("store::remote an_azure_store_round_trips") else {
        return;
    };
    let env = env_of(&server.env());
    let url = server.url("team/cache");
    race(|| Remote::open(&url, &env).unwrap());

    let dir = tempfile::tempdir().unwrap();
    let remote = Remote::open(&url, &env).unwrap();
    remote.delete("claims/raced").unwrap();
    round_trips(&remote, dir.path());
    let other = Remote::open(&server.url("other"), &env).unwrap();
    assert_eq!(other.list("").unwrap(), []);

    remote.put("claims/lease", b"v1".to_vec()).unwrap();
    let (_, v1) = remote.get("claims/lease").unwrap().unwrap();
    assert!(remote.update("claims/lease", b"v2".to_vec(), &v1).unwrap());
    assert!(
        !remote.update("claims/lease", b"v3".to_vec(), &v1).unwrap(),
        "a stale version"
    );
    assert_eq!(remote.get("claims/lease").unwrap().unwrap().0, b"v2");
}

#[test]
fn a_file_store_round_trips_creates_once_and_cannot_update() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("shared/store");
    let url = url::Url::from_directory_path(&store).unwrap().to_string();
    let remote = Remote::open(&url, &MapEnv::new::<&str, &str>([])).unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    round_trips(&remote, &work);
    assert_eq!(std::fs::read(store.join("claims/k")).unwrap(), b"mine");

    let (_, version) = remote.get("claims/k").unwrap().unwrap();
    match remote.update("claims/k", b"next".to_vec(), &version) {
        Err(RemoteError::Unsupported(m)) => assert!(m.contains("PutMode::Update") && m.contains(&url), "{m}"),
        other => panic!("{other:?}"),
    }

    race(|| Remote::open(&url, &MapEnv::new::<&str, &str>([])).unwrap());
}

#[test]
fn a_stopped_s3_store_is_unreachable_and_said_so_quickly() {
    let Some(mut server) = S3Server::start("store::remote a_stopped_s3_store_is_unreachable") else {
        return;
    };
    let url = server.url("p");
    let remote = Remote::open_with(&url, &moto_env(&server), QUICK).unwrap();
    remote.put("x", b"x".to_vec()).unwrap();
    server.stop();
    let started = Instant::now();
    for result in [
        remote.get("x").map(|_| ()),
        remote.create("y", b"y".to_vec()).map(|_| ()),
        remote.list("").map(|_| ()),
        remote.check(),
    ] {
        match result {
            Err(RemoteError::Unreachable(m)) => {
                assert!(m.contains(&url) && m.contains("no connection"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }
    // The bound users get, not a timing: four requests within one default worst case.
    assert!(
        started.elapsed() < Limits::DEFAULT.worst_case(),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_default_limits_say_an_unreachable_store_within_30_seconds() {
    assert!(Limits::DEFAULT.worst_case() <= Duration::from_secs(30));
    const { assert!(Limits::DEFAULT.max_retries > 0, "throttling is retried") };
}

#[test]
fn a_url_that_is_not_a_store_is_refused_naming_the_schemes() {
    let env = MapEnv::new::<&str, &str>([]);
    for url in [
        "https://example.com/bucket",
        "ftp://host/x",
        "bucket/prefix",
        "s3:///prefix",
        "s3://AKIA:secret@bucket/p",
        "az://container/p?sig=secret",
    ] {
        match Remote::open(url, &env) {
            Err(RemoteError::Failed(m)) => {
                assert!(
                    m.contains("s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///ABSOLUTE/PATH"),
                    "{m}"
                );
            }
            Err(other) => panic!("{url}: {other:?}"),
            Ok(_) => panic!("{url} was opened"),
        }
    }
}

/// The scripted server as an S3 endpoint.
fn scripted(rules: Vec<Rule>) -> (Server, Remote) {
    let server = Server::start(rules);
    let env = env_of(&[
        ("AWS_ENDPOINT_URL", server.url.clone()),
        ("AWS_ACCESS_KEY_ID", "AKIDSECRETID".to_string()),
        ("AWS_SECRET_ACCESS_KEY", "very-secret".to_string()),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_ALLOW_HTTP", "true".to_string()),
    ]);
    let remote = Remote::open_with("s3://bucket/pre", &env, QUICK).unwrap();
    (server, remote)
}

#[test]
fn create_and_update_send_the_conditions_and_read_412_as_lost() {
    let (server, remote) = scripted(vec![Rule::any(vec![Reply::raw(
        412,
        "<Error><Code>PreconditionFailed</Code></Error>",
    )])]);
    assert!(!remote.create("claims/k", b"c".to_vec()).unwrap());
    let version = Version(UpdateVersion {
        e_tag: Some("\"abc\"".to_string()),
        version: None,
    });
    assert!(!remote.update("claims/k", b"u".to_vec(), &version).unwrap());
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path()),
        ("PUT", "/bucket/pre/claims/k")
    );
    assert_eq!(requests[0].header("if-none-match"), Some("*"));
    assert_eq!(requests[1].header("if-match"), Some("\"abc\""));
    assert_eq!(requests[1].body, b"u");
}

#[test]
fn a_store_that_keeps_failing_is_unreachable_after_retries_and_bad_credentials_say_so() {
    let slow_down = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
    let (server, remote) = scripted(vec![Rule::any(vec![Reply::raw(503, slow_down)])]);
    match remote.get("k") {
        Err(RemoteError::Unreachable(m)) => assert_eq!(
            m,
            "cannot read k in the store s3://bucket/pre: the store answered 503 Service Unavailable \
             (SlowDown: Please reduce your request rate.), again after retries"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count("GET", "/bucket/pre/k"), 1 + QUICK.max_retries);

    let denied =
        "<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIDSECRETID</AWSAccessKeyId></Error>";
    let (_server, remote) = scripted(vec![Rule::any(vec![Reply::raw(403, denied)])]);
    match remote.put("k", b"k".to_vec()) {
        Err(RemoteError::Unreachable(m)) => {
            assert!(m.starts_with("cannot write k in the store s3://bucket/pre: the store refused the credentials (403 Forbidden)"), "{m}");
            assert!(!m.contains("AKIDSECRETID") && !m.contains("very-secret"), "{m}");
        }
        other => panic!("{other:?}"),
    }

    let (_server, remote) = scripted(vec![Rule::any(vec![Reply::raw(
        400,
        "<Error><Code>InvalidRequest</Code></Error>",
    )])]);
    match remote.delete("k") {
        Err(RemoteError::Failed(m)) => assert_eq!(
            m,
            "cannot delete k in the store s3://bucket/pre: the store answered 400 Bad Request (InvalidRequest)"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_store_without_create_if_absent_is_refused_by_check() {
    // An old S3-compatible server: every PUT succeeds, whatever its conditions.
    let (_server, remote) = scripted(vec![Rule::any(vec![Reply::raw(200, "").header("ETag", "\"e\"")])]);
    match remote.check() {
        Err(RemoteError::Unsupported(m)) => {
            assert!(
                m.contains("s3://bucket/pre") && m.contains("If-None-Match"),
                "{m}"
            )
        }
        other => panic!("{other:?}"),
    }
}
