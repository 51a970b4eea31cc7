//! `parsing get --wait`: transitions to COMPLETED and FAILED, content fetched once, timeouts.

use std::time::Duration;

use serde_json::json;

use crate::harness::{in_process, success_stdout};
use crate::scripted::{Reply, Scripted};

fn job(status: &str) -> Reply {
    Reply::json(
        200,
        json!({"job": {"id": "pjb-1", "project_id": "prj-1", "status": status, "name": "a.pdf"}}),
    )
}

#[test]
fn waits_through_pending_and_running_then_fetches_the_content_once() {
    let server = Scripted::start(vec![
        job("PENDING"),
        job("RUNNING"),
        job("COMPLETED"),
        Reply::json(
            200,
            json!({
                "job": {"id": "pjb-1", "project_id": "prj-1", "status": "COMPLETED"},
                "markdown": {"pages": [{"page_number": 1, "markdown": "# Done", "success": true}]}
            }),
        ),
    ]);
    let mut run = in_process(&server.url);
    let stdout = success_stdout(run.args([
        "parsing",
        "get",
        "pjb-1",
        "--wait",
        "--format",
        "markdown",
        "--project-id",
        "prj-1",
    ]));
    assert_eq!(stdout, "# Done\n");
    assert_eq!(
        server.requests(),
        [
            "/api/v2/parse/pjb-1?project_id=prj-1",
            "/api/v2/parse/pjb-1?project_id=prj-1",
            "/api/v2/parse/pjb-1?project_id=prj-1",
            "/api/v2/parse/pjb-1?expand=markdown&project_id=prj-1",
        ]
    );
    // The backoff, on the injected clock: no real time passes.
    assert_eq!(run.sleeps(), [Duration::from_secs(1), Duration::from_secs(2)]);
}

#[test]
fn a_long_wait_polls_as_the_sdk_does_and_stops_at_the_timeout() {
    let server = Scripted::start(vec![job("RUNNING")]);
    let mut run = in_process(&server.url);
    run.args(["parsing", "get", "pjb-1", "--wait", "--wait-timeout", "40s"])
        .assert()
        .code(1)
        .stderr("error: gave up waiting after 40s: job pjb-1 is still RUNNING (raise --wait-timeout)\n");
    let secs: Vec<u64> = run.sleeps().iter().map(Duration::as_secs).collect();
    // 1 s after the first poll, one more each time, up to 5 s: the official SDKs' cadence.
    assert_eq!(secs, [1, 2, 3, 4, 5, 5, 5, 5, 5, 5]);
}

#[test]
fn the_wait_timeout_cuts_a_poll_in_flight() {
    let server = Scripted::start(vec![job("RUNNING").delayed(std::time::Duration::from_secs(8))]);
    let started = std::time::Instant::now();
    in_process(&server.url)
        .args([
            "parsing",
            "get",
            "pjb-1",
            "--wait",
            "--wait-timeout",
            "1",
            "--max-retries",
            "0",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: gave up waiting after 1s: no answer about job pjb-1 (raise --wait-timeout)\n");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(6),
        "the 8 s answer was not waited for"
    );
}

#[test]
fn a_job_that_fails_prints_and_exits_6_with_its_error() {
    let server = Scripted::start(vec![
        job("RUNNING"),
        Reply::json(
            200,
            json!({"job": {"id": "pjb-1", "project_id": "prj-1", "status": "FAILED",
            "error_message": "Unsupported file \u{1b}[31mtype"}}),
        ),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "get", "pjb-1", "--wait", "--expand", "text"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "pjb-1\t\tFAILED\t\t\t\tUnsupported file \\x1b[31mtype\n"
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: job pjb-1 ended FAILED: Unsupported file \\x1b[31mtype\n"
    );
    assert_eq!(
        server.requests(),
        ["/api/v2/parse/pjb-1", "/api/v2/parse/pjb-1"],
        "no content for a failed job"
    );
}

#[test]
fn a_cancelled_job_as_markdown_prints_nothing_and_exits_6() {
    let server = Scripted::start(vec![job("CANCELLED")]);
    in_process(&server.url)
        .args(["parsing", "get", "pjb-1", "--wait", "--format", "markdown"])
        .assert()
        .code(6)
        .stdout("")
        .stderr("error: job pjb-1 ended CANCELLED\n");
}

#[test]
fn a_finished_job_without_expand_is_fetched_once() {
    let server = Scripted::start(vec![job("COMPLETED")]);
    in_process(&server.url)
        .args(["parsing", "get", "pjb-1", "--wait", "--json"])
        .assert()
        .success();
    assert_eq!(server.requests(), ["/api/v2/parse/pjb-1"]);
}

#[test]
fn waiting_gives_up_after_the_wait_timeout() {
    let server = Scripted::start(vec![job("RUNNING")]);
    let mut run = in_process(&server.url);
    run.args(["parsing", "get", "pjb-1", "--wait", "--wait-timeout", "1s"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: gave up waiting after 1s: job pjb-1 is still RUNNING (raise --wait-timeout)\n");
    assert_eq!(
        server.requests().len(),
        1,
        "one poll, a 1 s pause, and no poll past the deadline"
    );
    assert_eq!(run.sleeps(), [Duration::from_secs(1)]);
}

#[test]
fn wait_timeout_needs_wait_and_a_duration() {
    let server = Scripted::start(vec![job("RUNNING")]);
    in_process(&server.url)
        .args(["parsing", "get", "pjb-1", "--wait-timeout", "5m"])
        .assert()
        .code(2);
    in_process(&server.url)
        .args(["parsing", "get", "pjb-1", "--wait", "--wait-timeout", "soon"])
        .assert()
        .code(2);
    assert!(server.requests().is_empty());
}

#[test]
fn the_wait_timeout_defaults_to_two_hours_as_in_the_sdks() {
    let help = success_stdout(crate::harness::bare().args(["parsing", "get", "--help"]));
    let flag = help
        .split("--wait-timeout <DURATION>")
        .nth(1)
        .expect("the flag is documented");
    assert!(flag.contains("[default: 2h]"), "{flag}");
}
