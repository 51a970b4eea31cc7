//! The exact request each flag produces: path, every query parameter in order, headers.

use httpmock::prelude::*;
use serde_json::json;

use crate::harness::{TEST_KEY, cli, cursor_page, exact_query};

/// Runs `args` against a mock that answers only `path?query` (one page, no next token) and
/// asserts it was asked exactly once.
fn assert_request(args: &[&str], path: &str, query: &str) {
    let server = MockServer::start();
    let body = if path.starts_with("/api/v1") {
        json!({"items": [], "total_size": 0})
    } else if path.starts_with("/api/v2/parse/") {
        json!({"job": {"id": "pjb-1", "project_id": "prj-1", "status": "COMPLETED"}, "markdown": {"pages": []}, "text": {"pages": []}})
    } else {
        cursor_page(0..1, None)
    };
    let mock = server.mock(|when, then| {
        exact_query(when.method(GET).path(path), query);
        then.status(200).json_body(body);
    });
    cli(&server.base_url()).args(args).assert().success();
    mock.assert_calls(1);
}

#[test]
fn parsing_list_sends_every_filter_sorted_with_arrays_repeated() {
    assert_request(
        &[
            "parsing",
            "list",
            "--status",
            "completed",
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-02T10:00:00+02:00",
            "--job-id",
            "pjb-a,pjb-b",
            "--job-id",
            "pjb-c",
            "--project-id",
            "prj-9",
            "--organization-id",
            "org-3",
            "--page-size",
            "5",
            "--page-token",
            "tok/1+2",
        ],
        "/api/v2/parse",
        "created_at_on_or_after=2026-11-01T00%3A00%3A00Z&created_at_on_or_before=2026-11-02T08%3A00%3A00Z\
         &job_ids=pjb-a&job_ids=pjb-b&job_ids=pjb-c&organization_id=org-3&page_size=5\
         &page_token=tok%2F1%2B2&project_id=prj-9&status=COMPLETED",
    );
}

#[test]
fn parsing_list_without_flags_sends_no_query() {
    assert_request(&["parsing", "list"], "/api/v2/parse", "");
}

#[test]
fn created_at_flags_have_their_long_names_too() {
    assert_request(
        &[
            "parsing",
            "list",
            "--created-at-on-or-after",
            "2026-11-01T12:00:00.5Z",
            "--created-at-on-or-before",
            "2026-11-03",
        ],
        "/api/v2/parse",
        "created_at_on_or_after=2026-11-01T12%3A00%3A00.5Z&created_at_on_or_before=2026-11-03T00%3A00%3A00Z",
    );
}

#[test]
fn global_options_work_after_the_subcommand_and_before_it() {
    assert_request(
        &["--format", "json", "parsing", "list", "--status", "FAILED"],
        "/api/v2/parse",
        "status=FAILED",
    );
    assert_request(
        &["parsing", "list", "--json", "--status", "Failed"],
        "/api/v2/parse",
        "status=FAILED",
    );
}

