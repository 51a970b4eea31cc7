//! A result store shared by machines (`--store URL`): each machine has its own local store (its
//! own HOME), the shared one is behind it. Two machines on one tree at once make one job per
//! document in all, a third with an empty HOME makes none, and one killed in the middle of a
//! create is taken over once its claim's lease runs out, its job found by its token. On a
//! shared directory (`file://`) here; on a real S3-compatible server in `shared_store_s3`.

use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use crate::fake_server::{fake, start_shared};
use crate::harness::{command, documents, stderr_of, stdout_of, write};

/// `count` distinct small documents under DIR/docs.
pub(crate) fn tree(dir: &Path, count: usize) -> PathBuf {
    let docs = dir.join("docs");
    for n in 0..count {
        write(
            &docs.join(format!("doc-{n:02}.md")),
            format!("# Document {n}\n").as_bytes(),
        );
    }
    docs
}

/// A machine: its own local store, writing into DIR/NAME/out; `parse` of DIR/docs with the
/// shared store at `store`, in this process (its waits for jobs take no time).
fn machine(url: &str, dir: &Path, name: &str, store: &str) -> crate::harness::InProcess {
    let mut run = crate::harness::cli(url);
    run.env("LLAMACLOUD_CACHE_DIR", dir.join(name).join("store"))
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join(name).join("out"))
        .args(["--store", store]);
    run
}

/// The same machine as a real process (one that can be killed).
fn machine_process(url: &str, dir: &Path, name: &str, store: &str, extra: &[&str]) -> std::process::Command {
    let mut run = command();
    run.env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", dir.join(name).join("store"))
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join(name).join("out"))
        .args(["--store", store])
        .args(extra);
    run
}

fn file_url(dir: &Path) -> String {
    format!("file://{}", dir.join("shared").display())
}

fn outputs(output: &Output) -> Vec<String> {
    let mut statuses: Vec<String> = documents(&stdout_of(output))
        .iter()
        .map(|line| line["status"].as_str().unwrap().to_string())
        .collect();
    statuses.sort();
    statuses
}

/// Machines "a" and "b" (`machine(name)` runs one) on a tree of `count` documents at once: both
/// succeed, and `fake` made one job per document in all.
pub(crate) fn two_at_once(fake: &fake::Fake, count: usize, machine: impl Fn(&str) -> Output + Sync) {
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| machine("a"));
        let b = scope.spawn(|| machine("b"));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr_of(&b));
    assert_eq!(
        fake.made_jobs().len(),
        count,
        "{}\n{}",
        stderr_of(&a),
        stderr_of(&b)
    );
}

/// After [`two_at_once`], machine "c" (`machine("c")` runs it, its HOME empty) makes no job:
/// each of the `count` documents is CACHED, doc-03 written as b wrote it.
pub(crate) fn a_third_makes_none(
    fake: &fake::Fake,
    dir: &Path,
    count: usize,
    machine: impl Fn(&str) -> Output,
) {
    let c = machine("c");
    assert_eq!(c.status.code(), Some(0), "{}", stderr_of(&c));
    assert_eq!(fake.made_jobs().len(), count);
    let cached = documents(&stdout_of(&c))
        .iter()
        .filter(|line| line["status"] == "CACHED")
        .count();
    assert_eq!(cached, count, "{}", stderr_of(&c));
    assert_eq!(
        std::fs::read(dir.join("c/out/doc-03.md.md")).unwrap(),
        std::fs::read(dir.join("b/out/doc-03.md.md")).unwrap()
    );
}

