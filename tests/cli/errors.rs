//! Every exit code, the one-line error for each kind of body, and the key kept secret.

use std::time::Duration;

use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::harness::{TEST_KEY, bare, cli, cursor_page, in_process};

/// Answers `path` with `status` and `body`, runs `args`, returns (exit code, stdout, stderr).
fn run_against(status: u16, body: &str, path: &str, args: &[&str]) -> (i32, String, String) {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path(path);
        then.status(status)
            .header("content-type", "application/json")
            .body(body);
    });
    let output = cli(&server.base_url()).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// One attempt only: retries have their own tests.
fn list_error(status: u16, body: &str) -> (i32, String) {
    let (code, stdout, stderr) = run_against(
        status,
        body,
        "/api/v2/parse",
        &["parsing", "list", "--max-retries", "0"],
    );
    assert_eq!(stdout, "", "nothing on stdout for an error");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

#[test]
fn each_status_has_its_exit_code_and_one_error_line() {
    let cases: &[(u16, &str, i32, &str)] = &[
        (
            400,
            r#"{"detail":"Bad filter"}"#,
            5,
            "error: HTTP 400 Bad Request: Bad filter\n",
        ),
        (
            401,
            r#"{"detail":"Invalid API key"}"#,
            4,
            "error: HTTP 401 Unauthorized: Invalid API key (check LLAMA_CLOUD_API_KEY and the region: a key works only in the region it was created in)\n",
        ),
        (
            402,
            r#"{"detail":"Payment Required"}"#,
            8,
            "error: HTTP 402 Payment Required: Payment Required (the organization is out of credits)\n",
        ),
        (
            403,
            r#"{"detail":"Forbidden"}"#,
            4,
            "error: HTTP 403 Forbidden: Forbidden (the key's project cannot see this resource; check --project-id and --organization-id)\n",
        ),
        (
            404,
            r#"{"detail":"Not Found"}"#,
            3,
            "error: HTTP 404 Not Found: Not Found\n",
        ),
        (
            409,
            r#"{"detail":"Conflict"}"#,
            5,
            "error: HTTP 409 Conflict: Conflict\n",
        ),
        (410, r#"{"detail":"Gone"}"#, 3, "error: HTTP 410 Gone: Gone\n"),
        (
            422,
            r#"{"detail":[{"loc":["query","page_size"],"msg":"Input should be less than 1000","type":"less_than"},{"loc":["query","status"],"msg":"bad status","type":"enum"}]}"#,
            5,
            "error: HTTP 422 Unprocessable Entity: query.page_size: Input should be less than 1000; query.status: bad status\n",
        ),
        (
            429,
            r#"{"detail":"Too many requests"}"#,
            5,
            "error: HTTP 429 Too Many Requests: Too many requests (rate limited; wait a moment and try again)\n",
        ),
        (
            503,
            "",
            5,
            "error: HTTP 503 Service Unavailable: empty response body (the service failed; try again later)\n",
        ),
        (
            502,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>",
            5,
            "error: HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html> (the service failed; try again later)\n",
        ),
    ];
    for (status, body, code, message) in cases {
        let (actual_code, stderr) = list_error(*status, body);
        assert_eq!(actual_code, *code, "status {status}");
        assert_eq!(&stderr, message, "status {status}");
    }
}

#[test]
fn json_formats_also_write_the_error_as_json() {
    let (code, stdout, stderr) = run_against(
        404,
        r#"{"detail":"Parse job not found"}"#,
        "/api/v2/parse/pjb-x",
        &["parsing", "get", "pjb-x", "--json"],
    );
    assert_eq!(code, 3);
    assert_eq!(stdout, "");
    let mut lines = stderr.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("error: HTTP 404 Not Found: Parse job not found")
    );
    let document: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(document["error"]["status"], 404);
    assert_eq!(
        document["error"]["body"],
        json!({"detail": "Parse job not found"})
    );
    assert!(
        document["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Parse job not found")
    );
}

#[test]
fn a_404_for_a_job_suggests_checking_the_id() {
    let (code, _, stderr) = run_against(
        404,
        r#"{"detail":"Parse job not found"}"#,
        "/api/v2/parse/pjb-x",
        &["parsing", "get", "pjb-x"],
    );
    assert_eq!(code, 3);
    assert!(stderr.contains("check the job id and the region"), "{stderr}");
}

#[test]
fn the_retired_batch_processing_endpoint_points_to_batches_list() {
    for status in [404, 410] {
        let (code, stdout, stderr) = run_against(
            status,
            r#"{"detail":"Not Found"}"#,
            "/api/v1/beta/batch-processing",
            &["batch-processing", "list"],
        );
        assert_eq!(code, 3);
        assert_eq!(stdout, "");
        assert!(
            stderr.contains("use `llamacloud batches list` instead"),
            "{stderr}"
        );
    }
}

#[test]
fn a_missing_key_fails_before_any_request() {
    let server = MockServer::start();
    let any = server.mock(|when, then| {
        when.any_request();
        then.status(200).json_body(cursor_page(0..1, None));
    });
    for args in [
        &["parsing", "list"][..],
        &["parsing", "get", "pjb-1"],
        &["batches", "list"],
        &["batch-processing", "list"],
    ] {
        bare()
            .env("LLAMA_CLOUD_BASE_URL", server.base_url())
            .env("LLAMA_CLOUD_API_KEY", "")
            .args(args)
            .assert()
            .code(4)
            .stdout("")
            .stderr(
                "error: no API key: set LLAMA_CLOUD_API_KEY (or LLAMA_PARSE_API_KEY), or pass --api-key\n",
            );
    }
    any.assert_calls(0);
}

#[test]
fn an_unreachable_server_is_exit_1() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let output = in_process(&format!("http://127.0.0.1:{port}"))
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: gave up after 3 attempts: could not connect to 127.0.0.1:{port}: "
        )),
        "{stderr}"
    );
}

