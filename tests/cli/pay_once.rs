//! Paying once for one document (`parse FILE`): the result store keys results by content and
//! configuration, a lost create answer is found again by its token, a job the server lost is
//! parsed again once, and a user's file is never destroyed.

use std::path::Path;
use std::process::Output;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, TEST_KEY, cli, command, scratch_file, stderr_of, stdout_of};

/// `llamacloud` against `url` with the result store in `store`.
pub(crate) fn with_store(url: &str, store: &Path) -> InProcess {
    let mut run = cli(url);
    run.env("LLAMACLOUD_CACHE_DIR", store);
    run
}

pub(crate) fn parse(url: &str, store: &Path, file: &Path, extra: &[&str]) -> Output {
    with_store(url, store)
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .args(extra)
        .output()
        .unwrap()
}

pub(crate) fn ok(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(output));
    stdout_of(output)
}

#[test]
fn the_same_document_twice_is_paid_for_once_whatever_its_name_or_place() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "docs/a.pdf", b"%PDF-1.4 the report");
    let (url, fake) = start_shared(fake::Config::default());
    let first = ok(&parse(&url, &store, &file, &[]));
    assert!(first.starts_with("# a.pdf"), "{first}");
    assert_eq!(fake.made_jobs().len(), 1);
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();

    let again = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&again), first);
    assert_eq!(
        stderr_of(&again),
        format!("note: from the result store (job {id}); --force parses again\n")
    );
    // Touched, copied elsewhere, renamed, given as ./ or from another directory: the same bytes.
    let copy = scratch_file(dir.path(), "elsewhere/b-renamed.pdf", b"%PDF-1.4 the report");
    filetime_touch(&file);
    for path in [&file, &copy] {
        assert_eq!(ok(&parse(&url, &store, path, &[])), first);
    }
    let relative = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", "./docs/../docs/a.pdf", "--tier", "agentic"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(ok(&relative), first);
    assert_eq!(fake.made_jobs().len(), 1, "one job for one document");

    // --force parses again; --no-cache neither reads nor writes the store.
    ok(&parse(&url, &store, &file, &["--force"]));
    assert_eq!(fake.made_jobs().len(), 2);
    ok(&parse(&url, &store, &file, &["--no-cache"]));
    assert_eq!(fake.made_jobs().len(), 3);
    ok(&parse(&url, &store, &file, &[]));
    assert_eq!(
        fake.made_jobs().len(),
        3,
        "the forced result is the stored one now"
    );
}

/// Sets a file's modification time to now (as `touch` does), without changing its bytes.
fn filetime_touch(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
}

#[test]
fn a_changed_configuration_parses_again_and_switching_back_finds_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    let run = |tier: &str, extra: &[&str]| {
        with_store(&url, &store)
            .args(["parse", file.to_str().unwrap(), "--tier", tier])
            .args(extra)
            .output()
            .unwrap()
    };
    ok(&run("agentic", &[]));
    ok(&run("cost_effective", &[]));
    assert_eq!(fake.made_jobs().len(), 2, "a new tier is a new result");
    ok(&run("agentic", &[]));
    ok(&run("cost_effective", &[]));
    ok(&run("agentic", &["--metadata", "team=data"]));
    assert_eq!(
        fake.made_jobs().len(),
        2,
        "switching back (or tagging) pays nothing"
    );
    ok(&run("agentic", &["--max-pages", "3"]));
    assert_eq!(
        fake.made_jobs().len(),
        3,
        "an option is part of the configuration"
    );
}

#[test]
fn a_deleted_result_is_fetched_again_and_a_lost_job_is_parsed_again_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    let first = ok(&parse(&url, &store, &file, &[]));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let fetched = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&fetched), first);
    assert_eq!(
        stderr_of(&fetched),
        format!("note: fetched from job {id} (parsed before, not paid for again)\n")
    );
    assert_eq!(fake.made_jobs().len(), 1);

    // The job is deleted on the server and the result is gone from the store: parsed again.
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    ok(&cli(&url)
        .args(["parsing", "delete", &id, "--yes"])
        .output()
        .unwrap());
    let again = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&again), first);
    assert!(
        stderr_of(&again).starts_with(&format!(
            "note: the API no longer has job {id}: parsing the document again\nCreated parse job "
        )),
        "{}",
        stderr_of(&again)
    );
    assert_eq!(fake.jobs_made_ever(), 2, "{}", stderr_of(&again));
}

