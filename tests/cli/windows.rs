//! Documents longer than one job (`parse --window-pages`): a long PDF is parsed as page windows
//! over one upload, side by side, and stitched back with its pages numbered as in the document;
//! each window is paid for once, and a window that fails fails its pages only.

use serde_json::Value;
use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{command, scratch_file, stderr_of, stdout_of, walk};
use crate::pay_once::{ok, parse, with_store};

/// The `target_pages` of every job made, sorted ("" for a whole document).
fn targets(fake: &fake::Fake) -> Vec<String> {
    let mut targets: Vec<String> = fake
        .made_configurations()
        .iter()
        .map(|c| {
            c.pointer("/page_ranges/target_pages")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        })
        .collect();
    targets.sort_by_key(|t| t.split(['-', ',']).next().and_then(|n| n.parse::<u64>().ok()));
    targets
}

#[test]
fn a_long_pdf_is_one_upload_and_a_job_per_window_and_reads_as_one_job_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config::default());
    let windowed = parse(&url, &dir.path().join("store"), &file, &["--window-pages", "100"]);
    let markdown = ok(&windowed);
    assert_eq!(fake.files_uploaded(), 1, "uploaded once for its windows");
    // The windows' jobs are waited for together, in listings by id; each is fetched once.
    let seen = fake.requests_seen();
    assert_eq!(seen.job_gets, 3, "no poll of a window alone");
    // A job of the fake ends at its third listing: three rounds when the windows' jobs are made
    // together, at most three for each when they are made one after another.
    assert!(
        (3..=9).contains(&seen.by_id_listings),
        "{} listings",
        seen.by_id_listings
    );
    assert_eq!(targets(&fake), ["1-100", "101-200", "201-250"]);
    // Every window's job names the one uploaded file.
    let file_ids: std::collections::HashSet<String> = fake
        .made_configurations()
        .iter()
        .map(|c| c["file_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(file_ids.len(), 1, "{file_ids:?}");
    assert_eq!(
        stderr_of(&windowed),
        format!(
            "note: {}: 250 pages in 3 windows of up to 100 pages (--window-pages)\n",
            file.display()
        )
    );

    // The same document as one job reads the same, page for page.
    let whole = ok(&parse(
        &url,
        &dir.path().join("other"),
        &file,
        &["--window-pages", "0"],
    ));
    assert_eq!(targets(&fake)[0], "", "one whole-document job");
    assert_eq!(markdown, whole);
    let numbers: Vec<&str> = markdown.lines().filter(|l| l.starts_with("Page ")).collect();
    assert_eq!(numbers.len(), 250);
    assert_eq!(numbers[100], "Page 101 of 250.");

    // Again: every window from the store, nothing sent.
    let again = parse(&url, &dir.path().join("store"), &file, &["--window-pages", "100"]);
    assert_eq!(ok(&again), markdown);
    assert_eq!(fake.made_jobs().len(), 4);
    assert_eq!(
        fake.files_uploaded(),
        1,
        "nothing uploaded for windows already had"
    );
    // --force parses every window again.
    let forced = parse(&url, &dir.path().join("store"), &file, &["--force"]);
    assert_eq!(ok(&forced), markdown);
    assert_eq!(fake.made_jobs().len(), 7);
    assert_eq!(fake.files_uploaded(), 2);
}

#[test]
fn only_the_pages_asked_for_are_windowed_and_as_json_the_document_is_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "long.pdf", &blank_pdf(300));
    let (url, fake) = start_shared(fake::Config::default());
    let json = ok(&parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--target-pages", "5-260", "--format", "json"],
    ));
    assert_eq!(targets(&fake), ["5-104", "105-204", "205-260"]);
    let document: Value = serde_json::from_str(&json).unwrap();
    let pages: Vec<u64> = document["markdown"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["page_number"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, (5..=260).collect::<Vec<_>>());
    assert_eq!(document["text"]["pages"].as_array().unwrap().len(), 256);
    let windows: Vec<&str> = document["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["target_pages"].as_str().unwrap())
        .collect();
    assert_eq!(windows, ["5-104", "105-204", "205-260"]);
}

#[test]
fn a_document_over_the_apis_cap_is_refused_then_parsed_in_windows_without_any_flag() {
    for at in [fake::PageCapAt::Job, fake::PageCapAt::Create] {
        let dir = tempfile::tempdir().unwrap();
        // 80 pages: under --window-pages, so sent whole; over this API's cap of 50.
        let file = scratch_file(dir.path(), "big.pdf", &blank_pdf(80));
        let (url, fake) = start_shared(fake::Config {
            max_pages_per_job: Some(50),
            page_cap_at: at,
            ..fake::Config::default()
        });
        let output = parse(&url, &dir.path().join("store"), &file, &[]);
        let markdown = ok(&output);
        let whole = usize::from(at == fake::PageCapAt::Job);
        assert_eq!(fake.made_jobs().len(), whole + 2, "{at:?}");
        assert_eq!(targets(&fake)[whole..], ["1-50", "51-80"], "{at:?}");
        let created = match at {
            fake::PageCapAt::Job => format!(
                "Created parse job {}\n",
                fake.made_jobs()[0]["id"].as_str().unwrap()
            ),
            fake::PageCapAt::Create => String::new(),
        };
        assert_eq!(
            stderr_of(&output),
            format!(
                "{created}note: the API refused {0} as too long for one job (at most 50 pages): parsing it in windows\n\
                 note: {0}: 80 pages in 2 windows of up to 50 pages (--window-pages)\n",
                file.display()
            )
        );
        assert_eq!(markdown.lines().filter(|l| l.starts_with("Page ")).count(), 80);
        // With windows off, the refusal is the error.
        let off = parse(&url, &dir.path().join("off"), &file, &["--window-pages", "0"]);
        assert_ne!(off.status.code(), Some(0));
        assert!(
            stderr_of(&off).contains("max pages allowed"),
            "{}",
            stderr_of(&off)
        );
    }
}

#[test]
fn a_run_stopped_after_some_windows_pays_on_the_rerun_for_the_others_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // The third create is refused: the run stops with two windows done.
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![200, 200, 400],
        ..fake::Config::default()
    });
    let one_at_a_time = ["--window-pages", "100", "--max-in-flight", "1"];
    let stopped = parse(&url, &store, &file, &one_at_a_time);
    assert_ne!(stopped.status.code(), Some(0));
    assert_eq!(stdout_of(&stopped), "", "no half document");
    assert_eq!(targets(&fake), ["1-100", "101-200"]);
    let rerun = parse(&url, &store, &file, &one_at_a_time);
    let markdown = ok(&rerun);
    assert_eq!(
        targets(&fake),
        ["1-100", "101-200", "201-250"],
        "one job per window in all"
    );
    assert_eq!(markdown.lines().filter(|l| l.starts_with("Page ")).count(), 250);
}

