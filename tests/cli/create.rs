//! `parsing create` and `parse`: the exact requests (multipart upload, JSON bodies), the
//! configuration built from flags, `--options` and the profile, local checks before anything is
//! sent, never creating twice, and the job's life cycle against the bundled fake.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use httpmock::{HttpMockRequest, Method::POST, MockServer};
use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{TEST_KEY, cli, in_process, scratch_file, stderr_of, success_stdout};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn created(id: &str) -> Value {
    json!({"id": id, "project_id": "prj-1", "status": "PENDING", "name": "a.pdf", "tier": "agentic"})
}

#[test]
fn a_file_is_uploaded_as_the_sdk_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF-1.4 body\r\n--not a boundary\r\n");
    let server = MockServer::start();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = Arc::clone(&seen);
    let upload = server.mock(|when, then| {
        when.method(POST)
            .path("/api/v2/parse/upload")
            .query_param("project_id", "prj-9")
            .header("authorization", format!("Bearer {TEST_KEY}"))
            .is_true(move |req: &HttpMockRequest| {
                keep.lock().unwrap().push((
                    req.headers()
                        .get("content-type")
                        .map(|v| v.to_str().unwrap().to_string())
                        .unwrap_or_default(),
                    req.body_vec(),
                ));
                true
            });
        then.status(200).json_body(created("pjb-1"));
    });
    let stdout = success_stdout(cli(&server.base_url()).args([
        "parsing",
        "create",
        file.to_str().unwrap(),
        "--tier",
        "AGENTIC",
        "--max-pages",
        "2",
        "--project-id",
        "prj-9",
        "--format",
        "tsv",
    ]));
    upload.assert_calls(1);
    assert!(stdout.starts_with("pjb-1\ta.pdf\tPENDING\tagentic\t"), "{stdout}");
    let (content_type, body) = seen.lock().unwrap()[0].clone();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart content type");
    let expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"configuration\"\r\n\r\n\
         {{\"tier\":\"agentic\",\"version\":\"latest\",\"page_ranges\":{{\"max_pages\":2}},\"client_name\":\"llamacloud-cli/{VERSION}\"}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n\
         %PDF-1.4 body\r\n--not a boundary\r\n\r\n--{boundary}--\r\n"
    );
    assert_eq!(String::from_utf8(body).unwrap(), expected);
}

