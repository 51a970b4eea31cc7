//! What people see on a terminal: tables at fixed widths, colour rules, hostile text, the job
//! summary. The clock is pinned (harness::TEST_NOW) so relative times are stable.

use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::harness::{cli, success_stdout};

fn jobs() -> Value {
    json!({"items": [
        {"id": "pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f", "project_id": "p", "status": "COMPLETED",
         "name": "Q4 Financial Report (final, signed).pdf", "tier": "agentic_plus",
         "created_at": "2026-11-01T12:00:00Z", "updated_at": "2026-11-01T14:58:00Z"},
        {"id": "pjb-00000000-0000-4000-8000-000000000002", "project_id": "p", "status": "FAILED",
         "name": "\u{1b}]0;owned\u{7}\u{1b}[2Jinvoice\u{202e}fdp.exe", "tier": "fast",
         "created_at": "2026-10-25T15:00:00Z", "error_message": "x"},
        {"id": "pjb-00000000-0000-4000-8000-000000000003", "project_id": "p", "status": "RUNNING",
         "created_at": "2026-11-01T14:59:40Z"}
    ]})
}

fn table(path: &str, body: Value, width: &str, extra_env: &[(&str, &str)], args: &[&str]) -> String {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path(path);
        then.status(200).json_body(body);
    });
    let mut cmd = cli(&server.base_url());
    cmd.env("LLAMACLOUD_TEST_STDOUT_TTY", "1").env("COLUMNS", width);
    for (key, value) in extra_env {
        cmd.env(key, value);
    }
    success_stdout(cmd.args(args))
}

#[test]
fn parse_jobs_at_100_columns() {
    assert_eq!(
        table("/api/v2/parse", jobs(), "100", &[], &["parsing", "list"]),
        "\
ID                                        NAME           STATUS     TIER          CREATED      ERROR
pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f  Q4 Financial…  COMPLETED  agentic_plus  3 hours ago  -
pjb-00000000-0000-4000-8000-000000000002  \\x1b]0;owned…  FAILED     fast          7 days ago   x
pjb-00000000-0000-4000-8000-000000000003  -              RUNNING    -             just now     -
"
    );
}

#[test]
fn parse_jobs_at_60_columns_keep_ids_whole() {
    assert_eq!(
        table("/api/v2/parse", jobs(), "60", &[], &["parsing", "list"]),
        "\
ID                                        STATUS
pjb-7c1a2f3e-0b4d-4c5e-9f60-1a2b3c4d5e6f  COMPLETED
pjb-00000000-0000-4000-8000-000000000002  FAILED
pjb-00000000-0000-4000-8000-000000000003  RUNNING
"
    );
}

#[test]
fn every_line_fits_the_width_unless_an_id_and_its_status_alone_are_wider() {
    for width in [40usize, 60, 80, 100, 140] {
        let text = table(
            "/api/v2/parse",
            jobs(),
            &width.to_string(),
            &[],
            &["parsing", "list"],
        );
        for line in text.lines() {
            // Ids and statuses are never cut: a line may run long only with nothing else on it.
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(
                line.chars().count() <= width || (words.len() == 2 && !line.contains('…')),
                "{width}: {line:?}"
            );
        }
    }
    // At 40 the 40-character ids keep their statuses beside them, whole, as at 60.
    let at = |width| table("/api/v2/parse", jobs(), width, &[], &["parsing", "list"]);
    assert_eq!(at("40"), at("60"));
}