#[test]
fn a_run_killed_mid_document_is_taken_up_by_the_next_and_no_window_is_paid_twice() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // Each window's job takes a while: the run is killed with the second in flight. (The
    // process's clock runs 20 times as fast: it polls every 50 ms, not every second.)
    let (url, fake) = start_shared(fake::Config {
        ms_per_page: Some(2),
        ..fake::Config::default()
    });
    let run = || {
        command()
            .env("LLAMACLOUD_TEST_CLOCK_SPEED", "20")
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args([
                "parse",
                file.to_str().unwrap(),
                "--tier",
                "agentic",
                "--max-in-flight",
                "1",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let child = run();
    let waited = std::time::Instant::now();
    while fake.made_jobs().len() < 2 && waited.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let killed = child.wait_with_output().unwrap();
    assert_eq!(stdout_of(&killed), "");
    assert_eq!(fake.made_jobs().len(), 2);
    let rerun = run().wait_with_output().unwrap();
    let markdown = ok(&rerun);
    assert_eq!(
        targets(&fake),
        ["1-100", "101-200", "201-250"],
        "{}",
        stderr_of(&rerun)
    );
    assert_eq!(markdown.lines().filter(|l| l.starts_with("Page ")).count(), 250);
}

#[test]
fn a_window_that_fails_fails_its_pages_and_the_rerun_parses_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config {
        fail_page_once: Some(150),
        ..fake::Config::default()
    });
    let partial = parse(&url, &store, &file, &[]);
    assert_eq!(partial.status.code(), Some(7), "{}", stderr_of(&partial));
    let markdown = stdout_of(&partial);
    let marked: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("[llamacloud: page "))
        .collect();
    assert_eq!(marked.len(), 100);
    assert_eq!(
        marked[0],
        "[llamacloud: page 101 failed: The parse engine stopped on page 150: internal error]"
    );
    assert_eq!(markdown.lines().filter(|l| l.starts_with("Page ")).count(), 150);
    assert!(
        stderr_of(&partial).contains("report.pdf was parsed with 100 failed pages (101, 102,"),
        "{}",
        stderr_of(&partial)
    );
    let rerun = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&rerun).lines().filter(|l| l.starts_with("Page ")).count(), 250);
    assert_eq!(targets(&fake), ["1-100", "101-200", "101-200", "201-250"]);
}