#[test]
fn a_stalled_server_ends_in_a_timeout_that_names_the_flag() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200)
            .delay(Duration::from_secs(10))
            .json_body(cursor_page(0..1, None));
    });
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--timeout", "0.1", "--max-retries", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: no answer from {} within 0.1 s (the --timeout per request)\n",
            server.address()
        )
    );
}

#[test]
fn a_success_status_with_a_body_that_is_not_json_is_exit_1() {
    let (code, stderr) = list_error(200, "<html>maintenance</html>");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: invalid response: the body is not JSON"),
        "{stderr}"
    );
    let (code, _, stderr) = run_against(200, "[1,2]", "/api/v2/parse/pjb-1", &["parsing", "get", "pjb-1"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: invalid response: expected a JSON object with a job\n"
    );
}

#[test]
fn server_text_in_errors_cannot_drive_the_terminal() {
    let (code, stderr) = list_error(400, "{\"detail\":\"\\u001b]0;owned\\u0007\\u001b[2Jgone\"}");
    assert_eq!(code, 5);
    assert_eq!(
        stderr,
        "error: HTTP 400 Bad Request: \\x1b]0;owned\\x07\\x1b[2Jgone\n"
    );
}

#[test]
fn a_closed_stdout_is_a_quiet_success() {
    let server = MockServer::start();
    let long_name = "x".repeat(2000);
    let items: Vec<Value> = (0..400)
        .map(|n| json!({"id": format!("pjb-{n}"), "name": long_name, "status": "COMPLETED"}))
        .collect();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(json!({"items": items}));
    });
    let (code, stderr) = crate::pipes::closed_early(&server, &["parsing", "list"]);
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "");
}

#[test]
fn debug_logs_requests_with_the_key_masked_and_never_leaks_it() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(401).json_body(json!({"detail": "Invalid API key"}));
    });
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--debug", "--status", "FAILED"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "debug: > GET {}/api/v2/parse?status=FAILED\n",
            server.base_url()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("debug: > authorization: Bearer llx-…cdef\n"),
        "{stderr}"
    );
    assert!(stderr.contains("debug: < 401 Unauthorized in "), "{stderr}");
    assert!(
        stderr.contains("debug: < {\"detail\":\"Invalid API key\"}"),
        "{stderr}"
    );
    assert!(!stderr.contains(TEST_KEY) && !String::from_utf8_lossy(&output.stdout).contains(TEST_KEY));
}

