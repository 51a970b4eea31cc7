//! Cursor and offset paging across many pages: short and empty pages, repeated tokens,
//! `--max-items` exactness, resume points, and failures in the middle of a listing.

use httpmock::prelude::*;
use httpmock::{Mock, MockServer};
use serde_json::{Value, json};

use crate::harness::{cli, cursor_page, exact_query, expected_ids, ids, in_process, parse_job};

fn page<'s>(server: &'s MockServer, path: &str, query: &str, body: Value) -> Mock<'s> {
    server.mock(|when, then| {
        exact_query(when.method(GET).path(path), query);
        then.status(200).json_body(body);
    })
}

fn parse_page<'s>(server: &'s MockServer, query: &str, body: Value) -> Mock<'s> {
    page(server, "/api/v2/parse", query, body)
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn cursor_paging_follows_every_page_with_the_token_last() {
    let server = MockServer::start();
    let mut mocks = vec![parse_page(
        &server,
        "page_size=3&status=COMPLETED",
        cursor_page(0..3, Some("t1")),
    )];
    for n in 1..5 {
        let next = (n < 4).then(|| format!("t{}", n + 1));
        mocks.push(parse_page(
            &server,
            &format!("page_size=3&status=COMPLETED&page_token=t{n}"),
            cursor_page(n * 3..n * 3 + 3, next.as_deref()),
        ));
    }
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--page-size", "3", "--status", "completed"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(ids(&output.stdout), expected_ids(0..15));
    assert_eq!(stderr_of(&output), "");
    for mock in mocks {
        mock.assert_calls(1);
    }
}

#[test]
fn short_pages_continue_and_an_empty_page_ends_the_listing() {
    let server = MockServer::start();
    let first = parse_page(&server, "page_size=10", cursor_page(0..4, Some("a")));
    let second = parse_page(&server, "page_size=10&page_token=a", cursor_page(4..5, Some("b")));
    let empty = parse_page(
        &server,
        "page_size=10&page_token=b",
        json!({"items": [], "next_page_token": "c"}),
    );
    let never = parse_page(&server, "page_size=10&page_token=c", cursor_page(9..10, None));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--page-size", "10"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(ids(&output.stdout), expected_ids(0..5));
    first.assert_calls(1);
    second.assert_calls(1);
    empty.assert_calls(1);
    never.assert_calls(0);
}

#[test]
fn a_null_or_empty_token_ends_the_listing() {
    for end in [json!(null), json!("")] {
        let server = MockServer::start();
        let first = parse_page(
            &server,
            "",
            json!({"items": [parse_job(0)], "next_page_token": end}),
        );
        let output = cli(&server.base_url())
            .args(["parsing", "list"])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(ids(&output.stdout), expected_ids(0..1));
        first.assert_calls(1);
    }
}

#[test]
fn a_repeated_token_is_an_error_not_an_endless_loop() {
    let server = MockServer::start();
    parse_page(&server, "", cursor_page(0..2, Some("x")));
    parse_page(&server, "page_token=x", cursor_page(2..4, Some("y")));
    let looping = parse_page(&server, "page_token=y", cursor_page(4..6, Some("x")));
    let output = cli(&server.base_url())
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // The looping page's items are not written: they may repeat ones already shown.
    assert_eq!(ids(&output.stdout), expected_ids(0..4));
    assert_eq!(
        stderr_of(&output),
        "error: invalid response: page 3 repeated the page token \"x\"; stopping instead of looping\n"
    );
    looping.assert_calls(1);
}

#[test]
fn max_items_never_fetches_more_than_asked_and_resumes_exactly() {
    let server = MockServer::start();
    let p1 = parse_page(&server, "page_size=4", cursor_page(0..4, Some("t1")));
    let p2 = parse_page(
        &server,
        "page_size=4&page_token=t1",
        cursor_page(4..8, Some("t2")),
    );
    let p3 = parse_page(
        &server,
        "page_size=2&page_token=t2",
        cursor_page(8..10, Some("t3")),
    );
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--page-size", "4", "--max-items", "10"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(ids(&output.stdout), expected_ids(0..10));
    assert_eq!(
        stderr_of(&output),
        "note: 10 items shown; more may be available: continue with --page-token t3\n"
    );
    for mock in [p1, p2, p3] {
        mock.assert_calls(1);
    }

    // JSON carries the resume point in the document instead.
    let server = MockServer::start();
    parse_page(&server, "page_size=3", cursor_page(0..3, Some("t1")));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "3", "--json"])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["next_page_token"], "t1");
    assert_eq!(document["items"].as_array().unwrap().len(), 3);
    assert_eq!(stderr_of(&output), "");

    // Resuming from the reported token asks for exactly the rest.
    let server = MockServer::start();
    let resumed = parse_page(&server, "page_size=4&page_token=t3", cursor_page(10..12, None));
    let output = cli(&server.base_url())
        .args([
            "parsing",
            "list",
            "--page-size",
            "4",
            "--page-token",
            "t3",
            "--max-items",
            "10",
        ])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), expected_ids(10..12));
    assert_eq!(stderr_of(&output), "");
    resumed.assert_calls(1);
}

