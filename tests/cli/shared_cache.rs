//! `cache path|list|prune|clear --store` on the store shared by machines, and `--dry-run` with a
//! shared store: on a shared directory (`file://`), and on a real S3-compatible server (moto) for
//! a listing that object_store pages under a prefix.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use testkit::s3::S3Server;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, cli, stderr_of, stdout_of, walk, write};

/// The documents doc-NN.md under DIR/docs, `from..to`.
fn docs(dir: &Path, from: usize, to: usize) {
    for n in from..to {
        write(
            &dir.join(format!("docs/doc-{n:02}.md")),
            format!("# Document {n}\n").as_bytes(),
        );
    }
}

fn file_url(dir: &Path) -> String {
    format!("file://{}", dir.join("shared").display())
}

/// Machine `name` (its own HOME and local store) running `args`.
fn on(url: &str, dir: &Path, name: &str, args: &[&str]) -> InProcess {
    let mut run = cli(url);
    run.env("HOME", dir.join(name))
        .env("LLAMACLOUD_CACHE_DIR", dir.join(name).join("store"))
        .args(args);
    run
}

/// `parse` of DIR/docs on machine `name` into DIR/NAME/out, with the shared store `store`.
fn parse(url: &str, dir: &Path, name: &str, store: &str, extra: &[&str]) -> InProcess {
    let out = dir.join(name).join("out");
    let docs = dir.join("docs");
    let mut run = on(url, dir, name, &["parse", "--tier", "agentic", "--recursive"]);
    run.arg(&docs)
        .arg("--output-dir")
        .arg(&out)
        .args(["--store", store])
        .args(extra);
    run
}

fn ok(run: &mut InProcess) -> (String, String) {
    let output = run.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    (stdout_of(&output), stderr_of(&output))
}