#[test]
fn urls_and_file_ids_are_sent_as_json_with_every_option() {
    let dir = tempfile::tempdir().unwrap();
    let options = scratch_file(
        dir.path(),
        "options.json",
        br#"{"tier": "fast", "page_ranges": {"target_pages": "9"}, "user_metadata": {"team": "a"},
            "agentic_options": {"custom_prompt": "tables as markdown"}, "new_in_2027": [1]}"#,
    );
    let server = MockServer::start();
    let by_url = server.mock(|when, then| {
        when.method(POST)
            .path("/api/v2/parse")
            .header("content-type", "application/json")
            .json_body(json!({
                "tier": "cost_effective",
                "version": "2026-08-19",
                "page_ranges": {"target_pages": "1,3,5-8", "max_pages": 4},
                "user_metadata": {"team": "b", "run": "42"},
                "agentic_options": {"custom_prompt": "tables as markdown"},
                "new_in_2027": [1],
                "client_name": "nightly",
                "disable_cache": true,
                "webhook_configuration_ids": ["wh-1", "wh-2"],
                "source_url": "https://example.com/a.pdf"
            }));
        then.status(200).json_body(created("pjb-2"));
    });
    let output = cli(&server.base_url())
        .args([
            "parsing",
            "create",
            "--source-url",
            "https://example.com/a.pdf",
            "--options",
            options.to_str().unwrap(),
            "--tier",
            "cost_effective",
            "--version",
            "2026-08-19",
            "--target-pages",
            "1,3,5-8",
            "--max-pages",
            "4",
            "--metadata",
            "team=b",
            "--metadata",
            "run=42",
            "--client-name",
            "nightly",
            "--disable-cache",
            "--webhook-configuration-id",
            "wh-1",
            "--webhook-configuration-id",
            "wh-2",
            // An option newer than this version is sent when asked.
            "--allow-unknown-options",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(String::from_utf8(output.stdout.clone()).unwrap(), "pjb-2\n");
    by_url.assert_calls(1);

    // A saved configuration needs no tier; options come from stdin with `-`.
    let by_id = server.mock(|when, then| {
        when.method(POST).path("/api/v2/parse").json_body(json!({
            "configuration_id": "cfg-1",
            "client_name": format!("llamacloud-cli/{VERSION}"),
            "output_options": {"markdown": {"tables": "html"}},
            "file_id": "file-7"
        }));
        then.status(200).json_body(created("pjb-3"));
    });
    let mut run = cli(&server.base_url());
    let output = run
        .args([
            "parsing",
            "create",
            "--file-id",
            "file-7",
            "--configuration-id",
            "cfg-1",
            "--options",
            "-",
            "--json",
        ])
        .stdin(r#"{"output_options": {"markdown": {"tables": "html"}}}"#)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let job: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(job["id"], "pjb-3", "the created job, as the API answers it");
    by_id.assert_calls(1);
}

#[test]
fn local_problems_are_usage_errors_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let file = file.to_str().unwrap();
    let missing = dir.path().join("missing.pdf");
    let missing = missing.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let bad_options = scratch_file(dir.path(), "o.json", b"[1]");
    let bad_options = bad_options.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["parsing", "create", "--tier", "fast"], "nothing to parse: give a FILE, --source-url URL or --file-id ID".into()),
        (vec!["parsing", "create", missing, "--tier", "fast"], format!("cannot upload {missing}: no such file")),
        (vec!["parse", missing, "--tier", "fast"], format!("cannot upload {missing}: no such file")),
        (vec!["parsing", "create", folder, "--tier", "fast"], format!("cannot upload {folder}: it is a directory")),
        (vec!["parsing", "create", file], "--tier is required: fast, cost_effective, agentic or agentic_plus (or set a default with `llamacloud config set tier TIER`)".into()),
        (vec!["parsing", "create", file, "--tier", "fast", "--format", "markdown"], "--format markdown needs --wait: the document exists once the job has ended".into()),
        (vec!["parsing", "create", "--source-url", "ftp://x/a.pdf", "--tier", "fast"], "--source-url ftp://x/a.pdf: expected an http:// or https:// URL".into()),
        (vec!["parsing", "create", file, "--tier", "fast", "--options", bad_options], format!("--options {bad_options}: expected a JSON object")),
        (
            vec!["parsing", "create", file, "--tier", "fast", "--webhook-configuration-id", "1", "--webhook-configuration-id", "2", "--webhook-configuration-id", "3", "--webhook-configuration-id", "4", "--webhook-configuration-id", "5"],
            "--webhook-configuration-id: at most 4 per job, 5 given".into(),
        ),
        (vec!["parsing", "create", file, "--tier", "fast", "-q", "--format", "tsv"], "-q/--quiet prints the job id alone; it does not take --format, --json or --jq".into()),
    ];
    for (args, message) in cases {
        let output = cli(&url).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr_of(&output));
        assert_eq!(stderr_of(&output), format!("error: {message}\n"), "{args:?}");
        assert!(output.stdout.is_empty());
    }
    // clap's own refusals: two sources, an empty path.
    for args in [
        vec![
            "parsing",
            "create",
            file,
            "--source-url",
            "https://example.com/a.pdf",
            "--tier",
            "fast",
        ],
        vec!["parsing", "create", "", "--tier", "fast"],
        vec!["parse", "", "--tier", "fast"],
        vec!["parsing", "create", file, "--tier", "fast", "--metadata", "=v"],
    ] {
        let output = cli(&url).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    assert!(fake.made_jobs().is_empty(), "nothing was created");
}

