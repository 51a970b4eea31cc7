//! The bulk pipeline against the API's worst cases: listings that page with fewer items than
//! asked and lag behind creates, bursts of 503s and 429s on polls, what a tree holds besides
//! files (FIFOs, links to directories), a document on stdin, and a tree split over machines.
//! In-process on the fake clock: the fake's jobs move on as they are polled, so nothing waits
//! for real time.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, cli, stderr_of};

/// Files with distinct bytes under `root`.
fn tree(root: &Path, count: usize) -> Vec<String> {
    std::fs::create_dir_all(root).unwrap();
    (0..count)
        .map(|n| {
            let name = format!("doc-{n:03}.pdf");
            std::fs::write(root.join(&name), format!("Contents of {name}\n")).unwrap();
            name
        })
        .collect()
}

/// A scratch directory with `count` documents in `docs/`, and a fake with `config`.
fn setup(count: usize, config: fake::Config) -> (tempfile::TempDir, String, std::sync::Arc<fake::Fake>) {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), count);
    let (url, fake) = start_shared(config);
    (dir, url, fake)
}

/// `parse --recursive DOCS --output-dir OUT --format jsonl`, with a store of its own.
fn bulk(url: &str, dir: &Path, extra: &[&str]) -> InProcess {
    let mut run = cli(url);
    run.env("LLAMACLOUD_CACHE_DIR", dir.join("store"))
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join("out"))
        .args(extra);
    run
}

fn events(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect()
}

/// Every document COMPLETED, exit 0.
fn all_completed(output: &Output, count: usize) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(output));
    let events = events(output);
    assert_eq!(events.len(), count, "{}", stderr_of(output));
    for event in &events {
        assert_eq!(event["status"], "COMPLETED", "{event}");
    }
}

#[test]
fn jobs_in_flight_are_not_bounded_by_the_uploads_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), 6);
    // Jobs take half a second of real time (the run's own clock is fake and runs fast: the
    // generous --wait-timeout keeps its deadline out of the way).
    let config = || fake::Config {
        job_time: Some(Duration::from_millis(500)),
        ..fake::Config::default()
    };
    let (url, fake) = start_shared(config());
    let output = bulk(
        &url,
        dir.path(),
        &["--concurrency", "1", "--wait-timeout", "300d"],
    )
    .output()
    .unwrap();
    all_completed(&output, 6);
    // One upload at a time, and yet every job was made before the first one was seen to end:
    // the submitter did not wait for each job.
    assert_eq!(fake.max_running_seen(), 6, "{}", stderr_of(&output));
    // …while --max-in-flight bounds them.
    let (url, fake) = start_shared(config());
    let again = tempfile::tempdir().unwrap();
    tree(&again.path().join("docs"), 6);
    let output = bulk(
        &url,
        again.path(),
        &[
            "--concurrency",
            "4",
            "--max-in-flight",
            "2",
            "--wait-timeout",
            "300d",
        ],
    )
    .output()
    .unwrap();
    all_completed(&output, 6);
    assert_eq!(fake.max_running_seen(), 2);
}

#[test]
fn a_listing_that_pages_with_fewer_items_than_asked_leaves_no_job_waiting() {
    let (dir, url, fake) = setup(
        45,
        fake::Config {
            list_page_cap: Some(20),
            ..fake::Config::default()
        },
    );
    let output = bulk(&url, dir.path(), &[]).output().unwrap();
    all_completed(&output, 45);
    assert_eq!(fake.jobs_made_ever(), 45);
    // One GET per document, for its result: every job was found in the listings.
    assert_eq!(fake.requests_seen().job_gets, 45);
}

#[test]
fn a_job_missing_from_listings_is_asked_for_alone() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), 3);
    // Listings show a new job only 10 s after it was made: longer than this whole run.
    let (url, fake) = start_shared(fake::Config {
        list_delay: Duration::from_secs(10),
        ..fake::Config::default()
    });
    let output = bulk(&url, dir.path(), &[]).output().unwrap();
    all_completed(&output, 3);
    assert_eq!(fake.jobs_made_ever(), 3, "no job was made twice");
    // Each asked for alone (more than the one GET per document for its result).
    assert!(fake.requests_seen().job_gets > 3);
}