/// Every object of a file:// store, and its bytes.
fn objects(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    if !root.exists() {
        return Vec::new();
    }
    walk(root)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path.strip_prefix(root).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// `cache list --store` as (job, status, results) rows, sorted.
fn listed(url: &str, dir: &Path, store: &str) -> Vec<(String, String, String)> {
    let (tsv, _) = ok(&mut on(
        url,
        dir,
        "lister",
        &["cache", "list", "--format", "tsv", "--store", store],
    ));
    let mut rows: Vec<(String, String, String)> = tsv
        .lines()
        .map(|row| {
            let fields: Vec<&str> = row.split('\t').collect();
            assert_eq!(fields.len(), 5, "{row}");
            (fields[1].into(), fields[2].into(), fields[3].into())
        })
        .collect();
    rows.sort();
    rows
}

fn made(fake: &fake::Fake) -> Vec<String> {
    let mut ids: Vec<String> = fake
        .made_jobs()
        .iter()
        .map(|job| job["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Writes key `key`'s event `what` at `at` (ms) into the file:// store at `root`, as a machine
/// records it.
fn event(root: &Path, key: &str, at: i64, what: Value) {
    let mut body = what;
    body["at"] = json!(at);
    write(
        &root.join(format!(
            "keys/{key}/events/{at:013}-{:016x}.json",
            fastrand::u64(..)
        )),
        body.to_string().as_bytes(),
    );
}

const DAY_MS: i64 = 24 * 3600 * 1000;

fn now_ms() -> i64 {
    crate::harness::test_now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[test]
fn the_shared_store_is_listed_pruned_by_last_use_and_cleared_through_cache_store() {
    let dir = tempfile::tempdir().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let root = dir.path().join("shared");
    docs(dir.path(), 0, 1);
    ok(&mut parse(&url, dir.path(), "a", &store, &[]));
    docs(dir.path(), 1, 2);
    ok(&mut parse(&url, dir.path(), "b", &store, &[]));
    let jobs = made(&fake);
    assert_eq!(jobs.len(), 2);
    // From a third machine: both keys, as the machines left them.
    let row = |job: &str| (job.to_string(), "COMPLETED".to_string(), "md".to_string());
    assert_eq!(
        listed(&url, dir.path(), &store),
        vec![row(&jobs[0]), row(&jobs[1])]
    );
    // Without --store, `cache` is the local store's, even with LLAMACLOUD_STORE set.
    let (local, said) =
        ok(on(&url, dir.path(), "c", &["cache", "list", "--json"]).env("LLAMACLOUD_STORE", &store));
    assert_eq!(local, "{\"items\":[]}\n", "{said}");
    // --store alone: the store set.
    let (path, _) =
        ok(on(&url, dir.path(), "c", &["cache", "path", "--store"]).env("LLAMACLOUD_STORE", &store));
    assert_eq!(path, format!("{store}\n"));
    let (path, _) = ok(&mut on(
        &url,
        dir.path(),
        "c",
        &["cache", "path", "--json", "--store", &store],
    ));
    assert_eq!(path, format!("{}\n", json!({ "url": store })));
    let unset = on(&url, dir.path(), "c", &["cache", "list", "--store"])
        .output()
        .unwrap();
    assert_eq!(unset.status.code(), Some(2), "{}", stderr_of(&unset));
    assert!(
        stderr_of(&unset).contains("none is set: pass --store URL"),
        "{}",
        stderr_of(&unset)
    );

    // A month-old key done with, one whose job never ended, one a machine holds a claim on now.
    let month_ago = now_ms() - 30 * DAY_MS;
    let (old, running, claimed) = (
        format!("{:064x}", 1),
        format!("{:064x}", 2),
        format!("{:064x}", 3),
    );
    for (key, job) in [
        (&old, "pjb-old"),
        (&running, "pjb-running"),
        (&claimed, "pjb-claimed"),
    ] {
        event(&root, key, month_ago, json!({"event": "created", "job_id": job}));
        if key != &running {
            event(
                &root,
                key,
                month_ago + 1,
                json!({"event": "ended", "job_id": job, "status": "COMPLETED"}),
            );
        }
    }
    write(&root.join(format!("keys/{old}/results/md")), b"# old\n");
    let forever = json!({"machine": "ci-7 (pid 1)", "expires_at": i64::MAX / 2});
    write(
        &root.join(format!("claims/{claimed}/0000000000")),
        forever.to_string().as_bytes(),
    );
    let mut pruned = on(
        &url,
        dir.path(),
        "c",
        &["cache", "prune", "--older-than", "7d", "--store", &store],
    );
    let (_, said) = ok(&mut pruned);
    assert_eq!(
        said,
        format!(
            "Removed 1 result not used in 168h from {store}; kept 1 job not ended (the next run waits \
             for it instead of paying again); kept 1 result a machine is working on now (its claim is live)\n"
        )
    );
    assert!(!root.join(format!("keys/{old}")).exists());
    let mut after = listed(&url, dir.path(), &store);
    after.retain(|(job, _, _)| jobs.contains(job));
    assert_eq!(
        after,
        vec![row(&jobs[0]), row(&jobs[1])],
        "the recent keys are kept"
    );
    assert_eq!(listed(&url, dir.path(), &store).len(), 4);

    // Clear asks first (no terminal here: --yes), and keeps the key a machine is deciding about
    // and the job not ended (a machine follows it: forgotten, the next would pay for it again).
    let refused = on(&url, dir.path(), "c", &["cache", "clear", "--store", &store])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr_of(&refused));
    assert!(
        stderr_of(&refused).contains(&format!("Forget the 4 results in the shared store {store}")),
        "{}",
        stderr_of(&refused)
    );
    let (_, said) = ok(&mut on(
        &url,
        dir.path(),
        "c",
        &["cache", "clear", "--yes", "--store", &store],
    ));
    assert_eq!(
        said,
        format!(
            "Removed 2 results from {store}; kept 1 job not ended (the next run waits for it instead \
             of paying again); kept 1 result a machine is working on now (its claim is live)\n"
        )
    );
    std::fs::remove_dir_all(root.join("claims")).unwrap();
    event(
        &root,
        &running,
        month_ago + 2,
        json!({"event": "ended", "job_id": "pjb-running", "status": "FAILED"}),
    );
    ok(&mut on(
        &url,
        dir.path(),
        "c",
        &["cache", "clear", "--yes", "--store", &store],
    ));
    let mut empty = on(
        &url,
        dir.path(),
        "c",
        &["cache", "list", "--json", "--store", &store],
    );
    let (items, said) = ok(&mut empty);
    assert_eq!(items, "{\"items\":[]}\n");
    assert_eq!(said, format!("The shared store {store} is empty.\n"));
    assert_eq!(objects(&root.join("keys")), vec![]);
    // Forgotten: a machine with nothing of its own pays again.
    ok(&mut parse(&url, dir.path(), "d", &store, &[]));
    assert_eq!(fake.made_jobs().len(), 4);
}

#[test]
fn a_dry_run_on_a_fresh_home_says_what_only_the_shared_store_knows_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let store = file_url(dir.path());
    let root = dir.path().join("shared");
    docs(dir.path(), 0, 2);
    ok(&mut parse(&url, dir.path(), "a", &store, &[]));
    docs(dir.path(), 2, 3);
    let before = (objects(&root), fake.requests_seen(), fake.made_jobs().len());
    let (planned, said) = ok(&mut parse(&url, dir.path(), "fresh", &store, &["--dry-run"]));
    let docs = dir.path().join("docs");
    let docs = docs.display();
    let lines: Vec<&str> = planned.lines().collect();
    assert_eq!(
        lines[..4],
        [
            format!("cached (shared)   13 bytes          -  {docs}/doc-00.md"),
            format!("cached (shared)   13 bytes          -  {docs}/doc-01.md"),
            format!(
                "parse    13 bytes          -  {docs}/doc-02.md: parsed whole: its page count is not known here"
            ),
            "3 documents: 1 to parse (pages not known, 13 bytes), 0 done, 2 cached (2 in the shared store), \
             0 skipped; nothing was sent"
                .to_string(),
        ],
        "{planned}{said}"
    );
    // The estimate counts the new document only.
    assert!(planned.contains("estimate on agentic: 1 document,"), "{planned}");
    let (jsonl, _) = ok(&mut parse(
        &url,
        dir.path(),
        "fresh",
        &store,
        &["--dry-run", "--format", "jsonl"],
    ));
    let objects_said: Vec<Value> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        objects_said[..3]
            .iter()
            .map(|o| (o["action"].clone(), o["shared"].clone()))
            .collect::<Vec<_>>(),
        [
            (json!("cached"), json!(true)),
            (json!("cached"), json!(true)),
            (json!("parse"), Value::Null)
        ]
    );
    // Nothing written to the shared store (no claim, no event, no probe), nothing copied down,
    // nothing sent.
    assert_eq!(
        (objects(&root), fake.requests_seen(), fake.made_jobs().len()),
        before
    );
    assert!(!dir.path().join("fresh/store").exists());
    assert!(!dir.path().join("fresh/out").exists());
    // A machine with a local store of its own: nothing copied down into it either.
    std::fs::create_dir_all(dir.path().join("other/store")).unwrap();
    let (planned, said) = ok(&mut parse(&url, dir.path(), "other", &store, &["--dry-run"]));
    assert!(
        planned.contains("2 cached (2 in the shared store)"),
        "{planned}{said}"
    );
    let copied: Vec<PathBuf> = walk(&dir.path().join("other/store"))
        .into_iter()
        .filter(|path| path.to_string_lossy().contains("results"))
        .collect();
    assert_eq!(copied, Vec::<PathBuf>::new());
    assert_eq!(objects(&root), before.0);
    // The machine that parsed them has them itself: `cached`, not from the shared store.
    let mut own = on(
        &url,
        dir.path(),
        "a",
        &["parse", "--tier", "agentic", "--dry-run", "--recursive"],
    );
    own.arg(dir.path().join("docs"))
        .arg("--output-dir")
        .arg(dir.path().join("elsewhere"))
        .args(["--store", &store]);
    let (own, said) = ok(&mut own);
    assert!(
        own.starts_with(&format!("cached   13 bytes          -  {docs}/doc-00.md\n")),
        "{own}{said}"
    );
    assert!(own.contains("2 cached, 0 skipped"), "{own}");
}

#[test]
fn cache_store_and_a_dry_run_on_an_s3_store() {
    let Some(server) = S3Server::start("shared_cache::cache_store_and_a_dry_run_on_an_s3_store") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let store = server.url("team");
    let with_s3 = |mut run: InProcess| {
        for (key, value) in server.env() {
            run.env(key, value);
        }
        run
    };
    docs(dir.path(), 0, 3);
    ok(&mut with_s3(parse(&url, dir.path(), "a", &store, &[])));
    docs(dir.path(), 3, 4);
    let (planned, said) = ok(&mut with_s3(parse(
        &url,
        dir.path(),
        "fresh",
        &store,
        &["--dry-run"],
    )));
    assert!(
        planned.contains(
            "4 documents: 1 to parse (pages not known, 13 bytes), 0 done, 3 cached (3 in the shared store)"
        ),
        "{planned}{said}"
    );
    let list = |run: InProcess| {
        let (tsv, _) = ok(&mut with_s3(run));
        let mut jobs: Vec<String> = tsv
            .lines()
            .map(|row| row.split('\t').nth(1).unwrap().to_string())
            .collect();
        jobs.sort();
        jobs
    };
    let listing = ["cache", "list", "--format", "tsv", "--store", &store];
    assert_eq!(list(on(&url, dir.path(), "c", &listing)), made(&fake));
    // Another prefix of the same bucket is another store.
    let elsewhere = server.url("other");
    assert_eq!(
        list(on(
            &url,
            dir.path(),
            "c",
            &["cache", "list", "--format", "tsv", "--store", &elsewhere]
        )),
        Vec::<String>::new()
    );
    let (_, said) = ok(&mut with_s3(on(
        &url,
        dir.path(),
        "c",
        &["cache", "clear", "--yes", "--store", &store],
    )));
    assert_eq!(said, format!("Removed 3 results from {store}\n"));
    assert_eq!(list(on(&url, dir.path(), "c", &listing)), Vec::<String>::new());
}
