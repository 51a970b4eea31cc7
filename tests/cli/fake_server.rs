//! The bundled fake LlamaCloud (`testkit::fake`, served by testkit's fake-server) driven end to end: real filtering, both
//! paging schemes over hundreds of items, resuming from the reported point.

use serde_json::Value;
pub use testkit::fake;
use testkit::fake::http;

use crate::harness::{cli, success_stdout};

fn start(config: fake::Config) -> String {
    start_shared(config).0
}

/// The fake on a free port: its base URL, and the fake itself, to see what it was sent.
pub fn start_shared(config: fake::Config) -> (String, std::sync::Arc<fake::Fake>) {
    let fake = std::sync::Arc::new(fake::Fake::new(config));
    let addr = http::spawn(std::sync::Arc::clone(&fake), 0).expect("fake server");
    let files = http::spawn(std::sync::Arc::clone(&fake), 0).expect("fake files origin");
    fake.serve_files_at(format!("http://{files}"));
    (format!("http://{addr}"), fake)
}

fn lines(base_url: &str, args: &[&str]) -> Vec<String> {
    success_stdout(cli(base_url).args(args))
        .lines()
        .map(str::to_string)
        .collect()
}

fn stderr(base_url: &str, args: &[&str]) -> String {
    String::from_utf8(cli(base_url).args(args).output().unwrap().stderr).unwrap()
}

#[test]
fn every_parse_job_is_listed_once_whatever_the_page_size() {
    let base = start(fake::Config::default());
    let all = lines(&base, &["parsing", "list"]);
    assert_eq!(all.len(), 250);
    for size in ["1", "7", "100"] {
        assert_eq!(
            lines(&base, &["parsing", "list", "--page-size", size]),
            all,
            "page size {size}"
        );
    }
    let unique: std::collections::HashSet<_> = all.iter().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(unique.len(), 250);
}

#[test]
fn resuming_from_the_reported_token_continues_exactly() {
    let base = start(fake::Config::default());
    let all = lines(&base, &["parsing", "list", "--page-size", "9"]);
    let mut seen = Vec::new();
    let mut args: Vec<String> = ["parsing", "list", "--page-size", "9", "--max-items", "40"]
        .map(String::from)
        .to_vec();
    loop {
        let output = cli(&base).args(&args).output().unwrap();
        let page: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert!(page.len() <= 40);
        seen.extend(page);
        let note = String::from_utf8(output.stderr).unwrap();
        let Some(token) = note.trim_end().split("--page-token ").nth(1) else {
            break;
        };
        args.truncate(6);
        args.extend(["--page-token".to_string(), token.to_string()]);
    }
    assert_eq!(seen, all);
}

#[test]
fn filters_are_applied_by_the_server() {
    let base = start(fake::Config::default());
    let failed = lines(
        &base,
        &["parsing", "list", "--status", "failed", "--format", "jsonl"],
    );
    assert!(!failed.is_empty());
    for line in &failed {
        let job: Value = serde_json::from_str(line).unwrap();
        assert_eq!(job["status"], "FAILED");
        assert!(job["error_message"].is_string());
    }
    let recent = lines(
        &base,
        &[
            "parsing",
            "list",
            "--since",
            "2026-11-20T09:00:00Z",
            "--until",
            "2026-11-20T11:00:00Z",
        ],
    );
    assert_eq!(recent.len(), 7, "{recent:?}");
    let two: Vec<String> = lines(&base, &["parsing", "list", "--max-items", "3"])
        .iter()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    let by_id = lines(
        &base,
        &["parsing", "list", "--job-id", &format!("{},{}", two[0], two[2])],
    );
    assert_eq!(by_id.len(), 2);
}