#[test]
fn a_document_parsed_whole_before_is_never_paid_for_again_in_windows() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(150));
    let (url, fake) = start_shared(fake::Config::default());
    let whole = ok(&parse(&url, &store, &file, &["--window-pages", "0"]));
    let later = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&later), whole);
    // Somewhere in stderr: under a load of 10 and more on 2 cores it was twice not the first
    // line (what came before was not captured).
    assert!(
        stderr_of(&later).contains("note: from the result store"),
        "{}",
        stderr_of(&later)
    );
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(fake.files_uploaded(), 0);
}

#[test]
fn a_bulk_run_writes_a_long_document_from_its_windows_and_records_them() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/long.pdf", &blank_pdf(250));
    scratch_file(dir.path(), "docs/short.pdf", &blank_pdf(3));
    let (url, fake) = start_shared(fake::Config::default());
    let output = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let lines: Vec<Value> = stdout_of(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &serde_json::Value| line.get("receipt").is_none())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect();
    let long = lines
        .iter()
        .find(|l| l["source"].as_str().unwrap().ends_with("long.pdf"))
        .unwrap();
    assert_eq!(long["status"], "COMPLETED");
    let windows: Vec<&str> = long["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["pages"].as_str().unwrap())
        .collect();
    assert_eq!(windows, ["1-100", "101-200", "201-250"]);
    // The document's credits are its windows' (the fake bills 10 a page on this tier).
    assert_eq!(long["credits"], 2500);
    let written = std::fs::read_to_string(dir.path().join("out/long.pdf.md")).unwrap();
    assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), 250);
    assert_eq!(targets(&fake), ["", "1-100", "101-200", "201-250"]);
    let results: Vec<_> = walk(&dir.path().join("out"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(results.len(), 2, "{results:?}");

    let again = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert!(
        crate::harness::documents(&stdout_of(&again))
            .iter()
            .all(|l| l["status"] == "SKIPPED"),
        "{}",
        stdout_of(&again)
    );
    assert_eq!(fake.made_jobs().len(), 4);
}

#[test]
fn window_pages_that_are_not_a_number_or_above_the_cap_are_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(3));
    let (url, fake) = start_shared(fake::Config::default());
    for (value, why) in [
        ("many", "expected a number of pages, 0 (no windows) to 700"),
        ("701", "at most 700: the API refuses a job of more pages"),
    ] {
        let output = parse(&url, &dir.path().join("store"), &file, &["--window-pages", value]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr_of(&output).contains(why), "{}", stderr_of(&output));
    }
    let seen = fake.requests_seen();
    assert_eq!((seen.creates, seen.job_gets, fake.files_uploaded()), (0, 0, 0));
}