#[test]
fn a_burst_of_503s_on_polls_pauses_the_run_and_fails_no_document() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), 3);
    // Each poll is tried three times by the client: twelve 503s are four failed polls in a row.
    // One job at a time, so that no create answers in between.
    let (url, fake) = start_shared(fake::Config {
        poll_faults: vec![503; 12],
        ..fake::Config::default()
    });
    let output = bulk(&url, dir.path(), &["--concurrency", "1", "--max-in-flight", "1"])
        .output()
        .unwrap();
    all_completed(&output, 3);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("note: the API is not answering (")
            && stderr.contains("no document fails for it")
            && stderr.contains("note: the API answers again"),
        "{stderr}"
    );
    assert_eq!(fake.jobs_made_ever(), 3);
}

#[test]
fn a_429_on_polls_slows_polling_and_never_creates() {
    let (dir, url, fake) = setup(
        12,
        fake::Config {
            poll_faults: vec![429; 30],
            create_delay: Duration::from_millis(100),
            ..fake::Config::default()
        },
    );
    let output = bulk(&url, dir.path(), &["--concurrency", "4"]).output().unwrap();
    all_completed(&output, 12);
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("not answering"),
        "a 429 is not an outage: {stderr}"
    );
    // Creates went on four at a time after the polls were throttled, and none was refused.
    assert_eq!(fake.max_creates_at_once_after_poll_fault(), 4, "{stderr}");
    assert_eq!(fake.requests_seen().creates_throttled, 0);
}

#[cfg(unix)]
#[test]
fn fifos_are_skipped_in_trees_and_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(&docs, 2);
    let fifo = docs.join("pipe.pdf");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (url, fake) = start_shared(fake::Config::default());
    let output = bulk(&url, dir.path(), &[]).output().unwrap();
    all_completed(&output, 2);
    assert!(
        stderr_of(&output).contains(&format!(
            "note: skipped {}: not a regular file (a FIFO)\n",
            fifo.display()
        )),
        "{}",
        stderr_of(&output)
    );
    // Named on the command line: refused before anything is sent.
    let made = fake.jobs_made_ever();
    let output = cli(&url)
        .args(["parse", "--tier", "agentic", "--output-dir"])
        .arg(dir.path().join("out2"))
        .arg(docs.join("doc-000.pdf"))
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("not a regular file (a FIFO) (to parse what a pipe carries, give -"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fake.jobs_made_ever(), made);
}

#[cfg(unix)]
#[test]
fn links_are_followed_only_with_follow_and_a_loop_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(&docs.join("real"), 2);
    std::os::unix::fs::symlink(docs.join("real"), docs.join("linked")).unwrap();
    // A link back up: a loop with --follow.
    std::os::unix::fs::symlink(&docs, docs.join("real").join("up")).unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let output = bulk(&url, dir.path(), &[]).output().unwrap();
    all_completed(&output, 2);
    assert!(
        stderr_of(&output).contains("note: 2 symbolic links under "),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fake.jobs_made_ever(), 2);

    let again = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(again.path()).unwrap();
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parse",
            "--tier",
            "agentic",
            "--format",
            "jsonl",
            "--follow",
            "--recursive",
        ])
        .arg(&docs)
        .arg("--output-dir")
        .arg(again.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let mut outputs: Vec<String> = events(&output)
        .iter()
        .map(|e| e["output"].as_str().unwrap().to_string())
        .collect();
    outputs.sort();
    let out = again.path().join("out");
    assert_eq!(
        outputs,
        [
            "linked/doc-000.pdf.md",
            "linked/doc-001.pdf.md",
            "real/doc-000.pdf.md",
            "real/doc-001.pdf.md"
        ]
        .map(|p| out.join(p).display().to_string())
    );
    assert!(stderr_of(&output).contains("a link back to a directory above it"));
    // The same bytes through a link are the same result: nothing more was paid.
    assert_eq!(fake.jobs_made_ever(), 2);
}