#[test]
fn two_machines_on_one_tree_at_once_make_one_job_per_document_and_a_third_makes_none() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 20);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    two_at_once(&fake, 20, |name| {
        machine(&url, dir.path(), name, &store).output().unwrap()
    });
    for name in ["a", "b"] {
        for n in 0..20 {
            let written =
                std::fs::read_to_string(dir.path().join(format!("{name}/out/doc-{n:02}.md.md"))).unwrap();
            assert!(
                written.contains(&format!("Document {n}")),
                "{name} {n}: {written}"
            );
        }
    }
    // A third machine with nothing of its own: every result from the shared store, no job.
    let c = machine(&url, dir.path(), "c", &store).output().unwrap();
    assert_eq!(c.status.code(), Some(0), "{}", stderr_of(&c));
    assert_eq!(fake.made_jobs().len(), 20);
    assert_eq!(outputs(&c), vec!["CACHED"; 20]);
    assert_eq!(
        std::fs::read(dir.path().join("c/out/doc-07.md.md")).unwrap(),
        std::fs::read(dir.path().join("a/out/doc-07.md.md")).unwrap()
    );
    // What was copied down is the third machine's own: with the shared store gone and its
    // output removed, it writes every document again from its local store, with no job.
    std::fs::remove_dir_all(dir.path().join("shared")).unwrap();
    std::fs::remove_dir_all(dir.path().join("c/out")).unwrap();
    let again = machine(&url, dir.path(), "c", &store).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 20, "{}", stderr_of(&again));
    assert_eq!(outputs(&again), vec!["CACHED"; 20]);
}

/// A machine with an empty HOME reads a key whose result is shared in one request: the result
/// object, whose head line names its job. Here the keys' events are gone, so a machine that
/// listed them would know nothing and pay for every document again.
#[test]
fn a_shared_result_is_read_by_itself_its_head_line_naming_its_job() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 4);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let a = machine(&url, dir.path(), "a", &store).output().unwrap();
    assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
    let made: Vec<String> = fake
        .made_jobs()
        .iter()
        .map(|job| job["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(made.len(), 4);
    let keys = dir.path().join("shared/keys");
    for key in std::fs::read_dir(&keys).unwrap() {
        let key = key.unwrap().path();
        // The result object: its head line, then the result as the API gave it.
        let result = std::fs::read_to_string(key.join("results/md")).unwrap();
        let (head, body) = result.split_once('\n').unwrap();
        let job: serde_json::Value =
            serde_json::from_str(head.strip_prefix("llamacloud-result ").unwrap()).unwrap();
        assert!(
            made.contains(&job["job_id"].as_str().unwrap().to_string()),
            "{head}"
        );
        assert!(body.contains("\n# Document "), "{body}");
        std::fs::remove_dir_all(key.join("events")).unwrap();
    }
    let c = machine(&url, dir.path(), "c", &store).output().unwrap();
    assert_eq!(c.status.code(), Some(0), "{}", stderr_of(&c));
    assert_eq!(fake.made_jobs().len(), 4, "{}", stderr_of(&c));
    assert_eq!(outputs(&c), vec!["CACHED"; 4]);
    for n in 0..4 {
        let name = format!("doc-{n:02}.md.md");
        assert_eq!(
            std::fs::read(dir.path().join("c/out").join(&name)).unwrap(),
            std::fs::read(dir.path().join("a/out").join(&name)).unwrap(),
            "{name}"
        );
    }
    // Its manifest names each document's job, as a's does.
    let manifest = |name: &str| {
        std::fs::read_to_string(dir.path().join(name).join("out/.llamacloud-manifest.jsonl"))
            .unwrap_or_default()
    };
    for job in &made {
        assert!(manifest("c").contains(job.as_str()), "{job}: {}", manifest("c"));
    }
}

/// A result cut short in the shared store is never written into an output: a machine that finds
/// it so says so, fetches the result from its job (no new job) and puts it back whole.
#[test]
fn a_shared_result_cut_short_is_fetched_from_its_job_and_mended() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 1);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let a = machine(&url, dir.path(), "a", &store).output().unwrap();
    assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
    let key = std::fs::read_dir(dir.path().join("shared/keys"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let result = key.join("results/md");
    let whole = std::fs::read(&result).unwrap();
    std::fs::write(&result, &whole[..whole.len() - 5]).unwrap();
    let c = machine(&url, dir.path(), "c", &store).output().unwrap();
    let said = stderr_of(&c);
    assert_eq!(c.status.code(), Some(0), "{said}");
    assert_eq!(fake.made_jobs().len(), 1, "{said}");
    assert!(said.contains("holds a result that is not whole"), "{said}");
    assert_eq!(
        std::fs::read(dir.path().join("c/out/doc-00.md.md")).unwrap(),
        std::fs::read(dir.path().join("a/out/doc-00.md.md")).unwrap()
    );
    assert_eq!(std::fs::read(&result).unwrap(), whole, "not mended");
}

/// `--force` parses again and its results replace the shared ones: a machine after it gets the
/// new job's result, not the one it replaced (a result found broken is mended so).
#[test]
fn a_forced_run_replaces_the_shared_results_for_every_machine_after_it() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 2);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let a = machine(&url, dir.path(), "a", &store).output().unwrap();
    assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
    let mut forced = machine(&url, dir.path(), "b", &store);
    let b = forced.arg("--force").output().unwrap();
    assert_eq!(b.status.code(), Some(0), "{}", stderr_of(&b));
    assert_eq!(fake.made_jobs().len(), 4);
    let jobs = |output: &Output| {
        let mut jobs: Vec<String> = documents(&stdout_of(output))
            .iter()
            .map(|line| line["job_id"].as_str().unwrap().to_string())
            .collect();
        jobs.sort();
        jobs
    };
    let c = machine(&url, dir.path(), "c", &store).output().unwrap();
    assert_eq!(c.status.code(), Some(0), "{}", stderr_of(&c));
    assert_eq!(fake.made_jobs().len(), 4, "{}", stderr_of(&c));
    assert_eq!(jobs(&c), jobs(&b), "{}", stderr_of(&c));
    assert_ne!(jobs(&c), jobs(&a));
}