#[test]
fn a_bulk_run_parses_a_document_the_api_refused_as_too_long_in_windows() {
    for at in [fake::PageCapAt::Job, fake::PageCapAt::Create] {
        let dir = tempfile::tempdir().unwrap();
        scratch_file(dir.path(), "docs/big.pdf", &blank_pdf(80));
        let (url, fake) = start_shared(fake::Config {
            max_pages_per_job: Some(50),
            page_cap_at: at,
            ..fake::Config::default()
        });
        let output = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
        assert_eq!(output.status.code(), Some(0), "{at:?}: {}", stderr_of(&output));
        let line = crate::harness::only_document(&stdout_of(&output));
        assert_eq!(line["status"], "COMPLETED");
        assert_eq!(line["windows"][1]["pages"], "51-80");
        assert!(
            stderr_of(&output).contains("note: the API refused "),
            "{}",
            stderr_of(&output)
        );
        let whole = usize::from(at == fake::PageCapAt::Job);
        assert_eq!(targets(&fake)[whole..], ["1-50", "51-80"], "{at:?}");
        let written = std::fs::read_to_string(dir.path().join("out/big.pdf.md")).unwrap();
        assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), 80);
    }
}

#[test]
fn the_windows_of_a_bulk_run_stay_within_its_jobs_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let documents = [("a", 300), ("b", 301), ("c", 302)];
    for (name, pages) in documents {
        scratch_file(dir.path(), &format!("docs/{name}.pdf"), &blank_pdf(pages));
    }
    // A cap of 60 pages halves each window of 100 once it is refused: no slot is held meanwhile.
    let (url, fake) = start_shared(fake::Config {
        max_pages_per_job: Some(60),
        ..fake::Config::default()
    });
    let output = crate::harness::bulk_run(
        &url,
        dir.path(),
        "out",
        &["--concurrency", "3", "--max-in-flight", "2"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(
        fake.max_running_seen() <= 2,
        "{} jobs ran at once",
        fake.max_running_seen()
    );
    for (name, pages) in documents {
        let written = std::fs::read_to_string(dir.path().join(format!("out/{name}.pdf.md"))).unwrap();
        assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), pages);
    }
}

#[test]
fn the_result_store_lists_windows_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let long = scratch_file(dir.path(), "long.pdf", &blank_pdf(250));
    let short = scratch_file(dir.path(), "short.pdf", &blank_pdf(2));
    let (url, _fake) = start_shared(fake::Config::default());
    ok(&parse(&url, &store, &long, &[]));
    ok(&parse(&url, &store, &short, &[]));
    let listed = ok(&with_store(&url, &store)
        .args(["cache", "list", "--json"])
        .output()
        .unwrap());
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let mut pages: Vec<Value> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["pages"].clone())
        .collect();
    pages.sort_by_key(Value::to_string);
    assert_eq!(
        pages,
        ["1-100".into(), "101-200".into(), "201-250".into(), Value::Null]
    );
    let tsv = ok(&with_store(&url, &store)
        .args(["cache", "list", "--format", "tsv"])
        .output()
        .unwrap());
    let mut last: Vec<&str> = tsv.lines().map(|l| l.split('\t').nth(5).unwrap()).collect();
    last.sort_unstable();
    assert_eq!(last, ["", "1-100", "101-200", "201-250"], "{tsv}");
}

