//! The shared test environment: a hermetic command, exact-query matching, page fixtures.

use std::path::PathBuf;

use assert_cmd::Command;
use httpmock::{HttpMockRequest, When};
use serde_json::{Value, json};

/// The clock the tests pin, so relative times are stable.
pub const TEST_NOW: &str = "2026-11-01T15:00:00Z";

/// The key every test uses; tests assert it never appears in output.
pub const TEST_KEY: &str = "llx-TESTKEY-0123456789abcdef";

/// A home directory for the tests, inside cargo's scratch space for integration tests.
fn scratch_home() -> PathBuf {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("home");
    std::fs::create_dir_all(&home).expect("scratch home");
    home
}

/// `llamacloud` with nothing from the real environment: no HOME, config, key or proxy leaks in.
pub fn bare() -> Command {
    let home = scratch_home();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_llamacloud"));
    cmd.env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("LLAMACLOUD_CONFIG_DIR", home.join("llamacloud"))
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("LLAMACLOUD_TEST_NOW", TEST_NOW)
        .env("RUST_BACKTRACE", "0");
    cmd
}

/// `llamacloud` pointed at `base_url` with the test key.
pub fn cli(base_url: &str) -> Command {
    let mut cmd = bare();
    cmd.env("LLAMA_CLOUD_BASE_URL", base_url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY);
    cmd
}

/// Matches a request whose query string is exactly `query` (order and encoding included);
/// an empty `query` means no query string at all.
pub fn exact_query(when: When, query: &str) -> When {
    let expected = query.to_string();
    when.is_true(move |req: &HttpMockRequest| req.uri().query().unwrap_or("") == expected)
}

/// A parse job item as the API documents it.
pub fn parse_job(n: usize) -> Value {
    json!({
        "id": format!("pjb-{n:04}"),
        "project_id": "prj-1",
        "status": "COMPLETED",
        "created_at": "2026-11-01T12:00:00.117Z",
        "name": format!("doc {n}.pdf"),
        "tier": "fast",
        "updated_at": "2026-11-01T12:05:00Z",
    })
}

/// A cursor page of parse jobs `range`, with `next` as its `next_page_token`.
pub fn cursor_page(range: std::ops::Range<usize>, next: Option<&str>) -> Value {
    let items: Vec<Value> = range.map(parse_job).collect();
    match next {
        Some(token) => json!({"items": items, "next_page_token": token}),
        None => json!({"items": items}),
    }
}

/// The ids printed in tsv output, one per line.
pub fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

/// `pjb-0000`… for a range.
pub fn expected_ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|n| format!("pjb-{n:04}")).collect()
}

/// Runs `cmd`, asserts that it succeeded (showing its stderr if not) and returns its stdout.
pub fn success_stdout(cmd: &mut Command) -> String {
    let output = cmd.output().expect("run llamacloud");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}