#[test]
fn a_create_whose_answer_is_lost_is_found_by_its_token_not_paid_for_twice() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    // 502 after the job was made; an answer cut half-way; and a listing that lags two behind.
    for (faults, lag) in [(vec![502], 0), (vec![0], 0), (vec![502], 2)] {
        let store = tempfile::tempdir().unwrap();
        let (url, fake) = start_shared(fake::Config {
            create_faults: faults.clone(),
            list_lag: lag,
            ..fake::Config::default()
        });
        let mut run = with_store(&url, store.path());
        let output = run
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
            .output()
            .unwrap();
        let markdown = ok(&output);
        assert!(markdown.starts_with("# a.pdf"), "{faults:?}: {markdown}");
        let jobs = fake.made_jobs();
        assert_eq!(jobs.len(), 1, "{faults:?} lag {lag}: created once");
        let id = jobs[0]["id"].as_str().unwrap();
        assert!(
            jobs[0]["user_metadata"]["llamacloud_token"]
                .as_str()
                .is_some_and(|t| t.len() == 32),
            "{jobs:?}"
        );
        assert!(
            stderr_of(&output).contains(&format!(
                "note: found job {id} of a create whose answer was lost\n"
            )),
            "{faults:?}: {}",
            stderr_of(&output)
        );
        if lag > 0 {
            assert!(
                stderr_of(&output).contains("listings can lag behind creates"),
                "{}",
                stderr_of(&output)
            );
        }
        // Waiting for the listing to catch up is done by the run's clock.
        assert!(run.sleeps().len() >= lag, "{:?}", run.sleeps());
        ok(&parse(&url, store.path(), &file, &[]));
        assert_eq!(fake.made_jobs().len(), 1, "{faults:?}: and not again");
    }
}

#[test]
fn a_lost_create_not_found_by_its_token_is_not_sent_again_and_the_next_run_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    // Made, then a gateway error; the listings (one page each) miss it for as long as the run
    // looks.
    let (url, fake) = start_shared(fake::Config {
        parse_jobs: 0,
        create_faults: vec![502],
        list_lag: 4,
        ..fake::Config::default()
    });
    let output = parse(&url, &store, &file, &[]);
    // What stderr says is done is what is done: nothing is parsed now.
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr_of(&output),
        "note: looking for the job of a create whose answer was lost (listings can lag behind creates)\n\
         note: no job carries the token of the unanswered create after 14 s\n\
         error: not sent again, so as not to pay twice: the next run looks for its job first: HTTP 502 Bad \
         Gateway: Bad gateway (the job may have been created: check with `llamacloud parsing list --since 10m`)\n"
    );
    assert_eq!(fake.made_jobs().len(), 1);
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    let again = parse(&url, &store, &file, &[]);
    assert!(ok(&again).starts_with("# a.pdf"));
    assert!(
        stderr_of(&again).contains(&format!(
            "note: found job {id} of a create whose answer was lost\n"
        )),
        "{}",
        stderr_of(&again)
    );
    assert_eq!(fake.made_jobs().len(), 1, "paid for once");
}

#[test]
fn a_run_killed_between_send_and_answer_is_reconciled_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    // The job is made at once, its answer comes 2 s later.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: std::time::Duration::from_secs(2),
        ..fake::Config::default()
    });
    for signal in [libc::SIGKILL, libc::SIGINT] {
        let before = fake.made_jobs().len();
        let child = command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic", "--force"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Killed once the job exists and its answer is still on the way.
        let waited = std::time::Instant::now();
        while fake.made_jobs().len() == before && waited.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        // SAFETY: the child's pid, a signal number.
        unsafe { libc::kill(child.id() as i32, signal) };
        let output = child.wait_with_output().unwrap();
        let id = fake.made_jobs()[before]["id"].as_str().unwrap().to_string();
        if signal == libc::SIGINT {
            // The first signal waits for the create's answer, records it, and says the id.
            assert_eq!(output.status.code(), Some(130), "{}", stderr_of(&output));
            assert!(
                stderr_of(&output).contains("waiting for the answer to the create in flight"),
                "{}",
                stderr_of(&output)
            );
            assert!(stderr_of(&output).contains(&id), "{}", stderr_of(&output));
        }
        let rerun = with_store(&url, &store)
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
            .output()
            .unwrap();
        assert!(ok(&rerun).starts_with("# a.pdf"));
        assert_eq!(
            fake.made_jobs().len(),
            before + 1,
            "signal {signal}: {}",
            stderr_of(&rerun)
        );
    }
}