#[test]
fn a_create_whose_answer_is_lost_is_not_sent_again_and_says_how_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    for (fault, message) in [
        (0, "reading the response from"),
        (502, "HTTP 502 Bad Gateway: Bad gateway"),
    ] {
        let (url, fake) = start_shared(fake::Config {
            create_faults: vec![fault],
            ..fake::Config::default()
        });
        let mut run = cli(&url);
        let output = run
            .args(["parsing", "create", file.to_str().unwrap(), "--tier", "fast"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(5), "{fault}: {}", stderr_of(&output));
        let stderr = stderr_of(&output);
        assert!(
            stderr.starts_with("error: ") && stderr.contains(message),
            "{fault}: {stderr}"
        );
        assert!(
            stderr.ends_with(
                "(the job may have been created: check with `llamacloud parsing list --since 10m`)\n"
            ),
            "{fault}: {stderr}"
        );
        assert_eq!(
            fake.made_jobs().len(),
            1,
            "{fault}: created once, never sent again"
        );
        assert!(run.sleeps().is_empty());
    }
    // The connection drops once the request is sent: one connection, no second create.
    let server = crate::scripted::RawServer::start(vec![Vec::new()]);
    let output = cli(&server.url)
        .args(["parsing", "create", file.to_str().unwrap(), "--tier", "fast"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    assert_eq!(server.connections(), 1);
    assert!(
        stderr_of(&output)
            .ends_with("(the job may have been created: check with `llamacloud parsing list --since 10m`)\n")
    );
}

#[test]
fn a_create_the_server_did_not_take_in_is_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    for (fault, waits) in [(429, vec![Duration::from_secs(1)]), (503, vec![])] {
        let (url, fake) = start_shared(fake::Config {
            create_faults: vec![fault],
            ..fake::Config::default()
        });
        let mut run = cli(&url);
        let stdout = success_stdout(run.args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "-q",
        ]));
        let made = fake.made_jobs();
        assert_eq!(made.len(), 1, "{fault}");
        assert_eq!(stdout, format!("{}\n", made[0]["id"].as_str().unwrap()));
        let sleeps = run.sleeps();
        if waits.is_empty() {
            assert_eq!(sleeps.len(), 1, "{fault}: one backoff");
        } else {
            assert_eq!(sleeps, waits, "{fault}: Retry-After obeyed");
        }
    }
}

#[test]
fn create_and_wait_follows_the_job_to_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.txt", b"Quarterly report\nRevenue grew.\n");
    let (url, fake) = start_shared(fake::Config::default());
    let mut run = cli(&url);
    let output = run
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "agentic",
            "--metadata",
            "ci=nightly",
            "--wait",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let markdown = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(
        markdown.starts_with("# report.txt\n\n31 bytes, text/plain.\n\nQuarterly report\nRevenue grew."),
        "{markdown}"
    );
    let made = fake.made_jobs();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["user_metadata"], json!({"ci": "nightly"}));
    assert_eq!(made[0]["client_name"], json!(format!("llamacloud-cli/{VERSION}")));
    let id = made[0]["id"].as_str().unwrap();
    assert_eq!(stderr_of(&output), format!("Created parse job {id}\n"));
    // PENDING, RUNNING, COMPLETED: the SDK's cadence, on the injected clock.
    assert_eq!(run.sleeps(), [Duration::from_secs(1), Duration::from_secs(2)]);

    // The job is found again by its tags.
    let listed = success_stdout(cli(&url).args([
        "parsing",
        "list",
        "--max-items",
        "1",
        "--jq",
        ".items[0].user_metadata.ci",
        "-r",
    ]));
    assert_eq!(listed, "nightly\n");
}

