//! Claims on a `file://` store.

use super::claims::{Claim, Claiming, claim_path};
use super::*;
use crate::context::MapEnv;
use std::path::Path;

fn open(dir: &Path) -> Arc<SharedStore> {
    let url = format!("file://{}", dir.display());
    let env = MapEnv::new(Vec::<(String, String)>::new());
    SharedStore::open(&url, &env, Unreachable::Stop, Stderr::new(std::io::sink())).unwrap()
}

/// The paths of the objects under `prefix`.
fn listed(store: &SharedStore, prefix: &str) -> Vec<String> {
    store
        .remote
        .list(prefix)
        .unwrap()
        .into_iter()
        .map(|listed| listed.path)
        .collect()
}

/// The event of a markdown result of `job_id`, no page failed.
fn md_result(job_id: impl Into<String>) -> What {
    What::Result {
        job_id: job_id.into(),
        kind: "md".into(),
        failed_pages: Vec::new(),
    }
}

fn held(claiming: Claiming<'_>) -> Claim<'_> {
    match claiming {
        Claiming::Held(claim) => claim,
        Claiming::Busy => panic!("busy"),
        Claiming::Without => panic!("without the store"),
    }
}

/// Machine Y lets go of a key; machine Z, which finds the key free now, claims it; machine
/// X, which had read Y's claim just before it was let go of, claims the generation after it.
/// Only one of Z and X may hold the key: were the released claim deleted, Z would find no
/// claim at all, create generation 0, and X generation 1 beside it (both would create a job
/// when Y's decision made none: a refused create, a budget reached).
#[test]
fn a_key_let_go_of_is_claimed_by_one_machine_whoever_read_it_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let y = held(store.claim("key", "doc.pdf", true).unwrap());
    assert_eq!(y.generation, 0);
    drop(y);
    let z = held(store.claim("key", "doc.pdf", true).unwrap());
    assert_eq!(z.generation, 1);
    let x = store
        .remote
        .create(&claim_path("key", 1), store.claim_body(false).unwrap());
    assert!(!x.unwrap(), "two machines hold the key");
    drop(z);
    // Let go of, the last generation stays (released), the ones before it are removed.
    let left = listed(&store, "claims/key/");
    assert_eq!(left, vec![claim_path("key", 1)]);
}

/// A key another machine holds is `Busy` to a claim that does not wait, and free once let go of.
#[test]
fn a_key_held_elsewhere_is_busy_to_a_claim_that_does_not_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (one, other) = (open(dir.path()), open(dir.path()));
    let holding = held(one.claim("key", "doc.pdf", false).unwrap());
    assert!(matches!(
        other.claim("key", "doc.pdf", false).unwrap(),
        Claiming::Busy
    ));
    drop(holding);
    assert_eq!(held(other.claim("key", "doc.pdf", false).unwrap()).generation, 1);
}

/// A holder whose lease was not written for half a lease (suspended) creates nothing when
/// another machine took the key over meanwhile; one that was not taken over renews and goes on.
#[test]
fn a_holder_away_past_its_lease_creates_nothing_once_the_key_was_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let (one, other) = (open(dir.path()), open(dir.path()));
    let holding = held(one.claim("key", "doc.pdf", true).unwrap());
    one.fence("key", "doc.pdf").unwrap();
    let away = |store: &SharedStore| {
        lock(&store.held.0).get_mut("key").unwrap().written_at -= 61_000;
    };
    away(&one);
    one.fence("key", "doc.pdf").unwrap();
    // Renewed: fenced again without asking.
    assert!(now_ms() - lock(&one.held.0)["key"].written_at < 10_000);
    away(&one);
    // Another machine found the lease run out and took the key over.
    let taken = other.remote.create(
        &claim_path("key", holding.generation + 1),
        other.claim_body(false).unwrap(),
    );
    assert!(taken.unwrap());
    let refused = one.fence("key", "doc.pdf").unwrap_err().to_string();
    assert!(refused.contains("taken over by another machine"), "{refused}");
    assert!(refused.contains("doc.pdf"), "{refused}");
}