#[test]
fn an_existing_output_file_is_left_as_it_was_unless_the_document_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let failing = scratch_file(dir.path(), "will-fail.pdf", b"%PDF");
    let report = scratch_file(dir.path(), "report.md", b"my own notes\n");
    let (url, _fake) = start_shared(fake::Config::default());
    let output = with_store(&url, &store)
        .args(["parse", failing.to_str().unwrap(), "--tier", "agentic", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    assert_eq!(std::fs::read(&report).unwrap(), b"my own notes\n");
    // -o naming the document itself is refused before anything is sent.
    let output = with_store(&url, &store)
        .args(["parse", report.to_str().unwrap(), "--tier", "agentic", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("is the document being parsed"));
    assert_eq!(std::fs::read(&report).unwrap(), b"my own notes\n");
}

#[test]
fn a_job_that_fails_with_an_output_file_is_named_on_stderr_as_parsing_create_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let failing = scratch_file(dir.path(), "will-fail.pdf", b"%PDF");
    let report = scratch_file(dir.path(), "report.md", b"my own notes\n");
    let (url, fake) = start_shared(fake::Config::default());
    let output = with_store(&url, &store)
        .args(["parse", failing.to_str().unwrap(), "--tier", "agentic", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    // The -o file is left as it was, so the id goes where it can: stderr.
    assert_eq!(std::fs::read(&report).unwrap(), b"my own notes\n");
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr_of(&output),
        format!(
            "Created parse job {id}\n\
             note: job {id} was created; to get it: llamacloud parsing get {id} --wait\n\
             error: job {id} ended FAILED: The document could not be parsed: it is password-protected\n"
        )
    );
}

#[test]
fn the_store_is_listed_pruned_and_cleared_through_the_cache_command() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    ok(&parse(&url, &store, &file, &[]));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    let path = ok(&with_store(&url, &store).args(["cache", "path"]).output().unwrap());
    assert_eq!(path, format!("{}\n", store.display()));
    let listed = ok(&with_store(&url, &store)
        .args(["cache", "list", "--format", "tsv"])
        .output()
        .unwrap());
    let fields: Vec<&str> = listed.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 5, "{listed}");
    assert_eq!(
        (fields[1], fields[2], fields[3]),
        (id.as_str(), "COMPLETED", "md"),
        "{listed}"
    );
    // For people: ids whole on a narrow terminal.
    let table = ok(&with_store(&url, &store)
        .env("COLUMNS", "40")
        .args(["cache", "list", "--format", "table"])
        .output()
        .unwrap());
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|row| row.contains(&id) && !row.contains('…')),
        "{table}"
    );
    // Nothing is older than a day: nothing pruned.
    let pruned = with_store(&url, &store)
        .args(["cache", "prune", "--older-than", "1d"])
        .output()
        .unwrap();
    ok(&pruned);
    assert!(
        stderr_of(&pruned).starts_with("Removed 0 results not used in 24h"),
        "{}",
        stderr_of(&pruned)
    );
    // Without a terminal, clear needs --yes; then the document is parsed (and paid for) again.
    let refused = with_store(&url, &store)
        .args(["cache", "clear"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr_of(&refused));
    ok(&with_store(&url, &store)
        .args(["cache", "clear", "--yes"])
        .output()
        .unwrap());
    let empty = with_store(&url, &store)
        .args(["cache", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(ok(&empty), "{\"items\":[]}\n");
    ok(&parse(&url, &store, &file, &[]));
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn a_job_still_running_is_listed_running_and_kept_by_prune() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let stuck = scratch_file(dir.path(), "stuck.md", b"# never ends\n");
    let done = scratch_file(dir.path(), "done.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    ok(&parse(&url, &store, &done, &[]));
    let left = parse(&url, &store, &stuck, &["--wait-timeout", "3s"]);
    assert_eq!(left.status.code(), Some(1), "{}", stderr_of(&left));
    let id = fake.made_jobs()[1]["id"].as_str().unwrap().to_string();
    let statuses = || {
        let listed = ok(&with_store(&url, &store)
            .args(["cache", "list", "--format", "tsv"])
            .output()
            .unwrap());
        let mut rows: Vec<(String, String)> = listed
            .lines()
            .map(|row| {
                let fields: Vec<&str> = row.split('\t').collect();
                (fields[1].to_string(), fields[2].to_string())
            })
            .collect();
        rows.sort();
        rows
    };
    let completed = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        statuses(),
        [
            (completed, "COMPLETED".to_string()),
            (id.clone(), "RUNNING".to_string())
        ]
    );
    // A month later: the completed result is pruned, the running job kept.
    let pruned = command()
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .env("LLAMACLOUD_TEST_NOW", "2026-12-01T15:00:00Z")
        .args(["cache", "prune", "--older-than", "7d"])
        .output()
        .unwrap();
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr_of(&pruned));
    assert_eq!(
        stderr_of(&pruned),
        format!(
            "Removed 1 result not used in 168h from {}; kept 1 job not ended (the next run waits for it \
             instead of paying again)\n",
            store.display()
        )
    );
    assert_eq!(statuses(), [(id.clone(), "RUNNING".to_string())]);
    // The next run waits for that job: nothing is paid for again.
    let again = parse(&url, &store, &stuck, &["--wait-timeout", "3s"]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr_of(&again));
    assert!(stderr_of(&again).contains(&id), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn a_url_is_parsed_again_since_its_document_can_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (url, fake) = start_shared(fake::Config::default());
    for _ in 0..2 {
        let output = with_store(&url, &store)
            .args(["parse", "https://example.com/paper.pdf", "--tier", "agentic"])
            .output()
            .unwrap();
        assert!(ok(&output).starts_with("# https://example.com/paper.pdf"));
    }
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn an_output_that_is_the_document_under_another_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", b"%PDF the only copy");
    let linked = dir.path().join("report.md");
    std::fs::hard_link(&file, &linked).unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    for command in [&["parse"][..], &["parsing", "create"][..]] {
        let output = with_store(&url, &store)
            .args(command)
            .args([file.to_str().unwrap(), "--tier", "agentic"])
            .args(if command.len() == 2 {
                &["--wait", "--format", "markdown"][..]
            } else {
                &[][..]
            })
            .arg("-o")
            .arg(&linked)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{command:?}: {}",
            stderr_of(&output)
        );
        assert!(stderr_of(&output).contains("is the document being parsed"));
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"%PDF the only copy");
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn runs_on_other_documents_never_wait_and_runs_on_the_same_one_pay_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = scratch_file(dir.path(), "a.pdf", b"%PDF a");
    let b = scratch_file(dir.path(), "b.pdf", b"%PDF b");
    // Jobs take 0.8 s, seen ended at the first poll (1 s): the runs overlap for all of it.
    let (url, fake) = start_shared(fake::Config {
        job_time: Some(std::time::Duration::from_millis(800)),
        ..fake::Config::default()
    });
    let start = |file: &Path| {
        command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (start(&a), start(&b));
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    for output in [&first, &second] {
        ok(output);
        assert!(!stderr_of(output).contains("Blocking"), "{}", stderr_of(output));
    }
    assert_eq!(fake.made_jobs().len(), 2);
    // The same new document twice at once: one job, one run waits for the other's result.
    let c = scratch_file(dir.path(), "c.pdf", b"%PDF c");
    let (first, second) = (start(&c), start(&c));
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert_eq!(ok(&first), ok(&second));
    assert_eq!(fake.made_jobs().len(), 3);
    let said = format!("{}{}", stderr_of(&first), stderr_of(&second));
    assert!(
        said.contains("another llamacloud run is parsing the same document")
            && said.contains("from the result store"),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn a_second_signal_during_a_create_stops_at_once_and_the_next_run_finds_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF twice interrupted");
    let (url, fake) = start_shared(fake::Config {
        answer_delay: std::time::Duration::from_secs(3),
        ..fake::Config::default()
    });
    let child = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while fake.made_jobs().is_empty() && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..2 {
        // SAFETY: the child's pid, a signal number.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr_of(&output));
    assert!(
        started.elapsed() < std::time::Duration::from_millis(2900),
        "it did not wait for the answer"
    );
    assert!(
        stderr_of(&output).contains("interrupted while a create was in flight: run the same command again"),
        "{}",
        stderr_of(&output)
    );
    let rerun = parse(&url, &store, &file, &[]);
    assert!(ok(&rerun).starts_with("# a.pdf"));
    assert_eq!(fake.made_jobs().len(), 1, "{}", stderr_of(&rerun));
}

#[test]
fn parse_file_twice_in_every_output_format_is_one_job_and_prints_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 every format");
    let (url, fake) = start_shared(fake::Config::default());
    // The formats that print the job's record first: the record the wait ended with is kept.
    let formats: [&[&str]; 11] = [
        &["--format", "tsv"],
        &["--format", "yaml"],
        &["--format", "jsonl"],
        &["--format", "raw"],
        &["--format", "table"],
        &["-r"],
        &["--jq", ".job.status"],
        &["--format", "json"],
        &["--format", "markdown"],
        &["--format", "text"],
        &[],
    ];
    let mut id = String::new();
    let mut yaml = String::new();
    for extra in formats {
        let first = parse(&url, &store, &file, extra);
        let printed = ok(&first);
        if id.is_empty() {
            id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
            assert_eq!(stderr_of(&first), format!("Created parse job {id}\n"));
            assert!(
                printed.starts_with(&format!("{id}\t")) && printed.contains("\tCOMPLETED\t"),
                "{printed}"
            );
        }
        let again = parse(&url, &store, &file, extra);
        assert_eq!(ok(&again), printed, "{extra:?}");
        assert_eq!(
            stderr_of(&again),
            format!("note: from the result store (job {id}); --force parses again\n"),
            "{extra:?}"
        );
        assert_eq!(fake.made_jobs().len(), 1, "{extra:?}: one job in every format");
        match extra {
            ["--jq", _] => assert_eq!(printed, "\"COMPLETED\"\n"),
            ["--format", "yaml"] => {
                assert!(printed.contains(&format!("id: {id}\n")), "{printed}");
                yaml = printed;
            }
            ["--format", "markdown"] | [] => assert!(printed.starts_with("# a.pdf"), "{printed}"),
            ["--format", "table" | "tsv"] => assert!(printed.contains(&id), "{printed}"),
            ["--format", "text"] => assert!(!printed.trim().is_empty()),
            _ => {
                let json: serde_json::Value =
                    serde_json::from_str(&printed).unwrap_or_else(|e| panic!("{extra:?}: {e}: {printed}"));
                assert_eq!(json["job"]["id"], id.as_str(), "{extra:?}: {printed}");
            }
        }
    }
    // The record gone from the store: fetched from the completed job, the same.
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let fetched = parse(&url, &store, &file, &["--format", "yaml"]);
    assert_eq!(ok(&fetched), yaml);
    assert_eq!(
        stderr_of(&fetched),
        format!("note: fetched from job {id} (parsed before, not paid for again)\n")
    );
    assert_eq!(fake.jobs_made_ever(), 1);
}

#[test]
fn a_job_that_fails_prints_its_record_as_it_ended_in_a_record_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "will-fail.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    let output = parse(&url, &store, &file, &["--format", "tsv"]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    let row = stdout_of(&output);
    assert!(
        row.starts_with(&format!("{id}\twill-fail.pdf\tFAILED\t")),
        "{row}"
    );
    assert_eq!(
        stderr_of(&output),
        format!(
            "Created parse job {id}\nerror: job {id} ended FAILED: The document could not be parsed: it is password-protected\n"
        )
    );
    // Recorded, as in every format: the next run knows how it ended.
    let listed = with_store(&url, &store)
        .args(["cache", "list", "--format", "tsv"])
        .output()
        .unwrap();
    assert!(
        ok(&listed).contains(&format!("\t{id}\tFAILED\t")),
        "{}",
        stdout_of(&listed)
    );
}

#[test]
fn the_same_bytes_as_csv_and_as_txt_are_two_results() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let csv = scratch_file(dir.path(), "table.csv", b"a,b\n1,2\n");
    let txt = scratch_file(dir.path(), "table.txt", b"a,b\n1,2\n");
    let (url, fake) = start_shared(fake::Config::default());
    let from_csv = ok(&parse(&url, &store, &csv, &[]));
    let from_txt = ok(&parse(&url, &store, &txt, &[]));
    assert_eq!(
        fake.made_jobs().len(),
        2,
        "the API parses a .txt otherwise than a .csv"
    );
    assert!(
        from_csv.starts_with("# table.csv\n\n8 bytes, text/csv."),
        "{from_csv}"
    );
    assert!(
        from_txt.starts_with("# table.txt\n\n8 bytes, text/plain."),
        "{from_txt}"
    );
    // Each is its own result from then on.
    assert_eq!(ok(&parse(&url, &store, &csv, &[])), from_csv);
    assert_eq!(ok(&parse(&url, &store, &txt, &[])), from_txt);
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn every_spelling_of_one_page_set_is_one_job_sent_in_one_form() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 pages");
    let (url, fake) = start_shared(fake::Config::default());
    let first = ok(&parse(&url, &store, &file, &["--target-pages", "1,2"]));
    for spelling in ["1-2", " 1 , 2 ", "2,1"] {
        assert_eq!(
            ok(&parse(&url, &store, &file, &["--target-pages", spelling])),
            first
        );
    }
    assert_eq!(fake.made_jobs().len(), 1, "one page set, one job");
    let sent = fake.made_configurations();
    assert_eq!(sent[0]["page_ranges"], serde_json::json!({"target_pages": "1-2"}));
    // Another page set is another job, sent sorted and merged; --options spells it too.
    let options = scratch_file(
        dir.path(),
        "options.json",
        br#"{"page_ranges": {"target_pages": " 5, 3-4,1 ", "max_pages": 9}}"#,
    );
    ok(&parse(
        &url,
        &store,
        &file,
        &["--options", options.to_str().unwrap()],
    ));
    ok(&parse(
        &url,
        &store,
        &file,
        &["--target-pages", "1,3-5", "--max-pages", "9"],
    ));
    let sent = fake.made_configurations();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(
        sent[1]["page_ranges"],
        serde_json::json!({"target_pages": "1,3-5", "max_pages": 9})
    );
}

/// Records in the result store at `store`, as the release before this one did (the key of the
/// bytes alone, with the configuration as typed), that job `job_id` parsed `file` into `markdown`.
pub(crate) fn stored_by_the_release_before(
    url: &str,
    store: &Path,
    file: &Path,
    configuration: serde_json::Value,
    job_id: &str,
    markdown: &[u8],
) {
    use llamacloud::test_support::{Store, What, key};
    let mut store = Store::open(store, || {}).unwrap();
    let file = std::fs::canonicalize(file).unwrap();
    let hash = store
        .stat
        .hash(&file, &std::fs::metadata(&file).unwrap())
        .unwrap();
    let context = key::Context {
        origin: url,
        project_id: None,
        organization_id: None,
    };
    let key = key::result_key(
        &format!("blake3:{hash}"),
        configuration.as_object().unwrap(),
        &context,
    );
    let job_id = job_id.to_string();
    store
        .record(
            &key,
            1,
            What::Created {
                job_id: job_id.clone(),
            },
        )
        .unwrap();
    store
        .record(
            &key,
            2,
            What::Ended {
                job_id: job_id.clone(),
                status: "COMPLETED".into(),
            },
        )
        .unwrap();
    let mut result = store.temporary().unwrap();
    std::io::Write::write_all(&mut result, markdown).unwrap();
    result.as_file().sync_all().unwrap();
    let (_, pending) = store.keep(result, &key, &job_id, "md", Vec::new(), 3).unwrap();
    pending.wait().unwrap();
}

#[test]
fn a_store_made_by_the_release_before_still_serves_its_results() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 the report");
    let (url, fake) = start_shared(fake::Config::default());
    let agentic = serde_json::json!({"tier": "agentic", "version": "latest"});
    stored_by_the_release_before(&url, &store, &file, agentic, "pjb-before", b"# parsed before\n");
    let mut pages = serde_json::json!({"tier": "agentic", "version": "latest"});
    pages["page_ranges"] = serde_json::json!({"target_pages": "2,1"});
    stored_by_the_release_before(&url, &store, &file, pages, "pjb-pages", b"# two pages\n");

    let served = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&served), "# parsed before\n");
    assert_eq!(
        stderr_of(&served),
        "note: from the result store (job pjb-before); --force parses again\n"
    );
    // Pages as they were typed then, and, once recorded under the new key, any spelling.
    for spelling in ["2,1", "1-2", "1,2"] {
        let served = parse(&url, &store, &file, &["--target-pages", spelling]);
        assert_eq!(ok(&served), "# two pages\n", "{spelling}");
    }
    assert_eq!(fake.made_jobs().len(), 0, "nothing paid again");
    // Recorded under the new keys: the old entries are kept too.
    let index = std::fs::read_to_string(store.join("index.jsonl")).unwrap();
    let keys: std::collections::HashSet<&str> = index
        .lines()
        .map(|line| line.split('"').nth(3).unwrap())
        .collect();
    assert_eq!(keys.len(), 4, "{index}");

    // The same bytes as another type were never this result: they are parsed.
    let txt = scratch_file(dir.path(), "a.txt", b"%PDF-1.4 the report");
    let parsed = ok(&parse(&url, &store, &txt, &[]));
    assert!(parsed.starts_with("# a.txt"), "{parsed}");
    assert_eq!(fake.made_jobs().len(), 1);
    // And the .pdf is still served (from the new key) after the .txt's name was seen.
    assert_eq!(ok(&parse(&url, &store, &file, &[])), "# parsed before\n");
    assert_eq!(fake.made_jobs().len(), 1);
}

