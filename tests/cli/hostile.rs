//! Broken and hostile servers: a catalogue of bad bodies in every format, redirects to other
//! hosts, and the key searched for in all output.

use httpmock::prelude::*;

use crate::harness::{TEST_KEY, cli, cursor_page, in_process};
use crate::scripted::{RawServer, Reply, Scripted, http_response};

const FORMATS: [&str; 5] = ["tsv", "json", "jsonl", "table", "raw"];

fn serve_bytes(body: &'static [u8]) -> MockServer {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.any_request();
        then.status(200)
            .header("content-type", "application/json")
            .body(body);
    });
    server
}

#[test]
fn bodies_that_are_not_a_page_are_one_error_line_and_exit_1() {
    let catalogue: &[(&[u8], &str)] = &[
        (
            b"<html><body>Service maintenance</body></html>",
            "the body is not JSON",
        ),
        (b"", "the body is not JSON"),
        (br#"{"items":[{"id":"pjb-1"}"#, "the body is not JSON"),
        (b"\xff\xfe\x00{", "the body is not JSON"),
        (b"{\"items\":[{\"id\":\"\xff\"}]}", "the body is not JSON"),
        (b"null", "expected a JSON object with items, got null"),
        (b"[1,2]", "expected a JSON object with items, got a list"),
        (br#"{"items":5}"#, "items is a number, not a list"),
        (br#"{"items":"x"}"#, "items is a string, not a list"),
        (br#"{"data":[]}"#, "the page has no items list"),
        (
            br#"{"items":[{"id":"a"}],"next_page_token":7}"#,
            "next_page_token is not a string: 7",
        ),
    ];
    for (body, message) in catalogue {
        let server = serve_bytes(body);
        for format in FORMATS {
            let output = in_process(&server.base_url())
                .args(["parsing", "list", "--format", format])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if format == "raw" {
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "raw passes the bytes through: {stderr}"
                );
                assert_eq!(&output.stdout, body);
                continue;
            }
            assert_eq!(output.status.code(), Some(1), "{format} {body:?}: {stderr}");
            assert_eq!(output.stdout, b"", "{format} {body:?}");
            let first = stderr.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("error: invalid response: ") && first.contains(message),
                "{format}: {stderr}"
            );
            let extra = if format.starts_with("json") { 2 } else { 1 };
            assert_eq!(stderr.lines().count(), extra, "{format}: {stderr}");
        }
    }
}

#[test]
fn items_of_odd_shapes_pass_through_json_and_print_as_empty_fields() {
    let server = serve_bytes(br#"{"items":[1,"x",null,[],{"id":5,"name":{"a":1},"status":true}]}"#);
    let jsonl = cli(&server.base_url())
        .args(["parsing", "list", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(jsonl.stdout).unwrap(),
        "1\n\"x\"\nnull\n[]\n{\"id\":5,\"name\":{\"a\":1},\"status\":true}\n"
    );
    let tsv = cli(&server.base_url())
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert!(tsv.status.success());
    assert_eq!(
        String::from_utf8(tsv.stdout).unwrap(),
        "\t\t\t\t\t\t\n".repeat(4) + "5\t{\"a\":1}\ttrue\t\t\t\t\n"
    );
    let table = cli(&server.base_url())
        .args(["parsing", "list", "--format", "table"])
        .output()
        .unwrap();
    assert!(table.status.success());
    assert_eq!(String::from_utf8(table.stdout).unwrap().lines().count(), 6);
}

#[test]
fn job_documents_of_the_wrong_shape() {
    let cases: &[(&[u8], &[&str], &str)] = &[
        (
            b"[]",
            &["parsing", "get", "pjb-1"],
            "error: invalid response: expected a JSON object with a job\n",
        ),
        (
            br#"{"job":null}"#,
            &["parsing", "get", "pjb-1", "--format", "markdown"],
            "error: the response has no markdown\n",
        ),
        (
            br#"{}"#,
            &["parsing", "get", "pjb-1"],
            "error: invalid response: expected a JSON object with a job\n",
        ),
        (
            br#"{"job":null,"markdown":{"pages":[]}}"#,
            &["parsing", "get", "pjb-1", "--format", "yaml"],
            "error: invalid response: expected a JSON object with a job\n",
        ),
        (
            br#"{"job":{"status":5}}"#,
            &["parsing", "get", "pjb-1", "--wait"],
            "error: invalid response: the response has no job status\n",
        ),
        (
            br#"{"job":{"status":"COMPLETED"},"markdown":{"pages":"many"}}"#,
            &["parsing", "get", "pjb-1", "--format", "markdown"],
            "error: the response has no markdown\n",
        ),
    ];
    for (body, args, message) in cases {
        let server = serve_bytes(body);
        cli(&server.base_url())
            .args(*args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(*message);
    }
    // Pages of the wrong shape are reported, not fatal.
    let server = serve_bytes(br#"{"job":{"status":"COMPLETED"},"markdown":{"pages":[7,{"page_number":"x","markdown":5},{"page_number":2,"markdown":"ok"}]}}"#);
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown"])
        .assert()
        .code(7)
        .stdout("[llamacloud: page ? failed: no markdown in the page]\n\n[llamacloud: page \"x\" failed: no markdown in the page]\n\nok\n")
        .stderr(
            "warning: page ? failed: no markdown in the page\nwarning: page \"x\" failed: no markdown in the page\n\
             warning: job pjb-1 completed with 2 failed pages (?, \"x\"), marked in the output (exit 7; --fail-on-partial never: 0)\n",
        );
}

#[test]
fn a_redirect_to_another_host_does_not_carry_the_key() {
    let other = MockServer::start();
    let without_key = other.mock(|when, then| {
        when.path("/elsewhere").header_missing("authorization");
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let with_key = other.mock(|when, then| {
        when.path("/elsewhere").header_exists("authorization");
        then.status(500);
    });
    let mut redirect = Reply::json(302, "");
    redirect.headers = vec![("Location".into(), other.url("/elsewhere"))];
    let server = Scripted::start(vec![redirect]);
    cli(&server.url)
        .args(["parsing", "list", "--max-retries", "0"])
        .assert()
        .success();
    without_key.assert_calls(1);
    with_key.assert_calls(0);
}

#[test]
fn custom_headers_stop_a_redirect_to_another_host() {
    let other = MockServer::start();
    let anything = other.mock(|when, then| {
        when.any_request();
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let mut redirect = Reply::json(302, "");
    redirect.headers = vec![("Location".into(), other.url("/elsewhere"))];
    let server = Scripted::start(vec![redirect]);
    let output = cli(&server.url)
        .env(
            "LLAMA_CLOUD_CUSTOM_HEADERS",
            "X-Tenant-Token: tok-0123456789abcdef",
        )
        .args(["parsing", "list", "--max-retries", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("(a redirect to another host is not followed while LLAMA_CLOUD_CUSTOM_HEADERS is set)"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    anything.assert_calls(0);
}

#[test]
fn the_key_never_appears_in_any_output() {
    let echo = format!("{{\"detail\":\"invalid key {TEST_KEY}\"}}");
    let echoing = MockServer::start();
    echoing.mock(|when, then| {
        when.any_request();
        then.status(401).body(echo.clone());
    });
    let raw_echo = RawServer::start(vec![http_response(500, &echo)]);
    let stalled = Scripted::start(vec![
        Reply::json(200, "{}").delayed(std::time::Duration::from_secs(20)),
    ]);
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let not_json = serve_bytes(b"<html>oops</html>");
    let fine = serve_bytes(br#"{"items":[{"id":"pjb-1"}]}"#);
    let runs: Vec<(String, Vec<&str>)> = vec![
        (echoing.base_url(), vec!["parsing", "list"]),
        (echoing.base_url(), vec!["parsing", "get", "pjb-1", "--json"]),
        (raw_echo.url.clone(), vec!["batches", "list", "--format", "jsonl"]),
        (stalled.url.clone(), vec!["parsing", "list", "--timeout", "0.2"]),
        (refused.clone(), vec!["batch-processing", "list"]),
        (not_json.base_url(), vec!["parsing", "list", "--json"]),
        (fine.base_url(), vec!["parsing", "list", "--json"]),
        (
            fine.base_url(),
            vec!["parsing", "list", "--base-url", "http://api.example.invalid"],
        ),
    ];
    for (base, args) in runs {
        let output = in_process(&base)
            .args(&args)
            .args(["--debug", "--max-retries", "1"])
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!all.contains(TEST_KEY), "{args:?} leaked the key:\n{all}");
        assert!(
            !all.contains("TESTKEY-0123456789"),
            "{args:?} leaked part of the key:\n{all}"
        );
    }
    // The echoed key is shown masked instead.
    let output = in_process(&echoing.base_url())
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).lines().next().unwrap(),
        "error: HTTP 401 Unauthorized: invalid key llx-…cdef (check LLAMA_CLOUD_API_KEY and the region: a key works only in the region it was created in)"
    );
}
