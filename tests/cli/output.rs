//! Every format, exactly: JSON fidelity, tsv safety, the terminal renderings, document content.

use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::harness::{cli, cli_process, success_stdout};

/// An item with fields this program does not know, nulls, escapes and big numbers.
const FIDELITY_ITEM: &str = r#"{"id":"pjb-1","project_id":"prj-1","status":"FAILED","created_at":"2026-11-01T12:00:00.117Z","name":"tab\there \"quoted\" \\ \u001b[31mred\u2028","error_message":null,"tier":"fast","future_field":{"nested":[1,2.50,-0.0,1.5e-07,null,true]},"credits":123456789012345678901234567890,"ratio":0.10000000000000000001}"#;

/// The server's page around it.
const FIDELITY_PAGE: &str = concat!(
    r#"{"items":["#,
    r#"{"id":"pjb-1","project_id":"prj-1","status":"FAILED","created_at":"2026-11-01T12:00:00.117Z","name":"tab\there \"quoted\" \\ \u001b[31mred\u2028","error_message":null,"tier":"fast","future_field":{"nested":[1,2.50,-0.0,1.5e-07,null,true]},"credits":123456789012345678901234567890,"ratio":0.10000000000000000001}"#,
    r#"],"next_page_token":null,"total_size":1}"#
);

fn serve(body: &'static str) -> MockServer {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200)
            .header("content-type", "application/json")
            .body(body);
    });
    server
}

/// The real binary's stdout: these tests check its bytes exactly, so they run the process.
fn stdout(server: &MockServer, args: &[&str]) -> String {
    success_stdout(cli_process(&server.base_url()).args(args))
}

#[test]
fn jsonl_passes_each_item_through_byte_for_byte() {
    let server = serve(FIDELITY_PAGE);
    assert_eq!(
        stdout(&server, &["parsing", "list", "--format", "jsonl"]),
        format!("{FIDELITY_ITEM}\n")
    );
}

#[test]
fn json_is_the_page_shape_with_every_item() {
    let server = serve(FIDELITY_PAGE);
    let expected = format!("{{\"items\":[{FIDELITY_ITEM}],\"next_page_token\":null,\"total_size\":1}}\n");
    assert_eq!(stdout(&server, &["parsing", "list", "--json"]), expected);
}

#[test]
fn items_spread_over_lines_are_made_compact() {
    let server = serve("{\"items\":[{\n  \"id\": \"pjb-1\",\n  \"n\": [1, 2]\n}]}");
    assert_eq!(
        stdout(&server, &["parsing", "list", "--format", "jsonl"]),
        "{\"id\":\"pjb-1\",\"n\":[1,2]}\n"
    );
}

#[test]
fn json_on_a_terminal_is_pretty_and_still_exact() {
    let server = serve(FIDELITY_PAGE);
    let output = cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "list", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("{\n  \"items\": [\n    {\n      \"id\": \"pjb-1\",\n"),
        "{text}"
    );
    assert!(
        text.contains("\n      \"credits\": 123456789012345678901234567890,\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\n  ],\n  \"next_page_token\": null,\n  \"total_size\": 1\n}\n"),
        "{text}"
    );
    let compact: Value = serde_json::from_str(&stdout(&server, &["parsing", "list", "--json"])).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), compact);
}

#[test]
fn tsv_is_one_safe_line_per_item_with_times_unchanged() {
    let server = serve(FIDELITY_PAGE);
    assert_eq!(
        stdout(&server, &["parsing", "list"]),
        "pjb-1\ttab\\there \"quoted\" \\\\ \\x1b[31mred\\u{2028}\tFAILED\tfast\t2026-11-01T12:00:00.117Z\t\t\n"
    );
    assert_eq!(
        stdout(&server, &["parsing", "list", "--format", "TSV"]),
        stdout(&server, &["parsing", "list"])
    );
}

#[test]
fn the_terminal_listing_is_aligned_and_neutralised() {
    let server = serve(
        r#"{"items":[{"id":"pjb-1","name":"evil\u001b[2J","status":"COMPLETED","tier":"fast","created_at":"2026-11-01T12:00:00Z"},{"id":"pjb-22","status":"RUNNING"}]}"#,
    );
    let output = cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "list"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "ID      NAME         STATUS     TIER  CREATED      UPDATED\n\
         pjb-1   evil\\x1b[2J  COMPLETED  fast  3 hours ago  -\n\
         pjb-22  -            RUNNING    -     -            -\n"
    );
}

