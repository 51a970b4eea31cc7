//! Parsing many documents into a directory against the fake: include/exclude over a tree, a
//! failing document among good ones, 429 storms, resuming after a kill without paying twice.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::fake_server::{fake, start_shared};
use crate::harness::{TEST_KEY, cli};

fn tree(root: &Path, files: &[&str]) {
    for file in files {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("Contents of {file}\n")).unwrap();
    }
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn events(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect()
}

fn made_names(fake: &fake::Fake) -> Vec<String> {
    fake.made_jobs()
        .iter()
        .map(|j| j["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_tree_is_parsed_with_include_and_exclude_and_a_failure_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(
        &docs,
        &[
            "a.pdf",
            "b.txt",
            "sub/c.pdf",
            "sub/fail.pdf",
            "sub/skip.pdf",
            "notes.md",
            ".hidden.pdf",
        ],
    );
    let out = dir.path().join("out");
    let (url, fake) = start_shared(fake::Config::default());
    let run = |extra: &[&str]| {
        cli(&url)
            .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
            .arg(&docs)
            .args([
                "--include",
                "**/*.pdf",
                "--include",
                "*.txt",
                "--exclude",
                "sub/skip*",
            ])
            .arg("--output-dir")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr_of(&output));
    let mut names = made_names(&fake);
    names.sort();
    assert_eq!(
        names,
        ["a.pdf", "b.txt", "c.pdf", "fail.pdf"],
        "notes.md, hidden and excluded files left out"
    );
    let events = events(&output.stdout);
    assert_eq!(events.len(), 4);
    let completed: HashSet<&str> = events
        .iter()
        .filter(|e| e["status"] == "COMPLETED")
        .map(|e| e["output"].as_str().unwrap())
        .collect();
    let expected: HashSet<String> = ["a.pdf.md", "b.txt.md", "sub/c.pdf.md"]
        .iter()
        .map(|f| out.join(f).display().to_string())
        .collect();
    assert_eq!(completed, expected.iter().map(String::as_str).collect());
    let c = std::fs::read_to_string(out.join("sub/c.pdf.md")).unwrap();
    assert!(
        c.starts_with("# c.pdf\n") && c.contains("Contents of sub/c.pdf"),
        "{c}"
    );
    let failed = events.iter().find(|e| e["status"] == "FAILED").unwrap();
    assert!(failed["error"].as_str().unwrap().ends_with("password-protected"));
    assert!(failed["job_id"].is_string());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("4 documents in ")
            && stderr.contains(": 3 parsed, 0 already done, 1 failed; results in "),
        "{stderr}"
    );
    // With --format jsonl the error also comes as a JSON line.
    assert!(
        stderr.ends_with("error: 1 of 4 failed\n{\"error\":{\"status\":null,\"message\":\"1 of 4 failed\",\"body\":null}}\n"),
        "{stderr}"
    );

    // Run again: nothing done is paid for twice; the failed one is tried again.
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(6));
    let statuses: Vec<String> = events_of(&again)
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "SKIPPED").count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        fake.made_jobs().len(),
        5,
        "only the failed document was created again"
    );

    // A changed file is parsed again; --force parses everything again.
    std::fs::write(docs.join("a.pdf"), "Contents of a.pdf, second edition\n").unwrap();
    run(&[]);
    assert_eq!(fake.made_jobs().len(), 7, "a.pdf (changed) and fail.pdf");
    assert!(
        std::fs::read_to_string(out.join("a.pdf.md"))
            .unwrap()
            .contains("second edition")
    );
    run(&["--force"]);
    assert_eq!(fake.made_jobs().len(), 11);
}

fn events_of(output: &std::process::Output) -> Vec<Value> {
    events(&output.stdout)
}

