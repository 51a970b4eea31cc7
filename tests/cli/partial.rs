//! A job that completes with pages that failed (the API completes it while they stay under its
//! `allowed_page_failure_ratio`): never silent. Each failed page leaves a marker at its place in
//! every output, a warning, `failed_pages` in the jsonl line and the manifest, a count in the
//! summary, and exit 7 when nothing worse happened (`--fail-on-partial never`: 0), in a first
//! run and again when the result comes from the store or the output directory.

use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{bulk_run, cli, stderr_of, write};

/// What the fake says of the page it fails.
const MARKER: &str = "[llamacloud: page 2 failed: Page could not be parsed: OCR timeout]";
const WARNING: &str = "warning: page 2 failed: Page could not be parsed: OCR timeout";

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn one_document_with_a_failed_page_is_marked_warned_about_and_exits_7_from_the_store_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partial.md");
    write(&file, b"# Quarterly\n\nFirst page.\n");
    let (url, fake) = start_shared(fake::Config::default());
    let store = dir.path().join("store");
    let parse = |extra: &[&str]| {
        cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = parse(&[]);
    assert_eq!(first.status.code(), Some(7), "{}", stderr_of(&first));
    let document = stdout_of(&first);
    assert!(document.starts_with("# partial.md\n"), "{document}");
    assert!(document.ends_with(&format!("\n\n{MARKER}\n")), "{document}");
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    let closing = format!(
        "warning: job {id} completed with 1 failed page (2), marked in the output (exit 7; --fail-on-partial never: 0)"
    );
    let said = stderr_of(&first);
    assert!(said.ends_with(&format!("{WARNING}\n{closing}\n")), "{said}");
    // From the result store: the same document, the same words, the same code, no new job.
    let again = parse(&[]);
    assert_eq!(again.status.code(), Some(7));
    assert_eq!(stdout_of(&again), document);
    assert!(
        stderr_of(&again).ends_with(&format!("{WARNING}\n{closing}\n")),
        "{}",
        stderr_of(&again)
    );
    // Into a file; accepted with --fail-on-partial never.
    let out = dir.path().join("partial.out.md");
    let accepted = parse(&["-o", out.to_str().unwrap(), "--fail-on-partial", "never"]);
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr_of(&accepted));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), document);
    assert!(
        stderr_of(&accepted).ends_with(&format!("{WARNING}\n")),
        "{}",
        stderr_of(&accepted)
    );
    assert_eq!(fake.made_jobs().len(), 1, "paid for once");
}

fn lines(output: &std::process::Output) -> Vec<Value> {
    let mut lines: Vec<Value> = stdout_of(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect();
    lines.sort_by_key(|l| l["source"].as_str().unwrap_or_default().to_string());
    lines
}

#[test]
fn a_bulk_run_counts_documents_with_failed_pages_and_exits_7_again_when_they_are_done() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/a.md"), b"# A\n");
    write(&dir.path().join("docs/partial.md"), b"# P\n");
    let (url, fake) = start_shared(fake::Config::default());
    let first = bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(first.status.code(), Some(7), "{}", stderr_of(&first));
    let said: Vec<(String, Value, Value)> = lines(&first)
        .into_iter()
        .map(|l| {
            (
                l["status"].as_str().unwrap().to_string(),
                l["failed_pages"].clone(),
                l["error"].clone(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            ("COMPLETED".to_string(), json!([]), Value::Null),
            ("COMPLETED".to_string(), json!([2]), Value::Null),
        ]
    );
    let stderr = stderr_of(&first);
    assert!(
        stderr.contains(&format!(
            "partial.md → {} (warning: page 2 failed: Page could not be parsed: OCR timeout)",
            dir.path().join("out/partial.md.md").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(": 2 parsed, 0 already done, 0 failed, 1 with failed pages; results in "),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "warning: 1 document done with failed pages, marked in its output (exit 7; --fail-on-partial never: 0)\n"
        ),
        "{stderr}"
    );
    let written = std::fs::read_to_string(dir.path().join("out/partial.md.md")).unwrap();
    assert!(written.ends_with(&format!("\n\n{MARKER}\n")), "{written}");
    let manifest = std::fs::read_to_string(dir.path().join("out/.llamacloud-manifest.jsonl")).unwrap();
    let partial: Value = manifest
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["output"] == "partial.md.md")
        .unwrap();
    assert_eq!(
        partial["failed_pages"],
        json!([{"page": "2", "error": "Page could not be parsed: OCR timeout"}])
    );
    // Done before: skipped, still counted and still exit 7; nothing paid again.
    let again = bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(again.status.code(), Some(7), "{}", stderr_of(&again));
    let failed: Vec<Value> = lines(&again).iter().map(|l| l["failed_pages"].clone()).collect();
    assert_eq!(failed, [json!([]), json!([2])]);
    assert!(stderr_of(&again).contains("0 parsed, 2 already done, 0 failed, 1 with failed pages"));
    // From the result store into a fresh directory: the same.
    let fresh = bulk_run(&url, dir.path(), "out2", &[]);
    assert_eq!(fresh.status.code(), Some(7), "{}", stderr_of(&fresh));
    let failed: Vec<Value> = lines(&fresh).iter().map(|l| l["failed_pages"].clone()).collect();
    assert_eq!(failed, [json!([]), json!([2])]);
    let copied = std::fs::read_to_string(dir.path().join("out2/partial.md.md")).unwrap();
    assert_eq!(copied, written);
    // Accepted: exit 0; a worse outcome wins over a partial one.
    let accepted = bulk_run(&url, dir.path(), "out", &["--fail-on-partial", "never"]);
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr_of(&accepted));
    write(&dir.path().join("docs/fail.md"), b"# F\n");
    let worse = bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(worse.status.code(), Some(6), "{}", stderr_of(&worse));
    assert_eq!(fake.made_jobs().len(), 3);
}
