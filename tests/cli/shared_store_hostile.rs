//! The shared result store (`--store URL`) used the way users get it wrong or the world breaks
//! it: the store gone between a create and its record, credentials in the URL, `--no-cache`
//! beside `--store`, a machine suspended past its lease while another takes its key over.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::fake_server::{fake, start_shared};
use crate::harness::{TEST_KEY, cli, command, stderr_of, write};

/// The shared store stops answering while a create is in flight: the job's id is still in the
/// local store (it alone must suffice to never pay twice), whatever the shared store said.
#[test]
fn a_shared_store_that_fails_after_a_create_does_not_cost_the_local_store_the_job_id() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    write(&doc, b"# One\n");
    // The create's answer comes a second after its job is made: the store breaks meanwhile.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_secs(1),
        ..fake::Config::default()
    });
    let shared = dir.path().join("shared");
    let store = format!("file://{}", shared.display());
    let output = std::thread::scope(|scope| {
        let run = scope.spawn(|| {
            cli(&url)
                .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
                .args(["parse", "--tier", "agentic"])
                .arg(&doc)
                .args(["--store", &store])
                .output()
                .unwrap()
        });
        let started = Instant::now();
        while fake.made_jobs().is_empty() {
            assert!(started.elapsed() < Duration::from_secs(20), "no job made");
            std::thread::sleep(Duration::from_millis(10));
        }
        // The shared directory replaced by a file: nothing more can be written in it.
        std::fs::remove_dir_all(&shared).unwrap();
        std::fs::write(&shared, b"not a directory").unwrap();
        run.join().unwrap()
    });
    let said = stderr_of(&output);
    let job = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("job {job} was created but could not be recorded")),
        "{said}"
    );
    let index = std::fs::read_to_string(dir.path().join("store/index.jsonl")).unwrap();
    assert!(
        index
            .lines()
            .any(|line| line.contains(r#""event":"created""#) && line.contains(&job)),
        "{index}"
    );
    assert_eq!(fake.made_jobs().len(), 1);
}

/// A store URL holding credentials (or a signed query) is refused without printing them.
#[test]
fn a_store_url_with_credentials_is_refused_without_saying_them() {
    let (url, fake) = start_shared(fake::Config::default());
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.md");
    write(&doc, b"# x\n");
    for (bad, shown) in [
        (
            "s3://AKIAEXAMPLE:wJalrXUtnFEMI@team/llamacloud",
            "s3://***@team/llamacloud",
        ),
        (
            "s3://team/llamacloud?X-Amz-Signature=wJalrXUtnFEMI",
            "s3://team/llamacloud?***",
        ),
        ("gs://AKIAEXAMPLE@team/llamacloud", "gs://***@team/llamacloud"),
    ] {
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .arg("parse")
            .arg(&doc)
            .args(["--tier", "fast", "--store", bad])
            .output()
            .unwrap();
        let said = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{bad}: {said}");
        assert!(said.contains("holds credentials or a query"), "{bad}: {said}");
        assert!(said.contains(shown), "{bad}: {said}");
        assert!(
            !said.contains("wJalrXUtnFEMI") && !said.contains("AKIAEXAMPLE"),
            "{bad}: {said}"
        );
    }
    assert_eq!(fake.requests_seen().creates, 0);
}

/// `--no-cache` beside a shared store (the flag, or LLAMACLOUD_STORE): the store is not used,
/// and the run says so instead of paying while the user thinks the team's store was asked.
#[test]
fn no_cache_says_that_the_shared_store_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    write(&doc, b"# One\n");
    let (url, fake) = start_shared(fake::Config::default());
    let shared = dir.path().join("shared");
    let store = format!("file://{}", shared.display());
    let note = format!(
        "note: --no-cache: the shared store {store} is neither read nor written either; every document is parsed (and paid for)\n"
    );
    let flag = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .arg("parse")
        .arg(&doc)
        .args(["--tier", "fast", "--no-cache", "--store", &store])
        .output()
        .unwrap();
    assert_eq!(flag.status.code(), Some(0), "{}", stderr_of(&flag));
    assert!(stderr_of(&flag).contains(&note), "{}", stderr_of(&flag));
    let env = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .env("LLAMACLOUD_STORE", &store)
        .args(["parse", "--tier", "fast", "--no-cache", "--recursive"])
        .arg(dir.path())
        .arg("--output-dir")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(env.status.code(), Some(0), "{}", stderr_of(&env));
    assert!(stderr_of(&env).contains(&note), "{}", stderr_of(&env));
    assert_eq!(fake.made_jobs().len(), 2);
    assert!(!shared.exists());
}