#[test]
fn a_429_storm_slows_the_run_but_every_document_is_parsed_once() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let files: Vec<String> = (0..12).map(|i| format!("doc-{i}.pdf")).collect();
    tree(&docs, &files.iter().map(String::as_str).collect::<Vec<_>>());
    let (url, fake) = start_shared(fake::Config {
        throttle_percent: 100,
        ..fake::Config::default()
    });
    let mut run = cli(&url);
    let output = run
        .args([
            "parse",
            "--tier",
            "fast",
            "--concurrency",
            "6",
            "--timeout",
            "5",
            "--recursive",
        ])
        .arg(&docs)
        .arg("--output-dir")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let mut names = made_names(&fake);
    names.sort();
    let mut expected = files.clone();
    expected.sort();
    assert_eq!(names, expected, "every document exactly once");
    assert!(
        run.sleeps().iter().any(|s| *s == Duration::from_secs(1)),
        "Retry-After was obeyed: {:?}",
        run.sleeps()
    );
    // The fast tier: text files.
    assert!(dir.path().join("out/doc-3.pdf.txt").exists());
}

#[test]
fn lists_urls_and_local_problems() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), &["here.pdf"]);
    let list = dir.path().join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# documents\n{}\nhttps://example.com/papers/x.pdf\n\n{}\n",
            dir.path().join("here.pdf").display(),
            dir.path().join("missing.pdf").display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let (url, fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .args(["parse", "--tier", "agentic", "--from-list"])
        .arg(&list)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert_eq!(fake.made_jobs().len(), 2);
    assert!(out.join("example.com/papers/x.pdf.md").exists());
    let here = out
        .join(dir.path().strip_prefix("/").unwrap())
        .join("here.pdf.md");
    assert!(here.exists(), "{}", here.display());
    assert!(
        stderr_of(&output).contains("missing.pdf: cannot upload"),
        "{}",
        stderr_of(&output)
    );

    // Several documents need a directory; so do the bulk options of parsing create.
    let a = dir.path().join("here.pdf");
    cli(&url)
        .args(["parse", "--tier", "fast"])
        .arg(&a)
        .arg(&a)
        .assert()
        .code(2)
        .stderr("error: several documents need --output-dir DIR (each result is written there)\n");
    cli(&url)
        .args(["parsing", "create", "--tier", "fast", "--output-dir", "x"])
        .arg(&a)
        .assert()
        .code(2);
}

/// A tree whose first two documents were parsed by a first run, against a fake whose jobs end
/// 0.9 s after they are made (real time): a later run is killed or interrupted as soon as its
/// jobs are recorded, before its poller's first look at them (1 s after each create), so they are
/// still running as far as it knows.
#[cfg(unix)]
struct Resumed {
    dir: tempfile::TempDir,
    url: String,
    fake: std::sync::Arc<fake::Fake>,
}