#[test]
fn batches_and_batch_jobs_tables() {
    let batches = json!({"items": [{"id": "bat-1", "config": {"job": {"configuration_id": "cfg-1", "type": "parse_v2"}},
        "project_id": "p", "source_directory_id": "dir-9", "status": "THROTTLED", "created_at": "2026-11-01T14:00:00Z"}]});
    assert_eq!(
        table("/api/v2/batches", batches, "100", &[], &["batches", "list"]),
        "ID     STATUS     TYPE      SOURCE DIRECTORY  CREATED\nbat-1  THROTTLED  parse_v2  dir-9             1 hour ago\n"
    );
    let jobs = json!({"items": [
        {"id": "bjb-1", "job_type": "parse", "project_id": "p", "status": "running", "total_items": 10,
         "processed_items": 4, "failed_items": 1, "created_at": "2026-11-01T13:00:00Z"},
        {"id": "bjb-2", "job_type": "classify", "project_id": "p", "status": "completed", "total_items": 3,
         "processed_items": 3, "failed_items": 0, "created_at": "2026-10-01T13:00:00Z", "completed_at": "2026-10-02T13:00:00Z"}
    ], "total_size": 2});
    assert_eq!(
        table(
            "/api/v1/beta/batch-processing",
            jobs,
            "100",
            &[],
            &["batch-processing", "list"]
        ),
        "\
ID     TYPE      STATUS     PROGRESS        CREATED      COMPLETED
bjb-1  parse     running    4/10, 1 failed  2 hours ago  -
bjb-2  classify  completed  3/3             1 month ago  1 month ago
"
    );
}

#[test]
fn colour_is_used_on_a_terminal_only_when_allowed() {
    let coloured = table(
        "/api/v2/parse",
        jobs(),
        "100",
        &[("NO_COLOR", "")],
        &["parsing", "list"],
    );
    assert!(coloured.contains("\u{1b}[38;5;10mCOMPLETED"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[38;5;9mFAILED"), "{coloured:?}");
    assert!(
        coloured.contains("\u{1b}[2m-"),
        "missing values are dim: {coloured:?}"
    );
    // NO_COLOR (set by the harness) and --color never turn it off; --color always wins over both.
    assert!(!table("/api/v2/parse", jobs(), "100", &[], &["parsing", "list"]).contains('\u{1b}'));
    assert!(
        !table(
            "/api/v2/parse",
            jobs(),
            "100",
            &[("NO_COLOR", "")],
            &["parsing", "list", "--color", "never"]
        )
        .contains('\u{1b}')
    );
    assert!(
        table(
            "/api/v2/parse",
            jobs(),
            "100",
            &[],
            &["parsing", "list", "--color", "always"]
        )
        .contains('\u{1b}')
    );
    // CLICOLOR_FORCE colours a table even off a terminal; tsv never has colour.
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(jobs());
    });
    let forced = cli(&server.base_url())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["parsing", "list", "--format", "table"])
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
    let piped = cli(&server.base_url())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["parsing", "list"])
        .output()
        .unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(
        !piped.contains("\u{1b}["),
        "tsv keeps server text escaped and adds no colour: {piped:?}"
    );
}

#[test]
fn the_job_summary_on_a_terminal() {
    let response = json!({
        "job": {"id": "pjb-1", "project_id": "p", "status": "FAILED", "name": "scan\u{1b}[8m.pdf", "tier": "fast",
                "created_at": "2026-11-01T12:00:00Z", "error_message": "Password protected\nfile"},
        "markdown": {"pages": [{"page_number": 1, "markdown": "x", "success": true}]},
        "images_content_metadata": {"images": [], "total_count": 3},
        "markdown_full": "abcdef"
    });
    let text = table(
        "/api/v2/parse/pjb-1",
        response,
        "80",
        &[],
        &["parsing", "get", "pjb-1"],
    );
    assert_eq!(
        text,
        "\
ID                       pjb-1
NAME                     scan\\x1b[8m.pdf
STATUS                   FAILED
TIER                     fast
PROJECT                  p
CREATED                  3 hours ago (2026-11-01T12:00:00Z)
UPDATED                  -
ERROR                    Password protected\\nfile
MARKDOWN                 1 page
IMAGES_CONTENT_METADATA  3 images
MARKDOWN_FULL            6 characters
"
    );
}

#[test]
fn progress_and_spinners_never_touch_stdout_or_a_pipe() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(jobs());
    });
    // stderr is a pipe here: no progress lines at all.
    cli(&server.base_url())
        .args(["parsing", "list", "--format", "jsonl"])
        .assert()
        .success()
        .stderr("");
}