/// An entry under a tree that cannot be read fails alone, as a file that cannot be read does:
/// ERROR, counted as failed, exit 1, the others parsed. Root reads what `chmod 000` hides, so
/// the walk's error is made here with what no one can read: a link, followed, that leads nowhere;
/// the directory and the file that `chmod 000` hides are tried only when they cannot be read.
#[cfg(unix)]
#[test]
fn an_entry_of_a_tree_that_cannot_be_read_fails_alone() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, url, fake) = setup(2, fake::Config::default());
    let docs = dir.path().join("docs");
    std::os::unix::fs::symlink(docs.join("missing"), docs.join("gone.pdf")).unwrap();
    let locked = docs.join("locked");
    tree(&locked, 1);
    let secret = docs.join("secret.pdf");
    std::fs::write(&secret, "Contents of secret.pdf\n").unwrap();
    for path in [&locked, &secret] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let hidden = std::fs::read_dir(&locked).is_err() && std::fs::File::open(&secret).is_err();
    if !hidden {
        crate::harness::skipped(
            "an_entry_of_a_tree_that_cannot_be_read_fails_alone (its chmod 000 part)",
            "chmod 000 hides nothing from this user (root); only the link that leads nowhere is tested",
            false,
        );
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_dir_all(&locked).unwrap();
        std::fs::remove_file(&secret).unwrap();
    }
    // --include is for files: a directory that cannot be read may hold some it would take.
    let output = bulk(&url, dir.path(), &["--follow", "--include", "**/*.pdf"])
        .output()
        .unwrap();
    if hidden {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let mut said: Vec<(String, String, String)> = events(&output)
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
                e["error"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    said.sort();
    let path = |name: &str| docs.join(name).display().to_string();
    let mut expected = vec![
        (path("doc-000.pdf"), "COMPLETED".to_string(), String::new()),
        (path("doc-001.pdf"), "COMPLETED".to_string(), String::new()),
        (
            path("gone.pdf"),
            "ERROR".to_string(),
            format!(
                "cannot read {}: No such file or directory (os error 2)",
                path("gone.pdf")
            ),
        ),
    ];
    if hidden {
        expected.push((
            path("locked"),
            "ERROR".to_string(),
            format!("cannot read {}: Permission denied (os error 13)", path("locked")),
        ));
        expected.push((
            path("secret.pdf"),
            "ERROR".to_string(),
            format!("cannot upload {}: permission denied", path("secret.pdf")),
        ));
    }
    expected.sort();
    assert_eq!(said, expected, "{}", stderr_of(&output));
    let failed = expected.len() - 2;
    assert!(
        stderr_of(&output).contains(&format!(": 2 parsed, 0 already done, {failed} failed;")),
        "{}",
        stderr_of(&output)
    );
    assert!(
        !stderr_of(&output).contains("note: skipped"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fake.jobs_made_ever(), 2);
}

#[test]
fn a_document_on_stdin_is_spooled_and_uploaded_under_its_name() {
    let (url, fake) = start_shared(fake::Config::default());
    let store = tempfile::tempdir().unwrap();
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", store.path())
        .args(["parse", "-", "--tier", "agentic", "--filename", "notes.txt"])
        .stdin("Piped contents\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let made = fake.made_jobs();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["name"], "notes.txt");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Piped contents"));

    // In a bulk run too, beside a file; and the same bytes again cost nothing.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", store.path())
        .args([
            "parse",
            "-",
            "--tier",
            "agentic",
            "--format",
            "jsonl",
            // Named as before: the API is told the same type, so it is the same result.
            "--filename",
            "notes.txt",
            "--output-dir",
        ])
        .arg(&out)
        .stdin("Piped contents\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let events = events(&output);
    assert_eq!(events[0]["source"], "-");
    assert!(out.join("notes.txt.md").exists());
    assert_eq!(fake.jobs_made_ever(), 1);

    let empty = cli(&url)
        .args(["parse", "-", "--tier", "agentic"])
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(
        stderr_of(&empty),
        "error: nothing to parse: stdin (-) was empty\n"
    );
}

#[test]
fn shards_cover_every_document_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let names = tree(&dir.path().join("docs"), 20);
    let (url, fake) = start_shared(fake::Config::default());
    let mut seen = Vec::new();
    for shard in ["1/2", "2/2"] {
        // Two machines: each its own store and output directory, the same tree.
        let machine = tempfile::tempdir().unwrap();
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", machine.path().join("store"))
            .args([
                "parse",
                "--tier",
                "agentic",
                "--format",
                "jsonl",
                "--shard",
                shard,
                "--recursive",
            ])
            .arg(dir.path().join("docs"))
            .arg("--output-dir")
            .arg(machine.path().join("out"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let events = events(&output);
        assert!(
            !events.is_empty() && events.len() < 20,
            "{shard}: {}",
            events.len()
        );
        assert!(
            stderr_of(&output).contains(&format!("{} documents (shard {shard} of 20) in", events.len())),
            "{}",
            stderr_of(&output)
        );
        seen.extend(events.iter().map(|e| {
            let source = e["source"].as_str().unwrap();
            source.rsplit('/').next().unwrap().to_string()
        }));
    }
    seen.sort();
    assert_eq!(seen, names);
    assert_eq!(fake.jobs_made_ever(), 20);
}

#[test]
fn a_key_refused_on_a_poll_stops_the_run_with_exit_4() {
    let (dir, url, fake) = setup(
        3,
        fake::Config {
            poll_faults: vec![401],
            ..fake::Config::default()
        },
    );
    let output = bulk(&url, dir.path(), &["--concurrency", "1", "--max-in-flight", "1"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("stopped: 0 parsed, 0 already done, 2 not started\n"),
        "{stderr}"
    );
    // The job it made is left running for the next run, which creates nothing more for it.
    assert_eq!(fake.jobs_made_ever(), 1);
    assert!(stderr.contains("RUNNING "), "{stderr}");
    let again = bulk(&url, dir.path(), &[]).output().unwrap();
    all_completed_or_skipped(&again, 3);
    assert_eq!(fake.jobs_made_ever(), 3);
}

/// Every document done (parsed now, or its running job finished), exit 0.
fn all_completed_or_skipped(output: &Output, count: usize) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(output));
    let events = events(output);
    assert_eq!(events.len(), count, "{}", stderr_of(output));
    for event in &events {
        assert!(
            ["COMPLETED", "CACHED"].contains(&event["status"].as_str().unwrap()),
            "{event}"
        );
    }
}

#[test]
fn an_api_that_stays_away_stops_the_run_after_ten_minutes_leaving_its_jobs() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), 2);
    // Every poll fails: the job is made, then the API never says how it went.
    let (url, fake) = start_shared(fake::Config {
        poll_fault_every: 1,
        ..fake::Config::default()
    });
    let mut run = bulk(&url, dir.path(), &["--concurrency", "1", "--max-in-flight", "1"]);
    let output = run.output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: the API has not answered for 10m (last: ")
            && stderr.contains("run the same command again once it answers"),
        "{stderr}"
    );
    assert!(
        stderr.contains("RUNNING "),
        "the job is left for the next run: {stderr}"
    );
    assert_eq!(fake.jobs_made_ever(), 1);
    // Waited out on the run's clock, with pauses that grow to 30 s.
    let waited: Duration = run.sleeps().iter().sum();
    assert!(waited >= Duration::from_secs(600), "{waited:?}");
}

#[test]
fn stdin_is_read_for_one_thing_only() {
    let (url, fake) = start_shared(fake::Config::default());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    for (args, said) in [
        (
            &["parse", "-", "--options", "-"][..],
            "error: stdin cannot hold both a document (-) and --options -: give the options in a file\n",
        ),
        (
            &["parse", "--from-list", "-", "--options", "-", "--output-dir", out][..],
            "error: stdin cannot hold both --from-list - and --options -: give the options in a file\n",
        ),
        (
            &["parse", "-", "--from-list", "-", "--output-dir", out][..],
            "error: stdin cannot hold both a document (-) and --from-list -\n",
        ),
    ] {
        let output = cli(&url)
            .args(args)
            .args(["--tier", "agentic"])
            .stdin("{}\n")
            .output()
            .unwrap();
        assert_eq!(
            (output.status.code(), stderr_of(&output).as_str()),
            (Some(2), said),
            "{args:?}"
        );
    }
    assert_eq!(fake.requests_seen().creates, 0);
}