#[cfg(unix)]
impl Resumed {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        tree(&dir.path().join("docs"), &["done-1.pdf", "done-2.pdf"]);
        let (url, fake) = start_shared(fake::Config {
            job_time: Some(Duration::from_millis(900)),
            ..fake::Config::default()
        });
        let resumed = Resumed { dir, url, fake };
        let first = resumed.run(&[]).output().unwrap();
        assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
        resumed
    }

    fn docs(&self) -> std::path::PathBuf {
        self.dir.path().join("docs")
    }

    fn out(&self) -> std::path::PathBuf {
        self.dir.path().join("out")
    }

    /// The jobs the runs created, as the result store recorded them.
    fn created(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("store").join("index.jsonl"))
            .unwrap_or_default()
            .matches("\"event\":\"created\"")
            .count()
    }

    /// Waits until the store has recorded `count` jobs.
    fn wait_for_created(&self, count: usize) {
        let started = std::time::Instant::now();
        while self.created() < count {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the new jobs were not recorded"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn run(&self, extra: &[&str]) -> std::process::Command {
        let mut command = crate::harness::command();
        command
            .env("LLAMA_CLOUD_BASE_URL", &self.url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", self.dir.path().join("store"))
            // Polls on a faster clock: the jobs' own time (real) is what is waited for.
            .env("LLAMACLOUD_TEST_CLOCK_SPEED", "10")
            .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
            .arg(self.docs())
            .arg("--output-dir")
            .arg(self.out())
            .args(extra);
        command
    }
}

#[cfg(unix)]
#[test]
fn a_run_killed_half_way_resumes_without_paying_twice() {
    use std::process::Stdio;
    let resumed = Resumed::new();
    let (out, fake) = (resumed.out(), &resumed.fake);
    let done_at = std::fs::metadata(out.join("done-1.pdf.md"))
        .unwrap()
        .modified()
        .unwrap();
    tree(&resumed.docs(), &["new-1.pdf", "new-2.pdf", "new-3.pdf"]);
    let mut child = resumed
        .run(&[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    resumed.wait_for_created(2 + 3);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fake.made_jobs().len(), 5);

    let second = resumed.run(&[]).output().unwrap();
    assert_eq!(second.status.code(), Some(0), "{}", stderr_of(&second));
    assert_eq!(fake.made_jobs().len(), 5, "no job was created twice");
    let events = events(&second.stdout);
    let status = |name: &str| {
        events
            .iter()
            .find(|e| e["source"].as_str().unwrap().ends_with(name))
            .map(|e| e["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(status("done-1.pdf"), "SKIPPED");
    assert!(["COMPLETED", "CACHED"].contains(&status("new-2.pdf").as_str()));
    assert_eq!(
        std::fs::metadata(out.join("done-1.pdf.md"))
            .unwrap()
            .modified()
            .unwrap(),
        done_at,
        "a result already written is not downloaded again"
    );
    assert!(out.join("new-3.pdf.md").exists());
}

/// Ctrl-C: no new document is started, the running ones are left in the store, and the command
/// says so and exits 130; the next run finishes them without creating them again.
#[cfg(unix)]
#[test]
fn ctrl_c_starts_nothing_new_and_the_next_run_finishes_without_paying_twice() {
    use std::process::Stdio;
    let resumed = Resumed::new();
    let fake = &resumed.fake;
    tree(&resumed.docs(), &["late-1.pdf", "late-2.pdf", "late-3.pdf"]);
    // One job in flight at a time, so that the second late file waits for the first.
    let mut child = resumed
        .run(&["--concurrency", "1", "--max-in-flight", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    resumed.wait_for_created(2 + 1);
    let mut stderr = child.stderr.take().unwrap();
    let (code, _) = crate::scripted::interrupt(child);
    assert_eq!(code, Some(130));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
    assert!(
        text.contains(
            "interrupted: 2 done, 1 running (their jobs are recorded: the next run waits for them), 2 not started; \
             to go on: llamacloud parse --tier agentic --format jsonl --recursive "
        ) && text.ends_with(" --concurrency 1 --max-in-flight 1\n"),
        "{text}"
    );
    // What the run cost so far comes first: the job made, not billed yet.
    assert!(
        text.contains("\n  agentic     1     50        500       0         1       0\ninterrupted: "),
        "{text}"
    );
    assert_eq!(fake.made_jobs().len(), 3, "the second late file was not started");
    let last = resumed.run(&[]).output().unwrap();
    assert_eq!(last.status.code(), Some(0), "{}", stderr_of(&last));
    assert_eq!(fake.made_jobs().len(), 5);
}

#[test]
fn results_as_text_or_json_and_the_output_directory_inside_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(&docs, &["a.pdf", "b/c.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    // Text into a directory inside the tree (run twice: the results are not parsed), then JSON.
    let inside = docs.join("out");
    let outside = dir.path().join("out-json");
    let runs = [
        ("text", "txt", &inside),
        ("text", "txt", &inside),
        ("json", "json", &outside),
    ];
    for (format, extension, out) in runs {
        let output = cli(&url)
            .args(["parse", "--tier", "agentic", "--format", format, "--recursive"])
            .arg(&docs)
            .arg("--output-dir")
            .arg(out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let text = std::fs::read_to_string(out.join(format!("b/c.pdf.{extension}"))).unwrap();
        match format {
            "json" => {
                let job: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(job["job"]["status"], "COMPLETED");
                assert!(job["markdown"]["pages"].is_array() && job["text"]["pages"].is_array());
            }
            _ => assert!(text.starts_with("c.pdf\n") && !text.contains('#'), "{text}"),
        }
    }
    let mut names = made_names(&fake);
    names.sort();
    assert_eq!(
        names,
        ["a.pdf", "a.pdf", "c.pdf", "c.pdf"],
        "once as text (the second run skipped them and never parsed the results), once as JSON"
    );

    // A document the API refuses: exit 5.
    let output = cli(&url)
        .args(["parse", "--tier", "turbo", "--recursive"])
        .arg(&docs)
        .args(["--include", "a.pdf", "--output-dir"])
        .arg(dir.path().join("refused"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_stops_new_documents_quietly() {
    use std::io::BufRead as _;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let files: Vec<String> = (0..8).map(|i| format!("doc-{i}.pdf")).collect();
    tree(&docs, &files.iter().map(String::as_str).collect::<Vec<_>>());
    // Jobs that end at once, so each document takes a moment.
    let (url, fake) = start_shared(fake::Config {
        job_time: Some(Duration::from_millis(1)),
        ..fake::Config::default()
    });
    let mut child = crate::harness::command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args([
            "parse",
            "--tier",
            "fast",
            "--format",
            "jsonl",
            "--concurrency",
            "1",
            "--max-in-flight",
            "1",
            "--recursive",
        ])
        .arg(&docs)
        .arg("--output-dir")
        .arg(dir.path().join("out"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -1`: one line read, then the pipe is closed.
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"status\":\"COMPLETED\""), "{first}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("error"));
    assert!(fake.made_jobs().len() < 8, "it went on after the reader left");
}

#[test]
fn jobs_are_polled_together_in_one_listing_request() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let files: Vec<String> = (0..6).map(|i| format!("doc-{i}.pdf")).collect();
    tree(&docs, &files.iter().map(String::as_str).collect::<Vec<_>>());
    // Jobs that end at once; a real process, so the six are due at about the same real time.
    let (url, _fake) = start_shared(fake::Config {
        job_time: Some(Duration::from_millis(1)),
        ..fake::Config::default()
    });
    let output = crate::harness::command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        // A request the in-test fake leaves unanswered now and then is retried after 3 s.
        .args([
            "parse",
            "--tier",
            "agentic",
            "--concurrency",
            "6",
            "--timeout",
            "3",
        ])
        .args(["--debug", "--recursive"])
        .arg(&docs)
        .arg("--output-dir")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let log = stderr_of(&output);
    let gets: Vec<&str> = log.lines().filter(|l| l.starts_with("debug: > GET ")).collect();
    // Each job is fetched only for its result; its status comes from listings by id.
    let single: HashSet<&&str> = gets.iter().filter(|l| l.contains("/api/v2/parse/pjb-")).collect();
    assert_eq!(single.len(), 6, "{gets:#?}");
    assert!(single.iter().all(|l| l.contains("?expand=markdown")), "{gets:#?}");
    let listings: Vec<&&str> = gets.iter().filter(|l| l.contains("/api/v2/parse?")).collect();
    let asked: usize = listings.iter().map(|l| l.matches("job_ids=").count()).sum();
    assert_eq!(
        asked, 6,
        "each job asked for once, at its first look: {listings:#?}"
    );
    // Asked for together: fewer listings than jobs, one of them for several (how many fall in
    // one poll window depends on how the creates spread in time on a loaded machine).
    assert!(listings.len() < 6, "{listings:#?}");
    assert!(
        listings.iter().any(|l| l.matches("job_ids=").count() >= 2),
        "{listings:#?}"
    );
}

#[test]
fn a_format_a_run_over_several_documents_cannot_write_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(&docs, &["a.md", "b.md"]);
    let (url, fake) = start_shared(fake::Config::default());
    let out = dir.path().join("out");
    for format in ["tsv", "yaml", "raw", "table"] {
        for dry_run in [false, true] {
            let output = cli(&url)
                .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
                .args(["parse", "--tier", "agentic", "--format", format, "--recursive"])
                .arg(&docs)
                .arg("--output-dir")
                .arg(&out)
                .args(dry_run.then_some("--dry-run"))
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2), "{format}: {}", stderr_of(&output));
            assert_eq!(
                stderr_of(&output),
                format!(
                    "error: --format {format} does not apply to several documents: their results are \
                     written as markdown or text (the default), or with --format json as the API's \
                     JSON; --format jsonl adds a JSON line per document on stdout\n"
                )
            );
            assert!(output.stdout.is_empty());
        }
    }
    let created = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parsing", "create", "--wait", "--tier", "agentic", "--format", "yaml",
        ])
        .arg(docs.join("a.md"))
        .arg(docs.join("b.md"))
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(created.status.code(), Some(2), "{}", stderr_of(&created));
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
    assert!(!out.exists());
    assert!(!dir.path().join("store").exists());
}

#[test]
fn what_a_run_killed_while_writing_left_in_out_is_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), &["a.pdf", "sub/b.pdf"]);
    let out = dir.path().join("out");
    // A killed run's temporary outputs (an atomic write never renamed into place), and the
    // user's own files.
    for left in [".llamacloud-k1ll3d.tmp", "sub/.llamacloud-x.tmp"] {
        crate::harness::write(&out.join(left), b"half a document");
    }
    crate::harness::write(&out.join("mine.tmp"), b"mine");
    crate::harness::write(
        &out.join("elsewhere/.llamacloud-y.tmp"),
        b"not where a result goes",
    );
    let (url, _fake) = start_shared(fake::Config::default());
    let run = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(run.status.code(), Some(0), "{}", crate::harness::stderr_of(&run));
    assert!(!out.join(".llamacloud-k1ll3d.tmp").exists());
    assert!(!out.join("sub/.llamacloud-x.tmp").exists());
    assert_eq!(std::fs::read(out.join("mine.tmp")).unwrap(), b"mine");
    assert!(
        out.join("elsewhere/.llamacloud-y.tmp").exists(),
        "only where this run writes"
    );
    assert!(out.join("a.pdf.md").is_file() && out.join("sub/b.pdf.md").is_file());
}

#[test]
fn the_dated_version_a_job_ran_with_is_recorded_and_latest_stays_the_key() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("docs"), &["a.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    let run = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    assert_eq!(run.status.code(), Some(0), "{}", crate::harness::stderr_of(&run));
    let line: Value = serde_json::from_str(crate::harness::stdout_of(&run).lines().next().unwrap()).unwrap();
    // `latest` on the agentic tier, as the fake's GET /api/v2/parse/versions says.
    assert_eq!(line["version"], "2026-08-19");
    let manifest = std::fs::read_to_string(dir.path().join("out/.llamacloud-manifest.jsonl")).unwrap();
    let written: Value = manifest
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l.get("output").is_some())
        .unwrap();
    assert_eq!(written["version"], "2026-08-19");
    // The job was sent with `latest`, and the key is `latest`'s: the rerun pays nothing.
    assert_eq!(fake.made_configurations()[0]["version"], "latest");
    let again = crate::harness::bulk_run(&url, dir.path(), "out", &[]);
    let line: Value =
        serde_json::from_str(crate::harness::stdout_of(&again).lines().next().unwrap()).unwrap();
    assert_eq!(line["status"], "SKIPPED");
    assert_eq!(line.get("version"), None, "known only for a job made in the run");
    assert_eq!(fake.made_jobs().len(), 1);
    // A dated version given is recorded as it is, without asking the API.
    let dated = crate::harness::bulk_run(&url, dir.path(), "dated", &["--version", "2025-12-11"]);
    let line: Value =
        serde_json::from_str(crate::harness::stdout_of(&dated).lines().next().unwrap()).unwrap();
    assert_eq!(line["version"], "2025-12-11");
}