#[test]
fn parse_is_the_short_form_with_the_profiles_tier() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "notes.md", b"# Notes\n\nline\n");
    let (url, fake) = start_shared(fake::Config::default());
    let config = dir.path().join("config");
    let with_config = |run: &mut crate::harness::InProcess| {
        run.env("LLAMACLOUD_CONFIG_DIR", config.display().to_string());
    };
    let mut set = in_process(&url);
    with_config(&mut set);
    set.args(["config", "set", "tier", "fast"]).assert().code(0);
    let mut run = cli(&url);
    with_config(&mut run);
    // The fast tier makes text only: `parse` prints the text.
    let text = success_stdout(run.args(["parse", file.to_str().unwrap()]));
    assert!(text.starts_with("notes.md\n\n14 bytes, text/markdown."), "{text}");
    assert_eq!(fake.made_jobs()[0]["tier"], "fast");
    // A flag wins over the profile; markdown for the other tiers.
    let mut run = cli(&url);
    with_config(&mut run);
    let markdown = success_stdout(run.args(["parse", file.to_str().unwrap(), "--tier", "agentic"]));
    assert!(markdown.starts_with("# notes.md\n"), "{markdown}");
    // A URL is fetched by the API.
    let mut run = cli(&url);
    with_config(&mut run);
    let markdown = success_stdout(run.args(["parse", "HTTPS://example.com/paper.pdf", "--tier", "agentic"]));
    assert!(
        markdown.starts_with("# HTTPS://example.com/paper.pdf\n"),
        "{markdown}"
    );
    assert_eq!(fake.made_jobs().len(), 3);
}