#[test]
fn a_bulk_run_parses_again_only_the_window_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/long.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config {
        fail_page_once: Some(150),
        ..fake::Config::default()
    });
    let first = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(first.status.code(), Some(7), "{}", stderr_of(&first));
    let line = crate::harness::only_document(&stdout_of(&first));
    assert_eq!(line["windows"][1]["status"], "FAILED");
    assert_eq!(line["failed_pages"].as_array().unwrap().len(), 100);
    let written = std::fs::read_to_string(dir.path().join("out/long.pdf.md")).unwrap();
    assert_eq!(written.matches("[llamacloud: page ").count(), 100);

    // The dry run says what the run will do: that window, and only it, is paid for again.
    let dry = crate::harness::bulk_run(&url, dir.path(), "out", &["--dry-run"]);
    let planned: Value = serde_json::from_str(stdout_of(&dry).lines().next().unwrap()).unwrap();
    assert_eq!(planned["windows"][1]["status"], "parse", "{planned}");
    assert_eq!(planned["windows"][0]["status"], "cached", "{planned}");

    let again = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(targets(&fake), ["1-100", "101-200", "101-200", "201-250"]);
    let line = crate::harness::only_document(&stdout_of(&again));
    assert_eq!(line["status"], "COMPLETED");
    assert_eq!(line["failed_pages"], serde_json::json!([]));
    let written = std::fs::read_to_string(dir.path().join("out/long.pdf.md")).unwrap();
    assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), 250);
    // Done now: a third run skips it.
    let third = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert!(stdout_of(&third).contains("\"SKIPPED\""), "{}", stdout_of(&third));
    assert_eq!(fake.made_jobs().len(), 4);
}

#[test]
fn a_document_whose_pages_are_not_counted_here_goes_in_windows_by_the_count_the_refusal_gives() {
    let dir = tempfile::tempdir().unwrap();
    // Not a PDF: its pages are not known here (the fake makes a page of every 60 lines: 71 pages
    // with its heading).
    let text: String = (1..=70 * 60).map(|n| format!("line {n}\n")).collect();
    let file = scratch_file(dir.path(), "notes.txt", text.as_bytes());
    let (url, fake) = start_shared(fake::Config {
        max_pages_per_job: Some(50),
        ..fake::Config::default()
    });
    let output = parse(&url, &dir.path().join("store"), &file, &[]);
    let markdown = ok(&output);
    assert_eq!(targets(&fake), ["", "1-50", "51-71"]);
    assert!(markdown.contains("line 4200"), "the last page is there");
    assert!(
        stderr_of(&output).contains("note: the API refused "),
        "{}",
        stderr_of(&output)
    );
}

/// A windowed run stopped by `signal` once each window's job was made and recorded (its first
/// poll seen): its exit code and stderr.
fn stopped_after_its_creates(signal: i32, extra: &[&str]) -> (Option<i32>, String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // Each window's job takes 20 s: the run is stopped while all three wait.
    let (url, fake) = start_shared(fake::Config {
        ms_per_page: Some(200),
        ..fake::Config::default()
    });
    // The process's clock runs 20 times as fast: its windows' jobs are listed every 50 ms.
    let child = command()
        .env("LLAMACLOUD_TEST_CLOCK_SPEED", "20")
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A window's job is waited for only once its create was answered and recorded: two rounds
    // of listings after the third job was made, all three are.
    let waited = std::time::Instant::now();
    let long = std::time::Duration::from_secs(20);
    while fake.made_jobs().len() < 3 && waited.elapsed() < long {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let listings = fake.requests_seen().by_id_listings;
    while fake.requests_seen().by_id_listings < listings + 2 && waited.elapsed() < long {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, signal) };
    let stopped = child.wait_with_output().unwrap();
    assert_eq!(stdout_of(&stopped), "");
    (stopped.status.code(), stderr_of(&stopped), fake.made_jobs().len())
}

#[test]
fn a_windowed_run_stopped_by_a_signal_says_that_all_its_windows_jobs_go_on() {
    // Not the last window's create alone ("job … was created and recorded").
    let (code, stderr, made) = stopped_after_its_creates(libc::SIGINT, &[]);
    assert_eq!((code, made), (Some(130), 3), "{stderr}");
    assert!(
        stderr.ends_with(
            "\ninterrupted; the jobs of its windows go on: run the same command again (what is done is not paid for again)\n"
        ),
        "{stderr}"
    );
    // Without a store nothing was recorded: the rerun pays again, the note says so and names
    // the jobs, which would otherwise be lost.
    let (code, stderr, made) = stopped_after_its_creates(libc::SIGTERM, &["--no-cache"]);
    assert_eq!((code, made), (Some(143), 3), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("interrupted; the jobs of its windows go on (pjb-"),
        "{stderr}"
    );
    assert_eq!(last.matches("pjb-").count(), 3, "{stderr}");
    assert!(
        last.ends_with(
            "; llamacloud parsing get ID), but with --no-cache nothing was recorded: the same command run again parses every window again"
        ),
        "{stderr}"
    );
}