#[test]
fn a_huge_detail_is_cut_to_one_bounded_line_and_not_repeated_in_the_json_error() {
    let detail = "x".repeat(3 * 1024 * 1024);
    let body = json!({ "detail": detail }).to_string();
    let (code, _, stderr) = run_against(400, &body, "/api/v2/parse", &["parsing", "list", "--json"]);
    assert_eq!(code, 5);
    assert!(stderr.len() < 4000, "{} bytes of stderr", stderr.len());
    let mut lines = stderr.lines();
    let first = lines.next().unwrap();
    assert!(first.starts_with("error: HTTP 400 Bad Request: xxx"), "{first}");
    assert!(first.ends_with('…'), "{first}");
    let document: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(document["error"]["status"], 400);
    assert_eq!(document["error"]["body"], Value::Null, "too big to repeat");
    assert_eq!(lines.next(), None);
}

#[test]
fn an_html_page_with_a_success_status_shows_the_status_and_how_it_starts() {
    let (code, _, stderr) = run_against(
        200,
        "<html><head><title>Maintenance</title></head><body>We are down</body></html>",
        "/api/v2/parse",
        &["parsing", "list"],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: invalid response: the body is not JSON (HTTP 200 OK; "),
        "{stderr}"
    );
    assert!(
        stderr.contains("<html><head><title>Maintenance</title>"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn the_401_hint_names_where_the_key_came_from() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(401).json_body(json!({"detail": "Invalid API key"}));
    });
    let hint = |stderr: &[u8]| {
        let stderr = String::from_utf8_lossy(stderr).into_owned();
        stderr
            .split(" (check ")
            .nth(1)
            .map(|rest| {
                rest.split(" and the region")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .unwrap_or_else(|| panic!("no hint: {stderr}"))
    };
    let output = cli(&server.base_url())
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert_eq!(hint(&output.stderr), "LLAMA_CLOUD_API_KEY");

    let output = cli(&server.base_url())
        .args(["parsing", "list", "--api-key", "llx-flag-key-00000000"])
        .output()
        .unwrap();
    assert_eq!(hint(&output.stderr), "--api-key");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[profiles.work]\napi_key = \"llx-profile-key-000000\"\n",
    )
    .unwrap();
    let output = cli(&server.base_url())
        .env_remove("LLAMA_CLOUD_API_KEY")
        .env("LLAMACLOUD_CONFIG_DIR", dir.path())
        .args(["parsing", "list", "--profile", "work"])
        .output()
        .unwrap();
    assert_eq!(hint(&output.stderr), "api_key of profile work");
}

#[test]
fn color_never_removes_colour_from_usage_errors() {
    let run = |color: &str| {
        let output = bare()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(["--color", color, "parsing", "list", "--no-such-flag"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let never = run("never");
    assert!(
        never.starts_with("error: unexpected argument '--no-such-flag'"),
        "{never:?}"
    );
    assert!(!never.contains('\u{1b}'), "{never:?}");
    assert!(run("always").contains('\u{1b}'), "the test can see colour");
    let env_off = bare()
        .args(["parsing", "list", "--no-such-flag"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&env_off.stderr).contains('\u{1b}'),
        "NO_COLOR"
    );
}

#[test]
fn a_base_url_without_a_scheme_on_a_plain_http_server_says_https_was_assumed() {
    // A plain-HTTP server answers a TLS hello with an HTTP error page.
    let server = crate::scripted::RawServer::start(vec![
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    ]);
    let host = server.url.trim_start_matches("http://").to_string();
    let output = cli(&server.url)
        .env_remove("LLAMA_CLOUD_BASE_URL")
        .args(["parsing", "list", "--max-retries", "0", "--base-url", &host])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.ends_with(&format!(
            "(no scheme was given, so https:// was assumed; for a server without TLS use http://{host})\n"
        )),
        "{stderr}"
    );
}

#[test]
fn help_of_the_help_command_is_help_not_a_usage_error() {
    let run = |args: &[&str]| {
        let output = in_process("http://127.0.0.1:9").args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let help_help = run(&["help", "help"]);
    assert!(
        help_help.contains("Usage: llamacloud help [COMMAND]..."),
        "{help_help}"
    );
    assert_eq!(run(&["help", "--help"]), help_help);
    assert_eq!(run(&["help", "-h"]), help_help);
    assert_eq!(run(&["--color", "never", "help", "--help"]), help_help);
    assert_eq!(run(&["help", "parse", "--help"]), run(&["help", "parse"]));
}