#[test]
fn max_items_alone_asks_for_that_many_and_a_complete_listing_gives_no_hint() {
    let server = MockServer::start();
    let mock = parse_page(&server, "page_size=5", cursor_page(0..5, None));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "5"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), expected_ids(0..5));
    assert_eq!(stderr_of(&output), "");
    mock.assert_calls(1);

    let server = MockServer::start();
    parse_page(&server, "page_size=1", cursor_page(0..1, Some("t1")));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "1"])
        .output()
        .unwrap();
    assert_eq!(
        stderr_of(&output),
        "note: 1 item shown; more may be available: continue with --page-token t1\n"
    );

    // -1 is "no limit", as in llp: no page size is derived from it.
    let server = MockServer::start();
    let mock = parse_page(&server, "", cursor_page(0..3, None));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "-1"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), expected_ids(0..3));
    mock.assert_calls(1);
}

#[test]
fn a_server_that_overfills_a_page_is_cut_and_the_user_warned() {
    let server = MockServer::start();
    parse_page(&server, "page_size=2", cursor_page(0..5, Some("t1")));
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "2"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(ids(&output.stdout), expected_ids(0..2));
    assert!(stderr_of(&output).contains("warning: the server sent more items than asked for"));
}

#[test]
fn a_failed_page_keeps_what_was_written_and_names_the_resume_point() {
    let server = MockServer::start();
    parse_page(&server, "page_size=2", cursor_page(0..2, Some("t1")));
    parse_page(
        &server,
        "page_size=2&page_token=t1",
        cursor_page(2..4, Some("t2")),
    );
    server.mock(|when, then| {
        exact_query(when.path("/api/v2/parse"), "page_size=2&page_token=t2");
        then.status(500)
            .json_body(json!({"detail": "database unavailable"}));
    });
    let output = in_process(&server.base_url())
        .args(["parsing", "list", "--page-size", "2"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(ids(&output.stdout), expected_ids(0..4));
    assert_eq!(
        stderr_of(&output),
        "error: page 3 failed after 4 items were written; resume with --page-token t2: \
         gave up after 3 attempts: HTTP 500 Internal Server Error: database unavailable (the service failed; try again later)\n"
    );

    let output = in_process(&server.base_url())
        .args(["parsing", "list", "--page-size", "2", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    let document: Value =
        serde_json::from_slice(&output.stdout).expect("a valid document even after a failure");
    assert_eq!(document["next_page_token"], "t2");
    assert_eq!(document["items"].as_array().unwrap().len(), 4);
}

#[test]
fn a_page_with_a_wrong_shape_is_an_invalid_response() {
    let server = MockServer::start();
    parse_page(&server, "", json!({"items": {"id": "x"}}));
    cli(&server.base_url())
        .args(["parsing", "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: invalid response: items is an object, not a list\n");
}

fn batch_job(n: usize) -> Value {
    json!({"id": format!("bjb-{n:04}"), "job_type": "parse", "project_id": "p", "status": "running", "total_items": 10})
}

fn offset_page(range: std::ops::Range<usize>, total: Option<usize>) -> Value {
    let items: Vec<Value> = range.map(batch_job).collect();
    match total {
        Some(total) => json!({"items": items, "total_size": total}),
        None => json!({"items": items}),
    }
}

fn batch_page<'s>(server: &'s MockServer, query: &str, body: Value) -> Mock<'s> {
    page(server, "/api/v1/beta/batch-processing", query, body)
}

fn batch_ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|n| format!("bjb-{n:04}")).collect()
}

#[test]
fn offset_paging_advances_by_items_received_until_total_size() {
    let server = MockServer::start();
    let mocks = [
        batch_page(&server, "limit=3", offset_page(0..3, Some(8))),
        // A short page: the next offset is 3 + 2, not 3 + 3.
        batch_page(&server, "limit=3&offset=3", offset_page(3..5, Some(8))),
        batch_page(&server, "limit=3&offset=5", offset_page(5..8, Some(8))),
    ];
    let output = cli(&server.base_url())
        .args(["batch-processing", "list", "--limit", "3"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(ids(&output.stdout), batch_ids(0..8));
    for mock in mocks {
        mock.assert_calls(1);
    }
}

#[test]
fn offset_paging_without_total_stops_at_a_short_or_empty_page() {
    let server = MockServer::start();
    batch_page(&server, "limit=3", offset_page(0..3, None));
    let short = batch_page(&server, "limit=3&offset=3", offset_page(3..4, None));
    let never = batch_page(&server, "limit=3&offset=4", offset_page(4..5, None));
    let output = cli(&server.base_url())
        .args(["batch-processing", "list", "--limit", "3"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), batch_ids(0..4));
    short.assert_calls(1);
    never.assert_calls(0);

    let server = MockServer::start();
    batch_page(&server, "", offset_page(0..50, None));
    let empty = batch_page(&server, "offset=50", offset_page(0..0, None));
    let output = cli(&server.base_url())
        .args(["batch-processing", "list"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout).len(), 50);
    empty.assert_calls(1);

    // Without --limit, a page shorter than the first is the last: no empty page is asked for.
    let server = MockServer::start();
    batch_page(&server, "", offset_page(0..50, None));
    batch_page(&server, "offset=50", offset_page(50..70, None));
    let never = batch_page(&server, "offset=70", offset_page(0..0, None));
    let output = cli(&server.base_url())
        .args(["batch-processing", "list"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), batch_ids(0..70));
    never.assert_calls(0);
}

#[test]
fn items_null_is_an_empty_last_page() {
    let server = MockServer::start();
    parse_page(&server, "", cursor_page(0..2, Some("t1")));
    parse_page(
        &server,
        "page_token=t1",
        json!({"items": null, "next_page_token": null}),
    );
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["items"].as_array().unwrap().len(), 2);
    assert_eq!(document["next_page_token"], Value::Null);
}

#[test]
fn offset_max_items_is_exact_and_resumable() {
    let server = MockServer::start();
    let first = batch_page(&server, "limit=4&offset=10", offset_page(10..14, Some(100)));
    let last = batch_page(&server, "limit=2&offset=14", offset_page(14..16, Some(100)));
    let args = [
        "batch-processing",
        "list",
        "--limit",
        "4",
        "--offset",
        "10",
        "--max-items",
        "6",
    ];
    let output = cli(&server.base_url()).args(args).output().unwrap();
    assert_eq!(ids(&output.stdout), batch_ids(10..16));
    assert_eq!(
        stderr_of(&output),
        "note: 6 items shown; more may be available: continue with --offset 16\n"
    );
    first.assert_calls(1);
    last.assert_calls(1);

    let output = cli(&server.base_url()).args(args).arg("--json").output().unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["next_offset"], 16);
    assert_eq!(document["total_size"], 100);
    assert_eq!(document["items"].as_array().unwrap().len(), 6);
}

#[test]
fn offset_max_items_without_limit_asks_for_the_remainder() {
    let server = MockServer::start();
    let mock = batch_page(&server, "limit=7", offset_page(0..7, Some(7)));
    let output = cli(&server.base_url())
        .args(["batch-processing", "list", "--max-items", "7"])
        .output()
        .unwrap();
    assert_eq!(ids(&output.stdout), batch_ids(0..7));
    assert_eq!(stderr_of(&output), "", "the listing is complete: no resume hint");
    mock.assert_calls(1);
}

#[test]
fn raw_format_fetches_one_page_and_prints_its_bytes() {
    let server = MockServer::start();
    let body = "{\"items\": [ {\"id\":\"pjb-1\", \"x\": 1.0e2} ],\n \"next_page_token\": \"t1\"}";
    let first = server.mock(|when, then| {
        exact_query(when.path("/api/v2/parse"), "page_size=2");
        then.status(200).body(body);
    });
    cli(&server.base_url())
        .args(["parsing", "list", "--format", "raw", "--max-items", "2"])
        .assert()
        .success()
        .stdout(body);
    first.assert_calls(1);
}