#[test]
fn a_windowed_run_that_fails_after_its_creates_says_its_jobs_were_made_and_how_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // Each window's job takes 20 s: the run gives up waiting first (on a
    // loaded machine, possibly while a poll is still unanswered: either way).
    let (url, fake) = start_shared(fake::Config {
        ms_per_page: Some(200),
        ..fake::Config::default()
    });
    let store = dir.path().join("store");
    let failed = parse(&url, &store, &file, &["--wait-timeout", "2"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr_of(&failed));
    assert_eq!(fake.made_jobs().len(), 3);
    let stderr = stderr_of(&failed);
    assert!(
        stderr.contains(&format!(
            "\nnote: 3 jobs of its windows were created for {} in this run: run the same command again to go on (what was created is not paid for again)\nerror: gave up waiting after 2s: ",
            file.display()
        )),
        "{stderr}"
    );
    assert_eq!(stdout_of(&failed), "");
    let unrecorded = parse(&url, &store, &file, &["--wait-timeout", "2", "--no-cache"]);
    let ids: Vec<String> = fake.made_jobs()[3..]
        .iter()
        .map(|job| job["id"].as_str().unwrap().to_string())
        .collect();
    let note = stderr_of(&unrecorded);
    let note = note.lines().find(|l| l.contains("nothing was recorded")).unwrap();
    assert!(
        note.ends_with("llamacloud parsing get ID): the same command run again parses every window again"),
        "{note}"
    );
    // Each job made is named: without a record, it would be lost.
    assert!(ids.iter().all(|id| note.contains(id.as_str())), "{note}: {ids:?}");
}

#[test]
fn windows_whose_creates_lost_their_answers_are_found_by_token_and_nothing_is_uploaded_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // Every job is made at once and answered 2 s later: the run is killed before any answer.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: std::time::Duration::from_secs(2),
        ..fake::Config::default()
    });
    let child = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while fake.made_jobs().len() < 3 && waited.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let mut child = child;
    child.wait().unwrap();
    assert_eq!((fake.made_jobs().len(), fake.files_uploaded()), (3, 1));
    let rerun = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&rerun).lines().filter(|l| l.starts_with("Page ")).count(), 250);
    assert_eq!(
        fake.made_jobs().len(),
        3,
        "each found by its token: {}",
        stderr_of(&rerun)
    );
    assert_eq!(fake.files_uploaded(), 1, "nothing uploaded for jobs that exist");
}

#[test]
fn a_record_format_takes_one_job_and_says_how_to_parse_a_document_too_long_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "big.pdf", &blank_pdf(80));
    let (url, fake) = start_shared(fake::Config {
        max_pages_per_job: Some(50),
        ..fake::Config::default()
    });
    let output = parse(&url, &dir.path().join("store"), &file, &["--format", "yaml"]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).contains("max pages allowed"),
        "{}",
        stdout_of(&output)
    );
    assert!(
        stderr_of(&output).contains("note: a document too long for one job is parsed in page windows as markdown, text or json (--format)"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fake.made_jobs().len(), 1);
}