/// Waits until `fake` has made `count` jobs, at most 20 s.
fn until_made(fake: &fake::Fake, count: usize) {
    let started = Instant::now();
    while fake.made_jobs().len() < count {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} jobs made",
            fake.made_jobs().len()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_machine_killed_in_a_create_is_taken_over_once_its_lease_runs_out_and_its_job_is_found() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 1);
    // The create's answer comes 3 s after its job is made: the first machine dies in between.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_secs(3),
        ..fake::Config::default()
    });
    let store = file_url(dir.path());
    let mut first: Child = machine_process(&url, dir.path(), "a", &store, &[])
        .env("LLAMACLOUD_TEST_LEASE_MS", "500")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    until_made(&fake, 1);
    first.kill().unwrap();
    first.wait().unwrap();
    // Another machine: the claim is live for half a second, then taken over; the job is found by
    // its token, not made again.
    let second = machine(&url, dir.path(), "b", &store).output().unwrap();
    let said = stderr_of(&second);
    assert_eq!(second.status.code(), Some(0), "{said}");
    assert_eq!(fake.made_jobs().len(), 1, "{said}");
    assert!(said.contains("ran out: taking it over"), "{said}");
    assert!(said.contains("note: found job "), "{said}");
    assert!(dir.path().join("b/out/doc-00.md.md").exists());
}