/// A key is folded from its listing: every event's name says it (a reader with every event's
/// body unreadable knows the job and its result), but one holding more than a name can (a result
/// with failed pages) is read.
#[test]
fn a_key_is_read_from_its_events_names_and_a_result_with_failed_pages_from_its_body() {
    let dir = tempfile::tempdir().unwrap();
    let writer = open(dir.path());
    let at = now_ms();
    let job = "pjb-1".to_string();
    writer
        .record("key", at, &What::Created { job_id: job.clone() })
        .unwrap();
    let ended = What::Ended {
        job_id: job.clone(),
        status: "COMPLETED".into(),
    };
    writer.record("key", at, &ended).unwrap();
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# hi").unwrap();
    let result = md_result(job.clone());
    writer.share_result("key", "md", &file, at, &result);
    let events = dir.path().join("keys/key/events");
    for event in std::fs::read_dir(&events).unwrap() {
        std::fs::write(event.unwrap().path(), "unreadable").unwrap();
    }
    let entry = open(dir.path()).entry("key").expect("an entry");
    assert_eq!(entry.job_id.as_deref(), Some("pjb-1"));
    assert_eq!(entry.status.as_deref(), Some("COMPLETED"));
    assert_eq!(entry.results.names().collect::<Vec<_>>(), ["md"]);
    // Failed pages are in the body only.
    let failed = vec![crate::store::entry::FailedPage {
        page_number: "3".into(),
        error: "no text".into(),
    }];
    let text = What::Result {
        job_id: job,
        kind: "txt".into(),
        failed_pages: failed,
    };
    writer.record("key", at, &text).unwrap();
    let entry = open(dir.path()).entry("key").expect("an entry");
    assert_eq!(entry.results.names().collect::<Vec<_>>(), ["md", "txt"]);
    assert_eq!(entry.failed_pages.map(|p| p.len()), Some(1));
}

/// Copying a result down notes the key's use when its last use is more than a day old (what
/// `cache prune --store` judges by), and not again while it is recent.
#[test]
fn a_result_copied_down_notes_the_keys_use_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let writer = open(dir.path());
    let long_ago = now_ms() - 3 * 24 * 60 * 60 * 1000;
    writer
        .record(
            "key",
            long_ago,
            &What::Created {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# hi").unwrap();
    let result = md_result("pjb-1");
    writer.share_result("key", "md", &file, long_ago, &result);
    let used = dir.path().join("keys/key/meta/used");
    let reader = open(dir.path());
    assert_eq!(reader.entry("key").unwrap().last_at, long_ago);
    assert!(reader.copy_down("key", "md", &dir.path().join("down.md")));
    assert!(used.exists(), "the use was not noted");
    // A fresh reader reads the use as the key's last use.
    assert!(now_ms() - open(dir.path()).entry("key").unwrap().last_at < 60_000);
    std::fs::remove_file(&used).unwrap();
    assert!(reader.copy_down("key", "md", &dir.path().join("down.md")));
    assert!(!used.exists(), "a recent use was noted again");
}

/// `cache prune --store` judges a key by its last use: a key whose events are old but whose
/// result a machine copied down since is kept; one nobody used is forgotten.
#[test]
fn a_prune_keeps_a_key_whose_result_was_copied_down_since_its_last_event() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let long_ago = now_ms() - 30 * 24 * 60 * 60 * 1000;
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# hi").unwrap();
    for key in ["used", "unused"] {
        store
            .record(
                key,
                long_ago,
                &What::Created {
                    job_id: format!("pjb-{key}"),
                },
            )
            .unwrap();
        let ended = What::Ended {
            job_id: format!("pjb-{key}"),
            status: "COMPLETED".into(),
        };
        store.record(key, long_ago, &ended).unwrap();
        let result = md_result(format!("pjb-{key}"));
        store.share_result(key, "md", &file, long_ago, &result);
    }
    let reader = open(dir.path());
    reader.entry("used");
    assert!(reader.copy_down("used", "md", &dir.path().join("down.md")));
    let forgotten = open(dir.path()).prune(now_ms() - 24 * 60 * 60 * 1000).unwrap();
    assert_eq!(forgotten.removed, 1);
    assert!(dir.path().join("keys/used/results/md").exists());
    assert!(!dir.path().join("keys/unused/results/md").exists());
}