#[test]
fn ctrl_c_in_a_bulk_run_leaves_a_long_documents_windows_running_for_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/long.pdf", &blank_pdf(250));
    // Each window's job takes a while (0.5 s for 100 pages): the run is interrupted while they run.
    let (url, fake) = start_shared(fake::Config {
        ms_per_page: Some(5),
        ..fake::Config::default()
    });
    let run = || {
        let mut run = command();
        run.env("LLAMACLOUD_TEST_CLOCK_SPEED", "20")
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", crate::harness::TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args(["parse", "--tier", "agentic", "--recursive"])
            .arg(dir.path().join("docs"))
            .arg("--output-dir")
            .arg(dir.path().join("out"));
        run
    };
    let mut child = run()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while fake.made_jobs().len() < 3 && waited.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut stderr = child.stderr.take().unwrap();
    let (code, _) = crate::scripted::interrupt(child);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
    assert_eq!(code, Some(130), "{text}");
    // Its windows' jobs are left running, not waited for to their end.
    assert!(text.contains("RUNNING "), "{text}");
    assert!(text.contains("interrupted: 0 done, 1 running"), "{text}");
    assert!(!dir.path().join("out/long.pdf.md").exists());
    // The next run takes them up: no window paid for twice.
    let rerun = run().output().unwrap();
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr_of(&rerun));
    assert_eq!(targets(&fake), ["1-100", "101-200", "201-250"]);
    let written = std::fs::read_to_string(dir.path().join("out/long.pdf.md")).unwrap();
    assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), 250);
}

#[test]
fn windows_whose_jobs_completed_before_are_looked_at_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config::default());
    let first = ok(&parse(&url, &store, &file, &[]));
    // The results are gone from the store; their jobs completed: fetched again, not paid again,
    // and the listing of their jobs comes at once, not after the first interval.
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let mut rerun = with_store(&url, &store);
    let output = rerun
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .output()
        .unwrap();
    assert_eq!(ok(&output), first);
    assert_eq!(fake.made_jobs().len(), 3);
    assert_eq!(rerun.sleeps(), Vec::<std::time::Duration>::new());
}

#[test]
fn an_api_away_while_windows_are_waited_for_fails_no_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // The first dozen listings by id are answered 503, more than the client retries one.
    let (url, fake) = start_shared(fake::Config {
        poll_faults: vec![503; 12],
        ..fake::Config::default()
    });
    let output = parse(&url, &dir.path().join("store"), &file, &[]);
    assert_eq!(
        ok(&output).lines().filter(|l| l.starts_with("Page ")).count(),
        250
    );
    assert_eq!(fake.made_jobs().len(), 3);
    assert!(fake.requests_seen().by_id_listings > 12);
}

#[test]
fn windows_not_ended_by_the_wait_timeout_are_cancelled_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    // A file named like `stuck`: the fake's jobs for it never end.
    let file = scratch_file(dir.path(), "stuck.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config::default());
    let output = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--wait-timeout", "30s", "--cancel-on-timeout"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output), "");
    assert!(
        stderr_of(&output).contains("is still RUNNING: cancelled it (--cancel-on-timeout)"),
        "{}",
        stderr_of(&output)
    );
    // Cancelled, they are not said to be taken up by the next run: it parses them again.
    assert!(
        !stderr_of(&output).contains("not paid for again"),
        "{}",
        stderr_of(&output)
    );
    let statuses: Vec<String> = fake
        .made_jobs()
        .iter()
        .map(|job| job["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["CANCELLED"; 3]);
}

#[test]
fn a_windowed_result_whose_manifest_line_was_lost_is_recognised_as_ours() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/long.pdf", &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config::default());
    let first = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let output = dir.path().join("out/long.pdf.md");
    let written = std::fs::read(&output).unwrap();
    // A crash between the rename and the record: the output is there, its line is not.
    std::fs::remove_file(dir.path().join("out/.llamacloud-manifest.jsonl")).unwrap();
    let again = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    let line = crate::harness::only_document(&stdout_of(&again));
    assert_eq!(line["status"], "SKIPPED", "{line}");
    assert_eq!(std::fs::read(&output).unwrap(), written);
    assert_eq!(fake.made_jobs().len(), 3);
    // Recorded again: the next run skips it by its manifest line.
    let third = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert!(stdout_of(&third).contains("\"SKIPPED\""), "{}", stdout_of(&third));
    // A file of the same name that is not what the windows make is never taken for ours.
    std::fs::remove_file(dir.path().join("out/.llamacloud-manifest.jsonl")).unwrap();
    std::fs::write(&output, "my own notes\n").unwrap();
    let foreign = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert!(
        stderr_of(&foreign).contains("exists and was not written by llamacloud"),
        "{}",
        stderr_of(&foreign)
    );
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "my own notes\n");
}

