//! The submitters' unit tests.

use std::time::Duration;

use serde_json::json;

use super::*;
use crate::parse::bulk::testing::{Fixture, Script, events, outcomes, reply, take};

const UPLOAD: &str = "/api/v2/parse/upload";

#[test]
fn a_create_answered_429_waits_as_asked_goes_again_and_halves_the_uploads_in_flight() {
    let script = Script::start(vec![(
        "POST",
        UPLOAD.into(),
        vec![
            reply(429, json!({"detail": "too many jobs"})).header("Retry-After", "7"),
            reply(200, json!({"id": "job-1", "status": "PENDING"})),
        ],
    )]);
    let fixture = Fixture::new(&script.url, &["a.pdf"]);
    let run = fixture.run(4, 8);
    let (sender, receiver) = events();
    handle(&run, &sender, take(&run));
    assert_eq!(script.count("POST", UPLOAD), 2, "{:?}", script.requests());
    assert!(
        fixture.elapsed() >= Duration::from_secs(7),
        "{:?}",
        fixture.elapsed()
    );
    // Halved once for the round of 429s (this create's second try went through, and grows
    // nothing back: the next create that goes through at once does).
    assert_eq!(run.gate.limit(), 2);
    // Handed to the poller, not waited for: no outcome yet, one job in flight.
    assert!(outcomes(&receiver, &fixture.docs()).is_empty());
    let state = lock(&run.poller.state);
    let watched = &state.jobs["job-1"];
    assert!(watched.followed.members[0].paid);
    assert_eq!(run.slots.taken(), 1);
    // The store knows the job before anyone waits for it.
    let key = watched.followed.key.clone();
    drop(state);
    assert!(matches!(
        run.once.known(&key, run.kind),
        Known::Running(id) if id == "job-1"
    ));
}

#[test]
fn a_file_changed_since_its_key_was_taken_is_not_uploaded() {
    let script = Script::start(vec![(
        "POST",
        UPLOAD.into(),
        vec![reply(200, json!({"id": "job-1", "status": "PENDING"}))],
    )]);
    let fixture = Fixture::new(&script.url, &["a.pdf"]);
    let run = fixture.run(4, 8);
    let mut task = take(&run);
    task.seen = stat(&task.document.source);
    // It grows after it was hashed.
    std::fs::write(fixture.docs().join("a.pdf"), b"a.pdf and more").unwrap();
    let err = create(&run, &task, "key-1", &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} changed since it was read: not uploaded (run again once it is complete)",
            fixture.docs().join("a.pdf").display()
        )
    );
    assert!(script.requests().is_empty());
    assert!(matches!(run.once.known("key-1", run.kind), Known::Nothing));
}

#[test]
fn a_refused_key_stops_the_run_and_nothing_more_is_sent() {
    let script = Script::start(vec![(
        "POST",
        UPLOAD.into(),
        vec![reply(401, json!({"detail": "Invalid API key"}))],
    )]);
    let fixture = Fixture::new(&script.url, &["a.pdf", "b.pdf"]);
    let run = fixture.run(4, 8);
    let (sender, receiver) = events();
    handle(&run, &sender, take(&run));
    assert_eq!(script.count("POST", UPLOAD), 1);
    assert!(run.stopped());
    assert!(run.aborted().is_some());
    assert!(run.take().is_none(), "no other document is started");
    let said = outcomes(&receiver, &fixture.docs());
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].1, "ERROR");
    assert_eq!(run.slots.taken(), 0);
}