#[test]
fn a_job_the_api_lost_is_parsed_again_once_under_no_cache_for_one_document_too() {
    use crate::scripted::{Reply, Scripted};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 lost");
    let job = |id: &str, status: &str| {
        Reply::json(200, json!({"job": {"id": id, "status": status, "name": "a.pdf"}}))
    };
    // The first job is gone when it is polled (404); the second completes.
    let server = Scripted::start(vec![
        Reply::json(200, json!({"id": "pjb-1", "status": "PENDING"})),
        Reply::json(404, json!({"detail": "Job not found"})),
        Reply::json(200, json!({"id": "pjb-2", "status": "PENDING"})),
        job("pjb-2", "COMPLETED"),
        Reply::json(
            200,
            json!({
                "job": {"id": "pjb-2", "status": "COMPLETED"},
                "markdown": {"pages": [{"page_number": 1, "markdown": "# Found again", "success": true}]}
            }),
        ),
    ]);
    let output = cli(&server.url)
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&output), "# Found again\n", "{}", stderr_of(&output));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr_of(&output),
        "Created parse job pjb-1\n\
         note: the API no longer has job pjb-1: parsing the document again\n\
         Created parse job pjb-2\n"
    );
    assert_eq!(
        server.requests(),
        [
            "/api/v2/parse/upload",
            "/api/v2/parse/pjb-1",
            "/api/v2/parse/upload",
            "/api/v2/parse/pjb-2",
            "/api/v2/parse/pjb-2?expand=markdown"
        ]
    );
}