#[test]
fn an_empty_listing_is_success_with_a_note_only_for_people() {
    let server = serve(r#"{"items":[]}"#);
    cli(&server.base_url())
        .args(["parsing", "list"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "list"])
        .assert()
        .success()
        .stdout("")
        .stderr("No parse jobs found.\n");
    cli(&server.base_url())
        .args(["parsing", "list", "--json"])
        .assert()
        .success()
        .stdout("{\"items\":[],\"next_page_token\":null}\n");
}

#[test]
fn batch_rows_show_the_nested_job_type_and_batch_jobs_their_counts() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/batches");
        then.status(200).json_body(json!({"items": [{
            "id": "bat-1", "config": {"job": {"configuration_id": "cfg-1", "type": "parse_v2"}},
            "project_id": "prj-1", "source_directory_id": "dir-1", "status": "THROTTLED",
            "created_at": "2026-11-01T00:00:00Z"
        }]}));
    });
    server.mock(|when, then| {
        when.path("/api/v1/beta/batch-processing");
        then.status(200).json_body(json!({"items": [{
            "id": "bjb-1", "job_type": "parse", "project_id": "prj-1", "status": "completed",
            "total_items": 10, "processed_items": 9, "failed_items": 1,
            "created_at": "2026-11-01T00:00:00Z", "completed_at": "2026-11-01T01:00:00Z"
        }], "total_size": 1}));
    });
    assert_eq!(
        stdout(&server, &["batches", "list"]),
        "bat-1\tTHROTTLED\tparse_v2\tdir-1\t2026-11-01T00:00:00Z\n"
    );
    assert_eq!(
        stdout(&server, &["batch-processing", "list"]),
        "bjb-1\tparse\tcompleted\t9\t10\t1\t2026-11-01T00:00:00Z\t2026-11-01T01:00:00Z\t\t\n"
    );
}

fn serve_job(body: Value) -> MockServer {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1");
        then.status(200).json_body(body);
    });
    server
}

fn job_with_content() -> Value {
    json!({
        "job": {"id": "pjb-1", "project_id": "prj-1", "status": "COMPLETED", "name": "Q4.pdf", "tier": "fast",
                "created_at": "2026-11-01T12:00:00Z", "updated_at": "2026-11-01T12:01:00Z"},
        "markdown": {"pages": [
            {"page_number": 1, "markdown": "# Q4 report", "success": true, "header": "ACME"},
            {"page_number": 2, "markdown": "## Revenue\n\n| Q | $ |\n|---|---|\n| 4 | 10 |", "success": true},
            {"page_number": 3, "error": "OCR timeout", "success": false}
        ]},
        "text": {"pages": [{"page_number": 1, "text": "Q4 report"}, {"page_number": 2, "text": "Revenue"}]},
        "unknown_part": {"kept": true}
    })
}

#[test]
fn markdown_joins_pages_in_order_and_reports_failed_pages() {
    let server = serve_job(job_with_content());
    let output = cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(7));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "# Q4 report\n\n## Revenue\n\n| Q | $ |\n|---|---|\n| 4 | 10 |\n\n[llamacloud: page 3 failed: OCR timeout]\n"
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "warning: page 3 failed: OCR timeout\n\
         warning: job pjb-1 completed with 1 failed page (3), marked in the output (exit 7; --fail-on-partial never: 0)\n"
    );
}

#[test]
fn pages_sent_out_of_order_are_written_as_sent_with_a_warning() {
    let server = serve_job(
        json!({"job": {"id": "pjb-1", "project_id": "p", "status": "COMPLETED"},
        "markdown": {"pages": [{"page_number": 2, "markdown": "two"}, {"page_number": 1, "markdown": "one"}]}}),
    );
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown"])
        .assert()
        .success()
        .stdout("two\n\none\n")
        .stderr("warning: the server sent page(s) 1 out of order; they are written where they came\n");
}

#[test]
fn text_joins_pages_too() {
    let server = serve_job(job_with_content());
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "text"])
        .assert()
        .success()
        .stdout("Q4 report\n\nRevenue\n")
        .stderr("");
}

#[test]
fn markdown_of_an_unfinished_job_says_so() {
    let server = serve_job(json!({"job": {"id": "pjb-1", "project_id": "p", "status": "RUNNING"}}));
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: the job is RUNNING: its markdown is available once it has COMPLETED\n");
}