#[test]
fn a_job_that_fails_exits_6_and_its_id_still_reaches_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "will-fail.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        String::from_utf8(output.stdout.clone()).unwrap(),
        format!("{id}\n")
    );
    assert_eq!(
        stderr_of(&output),
        format!(
            "Created parse job {id}\nerror: job {id} ended FAILED: The document could not be parsed: it is password-protected\n"
        )
    );
    // In a job format, the job as it ended is the output.
    let output = cli(&url)
        .args([
            "parsing",
            "create",
            file.to_str().unwrap(),
            "--tier",
            "agentic",
            "--wait",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6));
    let job: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(job["job"]["status"], "FAILED");

    // Gave up waiting: the id is printed, and how to go on.
    let file = scratch_file(dir.path(), "slow.pdf", b"%PDF");
    let mut run = cli(&url);
    let output = run
        .args([
            "parse",
            file.to_str().unwrap(),
            "--tier",
            "agentic",
            "--wait-timeout",
            "2s",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let id = fake.made_jobs()[2]["id"].as_str().unwrap().to_string();
    assert_eq!(
        String::from_utf8(output.stdout.clone()).unwrap(),
        format!("{id}\n")
    );
    assert!(
        stderr_of(&output).ends_with(&format!(
            "note: job {id} was created; to get it: llamacloud parsing get {id} --wait\n\
             error: gave up waiting after 2s: job {id} is still RUNNING (raise --wait-timeout)\n"
        )),
        "{}",
        stderr_of(&output)
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_waiting_prints_the_id_and_how_to_resume() {
    use std::io::{BufRead as _, BufReader, Read as _};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    // With --no-cache nothing was recorded: running the same command again would pay again.
    for (extra, again) in [
        (None, " (or run the same command again)"),
        (Some("--no-cache"), ""),
    ] {
        let before = fake.made_jobs().len();
        let mut child = crate::harness::command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .args(["parse", file.to_str().unwrap(), "--tier", "agentic"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr.read_line(&mut first).unwrap();
        let id = fake.made_jobs()[before]["id"].as_str().unwrap().to_string();
        assert_eq!(first, format!("Created parse job {id}\n"));
        let mut stdout = child.stdout.take().unwrap();
        let (code, _) = crate::scripted::interrupt(child);
        assert_eq!(code, Some(130));
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        assert_eq!(out, format!("{id}\n"));
        let mut rest = String::new();
        stderr.read_to_string(&mut rest).unwrap();
        assert_eq!(
            rest,
            format!("interrupted; job {id} goes on: llamacloud parsing get {id} --wait{again}\n")
        );
    }
}

#[test]
fn what_the_api_refuses_exits_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, fake) = start_shared(fake::Config::default());
    // A tier this version does not know is sent, with a warning; the API refuses it: exit 5.
    let output = cli(&url)
        .args(["parsing", "create", file.to_str().unwrap(), "--tier", "turbo"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        "warning: --tier turbo is not one this version knows (fast, cost_effective, agentic, agentic_plus); it is sent as given\n\
         error: HTTP 422 Unprocessable Entity: body.tier: Input should be one of [\"fast\", \"cost_effective\", \"agentic\", \"agentic_plus\"]\n"
    );
    // An uploaded file that does not exist: exit 3.
    let output = cli(&url)
        .args(["parsing", "create", "--file-id", "nope", "--tier", "fast"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr_of(&output));
    assert!(stderr_of(&output).starts_with("error: HTTP 404 Not Found: File nope not found"));
    // A key the API rejects: exit 4, nothing created.
    let output = cli(&url)
        .env("LLAMA_CLOUD_API_KEY", "bad-key")
        .args(["parse", file.to_str().unwrap(), "--tier", "fast"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr_of(&output));
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_created_job_can_be_cancelled_and_then_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "a.pdf", b"%PDF");
    let (url, _fake) = start_shared(fake::Config::default());
    let id = success_stdout(cli(&url).args([
        "parsing",
        "create",
        file.to_str().unwrap(),
        "--tier",
        "fast",
        "-q",
    ]));
    let id = id.trim();
    cli(&url)
        .args(["parsing", "delete", id, "--yes"])
        .assert()
        .code(5)
        .stderr("error: HTTP 409 Conflict: The job is PENDING; only a job that has ended can be deleted\n");
    cli(&url)
        .args(["parsing", "cancel", id])
        .assert()
        .code(0)
        .stderr(format!("Cancelled {id}\n"));
    let status = success_stdout(cli(&url).args(["parsing", "get", id, "--jq", ".job.status", "-r"]));
    assert_eq!(status, "CANCELLED\n");
    cli(&url)
        .args(["parsing", "delete", id, "--yes"])
        .assert()
        .code(0)
        .stderr(format!("Deleted {id}\n"));
    cli(&url).args(["parsing", "get", id]).assert().code(3);
}

#[test]
fn a_tier_is_checked_and_normalised_wherever_it_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "notes.md", b"# Notes\n");
    let path = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let config = dir.path().join("config");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut run = cli(&url);
        run.env("LLAMACLOUD_CONFIG_DIR", config.display().to_string());
        for (key, value) in env {
            run.env(key, value);
        }
        run.args(args).output().unwrap()
    };
    // The environment, in any case: sent as the API takes it, without a word.
    let from_env = run(&[("LLAMA_CLOUD_TIER", "FAST")], &["parse", path, "--no-cache"]);
    assert_eq!(from_env.status.code(), Some(0), "{}", stderr_of(&from_env));
    assert!(
        !stderr_of(&from_env).contains("warning"),
        "{}",
        stderr_of(&from_env)
    );
    // `config set tier` stores it as the API takes it.
    let set = run(&[], &["config", "set", "tier", "Agentic_Plus"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr_of(&set));
    let stored = std::fs::read_to_string(config.join("config.toml")).unwrap();
    assert!(stored.contains("tier = \"agentic_plus\""), "{stored}");
    let from_file = run(&[], &["parse", path, "--no-cache", "--format", "json"]);
    assert_eq!(from_file.status.code(), Some(0), "{}", stderr_of(&from_file));
    // In --options too.
    let options = scratch_file(dir.path(), "options.json", br#"{"tier": " Cost_Effective "}"#);
    let from_options = run(
        &[],
        &[
            "parse",
            path,
            "--no-cache",
            "--options",
            options.to_str().unwrap(),
        ],
    );
    assert_eq!(
        from_options.status.code(),
        Some(0),
        "{}",
        stderr_of(&from_options)
    );
    let tiers: Vec<Value> = fake.made_jobs().iter().map(|job| job["tier"].clone()).collect();
    assert_eq!(
        tiers,
        [json!("fast"), json!("agentic_plus"), json!("cost_effective")]
    );
    // One this version does not know is warned about, naming where it was set, and sent as given.
    assert_eq!(fake.made_jobs().len(), 3);
    let unknown = run(&[("LLAMA_CLOUD_TIER", "bogus")], &["parse", path, "--no-cache"]);
    assert_eq!(
        stderr_of(&unknown).lines().next().unwrap(),
        "warning: tier LLAMA_CLOUD_TIER bogus is not one this version knows (fast, cost_effective, agentic, agentic_plus); it is sent as given"
    );
    // The fake, as the API, refuses it: sent as given, it came back 422.
    assert_eq!(unknown.status.code(), Some(5), "{}", stderr_of(&unknown));
    assert!(
        stderr_of(&unknown).contains("body.tier"),
        "{}",
        stderr_of(&unknown)
    );
}

#[test]
fn markdown_from_the_fast_tier_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "notes.md", b"# Notes\n");
    let path = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let message = "error: the fast tier makes text only, not markdown: use --format text, or another --tier \
                   (cost_effective, agentic, agentic_plus)\n";
    let out = dir.path().join("out");
    for args in [
        vec!["parse", path, "--tier", "fast", "--format", "markdown"],
        vec![
            "parse",
            path,
            "--tier",
            "FAST",
            "--format",
            "markdown",
            "--no-cache",
        ],
        vec![
            "parsing", "create", path, "--tier", "fast", "--wait", "--format", "markdown",
        ],
        vec![
            "parse",
            path,
            "--tier",
            "fast",
            "--format",
            "markdown",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    ] {
        let output = cli(&url).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr_of(&output));
        assert_eq!(stderr_of(&output), message, "{args:?}");
    }
    // The environment's tier too.
    let output = cli(&url)
        .env("LLAMA_CLOUD_TIER", "fast")
        .args(["parse", path, "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(
        (output.status.code(), stderr_of(&output)),
        (Some(2), message.to_string())
    );
    assert!(fake.made_jobs().is_empty());
    assert_eq!(fake.requests_seen().creates, 0);
}

#[test]
fn a_broken_config_file_that_may_set_the_tier_is_the_error_not_a_missing_tier() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "notes.md", b"# Notes\n");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let path = config.join("config.toml");
    std::fs::write(
        &path,
        "[profiles.default]\ntier = \"fast\"\ntierr = \"agentic\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .env("LLAMACLOUD_CONFIG_DIR", config.display().to_string())
        .args(["parse", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    let broken = format!("invalid config file {}, line 3 column 1: ", path.display());
    assert!(stderr.starts_with(&format!("warning: {broken}")), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("error: {broken}"))
            && stderr
                .trim_end()
                .ends_with("; it may set the tier: fix it, or give --tier"),
        "{stderr}"
    );
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn unknown_options_are_refused_before_any_byte_is_uploaded() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &vec![b'x'; 1 << 20]);
    let path = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let top = scratch_file(dir.path(), "top.json", br#"{"take_screenshot": true}"#);
    let nested = scratch_file(
        dir.path(),
        "nested.json",
        br#"{"output_options": {"markdown": {"tables": {"merge_continued_table": true}}}}"#,
    );
    let v1 = scratch_file(dir.path(), "v1.json", br#"{"target_pages": "0,1"}"#);
    let several = scratch_file(
        dir.path(),
        "several.json",
        br#"{"result_type": "markdown", "tier": "agentic", "page_ranges": {"max_page": 2}, "zzz": 1}"#,
    );
    let out = dir.path().join("out");
    let cases = [
        (
            several.to_str().unwrap(),
            "error: --options: 3 unknown keys: result_type (did you mean --format (markdown, text or json: chosen when \
             the result is fetched)?), page_ranges.max_page (did you mean page_ranges.max_pages (--max-pages)?), zzz \
             (--allow-unknown-options sends them anyway)\n",
        ),
        (
            v1.to_str().unwrap(),
            "error: --options: unknown key target_pages; did you mean page_ranges.target_pages \
             (--target-pages; pages are numbered from 1)? (--allow-unknown-options sends it anyway)\n",
        ),
        (
            top.to_str().unwrap(),
            "error: --options: unknown key take_screenshot; did you mean output_options.images_to_save: [\"screenshot\"]? \
             (--allow-unknown-options sends it anyway)\n",
        ),
        (
            nested.to_str().unwrap(),
            "error: --options: unknown key output_options.markdown.tables.merge_continued_table; did you mean \
             output_options.markdown.tables.merge_continued_tables? (--allow-unknown-options sends it anyway)\n",
        ),
    ];
    for (options, said) in cases {
        for args in [
            vec!["parse", path, "--tier", "agentic", "--options", options],
            vec![
                "parsing",
                "create",
                path,
                "--tier",
                "agentic",
                "--options",
                options,
            ],
            vec![
                "parse",
                path,
                "--tier",
                "agentic",
                "--options",
                options,
                "--output-dir",
                out.to_str().unwrap(),
            ],
        ] {
            let output = cli(&url).args(&args).output().unwrap();
            assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr_of(&output));
            assert_eq!(stderr_of(&output), said, "{args:?}");
        }
    }
    assert_eq!(fake.requests_seen().creates, 0, "not a byte uploaded");
    // Sent anyway when asked: the API (the fake) refuses it, exit 5.
    let output = cli(&url)
        .args([
            "parse",
            path,
            "--tier",
            "agentic",
            "--no-cache",
            "--allow-unknown-options",
        ])
        .args(["--options", cases[2].0])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("take_screenshot Extra inputs are not permitted"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fake.requests_seen().creates, 1);
}

#[test]
fn pages_are_numbered_from_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", b"%PDF-1.4");
    let path = file.to_str().unwrap();
    let options = scratch_file(
        dir.path(),
        "pages.json",
        br#"{"page_ranges": {"target_pages": "0-3"}}"#,
    );
    let (url, fake) = start_shared(fake::Config::default());
    let flag = cli(&url)
        .args(["parse", path, "--tier", "agentic", "--target-pages", "0,2"])
        .output()
        .unwrap();
    assert_eq!(flag.status.code(), Some(2));
    assert!(
        stderr_of(&flag).contains("\"0,2\": pages are numbered from 1 (the first page is 1, not 0)"),
        "{}",
        stderr_of(&flag)
    );
    let file_options = cli(&url)
        .args([
            "parse",
            path,
            "--tier",
            "agentic",
            "--options",
            options.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        (file_options.status.code(), stderr_of(&file_options)),
        (
            Some(2),
            "error: --options: page_ranges.target_pages \"0-3\": pages are numbered from 1 (the first page is 1, not 0)\n"
                .to_string()
        )
    );
    // Page 10 is the tenth.
    let fine = cli(&url)
        .args([
            "parse",
            path,
            "--tier",
            "agentic",
            "--target-pages",
            "10",
            "--no-cache",
        ])
        .output()
        .unwrap();
    assert_eq!(fine.status.code(), Some(0), "{}", stderr_of(&fine));
    assert_eq!(fake.made_jobs().len(), 1);
}

#[test]
fn a_page_list_the_api_would_refuse_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", b"%PDF-1.4");
    let path = file.to_str().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    for (pages, why) in [
        (
            "abc",
            "\"abc\" is not a page or a range of pages (write them like 1,3,5-8)",
        ),
        ("3-1", "the range 3-1 ends before it starts"),
        ("1-5,4", "page 4 is asked for twice"),
    ] {
        for command in [
            &["parse", path, "--tier", "agentic"][..],
            &["parsing", "create", path, "--tier", "agentic"][..],
        ] {
            let output = cli(&url)
                .args(command)
                .args(["--target-pages", pages])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2), "{pages}: {}", stderr_of(&output));
            assert!(
                stderr_of(&output).contains(&format!("{pages:?}: {why}")),
                "{}",
                stderr_of(&output)
            );
        }
    }
    assert_eq!(fake.requests_seen().creates, 0);
}