/// A first machine parses DIR/docs into the shared store, where doc-00's key is found (by its
/// result); then everything of the store is forgotten. Returns the store's directory and the key.
fn doc_00_key_forgotten(url: &str, dir: &Path, store: &str) -> (PathBuf, String) {
    let first = machine(url, dir, "a", store).output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let shared = dir.join("shared");
    let key = std::fs::read_dir(shared.join("keys"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .find(|key| {
            std::fs::read_to_string(shared.join(format!("keys/{key}/results/md")))
                .is_ok_and(|md| md.contains("Document 0"))
        })
        .expect("doc-00's key");
    std::fs::remove_dir_all(shared.join("keys")).unwrap();
    std::fs::remove_dir_all(shared.join("claims")).unwrap();
    (shared, key)
}

/// Machine "b" run with `--concurrency 1`, so that it prints its documents in the order it
/// takes them: the order they are found in (a window of one: no random order of its own).
fn one_at_a_time(url: &str, dir: &Path, store: &str) -> Output {
    let mut run = machine(url, dir, "b", store);
    run.args(["--concurrency", "1"])
        .env("LLAMACLOUD_TEST_TAKE_WINDOW", "1")
        .output()
        .unwrap()
}

/// With a shared store, a run takes its documents in an order of its own (at random within the
/// next 1,024), so that machines started together on one tree start on different documents
/// rather than all deciding about the first one, then the second… (all but one waiting for the
/// claim of each, issue 32's benchmark).
#[test]
fn machines_on_one_tree_take_its_documents_each_in_an_order_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 12);
    // One store each, so that each run creates a job for every document, in the order it took them.
    let order_of = |name: &str, seed: &str| {
        let (url, fake) = start_shared(fake::Config::default());
        let store = format!("file://{}", dir.path().join(name).join("shared").display());
        let mut run = machine(&url, dir.path(), name, &store);
        let output = run
            .args(["--concurrency", "1"])
            .env("LLAMACLOUD_TEST_TAKE_SEED", seed)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let made = fake.made_jobs();
        made.iter()
            .map(|job| job["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (a, b) = (order_of("a", "1"), order_of("b", "2"));
    let found: Vec<String> = (0..12).map(|n| format!("doc-{n:02}.md")).collect();
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, found, "every document once");
    sorted = b.clone();
    sorted.sort();
    assert_eq!(sorted, found, "every document once");
    assert_ne!(a, found, "not the order they are found in");
    assert_ne!(a, b, "each run its own order");
}

/// The file names of the documents in `output`'s jsonl, in the order they were printed.
fn order(output: &Output) -> Vec<String> {
    documents(&stdout_of(output))
        .iter()
        .map(|line| {
            line["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// A document another machine is deciding about (its claim live: here a dead machine's, let go
/// of once the others are written) does not hold up the rest: it is taken again once every other
/// document was, waited for, then claimed.
#[test]
fn a_document_another_machine_decides_about_waits_behind_the_others_not_before_them() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 3);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let (shared, key) = doc_00_key_forgotten(&url, dir.path(), &store);
    // doc-00's key held by another machine for a minute.
    let claim = shared.join(format!("claims/{key}/0000000007"));
    let expires_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        + 60_000;
    let body = |released: bool| {
        format!(r#"{{"machine":"gone (pid 1)","expires_at":{expires_at},"released":{released}}}"#)
    };
    write(&claim, body(false).as_bytes());
    let second = std::thread::scope(|scope| {
        let second = scope.spawn(|| one_at_a_time(&url, dir.path(), &store));
        // The others are written while doc-00 waits; then the claim is let go of.
        let started = Instant::now();
        while !["doc-01.md.md", "doc-02.md.md"]
            .iter()
            .all(|name| dir.path().join("b/out").join(name).exists())
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "doc-00 holds up the others"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        write(&claim, body(true).as_bytes());
        second.join().unwrap()
    });
    let said = stderr_of(&second);
    assert_eq!(second.status.code(), Some(0), "{said}");
    assert_eq!(order(&second), ["doc-01.md", "doc-02.md", "doc-00.md"], "{said}");
    assert!(
        said.contains("Waiting for another machine (gone (pid 1)) deciding about"),
        "{said}"
    );
    assert_eq!(fake.made_jobs().len(), 6, "{said}");
}

/// A document whose create another machine sent (its intent recorded, no job yet) is put behind
/// the others without asking for its claim; taken again, the intent is looked for, then the
/// document parsed once.
#[test]
fn a_document_with_another_machines_unanswered_create_goes_behind_the_others() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), 3);
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let (shared, key) = doc_00_key_forgotten(&url, dir.path(), &store);
    let name = "1700000000000-0000000001-00ff~intent~0123456789abcdef0123456789abcdef.json";
    write(
        &shared.join(format!("keys/{key}/events/{name}")),
        br#"{"at":1700000000000,"event":"intent","token":"0123456789abcdef0123456789abcdef"}"#,
    );
    let second = one_at_a_time(&url, dir.path(), &store);
    let said = stderr_of(&second);
    assert_eq!(second.status.code(), Some(0), "{said}");
    assert_eq!(order(&second), ["doc-01.md", "doc-02.md", "doc-00.md"], "{said}");
    assert_eq!(fake.made_jobs().len(), 6, "{said}");
}

#[test]
fn a_store_url_that_is_none_is_refused_before_anything_is_sent() {
    let (url, fake) = start_shared(fake::Config::default());
    for bad in ["http://bucket/x", "s3://", "file://relative", "bucket/prefix"] {
        let output = crate::harness::cli(&url)
            .args(["parse", "x.md", "--tier", "fast", "--store", bad])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr_of(&output));
        assert!(
            stderr_of(&output).contains("expected s3://BUCKET/PREFIX"),
            "{bad}: {}",
            stderr_of(&output)
        );
    }
    assert_eq!(fake.requests_seen().creates, 0);
}