#[test]
fn project_and_organization_come_from_the_environment_unless_flagged() {
    let server = MockServer::start();
    let env_mock = server.mock(|when, then| {
        exact_query(
            when.path("/api/v2/parse"),
            "organization_id=org-env&project_id=prj-env",
        );
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let flag_mock = server.mock(|when, then| {
        exact_query(
            when.path("/api/v2/parse"),
            "organization_id=org-env&project_id=prj-flag",
        );
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let run = |extra: &[&str]| {
        cli(&server.base_url())
            .env("LLAMA_CLOUD_PROJECT_ID", "prj-env")
            .env("LLAMA_CLOUD_ORGANIZATION_ID", "org-env")
            .args(["parsing", "list"])
            .args(extra)
            .assert()
            .success();
    };
    run(&[]);
    run(&["--project-id", "prj-flag"]);
    env_mock.assert_calls(1);
    flag_mock.assert_calls(1);
}

#[test]
fn every_request_carries_auth_user_agent_and_accept_headers() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.path("/api/v2/parse")
            .header("authorization", format!("Bearer {TEST_KEY}"))
            .header("user-agent", format!("llamacloud/{}", env!("CARGO_PKG_VERSION")))
            .header("accept", "application/json")
            .header_exists("accept-encoding");
        then.status(200).json_body(cursor_page(0..1, None));
    });
    cli(&server.base_url())
        .args(["parsing", "list"])
        .assert()
        .success();
    mock.assert_calls(1);
}

#[test]
fn the_key_falls_back_to_llama_parse_api_key_and_the_flag_wins() {
    let server = MockServer::start();
    let parse_key = server.mock(|when, then| {
        when.path("/api/v2/parse")
            .header("authorization", "Bearer llx-parse-key");
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let flag_key = server.mock(|when, then| {
        when.path("/api/v2/parse")
            .header("authorization", "Bearer llx-flag-key");
        then.status(200).json_body(cursor_page(0..1, None));
    });
    crate::harness::bare()
        .env("LLAMA_CLOUD_BASE_URL", server.base_url())
        .env("LLAMA_PARSE_API_KEY", "llx-parse-key")
        .args(["parsing", "list"])
        .assert()
        .success();
    crate::harness::bare()
        .env("LLAMA_CLOUD_BASE_URL", server.base_url())
        .env("LLAMA_CLOUD_API_KEY", "llx-env-key")
        .args(["parsing", "list", "--api-key", "llx-flag-key"])
        .assert()
        .success();
    parse_key.assert_calls(1);
    flag_key.assert_calls(1);
}

#[test]
fn a_base_url_path_prefix_is_kept() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.path("/proxy/llama/api/v2/parse");
        then.status(200).json_body(cursor_page(0..1, None));
    });
    cli(&format!("{}/proxy/llama/", server.base_url()))
        .args(["parsing", "list"])
        .assert()
        .success();
    mock.assert_calls(1);
}

#[test]
fn parsing_get_sends_expand_repeated_and_image_filenames_as_one_string() {
    assert_request(
        &[
            "parsing",
            "get",
            "pjb-1",
            "--expand",
            "text,markdown",
            "--expand",
            "items",
            "--expand",
            "a_future_field",
            "--image-filenames",
            "image_0.png,image_1.jpg",
            "--project-id",
            "prj-9",
            "--organization-id",
            "org-3",
            "--json",
        ],
        "/api/v2/parse/pjb-1",
        "expand=text&expand=markdown&expand=items&expand=a_future_field\
         &image_filenames=image_0.png%2Cimage_1.jpg&organization_id=org-3&project_id=prj-9",
    );
}

#[test]
fn parsing_get_takes_the_id_as_a_flag_too() {
    assert_request(
        &["parsing", "get", "--job-id", "pjb-1", "--json"],
        "/api/v2/parse/pjb-1",
        "",
    );
}

#[test]
fn parsing_get_markdown_and_text_add_their_expand_once() {
    assert_request(
        &["parsing", "get", "pjb-1", "--format", "markdown"],
        "/api/v2/parse/pjb-1",
        "expand=markdown",
    );
    assert_request(
        &[
            "parsing",
            "get",
            "pjb-1",
            "--format",
            "markdown",
            "--expand",
            "markdown,items",
        ],
        "/api/v2/parse/pjb-1",
        "expand=markdown&expand=items",
    );
    assert_request(
        &["parsing", "get", "pjb-1", "--format", "TEXT", "--expand", "items"],
        "/api/v2/parse/pjb-1",
        "expand=items&expand=text",
    );
}

#[test]
fn a_job_id_is_one_percent_encoded_path_segment() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.is_true(|req: &HttpMockRequest| req.uri().path() == "/api/v2/parse/a%20b%25c%3Fd%23e");
        then.status(200)
            .json_body(json!({"job": {"id": "x", "project_id": "p", "status": "PENDING"}}));
    });
    cli(&server.base_url())
        .args(["parsing", "get", "a b%c?d#e", "--json"])
        .assert()
        .success();
    mock.assert_calls(1);
}

#[test]
fn batches_list_sends_upper_case_status_and_its_filters() {
    assert_request(
        &[
            "batches",
            "list",
            "--status",
            "throttled",
            "--source-directory-id",
            "dir-1",
            "--since",
            "2026-11-01T00:00:00Z",
            "--until",
            "2026-11-05",
            "--project-id",
            "prj-1",
            "--page-size",
            "2",
        ],
        "/api/v2/batches",
        "created_at_on_or_after=2026-11-01T00%3A00%3A00Z&created_at_on_or_before=2026-11-05T00%3A00%3A00Z\
         &page_size=2&project_id=prj-1&source_directory_id=dir-1&status=THROTTLED",
    );
}

