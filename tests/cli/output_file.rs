//! `-o FILE`: written whole through a temporary file, or not at all; Ctrl-C leaves nothing.

use std::fs;
use std::path::Path;
use std::time::Duration;

use httpmock::prelude::*;
use serde_json::json;

use crate::harness::{cli, cursor_page, in_process};
use crate::scripted::{Reply, Scripted, interrupt, spawn_until_requested};

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_listing_goes_to_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(cursor_page(0..3, None));
    });
    let target = dir.path().join("jobs.tsv");
    cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "list", "-o"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    // auto means tsv in a file, even when stdout is a terminal.
    let written = fs::read_to_string(&target).unwrap();
    assert_eq!(written.lines().count(), 3);
    assert!(
        written.starts_with("pjb-0000\tdoc 0.pdf\tCOMPLETED\t"),
        "{written}"
    );
    assert_eq!(entries(dir.path()), ["jobs.tsv"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "a normal file, not a private temporary one");
    }
}

#[test]
fn a_failure_leaves_an_existing_file_untouched_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("jobs.json");
    fs::write(&target, "previous\n").unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse").query_param_missing("page_token");
        then.status(200).json_body(cursor_page(0..3, Some("t1")));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse").query_param("page_token", "t1");
        then.status(503).json_body(json!({"detail": "down"}));
    });
    let output = in_process(&server.base_url())
        .args(["parsing", "list", "--json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(output.stdout, b"");
    assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
    assert_eq!(entries(dir.path()), ["jobs.json"]);
}

#[test]
fn markdown_to_a_file_and_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1");
        then.status(200).json_body(
            json!({"job": {"id": "pjb-1", "project_id": "p", "status": "COMPLETED"},
            "markdown": {"pages": [{"page_number": 1, "markdown": "# Title", "success": true}]}}),
        );
    });
    let target = dir.path().join("doc.md");
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown", "--output"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&target).unwrap(), "# Title\n");

    let missing = dir.path().join("no/such/dir/doc.md");
    let output = cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .starts_with(&format!("error: cannot write {}", missing.display()))
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_130_at_once_and_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..1, None)).delayed(Duration::from_secs(30)),
    ]);
    let target = dir.path().join("out.tsv");
    let child = spawn_until_requested(
        &server,
        &[
            "parsing".as_ref(),
            "list".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
    );
    assert_eq!(
        entries(dir.path()).len(),
        1,
        "the temporary file exists while the request runs"
    );
    let (code, took) = interrupt(child);
    assert_eq!(code, Some(130));
    assert!(took < Duration::from_secs(10), "not waiting for the slow request");
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}