/// Waits until `path` exists, at most 20 s.
fn until_exists(path: &std::path::Path) {
    let started = Instant::now();
    while !path.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} never came",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A machine suspended (SIGSTOP) past its lease while it holds a key's claim (looking for the job
/// of an unanswered create, for seconds) is taken over by another, which pays for the document's
/// job. Resumed, its claim's renewal must not pass for a claim that was never away: the fence
/// before its create asks the store, finds the other machine, and nothing more is paid for.
#[test]
fn a_machine_resumed_after_its_claim_was_taken_over_does_not_pay_again() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    write(&doc, b"# One\n");
    let (url, fake) = start_shared(fake::Config::default());
    // The document's key: from a run on a store of its own (its job counted apart).
    let first = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("first/store"))
        .args(["parse", "--tier", "agentic"])
        .arg(&doc)
        .args([
            "--store",
            &format!("file://{}", dir.path().join("first/shared").display()),
        ])
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let key = std::fs::read_dir(dir.path().join("first/shared/keys"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    // A create of a dead machine's whose job no listing shows: whoever claims the key looks for
    // its job (for seconds) before creating one.
    let shared = dir.path().join("shared");
    let store = format!("file://{}", shared.display());
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let token = "deadbeefdeadbeefdeadbeefdeadbeef";
    write(
        &shared.join(format!(
            "keys/{key}/events/{at:013}-0000000000-ff~intent~{token}.json"
        )),
        format!(r#"{{"at":{at},"event":"intent","token":"{token}"}}"#).as_bytes(),
    );
    let machine = |name: &str| {
        let mut run = command();
        run.env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join(name).join("store"))
            .env("LLAMACLOUD_TEST_LEASE_MS", "1000")
            .env("LLAMACLOUD_TEST_CLOCK_SPEED", "4")
            .args(["parse", "--tier", "agentic"])
            .arg(&doc)
            .args(["--store", &store]);
        run
    };
    let a = machine("a")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It holds the claim and looks for the dead machine's job: suspended there.
    until_exists(&shared.join(format!("claims/{key}/0000000000")));
    unsafe { libc::kill(a.id() as i32, libc::SIGSTOP) };
    // Another machine waits out its lease, takes the key over, finds no job and pays for one.
    let b = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("b/store"))
        .env("LLAMACLOUD_TEST_LEASE_MS", "1000")
        .args(["parse", "--tier", "agentic"])
        .arg(&doc)
        .args(["--store", &store])
        .output()
        .unwrap();
    unsafe { libc::kill(a.id() as i32, libc::SIGCONT) };
    let said_b = stderr_of(&b);
    assert_eq!(b.status.code(), Some(0), "{said_b}");
    assert!(said_b.contains("ran out: taking it over"), "{said_b}");
    assert_eq!(fake.made_jobs().len(), 2, "{said_b}");
    // Resumed, the first machine creates nothing. Either its fence finds the taker (the document
    // fails, saying why), or, resumed after the taker recorded its job, it reads that job and
    // writes the document from it: which one depends on where the stop caught it.
    let a = a.wait_with_output().unwrap();
    let said_a = String::from_utf8_lossy(&a.stderr);
    assert_eq!(fake.made_jobs().len(), 2, "{said_a}");
    match a.status.code() {
        Some(1) => assert!(
            said_a.contains(
                "was taken over by another machine while this one was away: no job is created for it here"
            ),
            "{said_a}"
        ),
        Some(0) => assert!(!said_a.contains("Created parse job"), "{said_a}"),
        other => panic!("exit {other:?}: {said_a}"),
    }
}