#[test]
fn batch_processing_list_sends_lower_case_enums_limit_and_offset() {
    assert_request(
        &[
            "batch-processing",
            "list",
            "--directory-id",
            "dir-1",
            "--job-type",
            "PARSE",
            "--status",
            "Dispatched",
            "--limit",
            "2",
            "--offset",
            "4",
            "--organization-id",
            "org-1",
        ],
        "/api/v1/beta/batch-processing",
        "directory_id=dir-1&job_type=parse&limit=2&offset=4&organization_id=org-1&status=dispatched",
    );
}

#[test]
fn invalid_values_are_usage_errors_and_send_nothing() {
    let server = MockServer::start();
    let any = server.mock(|when, then| {
        when.any_request();
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let cases: &[&[&str]] = &[
        &["parsing", "list", "--page-size", "0"],
        &["parsing", "list", "--since", "yesterday"],
        &["parsing", "list", "--until", "2026-11-01T10:00:00"],
        &["parsing", "list", "--format", "markdown"],
        &["parsing", "list", "--json", "--format", "tsv"],
        &["parsing", "list", "--region", "mars"],
        &[
            "parsing",
            "list",
            "--region",
            "eu",
            "--base-url",
            "http://127.0.0.1:1",
        ],
        &["parsing", "list", "--timeout", "0"],
        &["parsing", "list", "--bogus"],
        &["parsing", "get"],
        &["parsing", "get", "a", "--job-id", "b"],
        &["parsing", "get", " "],
        &["batch-processing", "list", "--job-type", "split"],
        &["batch-processing", "list", "--limit", "0"],
        &["batch-processing", "list", "--limit", "1001"],
        &["batch-processing", "list", "--offset", "-1"],
    ];
    for args in cases {
        cli(&server.base_url()).args(*args).assert().code(2);
    }
    let output = cli(&server.base_url())
        .args(["parsing", "list", "--since", "yesterday"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("expected RFC 3339"), "{stderr}");
    // `--max-items 0` is no error (scripts for llp use it), and asks for nothing either.
    cli(&server.base_url())
        .args(["parsing", "list", "--max-items", "0"])
        .assert()
        .success()
        .stdout("");
    any.assert_calls(0);
}

#[test]
fn a_base_url_without_scheme_gets_https() {
    // The mock speaks plain HTTP, so an https:// request to it fails in the TLS handshake.
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.any_request();
        then.status(200).json_body(cursor_page(0..1, None));
    });
    let address = server.address().to_string();
    let output = cli(&address)
        .args(["parsing", "list", "--max-retries", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: could not connect to {address}")),
        "{stderr}"
    );
    mock.assert_calls(0);
}

#[test]
fn plain_http_to_a_host_that_is_not_loopback_is_refused() {
    cli("http://api.example.invalid")
        .args(["parsing", "list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("--allow-insecure-http"));
}

#[test]
fn bad_values_are_explained_in_plain_words() {
    let said = |args: &[&str]| {
        let output = crate::harness::bare().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        said(&["parsing", "list", "--page-size", "0"]),
        "error: invalid value '0' for '--page-size <N>': expected a whole number of at least 1"
    );
    assert_eq!(
        said(&["batch-processing", "list", "--offset", "-1"]),
        "error: invalid value '-1' for '--offset <N>': expected a whole number, 0 or more"
    );
    assert_eq!(
        said(&["parsing", "list", "--since", "9999-12-31"]),
        "error: invalid value '9999-12-31' for '--created-at-on-or-after <TIME>': \"9999-12-31\" is out of range: \
         times run from year -9999 to 9999-12-30"
    );
    assert_eq!(
        said(&["parsing", "list", "-V"]),
        "error: unexpected argument '-V' found"
    );
    crate::harness::bare()
        .arg("-V")
        .assert()
        .success()
        .stdout(format!("llamacloud {}\n", crate::output::built_version()));
}

#[test]
fn batches_get_and_parsing_versions_send_their_paths_and_scope() {
    assert_request(
        &[
            "batches",
            "get",
            "bat 1?x",
            "--expand",
            "results",
            "--project-id",
            "prj-1",
        ],
        "/api/v2/batches/bat%201%3Fx",
        "expand=results&project_id=prj-1",
    );
    assert_request(
        &["parsing", "versions", "--organization-id", "org-1"],
        "/api/v2/parse/versions",
        "organization_id=org-1",
    );
}