#[test]
fn get_as_json_tsv_raw_and_a_summary() {
    let server = serve_job(job_with_content());
    let json_out: Value =
        serde_json::from_str(&stdout(&server, &["parsing", "get", "pjb-1", "--json"])).unwrap();
    assert_eq!(json_out, job_with_content());
    assert_eq!(
        stdout(&server, &["parsing", "get", "pjb-1"]),
        "pjb-1\tQ4.pdf\tCOMPLETED\tfast\t2026-11-01T12:00:00Z\t2026-11-01T12:01:00Z\t\n"
    );
    let raw = stdout(&server, &["parsing", "get", "pjb-1", "--format", "raw"]);
    assert_eq!(serde_json::from_str::<Value>(&raw).unwrap(), job_with_content());
    assert!(!raw.ends_with('\n'), "raw is the server's bytes, nothing added");

    let output = cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "get", "pjb-1"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "ID            pjb-1\n\
         NAME          Q4.pdf\n\
         STATUS        COMPLETED\n\
         TIER          fast\n\
         PROJECT       prj-1\n\
         CREATED       3 hours ago (2026-11-01T12:00:00Z)\n\
         UPDATED       3 hours ago (2026-11-01T12:01:00Z)\n\
         MARKDOWN      3 pages (1 failed)\n\
         TEXT          2 pages\n\
         UNKNOWN_PART  1 entry\n"
    );
}

#[test]
fn help_and_version_are_successes_on_stdout() {
    let server = MockServer::start();
    cli(&server.base_url())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("llamacloud {}\n", built_version()));
    let help = stdout(&server, &["parsing", "list", "--help"]);
    for flag in [
        "--status",
        "--created-at-on-or-after",
        "--since",
        "--job-id",
        "--page-size",
        "--page-token",
        "--max-items",
        "--project-id",
        "--organization-id",
        "--format",
        "--json",
    ] {
        assert!(help.contains(flag), "{flag} missing from help:\n{help}");
    }
}

/// A page with a field this program does not know, a duplicate key, a number beyond f64 and
/// escapes of characters that would drive a terminal.
const ODD_PAGE: &str = r#"{"items":[{"id":"pjb-1","d":1,"d":2,"big":1e400,"name":"evil\u202efdp\u2028x"}],"next_page_token":null,"facets":{"status":{"COMPLETED":1}},"total_size":1}"#;

#[test]
fn json_and_yaml_keep_every_top_level_field_of_the_page() {
    let server = serve(ODD_PAGE);
    let compact = stdout(&server, &["parsing", "list", "--json"]);
    assert_eq!(
        compact,
        concat!(
            r#"{"items":[{"id":"pjb-1","d":1,"d":2,"big":1e400,"name":"evil\u202efdp\u2028x"}],"#,
            r#""facets":{"status":{"COMPLETED":1}},"next_page_token":null,"total_size":1}"#,
            "\n"
        )
    );
    let yaml = stdout(&server, &["parsing", "list", "--format", "yaml"]);
    assert!(yaml.contains("facets:\n  status:\n    COMPLETED: 1\n"), "{yaml}");
    assert!(yaml.contains("next_page_token: null"), "{yaml}");
}

#[test]
fn pretty_json_keeps_what_compact_json_keeps() {
    let server = serve(ODD_PAGE);
    let pretty = success_stdout(
        cli(&server.base_url())
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .args(["parsing", "list", "--json"]),
    );
    assert_eq!(
        pretty,
        "{\n  \"items\": [\n    {\n      \"id\": \"pjb-1\",\n      \"d\": 1,\n      \"d\": 2,\n      \
         \"big\": 1e400,\n      \"name\": \"evil\\u202efdp\\u2028x\"\n    }\n  ],\n  \
         \"facets\": {\n    \"status\": {\n      \"COMPLETED\": 1\n    }\n  },\n  \
         \"next_page_token\": null,\n  \"total_size\": 1\n}\n"
    );
    // Raw characters that drive a terminal are escaped even when the server sent them raw.
    let server = serve("{\"items\":[{\"id\":\"a\u{202e}b\u{9b}2J\"}]}");
    for args in [
        &["parsing", "list", "--json"][..],
        &["parsing", "list", "--format", "jsonl"],
    ] {
        let text = stdout(&server, args);
        assert!(text.contains(r#""a\u202eb\u009b2J""#), "{args:?}: {text:?}");
    }
}

/// The version `--version` says: with the commit the binary was built from in a git checkout.
pub fn built_version() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_string(),
    }
}