/// A machine that fetched a result another machine shared first adds nothing: the same key is
/// the same result (no second upload over it, no second event).
#[test]
fn a_result_shared_first_by_another_machine_is_not_shared_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# hi").unwrap();
    let result = md_result("pjb-1");
    let events = || {
        std::fs::read_dir(dir.path().join("keys/key/events"))
            .unwrap()
            .count()
    };
    for machine in [open(dir.path()), open(dir.path())] {
        machine
            .record(
                "key",
                now_ms(),
                &What::Created {
                    job_id: "pjb-1".into(),
                },
            )
            .unwrap();
        machine.share_result("key", "md", &file, now_ms(), &result);
    }
    // Two creations (one a machine), one result.
    assert_eq!(events(), 3);
}

/// What a machine whose clock is behind says of a job (its result, shared by it alone: the same
/// key is the same result) is folded after the job's creation, not before it and lost.
#[test]
fn a_result_recorded_by_a_machine_whose_clock_is_behind_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (ahead, behind) = (open(dir.path()), open(dir.path()));
    let now = now_ms();
    ahead
        .record(
            "key",
            now,
            &What::Created {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    let ended = What::Ended {
        job_id: "pjb-1".into(),
        status: "COMPLETED".into(),
    };
    behind.record("key", now - 5_000, &ended).unwrap();
    let result = md_result("pjb-1");
    behind.record("key", now - 4_000, &result).unwrap();
    let entry = open(dir.path()).entry("key").expect("an entry");
    assert_eq!(entry.status.as_deref(), Some("COMPLETED"));
    assert_eq!(entry.results.names().collect::<Vec<_>>(), ["md"]);
}

/// `cache clear --store` keeps a key whose job has not ended (a machine follows it; forgotten, the
/// next machine would pay for it again), and of a key it forgets keeps the newest claim, so that
/// generations only grow.
#[test]
fn a_clear_keeps_a_running_job_and_the_newest_claim_of_what_it_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let at = now_ms();
    store
        .record(
            "running",
            at,
            &What::Created {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    store
        .record(
            "done",
            at,
            &What::Created {
                job_id: "pjb-2".into(),
            },
        )
        .unwrap();
    let ended = What::Ended {
        job_id: "pjb-2".into(),
        status: "COMPLETED".into(),
    };
    store.record("done", at, &ended).unwrap();
    for generation in [0, 1] {
        let released = store.claim_body(true).unwrap();
        assert!(
            store
                .remote
                .create(&claim_path("done", generation), released)
                .unwrap()
        );
    }
    let forgotten = store.clear(&store.keys().unwrap()).unwrap();
    assert_eq!((forgotten.removed, forgotten.unended), (1, 1));
    assert!(open(dir.path()).entry("running").is_some());
    assert!(open(dir.path()).entry("done").is_none());
    let claims = listed(&store, "claims/done/");
    assert_eq!(claims, vec![claim_path("done", 1)]);
}

/// A result shared with its head line is taken down by itself: its job and failed pages come
/// from the head, not from the key's events (gone here), and the file is the result alone. A
/// key read once in a run is not taken again that way; a result without a head line is not
/// taken (the key's events say what it is).
#[test]
fn a_shared_result_is_taken_down_with_its_job_and_failed_pages_from_its_head_line() {
    let dir = tempfile::tempdir().unwrap();
    let writer = open(dir.path());
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# hi\n").unwrap();
    let failed = vec![crate::store::entry::FailedPage {
        page_number: "3".into(),
        error: "no text".into(),
    }];
    let result = What::Result {
        job_id: "pjb-1".into(),
        kind: "md".into(),
        failed_pages: failed.clone(),
    };
    writer.share_result("key", "md", &file, now_ms(), &result);
    std::fs::remove_dir_all(dir.path().join("keys/key/events")).unwrap();
    let reader = open(dir.path());
    let to = dir.path().join("down.md");
    let (job, pages) = reader.take_result("key", "md", &to).expect("taken");
    assert_eq!(job, "pjb-1");
    assert_eq!(format!("{pages:?}"), format!("{failed:?}"));
    assert_eq!(std::fs::read_to_string(&to).unwrap(), "# hi\n");
    let entry = reader.entry("key").expect("known for the run");
    assert_eq!(entry.job_id.as_deref(), Some("pjb-1"));
    assert!(
        reader.take_result("key", "md", &to).is_none(),
        "read twice in a run"
    );

    // The result was shared just now: its use is not noted.
    assert!(!dir.path().join("keys/key/meta/used").exists());
    // One shared a month ago is: `cache prune` judges the key by its last use.
    let shared = dir.path().join("keys/key/results/md");
    let month_ago = std::time::SystemTime::now() - Duration::from_secs(30 * 24 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&shared)
        .unwrap()
        .set_modified(month_ago)
        .unwrap();
    assert!(open(dir.path()).take_result("key", "md", &to).is_some());
    assert!(
        dir.path().join("keys/key/meta/used").exists(),
        "the use was not noted"
    );

    // Cut short or changed: not used, neither by itself nor when the key's events say it is there.
    let whole = std::fs::read(&shared).unwrap();
    for broken in [
        &whole[..whole.len() - 2],
        &whole[..whole.iter().position(|&b| b == b'\n').unwrap()],
    ] {
        std::fs::write(&shared, broken).unwrap();
        assert!(open(dir.path()).take_result("key", "md", &to).is_none());
        assert!(!open(dir.path()).copy_down("key", "md", &to));
    }
    // Another key's result, whole, copied over this one: not this key's.
    writer.share_result("other", "md", &file, now_ms(), &result);
    std::fs::copy(dir.path().join("keys/other/results/md"), &shared).unwrap();
    assert!(open(dir.path()).take_result("key", "md", &to).is_none());
    assert!(!open(dir.path()).copy_down("key", "md", &to));
    let mut changed = whole.clone();
    *changed.last_mut().unwrap() = b'?';
    std::fs::write(&shared, &changed).unwrap();
    let finder = open(dir.path());
    assert!(finder.take_result("key", "md", &to).is_none());
    // Shared again, it stays as it is, but by a machine that found it broken, or with --force.
    writer.share_result("key", "md", &file, now_ms(), &result);
    assert_eq!(std::fs::read(&shared).unwrap(), changed);
    finder.share_result("key", "md", &file, now_ms(), &result);
    assert_eq!(std::fs::read(&shared).unwrap(), whole);
    std::fs::write(&shared, &changed).unwrap();
    writer.replacing_results(true);
    writer.share_result("key", "md", &file, now_ms(), &result);
    assert_eq!(std::fs::read(&shared).unwrap(), whole);
    assert!(open(dir.path()).take_result("key", "md", &to).is_some());

    writer
        .remote
        .upload(&file, "keys/headless/results/md", b"", false)
        .unwrap();
    assert!(open(dir.path()).take_result("headless", "md", &to).is_none());
    assert!(open(dir.path()).take_result("absent", "md", &to).is_none());
}

/// A result with more failed pages than a head line holds says so in its head: it is not taken by
/// itself (its failed pages would be lost) but copied down once its events are read, its failed
/// pages from them.
#[test]
fn a_result_with_too_many_failed_pages_for_its_head_line_is_read_with_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let writer = open(dir.path());
    let file = dir.path().join("result.md");
    std::fs::write(&file, "# many\n").unwrap();
    let failed: Vec<_> = (1..=2000)
        .map(|n| crate::store::entry::FailedPage {
            page_number: n.to_string(),
            error: "the page could not be read at all by the parser".into(),
        })
        .collect();
    let result = What::Result {
        job_id: "pjb-9".into(),
        kind: "md".into(),
        failed_pages: failed.clone(),
    };
    let created = What::Created {
        job_id: "pjb-9".into(),
    };
    writer.record("key", now_ms(), &created).unwrap();
    writer.share_result("key", "md", &file, now_ms(), &result);
    let object = std::fs::read(dir.path().join("keys/key/results/md")).unwrap();
    let head = &object[..object.iter().position(|&b| b == b'\n').unwrap()];
    assert!(head.len() < 64 * 1024, "{}", head.len());
    let to = dir.path().join("down.md");
    let reader = open(dir.path());
    assert!(reader.take_result("key", "md", &to).is_none());
    let entry = reader.entry("key").unwrap();
    assert_eq!(entry.failed_pages.as_deref().map(<[_]>::len), Some(2000));
    assert!(reader.copy_down("key", "md", &to));
    assert_eq!(std::fs::read_to_string(&to).unwrap(), "# many\n");
}
