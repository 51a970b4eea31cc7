//! The local store's unit tests.

use super::*;

#[test]
fn events_survive_a_reopen_and_a_new_job_replaces_the_old() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path(), || {}).unwrap();
        store.record("k", 1, What::Intent { token: "t1".into() }).unwrap();
        assert_eq!(store.entry("k").unwrap().intents.len(), 1);
        store
            .record(
                "k",
                2,
                What::Created {
                    job_id: "pjb-1".into(),
                },
            )
            .unwrap();
        let mut file = store.temporary().unwrap();
        std::io::Write::write_all(&mut file, b"# doc").unwrap();
        file.as_file().sync_all().unwrap();
        store
            .keep(file, "k", "pjb-1", "md", Vec::new(), 3)
            .unwrap()
            .1
            .wait()
            .unwrap();
    }
    let mut store = Store::open(dir.path(), || {}).unwrap();
    let entry = store.entry("k").unwrap();
    assert!(entry.intents.is_empty());
    assert_eq!(entry.job_id.as_deref(), Some("pjb-1"));
    assert_eq!(std::fs::read(store.result("k", "md").unwrap()).unwrap(), b"# doc");
    store
        .record(
            "k",
            4,
            What::Gone {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    assert!(store.result("k", "md").is_none());
    assert_eq!(store.prune(5).unwrap(), 1);
    assert!(store.entry("k").is_none());
}

#[test]
fn a_prune_removes_a_results_files_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), || {}).unwrap();
    store
        .record(
            "k",
            1,
            What::Created {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    store
        .record(
            "k",
            2,
            What::Ended {
                job_id: "pjb-1".into(),
                status: "COMPLETED".into(),
            },
        )
        .unwrap();
    let kept = store.assets_dir("k").join("images/a.png");
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    std::fs::write(&kept, b"png").unwrap();
    std::fs::write(store.result_path("k", "full"), b"{}").unwrap();
    assert_eq!(store.prune(5).unwrap(), 1);
    assert!(!store.assets_dir("k").exists());
    assert!(!store.result_path("k", "full").exists());
}

#[test]
fn a_windows_pages_survive_a_reopen_and_a_prune() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path(), || {}).unwrap();
        let window = What::Window {
            pages: "101-200".into(),
        };
        store.record("w", 5, window).unwrap();
        store
            .record(
                "w",
                6,
                What::Created {
                    job_id: "pjb-2".into(),
                },
            )
            .unwrap();
        // A prune rewrites the index from what the store knows.
        assert_eq!(store.prune(0).unwrap(), 0);
    }
    let store = Store::open(dir.path(), || {}).unwrap();
    let entry = store.entry("w").unwrap();
    assert_eq!(entry.window.as_deref(), Some("101-200"));
    assert_eq!(entry.job_id.as_deref(), Some("pjb-2"));
}

#[test]
fn runs_share_the_store_and_see_each_others_events_when_they_claim_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path(), || {}).unwrap();
    let mut second = Store::open(dir.path(), || {}).unwrap();
    let claim = Lock::acquire(&first.claim_path("k"), || {}).unwrap();
    first
        .record(
            "k",
            1,
            What::Created {
                job_id: "pjb-1".into(),
            },
        )
        .unwrap();
    drop(claim);
    assert!(second.entry("k").is_none());
    let _claim = Lock::acquire(&second.claim_path("k"), || {}).unwrap();
    second.refresh().unwrap();
    assert_eq!(second.entry("k").unwrap().job_id.as_deref(), Some("pjb-1"));
    // Its own events are not read back twice.
    second.record("k", 2, What::Intent { token: "t".into() }).unwrap();
    second.refresh().unwrap();
    assert_eq!(second.entry("k").unwrap().intents.len(), 1);
}

/// Asserts that `open` (given a flag to set when it says it waits) blocks while `held` is
/// alive, says so, and goes on once it is dropped.
fn waits_for<H>(held: H, open: impl FnOnce(&dyn Fn()) + Send + 'static) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (sender, receiver) = std::sync::mpsc::channel();
    let said = Arc::new(AtomicBool::new(false));
    let saying = Arc::clone(&said);
    let waiter = std::thread::spawn(move || {
        open(&|| saying.store(true, Ordering::SeqCst));
        sender.send(()).unwrap();
    });
    // It says it waits, however long a loaded machine takes to get there, and does not go on
    // while `held` is alive.
    let started = std::time::Instant::now();
    while !said.load(Ordering::SeqCst) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "it said it was waiting"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        receiver
            .recv_timeout(std::time::Duration::from_millis(100))
            .is_err(),
        "it waits"
    );
    drop(held);
    receiver.recv().unwrap();
    waiter.join().unwrap();
}

#[test]
fn a_claim_on_a_key_waits_for_the_run_that_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), || {}).unwrap();
    let path = store.claim_path("k");
    let first = Lock::acquire(&path, || {}).unwrap();
    waits_for(first, move |said| drop(Lock::acquire(&path, said).unwrap()));
}

#[test]
fn a_second_opener_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open_alone(dir.path(), || {}).unwrap();
    let path = dir.path().to_path_buf();
    waits_for(first, move |said| drop(Store::open(&path, said).unwrap()));
}

/// Temporary files a killed run left in the store are removed when the store is opened alone
/// (`cache prune`, `cache clear`), never while runs may be filling theirs.
#[test]
fn temporary_files_left_by_killed_runs_are_removed_by_a_prune_or_clear() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), || {}).unwrap();
    let left = store.temporary().unwrap().keep().unwrap().1;
    let filling = store.temporary().unwrap();
    drop(store);
    assert!(left.exists());
    let again = Store::open(dir.path(), || {}).unwrap();
    assert!(left.exists(), "removed while runs may be filling theirs");
    drop(again);
    drop(filling);
    let alone = Store::open_alone(dir.path(), || {}).unwrap();
    assert!(!left.exists(), "left behind");
    drop(alone);
}