#[test]
fn force_waits_for_a_job_still_running_instead_of_paying_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 forced");
    let (url, fake) = start_shared(fake::Config::default());
    ok(&parse(&url, &store, &file, &[]));
    // --force parses again; given up on before its job ended (as a --force run stopped half-way).
    let left = parse(&url, &store, &file, &["--force", "--wait-timeout", "1s"]);
    assert_eq!(left.status.code(), Some(1), "{}", stderr_of(&left));
    assert_eq!(fake.made_jobs().len(), 2);
    let id = fake.made_jobs()[1]["id"].as_str().unwrap().to_string();
    // The same command again waits for that job: what it asked for is not paid for twice.
    let again = parse(&url, &store, &file, &["--force"]);
    assert!(ok(&again).starts_with("# a.pdf"));
    assert_eq!(fake.made_jobs().len(), 2, "{}", stderr_of(&again));
    assert!(
        stderr_of(&again).starts_with(&format!(
            "Waiting for parse job {id} (created before, not paid for again)\n"
        )),
        "{}",
        stderr_of(&again)
    );
}

#[test]
fn an_output_that_fails_once_the_job_exists_names_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 named");
    let (url, fake) = start_shared(fake::Config::default());
    let failed = parse(&url, &store, &file, &["--jq", "error(\"boom\")"]);
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(failed.status.code(), Some(1), "{}", stderr_of(&failed));
    assert!(
        stderr_of(&failed).contains(&format!(
            "note: job {id} was created; to get it: llamacloud parsing get {id} --wait\n"
        )),
        "{}",
        stderr_of(&failed)
    );
    // Kept in the store all the same: the next run pays nothing.
    assert!(ok(&parse(&url, &store, &file, &[])).starts_with("# a.pdf"));
    assert_eq!(fake.made_jobs().len(), 1);
}
