//! `cargo run --example try`: the fake in-process and the program through the library entry
//! point, in one command, with no account.

use crate::harness::try_example;

#[test]
fn try_parses_a_file_and_lists_jobs_with_no_account() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    std::fs::write(&file, "# Notes\n\nTried without an account.\n").unwrap();
    let parsed = try_example().arg("parse").arg(&file).output().unwrap();
    assert_eq!(
        parsed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let markdown = String::from_utf8(parsed.stdout).unwrap();
    assert!(
        markdown
            .starts_with("# notes.md\n\n35 bytes, text/markdown.\n\n# Notes\n\nTried without an account."),
        "{markdown}"
    );
    assert!(String::from_utf8_lossy(&parsed.stderr).starts_with("Created parse job pjb-"));

    let listed = try_example()
        .args(["parsing", "list", "--max-items", "5"])
        .output()
        .unwrap();
    assert_eq!(listed.status.code(), Some(0));
    let stdout = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    assert!(
        stdout.starts_with("pjb-") && stdout.contains("\tCOMPLETED\t"),
        "{stdout}"
    );

    // Exit codes are the program's own.
    let missing = try_example()
        .args(["parsing", "get", "pjb-none"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(3));
    // With nothing to run, it says what to try.
    let help = try_example().output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("cargo run --example try -- parse README.md"));
}

#[test]
fn try_never_uses_a_real_key_or_server() {
    let listed = try_example()
        .env("LLAMA_CLOUD_API_KEY", "llx-REAL-KEY-must-not-be-used")
        .env("LLAMA_CLOUD_BASE_URL", "https://api.cloud.llamaindex.ai")
        .args(["auth", "status", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        listed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let status = String::from_utf8(listed.stdout).unwrap();
    assert!(status.contains("http://127.0.0.1:"), "{status}");
    assert!(!status.contains("REAL-KEY"), "{status}");
}
