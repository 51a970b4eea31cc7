//! Retries against a fault-injecting server: status sequences, every retry header form,
//! dropped connections, truncated bodies and stalls.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{cursor_page, expected_ids, ids, in_process, test_now};
use crate::scripted::{RawServer, Reply, Scripted, http_response};

fn with_headers(mut reply: Reply, headers: &[(&str, &str)]) -> Reply {
    reply.headers = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    reply
}

fn unavailable() -> Reply {
    Reply::json(503, json!({"detail": "try later"}))
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn transient_failures_are_retried_until_success() {
    let server = Scripted::start(vec![
        unavailable(),
        Reply::json(500, ""),
        Reply::json(200, cursor_page(0..2, None)),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(ids(&output.stdout), expected_ids(0..2));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn every_retryable_status_is_retried_and_others_are_not() {
    for status in [408, 409, 429, 500, 502, 503, 504] {
        let server = Scripted::start(vec![
            Reply::json(status, "{}"),
            Reply::json(200, cursor_page(0..1, None)),
        ]);
        in_process(&server.url)
            .args(["parsing", "list"])
            .assert()
            .success();
        assert_eq!(server.requests().len(), 2, "{status}");
    }
    for status in [400, 401, 402, 403, 404, 410, 422] {
        let server = Scripted::start(vec![
            Reply::json(status, "{}"),
            Reply::json(200, cursor_page(0..1, None)),
        ]);
        in_process(&server.url)
            .args(["parsing", "list"])
            .assert()
            .failure();
        assert_eq!(server.requests().len(), 1, "{status}");
    }
}

#[test]
fn retries_stop_at_max_retries_with_the_last_error() {
    let server = Scripted::start(vec![unavailable()]);
    let output = in_process(&server.url)
        .args(["parsing", "list", "--max-retries", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(
        stderr_of(&output),
        "error: gave up after 2 attempts: HTTP 503 Service Unavailable: try later (the service failed; try again later)\n"
    );
    assert_eq!(server.requests().len(), 2);

    let server = Scripted::start(vec![unavailable()]);
    in_process(&server.url)
        .args(["parsing", "list", "--max-retries", "0"])
        .assert()
        .code(5);
    assert_eq!(server.requests().len(), 1);
}

/// The `retry N of M in S s: REASON` line of `--debug`.
fn retry_lines(server: &Scripted) -> Vec<String> {
    let output = in_process(&server.url)
        .args(["parsing", "list", "--debug"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    stderr_of(&output)
        .lines()
        .filter(|l| l.starts_with("debug: retry "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_server_s_wait_is_obeyed_in_every_form() {
    let ok = Reply::json(200, cursor_page(0..1, None));
    let server = Scripted::start(vec![
        with_headers(Reply::json(429, "{}"), &[("retry-after-ms", "120")]),
        ok.clone(),
    ]);
    assert_eq!(
        retry_lines(&server),
        ["debug: retry 1 of 2 in 0.12 s: HTTP 429 (as the server asked)"]
    );

    let server = Scripted::start(vec![
        with_headers(unavailable(), &[("retry-after", "0.25")]),
        ok.clone(),
    ]);
    assert_eq!(
        retry_lines(&server),
        ["debug: retry 1 of 2 in 0.25 s: HTTP 503 (as the server asked)"]
    );

    let soon = httpdate::fmt_http_date(test_now() + Duration::from_secs(2));
    let server = Scripted::start(vec![
        with_headers(unavailable(), &[("retry-after", &soon)]),
        ok.clone(),
    ]);
    let lines = retry_lines(&server);
    assert!(
        lines[0].ends_with("s: HTTP 503 (as the server asked)"),
        "{lines:?}"
    );

    // Beyond 60 s, or nonsense: the backoff (0.375–0.5 s for the first retry) applies instead.
    for value in ["3600", "-1", "later"] {
        let server = Scripted::start(vec![
            with_headers(unavailable(), &[("retry-after", value)]),
            ok.clone(),
        ]);
        let lines = retry_lines(&server);
        assert_eq!(lines.len(), 1);
        let seconds: f64 = lines[0]
            .split(" in ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.37..=0.5).contains(&seconds), "{value}: {lines:?}");
        assert!(lines[0].ends_with(": HTTP 503"), "{lines:?}");
    }
}

#[test]
fn x_should_retry_overrides_the_status() {
    let server = Scripted::start(vec![with_headers(unavailable(), &[("x-should-retry", "false")])]);
    in_process(&server.url).args(["parsing", "list"]).assert().code(5);
    assert_eq!(server.requests().len(), 1);

    let server = Scripted::start(vec![
        with_headers(
            Reply::json(400, json!({"detail": "flaky"})),
            &[("x-should-retry", "true")],
        ),
        Reply::json(200, cursor_page(0..1, None)),
    ]);
    in_process(&server.url)
        .args(["parsing", "list"])
        .assert()
        .success();
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_page_retried_mid_listing_repeats_no_item() {
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..3, Some("t1"))),
        unavailable(),
        Reply::json(200, cursor_page(3..5, Some("t2"))),
        Reply::json(502, ""),
        Reply::json(200, cursor_page(5..6, None)),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "list", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let items: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect();
    let got: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(got, expected_ids(0..6));
    assert_eq!(
        server.requests(),
        [
            "/api/v2/parse",
            "/api/v2/parse?page_token=t1",
            "/api/v2/parse?page_token=t1",
            "/api/v2/parse?page_token=t2",
            "/api/v2/parse?page_token=t2",
        ]
    );
}

#[test]
fn dropped_connections_are_retried() {
    let page = serde_json::to_string(&cursor_page(0..2, None)).unwrap();
    let server = RawServer::start(vec![Vec::new(), Vec::new(), http_response(200, &page)]);
    let output = in_process(&server.url)
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(ids(&output.stdout), expected_ids(0..2));
    assert_eq!(server.connections(), 3);
}

#[test]
fn a_truncated_body_is_retried_then_reported() {
    let mut truncated =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n".to_vec();
    truncated.extend_from_slice(br#"{"items":[{"id":"pjb-0"#);
    let server = RawServer::start(vec![truncated]);
    let output = in_process(&server.url)
        .args(["parsing", "list", "--max-retries", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(output.stdout, b"");
    let stderr = stderr_of(&output);
    assert!(
        stderr.starts_with("error: gave up after 2 attempts: reading the response from 127.0.0.1:"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(server.connections(), 2);
}

#[test]
fn a_stall_is_retried_like_any_timeout() {
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..1, None)).delayed(Duration::from_secs(20)),
        Reply::json(200, cursor_page(0..1, None)),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "list", "--timeout", "0.5"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn an_offset_listing_that_fails_names_the_offset_to_resume_from() {
    let page = |range: std::ops::Range<usize>| {
        let items: Vec<Value> = range
            .map(|n| json!({"id": format!("bjb-{n}"), "job_type": "parse", "status": "running"}))
            .collect();
        Reply::json(200, json!({"items": items, "total_size": 10}))
    };
    let server = Scripted::start(vec![
        page(0..4),
        page(4..8),
        Reply::json(500, json!({"detail": "boom"})),
    ]);
    let output = in_process(&server.url)
        .args(["batch-processing", "list", "--limit", "4", "--max-retries", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 8);
    assert_eq!(
        stderr_of(&output),
        "error: page 3 failed after 8 items were written; resume with --offset 8: \
         HTTP 500 Internal Server Error: boom (the service failed; try again later)\n"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_retry_wait_exits_130_at_once() {
    let server = Scripted::start(vec![with_headers(unavailable(), &[("retry-after", "50")])]);
    let child = crate::scripted::spawn_until_requested(&server, &["parsing".as_ref(), "list".as_ref()]);
    std::thread::sleep(Duration::from_millis(50));
    let (code, took) = crate::scripted::interrupt(child);
    assert_eq!(code, Some(130));
    assert!(
        took < Duration::from_secs(10),
        "it must not sit out the 50 s wait"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_cancel_is_sent_again_only_when_the_server_provably_did_not_act() {
    // 502: the server may have cancelled it; not sent again, and the error says how to check.
    let server = Scripted::start(vec![
        Reply::json(502, json!({"detail": "bad gateway"})),
        Reply::json(200, "{}"),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "cancel", "pjb-1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(server.requests(), ["/api/v2/parse/pjb-1/cancel"]);
    assert_eq!(
        stderr_of(&output),
        "error: HTTP 502 Bad Gateway: bad gateway (it may have been done anyway: check with `llamacloud parsing get pjb-1`)\n"
    );
    // A dropped connection after the request was sent: not sent again either.
    let server = RawServer::start(vec![Vec::new()]);
    let output = in_process(&server.url)
        .args(["parsing", "cancel", "pjb-1"])
        .output()
        .unwrap();
    // Sent, and the answer lost: an API outcome (5), not a local failure.
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(server.connections(), 1);
    assert!(
        stderr_of(&output)
            .ends_with("(it may have been done anyway: check with `llamacloud parsing get pjb-1`)\n")
    );
    // 503 and 429 mean it was not taken in: sent again, after the wait the server asks for.
    for status in [503, 429] {
        let server = Scripted::start(vec![
            with_headers(Reply::json(status, "{}"), &[("retry-after-ms", "10")]),
            Reply::json(200, json!({"job": {"id": "pjb-1"}})),
        ]);
        let output = in_process(&server.url)
            .args(["parsing", "cancel", "pjb-1"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{status}: {}", stderr_of(&output));
        assert_eq!(server.requests().len(), 2, "{status}");
    }
}