#[test]
fn batch_processing_pages_by_offset_to_the_total() {
    let base = start(fake::Config::default());
    let all = lines(&base, &["batch-processing", "list", "--limit", "1000"]);
    assert_eq!(all.len(), 130);
    assert_eq!(lines(&base, &["batch-processing", "list", "--limit", "9"]), all);
    let tail = lines(&base, &["batch-processing", "list", "--offset", "125"]);
    assert_eq!(tail, all[125..]);
    let completed = lines(
        &base,
        &[
            "batch-processing",
            "list",
            "--status",
            "COMPLETED",
            "--job-type",
            "Parse",
        ],
    );
    assert!(
        completed.iter().all(|l| l.contains("\tparse\tcompleted\t")),
        "{completed:?}"
    );
    let json: Value = serde_json::from_str(
        &lines(
            &base,
            &[
                "batch-processing",
                "list",
                "--limit",
                "7",
                "--max-items",
                "10",
                "--json",
            ],
        )[0],
    )
    .unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 10);
    assert_eq!(json["next_offset"], 10);
    assert_eq!(json["total_size"], 130);
}

#[test]
fn an_empty_page_that_says_items_null_ends_a_listing() {
    let base = start(fake::Config::default());
    // 130 batch-processing jobs in pages of 65: the third page, at offset 130, is `null`.
    let all = lines(&base, &["batch-processing", "list", "--limit", "65"]);
    assert_eq!(all.len(), 130);
    // A filter that matches nothing: the only page is `null`.
    let none = ["parsing", "list", "--job-id", "pjb-none", "--json"];
    let document: Value = serde_json::from_str(&success_stdout(cli(&base).args(none))).unwrap();
    assert_eq!(document["items"], serde_json::json!([]));
    cli(&base)
        .args(["batch-processing", "list", "--offset", "500"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn the_wait_timeout_cuts_a_slow_answer_from_the_api() {
    let base = start(fake::Config {
        job_delay: std::time::Duration::from_secs(8),
        ..fake::Config::default()
    });
    let started = std::time::Instant::now();
    cli(&base)
        .args([
            "parsing",
            "get",
            &fake::fake_id("pjb", 3),
            "--wait",
            "--wait-timeout",
            "1",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: gave up waiting after 1s: no answer about job {} (raise --wait-timeout)\n",
            fake::fake_id("pjb", 3)
        ));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(6),
        "the 8 s answer was not waited for"
    );
}

#[test]
fn batches_list_and_filters() {
    let base = start(fake::Config::default());
    let all = lines(&base, &["batches", "list", "--page-size", "11"]);
    assert_eq!(all.len(), 60);
    let throttled = lines(&base, &["batches", "list", "--status", "throttled"]);
    assert!(!throttled.is_empty() && throttled.iter().all(|l| l.contains("\tTHROTTLED\t")));
}

#[test]
fn documents_with_failed_pages_and_the_retired_endpoint() {
    let base = start(fake::Config {
        retire_batch_processing: true,
        ..fake::Config::default()
    });
    // Job 4 of the fake has a failed last page.
    let id = lines(&base, &["parsing", "list", "--max-items", "5"])[4]
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let output = cli(&base)
        .args(["parsing", "get", &id, "--format", "markdown"])
        .output()
        .unwrap();
    // Done, with a page missing: marked where it was, warned about, exit 7.
    assert_eq!(output.status.code(), Some(7));
    let document = String::from_utf8(output.stdout).unwrap();
    assert!(document.contains("Page 1 of 5."));
    assert!(
        document.ends_with("\n\n[llamacloud: page 5 failed: Page could not be parsed: OCR timeout]\n"),
        "{document}"
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "warning: page 5 failed: Page could not be parsed: OCR timeout\n\
             warning: job {id} completed with 1 failed page (5), marked in the output (exit 7; --fail-on-partial never: 0)\n"
        )
    );
    // Accepted: the same, exit 0.
    let accepted = cli(&base)
        .args([
            "parsing",
            "get",
            &id,
            "--format",
            "markdown",
            "--fail-on-partial",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(accepted.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(accepted.stderr).unwrap(),
        "warning: page 5 failed: Page could not be parsed: OCR timeout\n"
    );
    assert!(stderr(&base, &["batch-processing", "list"]).contains("use `llamacloud batches list` instead"));
}

/// The id of the first listed job that `select` (a jq condition) picks.
fn first_job(base_url: &str, select: &str) -> String {
    let code = format!("select({select}) | .id");
    lines(
        base_url,
        &["parsing", "list", "--format", "jsonl", "--jq", &code, "-r"],
    )
    .into_iter()
    .next()
    .expect("such a job")
}

#[test]
fn a_fast_tier_job_has_text_but_no_markdown_and_says_so() {
    let url = start(fake::Config::default());
    let id = first_job(&url, r#".tier == "fast" and .status == "COMPLETED""#);
    let output = cli(&url)
        .args(["parsing", "get", &id, "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(output.stdout, b"");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: the job ran on the fast tier, which makes text only, no markdown: use --format text\n"
    );
    let text = lines(&url, &["parsing", "get", &id, "--format", "text"]);
    assert!(text.iter().any(|l| l.starts_with("Page 1 of")), "{text:?}");
}

#[test]
fn an_empty_id_or_filter_is_refused_instead_of_matching_everything() {
    let url = start(fake::Config::default());
    for args in [
        &["parsing", "list", "--job-id", ""][..],
        &["parsing", "list", "--job-id", "  "],
        &["parsing", "list", "--job-id", "pjb-1,"],
        &["parsing", "list", "--project-id", ""],
        &["parsing", "list", "--page-token", ""],
        &["parsing", "get", ""],
        &["parsing", "get", "--job-id", " "],
        &["batches", "list", "--source-directory-id", ""],
        &["batch-processing", "list", "--directory-id", ""],
    ] {
        let output = cli(&url).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(output.stdout, b"", "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("the value is empty"), "{args:?}: {stderr}");
    }
    // Spaces around comma-separated ids are trimmed.
    let ids: Vec<String> = lines(&url, &["parsing", "list", "--max-items", "2"])
        .iter()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    let spaced = format!(" {} ,  {} ", ids[0], ids[1]);
    let found: Vec<String> = lines(&url, &["parsing", "list", "--job-id", &spaced])
        .iter()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(found, ids);
}

#[test]
fn max_items_as_llp_scripts_use_it() {
    let url = start(fake::Config::default());
    let output = cli(&url)
        .args(["parsing", "list", "--max-items", "0", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        (output.stdout.as_slice(), output.stderr.as_slice()),
        (&b""[..], &b""[..])
    );
    for negative in ["-1", "-5"] {
        let all = lines(&url, &["parsing", "list", "--max-items", negative]);
        assert_eq!(all.len(), 250, "{negative}");
    }
}

#[test]
fn r_without_jq_prints_the_json_with_raw_strings_as_llp_does() {
    let url = start(fake::Config::default());
    let text = success_stdout(cli(&url).args(["parsing", "list", "--max-items", "2", "-r"]));
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["items"].as_array().unwrap().len(), 2);
    let id = first_job(&url, "true");
    let raw = success_stdout(cli(&url).args(["parsing", "get", &id, "-r", "--jq", ".job.id"]));
    assert_eq!(raw, format!("{id}\n"));
}

#[test]
fn jq_idioms_work_on_real_listings() {
    let url = start(fake::Config::default());
    let jq =
        |max: &str, code: &str| lines(&url, &["parsing", "list", "--max-items", max, "--jq", code, "-r"]);
    let rows = jq("3", ".items[] | [.id, .status, .tier] | @tsv");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.split('\t').count() == 3), "{rows:?}");
    let csv = jq("1", ".items[] | [.id, .name] | @csv");
    assert!(csv[0].starts_with("\"pjb-") && csv[0].ends_with('"'), "{csv:?}");
    let counted = jq(
        "20",
        "[.items[] | select(.status | IN(\"COMPLETED\", \"FAILED\"))] | length",
    );
    assert!(counted[0].parse::<u32>().unwrap() > 0, "{counted:?}");
    assert_eq!(jq("1", "$ENV.COLUMNS"), ["100"]);
}

#[test]
fn custom_headers_reach_the_server_and_secret_ones_stay_masked() {
    let url = start(fake::Config::default());
    let output = cli(&url)
        .env(
            "LLAMA_CLOUD_CUSTOM_HEADERS",
            "X-Team: data-eng\n\nX-Tenant-Token: tok-0123456789abcdef\r\n",
        )
        .args(["parsing", "list", "--max-items", "1", "--debug"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("debug: > x-team: data-eng\n"), "{log}");
    assert!(log.contains("debug: > x-tenant-token: tok-…cdef\n"), "{log}");
    // The fake echoes what it received.
    assert!(log.contains("debug: < x-echo-x-team: data-eng\n"), "{log}");
    assert!(
        log.contains("debug: < x-echo-x-tenant-token: tok-…cdef\n"),
        "{log}"
    );
    assert!(!log.contains("0123456789abcdef"), "{log}");

    for (value, message) in [
        (
            "X-Team: a\nnot a header line",
            "error: LLAMA_CLOUD_CUSTOM_HEADERS, line 2: expected `Name: value`\n",
        ),
        (
            "Authorization: Bearer llx-other",
            "error: LLAMA_CLOUD_CUSTOM_HEADERS, line 1: Authorization cannot be set here; the API key sets it\n",
        ),
        (
            "Bad Name: x",
            "error: LLAMA_CLOUD_CUSTOM_HEADERS, line 1: \"Bad Name\" is not a header name\n",
        ),
    ] {
        let output = cli(&url)
            .env("LLAMA_CLOUD_CUSTOM_HEADERS", value)
            .args(["parsing", "list"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{value:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), message);
    }
}

#[test]
fn a_status_this_version_does_not_know_is_sent_as_given_with_one_warning() {
    let url = start(fake::Config::default());
    let output = cli(&url)
        .args(["parsing", "list", "--status", "archived"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut said = stderr.lines();
    assert_eq!(
        said.next(),
        Some(
            "warning: --status archived is not one this version knows \
             (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED); it is sent as given"
        )
    );
    // The server decides: the fake, like the API, refuses it.
    assert_eq!(output.status.code(), Some(5), "{stderr}");
    assert!(said.next().unwrap().starts_with("error: HTTP 422"), "{stderr}");
    // Known values in any case are sent in the API's case, without a warning.
    let output = cli(&url)
        .args([
            "batch-processing",
            "list",
            "--status",
            "DISPATCHED",
            "--max-items",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "note: 1 item shown; more may be available: continue with --offset 1\n"
    );
    // llp's name for the human rendering.
    let pretty = lines(
        &url,
        &["parsing", "list", "--max-items", "2", "--format", "pretty"],
    );
    assert_eq!(pretty[0].split_whitespace().next(), Some("ID"), "{pretty:?}");
}

#[test]
fn failed_jobs_say_why_and_batch_jobs_count_skipped_items() {
    let url = start(fake::Config::default());
    let failed = lines(&url, &["parsing", "list", "--status", "failed"]);
    assert!(!failed.is_empty());
    for line in &failed {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 7, "{line}");
        assert_eq!(
            fields[6], "Document could not be downloaded: 403 from source",
            "{line}"
        );
    }
    let table = success_stdout(
        cli(&url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .env("COLUMNS", "160")
            .args(["parsing", "list", "--status", "failed", "--max-items", "3"]),
    );
    assert!(table.lines().next().unwrap().ends_with("ERROR"), "{table}");
    assert!(table.contains("Document could not be downloaded"), "{table}");

    let jobs = lines(&url, &["batch-processing", "list", "--format", "tsv"]);
    let skipped: Vec<&str> = jobs.iter().map(|l| l.split('\t').nth(8).unwrap()).collect();
    assert!(skipped.contains(&"1") && skipped.contains(&"0"), "{skipped:?}");
    let table = success_stdout(
        cli(&url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .env("COLUMNS", "200")
            .args(["batch-processing", "list"]),
    );
    assert!(table.contains(" skipped"), "{table}");
    assert!(table.contains("Directory was deleted"), "{table}");
}

#[test]
fn the_job_summary_shows_project_credits_tags_and_result_files() {
    let url = start(fake::Config::default());
    let id = first_job(&url, ".usage != null");
    let summary = success_stdout(
        cli(&url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .env("COLUMNS", "120")
            .args([
                "parsing",
                "get",
                &id,
                "--expand",
                "usage,markdown_content_metadata,text_content_metadata",
            ]),
    );
    let row = |label: &str| {
        summary
            .lines()
            .find(|l| l.starts_with(label))
            .map(|l| l[label.len()..].trim().to_string())
            .unwrap_or_else(|| panic!("no {label} in {summary}"))
    };
    assert_eq!(row("PROJECT"), "prj-fake0000-0000-4000-8000-000000000001");
    assert_eq!(row("CREDITS"), "45");
    assert_eq!(row("METADATA"), "batch=12345678901234567890123, ratio=0.1000");
    assert!(row("RESULT MARKDOWN").ends_with("KiB"), "{summary}");
    assert!(row("RESULT TEXT").ends_with("KiB"), "{summary}");
}

#[test]
fn markdown_full_beside_the_pages_is_not_written_twice() {
    let plain = start(fake::Config {
        markdown_mib: Some(2),
        ..fake::Config::default()
    });
    let doubled = start(fake::Config {
        markdown_mib: Some(2),
        always_full: true,
        ..fake::Config::default()
    });
    let newest = |url: &str| first_job(url, "true");
    let get =
        |url: &str| success_stdout(cli(url).args(["parsing", "get", &newest(url), "--format", "markdown"]));
    let expected = get(&plain);
    assert!(expected.len() > 2_000_000, "{}", expected.len());
    assert_eq!(get(&doubled), expected);
    // The summary counts it without holding it.
    let summary = success_stdout(cli(&doubled).env("LLAMACLOUD_TEST_STDOUT_TTY", "1").args([
        "parsing",
        "get",
        &newest(&doubled),
        "--expand",
        "markdown",
    ]));
    assert!(summary.contains("MARKDOWN_FULL"), "{summary}");
}

#[test]
fn waiting_follows_a_job_to_completed_at_the_sdk_cadence() {
    let url = start(fake::Config {
        advance_jobs: true,
        ..fake::Config::default()
    });
    let id = first_job(&url, r#".status == "PENDING""#);
    let mut run = cli(&url);
    let markdown = success_stdout(run.args(["parsing", "get", &id, "--wait", "--format", "markdown"]));
    assert!(markdown.starts_with("# "), "{markdown}");
    // PENDING, then RUNNING, then COMPLETED: two pauses, 1 s and 2 s, on the injected clock.
    assert_eq!(
        run.sleeps(),
        [
            std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(2)
        ]
    );

    let id = first_job(&url, r#".status == "RUNNING""#);
    let mut run = cli(&url);
    run.args(["parsing", "get", &id, "--wait", "--wait-timeout", "1"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: gave up waiting after 1s: job {id} is still RUNNING (raise --wait-timeout)\n"
        ));

    let id = first_job(&url, r#".status == "FAILED""#);
    cli(&url)
        .args(["parsing", "get", &id, "--wait", "--format", "tsv"])
        .assert()
        .code(6)
        .stderr(format!(
            "error: job {id} ended FAILED: Document could not be downloaded: 403 from source\n"
        ));
}

#[test]
fn parse_versions_in_every_format() {
    let url = start(fake::Config::default());
    assert_eq!(
        lines(&url, &["parsing", "versions"]),
        [
            "fast\t2026-06-15\t2026-06-15,2025-12-11",
            "cost_effective\t2026-08-19\t2026-08-19,2026-08-11,2026-03-25",
            "agentic\t2026-08-19\t2026-08-19,2026-07-24,2025-12-11",
            "agentic_plus\t2026-08-19\t2026-08-19,2026-07-08",
        ]
    );
    let table = success_stdout(
        cli(&url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .args(["parsing", "versions"]),
    );
    assert_eq!(table.lines().next(), Some("TIER            LATEST      VERSIONS"));
    let json: Value =
        serde_json::from_str(&success_stdout(cli(&url).args(["parsing", "versions", "--json"]))).unwrap();
    assert_eq!(json["latest"]["fast"], "2026-06-15");
}

#[test]
fn a_batch_with_its_results() {
    let url = start(fake::Config::default());
    let id = lines(&url, &["batches", "list", "--max-items", "1"])[0]
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let plain = lines(&url, &["batches", "get", &id]);
    assert_eq!(plain.len(), 1);
    assert!(plain[0].starts_with(&format!("{id}\t")), "{plain:?}");
    let with_results = lines(&url, &["batches", "get", &id, "--expand", "results"]);
    assert_eq!(with_results.len(), 4, "{with_results:?}");
    assert!(
        with_results[3].ends_with("\tFile is password protected"),
        "{with_results:?}"
    );
    let summary = success_stdout(
        cli(&url)
            .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
            .args(["batches", "get", &id, "--expand", "results"]),
    );
    assert!(
        summary.contains("RESULTS           3 files (1 failed)"),
        "{summary}"
    );
    let output = cli(&url).args(["batches", "get", "bat-nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: HTTP 404 Not Found: Batch not found (check the batch id and the region)\n"
    );
}

fn run(url: &str, args: &[&str]) -> (Option<i32>, String) {
    let output = cli(url).args(args).output().unwrap();
    assert_eq!(
        output.stdout, b"",
        "{args:?}: these commands print nothing on stdout"
    );
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn cancel_acts_once_per_id_and_exits_with_the_worst_outcome() {
    let url = start(fake::Config::default());
    let running = first_job(&url, r#".status == "RUNNING""#);
    let completed = first_job(&url, r#".status == "COMPLETED""#);
    assert_eq!(
        run(&url, &["parsing", "cancel", &running]),
        (Some(0), format!("Cancelled {running}\n"))
    );
    let status = lines(&url, &["parsing", "get", &running, "--jq", ".job.status", "-r"]);
    assert_eq!(status, ["CANCELLED"]);
    let (code, stderr) = run(&url, &["parsing", "cancel", &running, &completed, "pjb-nope"]);
    assert_eq!(code, Some(5), "the worst of 5 (refused) and 3 (not found)");
    assert_eq!(
        stderr,
        format!(
            "error: {running}: HTTP 409 Conflict: The job has already ended (CANCELLED) and cannot be cancelled\n\
             error: {completed}: HTTP 409 Conflict: The job has already ended (COMPLETED) and cannot be cancelled\n\
             error: pjb-nope: HTTP 404 Not Found: Parse job not found\n\
             error: 3 of 3 failed\n"
        )
    );
    let batch = lines(
        &url,
        &["batches", "list", "--status", "running", "--max-items", "1"],
    )[0]
    .split('\t')
    .next()
    .unwrap()
    .to_string();
    assert_eq!(
        run(&url, &["batches", "cancel", &batch]),
        (Some(0), format!("Cancelled batch {batch}\n"))
    );
    let (code, stderr) = run(&url, &["batches", "cancel", &batch]);
    assert_eq!(code, Some(5));
    assert_eq!(
        stderr,
        "error: HTTP 409 Conflict: The batch has already ended (CANCELLED)\n"
    );
}

#[test]
fn delete_asks_first_and_only_takes_jobs_that_have_ended() {
    let url = start(fake::Config::default());
    let completed = first_job(&url, r#".status == "COMPLETED""#);
    let running = first_job(&url, r#".status == "RUNNING""#);
    // Not on a terminal: --yes is needed, and nothing is sent without it.
    let (code, stderr) = run(&url, &["parsing", "delete", &completed]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!(
            "error: Delete parse job {completed}: pass --yes to confirm (there is no terminal to ask on)\n"
        )
    );
    // On a terminal, a person is asked; anything but yes deletes nothing.
    let typed = |answer: &str| {
        let output = cli(&url)
            .on_terminal(answer)
            .args(["parsing", "delete", &completed])
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    assert_eq!(
        typed("n\n"),
        (
            Some(1),
            format!("Delete parse job {completed}? [y/N] error: nothing was deleted\n")
        )
    );
    assert_eq!(
        typed("y\n"),
        (
            Some(0),
            format!("Delete parse job {completed}? [y/N] Deleted {completed}\n")
        )
    );
    assert_eq!(
        run(&url, &["parsing", "get", &completed]).0,
        Some(3),
        "deleted for good"
    );
    let (code, stderr) = run(&url, &["parsing", "delete", &running, "--yes"]);
    assert_eq!(code, Some(5));
    assert_eq!(
        stderr,
        "error: HTTP 409 Conflict: The job is RUNNING; only a job that has ended can be deleted\n"
    );
}
