//! A closed stdout (`| head`) is a quiet success on every path: lists and `get`, every format,
//! with and without `--jq`, to stdout and through `-o -`. Each output is larger than the pipe
//! and the program's buffers together, so the program really writes into a closed pipe.

use std::io::Read as _;
use std::process::Stdio;

use httpmock::MockServer;
use serde_json::{Value, json};

use crate::harness::{TEST_KEY, command};

/// Enough items that every format, the narrow table included, is well over 256 KiB.
const ITEMS: usize = 2000;

fn server() -> MockServer {
    let name = "n".repeat(100);
    let items: Vec<Value> = (0..ITEMS)
        .map(|n| json!({"id": format!("pjb-{n:06}"), "name": name, "status": "COMPLETED", "tier": "fast"}))
        .collect();
    let pages: Vec<Value> = (0..100)
        .map(|n| json!({"page_number": n + 1, "markdown": "m".repeat(4000), "text": "t".repeat(4000), "success": true}))
        .collect();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(json!({"items": items}));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1");
        then.status(200).json_body(json!({
            "job": {"id": "pjb-1", "status": "COMPLETED"},
            "markdown": {"pages": pages},
            "text": {"pages": pages},
        }));
    });
    server
}

/// Runs `args`, reads the first bytes of stdout and closes it, like `| head -c 64`.
pub fn closed_early(server: &MockServer, args: &[&str]) -> (Option<i32>, String) {
    let mut child = command()
        .env("LLAMA_CLOUD_BASE_URL", server.base_url())
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_format_ends_quietly_when_the_reader_goes_away() {
    let server = server();
    let cases: &[&[&str]] = &[
        &["parsing", "list", "--format", "table"],
        &["parsing", "list", "--format", "tsv"],
        &["parsing", "list", "--format", "json"],
        &["parsing", "list", "--format", "jsonl"],
        &["parsing", "list", "--format", "yaml"],
        &["parsing", "list", "--format", "raw"],
        &["parsing", "list", "--jq", ".items[].id", "-r"],
        &["parsing", "list", "--jq", ".items[]"],
        &["parsing", "list", "--format", "jsonl", "--jq", ".id"],
        &["parsing", "list", "-o", "-"],
        &["parsing", "list", "--json", "-o", "-"],
        &["parsing", "get", "pjb-1", "--format", "markdown"],
        &["parsing", "get", "pjb-1", "--format", "text"],
        &["parsing", "get", "pjb-1", "--format", "markdown", "-o", "-"],
        &["parsing", "get", "pjb-1", "--expand", "markdown", "--json"],
        &[
            "parsing", "get", "pjb-1", "--expand", "markdown", "--format", "yaml",
        ],
        &[
            "parsing", "get", "pjb-1", "--expand", "markdown", "--format", "raw",
        ],
        &[
            "parsing",
            "get",
            "pjb-1",
            "--expand",
            "markdown",
            "--jq",
            ".markdown.pages[].markdown",
        ],
    ];
    for args in cases {
        let (code, stderr) = closed_early(&server, args);
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}