#[test]
fn a_window_that_fails_for_good_starts_no_more_windows() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // The first window's create is refused for good: the document cannot be written.
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![400],
        ..fake::Config::default()
    });
    let output = parse(&url, &dir.path().join("store"), &file, &["--max-in-flight", "1"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    assert_eq!(fake.made_jobs().len(), 0, "no window after it was paid for");
}

#[test]
fn two_long_documents_with_the_same_bytes_pay_each_window_once_without_the_store_or_with_force() {
    for flag in ["--force", "--no-cache"] {
        let dir = tempfile::tempdir().unwrap();
        scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(250));
        scratch_file(dir.path(), "docs/b.pdf", &blank_pdf(250));
        let (url, fake) = start_shared(fake::Config::default());
        let output = crate::harness::bulk_run(&url, dir.path(), "out", &[flag]);
        assert_eq!(output.status.code(), Some(0), "{flag}: {}", stderr_of(&output));
        assert_eq!(targets(&fake), ["1-100", "101-200", "201-250"], "{flag}");
        for name in ["a", "b"] {
            let written = std::fs::read_to_string(dir.path().join(format!("out/{name}.pdf.md"))).unwrap();
            assert_eq!(written.lines().filter(|l| l.starts_with("Page ")).count(), 250);
        }
        // Each window is paid for by whichever document created it: 250 pages at 10 in all.
        let credits: u64 = crate::harness::documents(&stdout_of(&output))
            .iter()
            .map(|l| l["credits"].as_u64().unwrap())
            .sum();
        assert_eq!(credits, 2500, "{flag}");
    }
}

#[test]
fn a_document_the_api_refused_as_too_long_goes_in_windows_at_once_the_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = scratch_file(dir.path(), "big.pdf", &blank_pdf(80));
    let (url, fake) = start_shared(fake::Config {
        max_pages_per_job: Some(50),
        ..fake::Config::default()
    });
    let first = ok(&parse(&url, &store, &file, &[]));
    assert_eq!(fake.made_jobs().len(), 3, "the refused whole job and two windows");
    // Again (its result, say, deleted from the store): no second refusal is paid for.
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let again = parse(&url, &store, &file, &[]);
    assert_eq!(ok(&again), first);
    assert_eq!(fake.made_jobs().len(), 3, "{}", stderr_of(&again));
    // A bulk run into a new OUT, and its dry run, know it too.
    let dry = with_store(&url, &store)
        .args(["parse", "--tier", "agentic", "--dry-run", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        stdout_of(&dry).contains("2 windows: 1-50 cached, 51-80 cached"),
        "{}",
        stdout_of(&dry)
    );
    let bulk = with_store(&url, &store)
        .args(["parse", "--tier", "agentic", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(bulk.status.code(), Some(0), "{}", stderr_of(&bulk));
    assert_eq!(fake.made_jobs().len(), 3);
}

#[test]
fn a_file_rewritten_while_its_windows_run_is_not_parsed_further() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(250));
    // The first window's create takes a second: the file is rewritten meanwhile.
    let (url, fake) = start_shared(fake::Config {
        create_delay: std::time::Duration::from_secs(1),
        ..fake::Config::default()
    });
    let store = dir.path().join("store");
    let (url2, file2, store2) = (url.clone(), file.clone(), store.clone());
    let run = std::thread::spawn(move || parse(&url2, &store2, &file2, &["--max-in-flight", "1"]));
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(&file, blank_pdf(260)).unwrap();
    let output = run.join().unwrap();
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr_of(&output).contains("changed since its windows were planned: not parsed further"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(stdout_of(&output), "");
    assert_eq!(
        fake.made_jobs().len(),
        1,
        "no window of other bytes than its upload's"
    );
}
