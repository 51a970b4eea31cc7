//! What a run paid and what it leaves running: each document's credits in its jsonl line (its
//! job's, billed by the API, when the job was made for it in this run; 0 when it cost nothing)
//! and in the manifest, the run's total in its summary; and a job that never ends, left running
//! at `--wait-timeout` or cancelled with `--cancel-on-timeout`.

use std::path::Path;

use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{bulk_run, cli, stderr_of, write};

/// `(file name, status, credits)` of each line, by name.
fn costs(output: &std::process::Output) -> Vec<(String, String, Value)> {
    let mut lines: Vec<(String, String, Value)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|line: &serde_json::Value| line.get("receipt").is_none())
        .map(|l| {
            let name = Path::new(l["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                l["status"].as_str().unwrap().to_string(),
                l["credits"].clone(),
            )
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines
}

#[test]
fn a_result_that_cost_nothing_says_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/a.md"), b"# A\n");
    write(&dir.path().join("docs/copy-of-a.md"), b"# A\n");
    write(&dir.path().join("docs/b.md"), b"# B\n");
    let (url, fake) = start_shared(fake::Config::default());
    let statuses = |output: &std::process::Output| {
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(output));
        let mut said: Vec<String> = costs(output).into_iter().map(|(_, status, _)| status).collect();
        said.sort();
        said
    };
    // This run: one of the twins pays, the other is the same as it.
    let first = bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(statuses(&first), ["COMPLETED", "COMPLETED", "SAME"]);
    // A new OUT: every result from the result store.
    let cached = bulk_run(&url, dir.path(), "out2", &[]);
    assert_eq!(statuses(&cached), ["CACHED", "CACHED", "CACHED"]);
    assert!(
        stderr_of(&cached).contains(&format!(
            "CACHED {} → {}",
            dir.path().join("docs/b.md").display(),
            dir.path().join("out2/b.md.md").display()
        )),
        "{}",
        stderr_of(&cached)
    );
    // The same OUT again: every result already there.
    let done = bulk_run(&url, dir.path(), "out2", &[]);
    assert_eq!(statuses(&done), ["SKIPPED", "SKIPPED", "SKIPPED"]);
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn each_document_says_what_it_cost_and_the_summary_what_the_run_paid() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/a.md"), b"# A\n");
    write(&dir.path().join("docs/b.md"), b"# B\n");
    // The same bytes as a.md: one job for both.
    write(&dir.path().join("docs/copy-of-a.md"), b"# A\n");
    let (url, fake) = start_shared(fake::Config::default());
    let first = bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    // The fake bills 10 credits a page on the agentic tier.
    let lines = costs(&first);
    let paid: Vec<&Value> = lines.iter().map(|(_, _, credits)| credits).collect();
    assert_eq!(lines[1].0, "b.md");
    assert_eq!(lines[1].2, json!(10));
    let mut sorted: Vec<String> = paid.iter().map(|c| c.to_string()).collect();
    sorted.sort();
    assert_eq!(sorted, ["0", "10", "10"], "{lines:?}");
    assert!(
        stderr_of(&first).contains(
            "\ncredits: 20 billed for 2 jobs made in this run; 1 document cost nothing (done before, in the result store, or sharing a job)\n"
        ),
        "{}",
        stderr_of(&first)
    );
    assert_eq!(fake.made_jobs().len(), 2);
    let manifest = std::fs::read_to_string(dir.path().join("out/.llamacloud-manifest.jsonl")).unwrap();
    // Its result lines (the others are the jobs' events: intents, creates, ends).
    let results: Vec<Value> = manifest
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|line: &serde_json::Value| line.get("receipt").is_none())
        .filter(|record| record.get("output").is_some())
        .collect();
    assert_eq!(results.len(), 3, "{manifest}");
    for record in results {
        assert_eq!(record["credits"], json!(10), "what its job cost: {record}");
    }
    // Done before, then from the result store into a new directory: nothing paid.
    for (out, said) in [("out", "SKIPPED"), ("out2", "CACHED")] {
        let again = bulk_run(&url, dir.path(), out, &[]);
        assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
        for (name, status, credits) in costs(&again) {
            assert_eq!((status.as_str(), credits), (said, json!(0)), "{out} {name}");
        }
        assert!(
            stderr_of(&again).contains(
                "\ncredits: 0 billed for 0 jobs made in this run; 3 documents cost nothing (done before, in the result store, or sharing a job)\n"
            ),
            "{}",
            stderr_of(&again)
        );
    }
    assert_eq!(fake.made_jobs().len(), 2);
}

/// The status the fake gives job `id` now.
fn status_of(url: &str, id: &str) -> String {
    let output = cli(url)
        .args(["parsing", "get", id, "--jq", ".job.status", "-r"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn a_job_that_never_ends_is_cancelled_at_the_timeout_when_asked_and_left_running_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/a.md"), b"# A\n");
    write(&dir.path().join("docs/stuck.md"), b"# never ends\n");
    let (url, fake) = start_shared(fake::Config::default());
    let bulk = |out: &str, extra: &[&str]| {
        cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join(format!("store-{out}")))
            .args([
                "parse",
                "--tier",
                "agentic",
                "--format",
                "jsonl",
                "--wait-timeout",
                "10s",
                "--recursive",
            ])
            .arg(dir.path().join("docs"))
            .arg("--output-dir")
            .arg(dir.path().join(out))
            .args(extra)
            .output()
            .unwrap()
    };
    let stuck_line = |output: &std::process::Output| -> Value {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|line: &serde_json::Value| line.get("receipt").is_none())
            .find(|l| l["source"].as_str().unwrap().ends_with("stuck.md"))
            .unwrap()
    };
    // Without --cancel-on-timeout: reported, exit 1, and the job runs on.
    let left = bulk("out-left", &[]);
    assert_eq!(left.status.code(), Some(1), "{}", stderr_of(&left));
    let line = stuck_line(&left);
    let id = line["job_id"].as_str().unwrap().to_string();
    assert_eq!(
        line["error"],
        format!(
            "gave up waiting after 10s: job {id} has not ended (raise --wait-timeout; the next run waits for it)"
        )
    );
    assert_eq!(status_of(&url, &id), "RUNNING");
    // With it: cancelled, said so, exit 1; the other document is done.
    let cancelled = bulk("out-cancel", &["--cancel-on-timeout"]);
    assert_eq!(cancelled.status.code(), Some(1), "{}", stderr_of(&cancelled));
    let line = stuck_line(&cancelled);
    let id = line["job_id"].as_str().unwrap().to_string();
    assert_eq!(
        line["error"],
        format!("gave up waiting after 10s: job {id} has not ended: cancelled it (--cancel-on-timeout)")
    );
    assert_eq!(status_of(&url, &id), "CANCELLED");
    assert!(
        stderr_of(&cancelled).contains("1 parsed, 0 already done, 1 failed"),
        "{}",
        stderr_of(&cancelled)
    );
    assert_eq!(fake.made_jobs().len(), 4);
}

#[test]
fn one_document_that_never_ends_is_cancelled_and_the_next_run_parses_it_anew() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stuck.md");
    write(&file, b"# never ends\n");
    let (url, fake) = start_shared(fake::Config::default());
    let parse = || {
        cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args([
                "parse",
                file.to_str().unwrap(),
                "--tier",
                "agentic",
                "--wait-timeout",
                "3s",
            ])
            .arg("--cancel-on-timeout")
            .output()
            .unwrap()
    };
    let first = parse();
    assert_eq!(first.status.code(), Some(1), "{}", stderr_of(&first));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        stderr_of(&first),
        format!(
            "Created parse job {id}\nerror: gave up waiting after 3s: job {id} is still RUNNING: cancelled it (--cancel-on-timeout)\n"
        )
    );
    assert_eq!(status_of(&url, &id), "CANCELLED");
    // Cancelled, not waited for again: a new job.
    let second = parse();
    assert_eq!(second.status.code(), Some(1), "{}", stderr_of(&second));
    assert_eq!(fake.made_jobs().len(), 2);
}
