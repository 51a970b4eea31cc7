//! Paying once for a tree of documents: what a CI checkout, a moved folder, a restored cache,
//! a lost create, a killed run, a full disk or a second run at the same time does to the bill
//! (nothing), and a user's own files (never replaced, never fed back).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use crate::fake_server::{fake, start_shared};
use crate::harness::{InProcess, TEST_KEY, cli, command, copy_tree, stderr_of, stdout_of, walk, write};

/// Files with distinct bytes under `root`.
fn tree(root: &Path, files: &[&str]) {
    for file in files {
        write(&root.join(file), format!("Contents of {file}\n").as_bytes());
    }
}

/// `docs/`, `store/` and `out/` under `dir`.
fn layout(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    (dir.join("docs"), dir.join("store"), dir.join("out"))
}

/// `parse --recursive ROOT... --output-dir OUT` with the store in `store`.
fn bulk(url: &str, store: &Path, roots: &[&Path], out: &Path) -> InProcess {
    let mut run = cli(url);
    run.env("LLAMACLOUD_CACHE_DIR", store)
        .args(["parse", "--tier", "agentic", "--format", "jsonl"]);
    for root in roots {
        run.arg("--recursive").arg(root);
    }
    run.arg("--output-dir").arg(out);
    run
}

fn ok(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(output));
}

/// The result of `relative` (a document's path under its root) in `out`.
fn result(out: &Path, relative: &str) -> String {
    std::fs::read_to_string(out.join(format!("{relative}.md"))).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn a_tree_is_paid_for_once_whatever_happens_to_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf", "b.pdf", "sub/c.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), 3);
    let c = result(&out, "sub/c.pdf");

    // Every input touched (a checkout, a cache restore): nothing paid.
    for file in walk(&docs) {
        let f = std::fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(std::time::SystemTime::now() + Duration::from_secs(3))
            .unwrap();
    }
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    // The same tree elsewhere (fresh times), into a new output directory.
    let copy = dir.path().join("checkout/docs");
    copy_tree(&docs, &copy);
    let out2 = dir.path().join("out2");
    ok(&bulk(&url, &store, &[&copy], &out2).output().unwrap());
    assert_eq!(result(&out2, "sub/c.pdf"), c);
    // From another directory, as ./docs.
    let relative = command()
        .env("LLAMA_CLOUD_BASE_URL", &url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .current_dir(dir.path())
        .args([
            "parse",
            "--tier",
            "agentic",
            "--recursive",
            "./docs",
            "--output-dir",
            "./out3",
        ])
        .output()
        .unwrap();
    ok(&relative);
    assert_eq!(result(&dir.path().join("out3"), "sub/c.pdf"), c);
    // A renamed file.
    std::fs::rename(docs.join("a.pdf"), docs.join("a-renamed.pdf")).unwrap();
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert!(out.join("a-renamed.pdf.md").exists());
    assert_eq!(fake.made_jobs().len(), 3, "nothing was paid twice");

    // Overlapping roots, with a store of their own: the files of sub/ once.
    let fresh = dir.path().join("fresh-store");
    let out4 = dir.path().join("out4");
    ok(&bulk(&url, &fresh, &[&docs, &docs.join("sub")], &out4)
        .output()
        .unwrap());
    assert_eq!(fake.made_jobs().len(), 6);
    assert_eq!(result(&out4, "sub/c.pdf"), result(&out4, "c.pdf"));

    // The same bytes twice in one run: one job, both written.
    write(&docs.join("new.pdf"), b"new bytes\n");
    write(&docs.join("new-copy.pdf"), b"new bytes\n");
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 7);
    assert_eq!(result(&out, "new.pdf"), result(&out, "new-copy.pdf"));
}

#[test]
fn restoring_only_the_output_dir_or_only_the_store_onto_a_fresh_tree_pays_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf", "b/c.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), 2);

    // A CI job: a fresh checkout, out/ restored from a cache (new times), no store.
    let checkout = dir.path().join("ci/docs");
    copy_tree(&docs, &checkout);
    let restored = dir.path().join("ci/out");
    copy_tree(&out, &restored);
    let output = bulk(&url, &dir.path().join("ci/empty-store"), &[&checkout], &restored)
        .output()
        .unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 2, "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("0 parsed, 2 already done"),
        "{}",
        stderr_of(&output)
    );

    // Only the store restored: the results are written from it.
    let out2 = dir.path().join("ci/out2");
    ok(&bulk(&url, &store, &[&checkout], &out2).output().unwrap());
    assert_eq!(result(&out2, "b/c.pdf"), result(&out, "b/c.pdf"));
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn lost_creates_in_a_bulk_run_are_found_by_their_token() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf", "b.pdf", "c.pdf"]);
    // The first create is answered 502 after the job was made, the second is cut half-way.
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![502, 0],
        ..fake::Config::default()
    });
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 3, "{}", stderr_of(&output));
    for name in ["a.pdf", "b.pdf", "c.pdf"] {
        assert!(result(&out, name).starts_with(&format!("# {name}")));
    }
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), 3);
}

#[cfg(unix)]
#[test]
fn a_bulk_run_killed_during_a_slow_create_is_reconciled_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    tree(&docs, &["a.pdf", "b.pdf", "c.pdf"]);
    // The answer comes 0.7 s after the job is made: the run is stopped within ~20 ms of it.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_millis(700),
        ..fake::Config::default()
    });
    for signal in [libc::SIGKILL, libc::SIGTERM] {
        let store = dir.path().join(format!("store-{signal}"));
        let out = dir.path().join(format!("out-{signal}"));
        let before = fake.made_jobs().len();
        let child = command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", "--tier", "agentic", "--concurrency", "1", "--recursive"])
            .arg(&docs)
            .arg("--output-dir")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while fake.made_jobs().len() == before && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: the child's pid, a signal number.
        unsafe { libc::kill(child.id() as i32, signal) };
        let output = child.wait_with_output().unwrap();
        if signal == libc::SIGTERM {
            assert_eq!(output.status.code(), Some(143), "{}", stderr_of(&output));
        }
        assert!(fake.made_jobs().len() > before, "signal {signal}");
        // The next run finds the job the stopped one made, and makes the others.
        let rerun = bulk(&url, &store, &[&docs], &out).output().unwrap();
        ok(&rerun);
        assert_eq!(
            fake.made_jobs().len() - before,
            3,
            "signal {signal}: each document once: {}",
            stderr_of(&rerun)
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_the_run_and_the_next_pays_for_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..12).map(|n| format!("d{n:02}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    std::fs::create_dir_all(&store).unwrap();
    // The store on a tiny tmpfs (root only; elsewhere the test says it was skipped).
    let Some(_unmount) = crate::harness::tmpfs(
        &store,
        "24k",
        "a_full_disk_stops_the_run_and_the_next_pays_for_nothing_twice",
    ) else {
        return;
    };
    let (url, fake) = start_shared(fake::Config::default());
    let mut run = bulk(&url, &store, &[&docs], &out);
    // One job in flight: the run stops creating at the first write that fails.
    run.args(["--concurrency", "1", "--max-in-flight", "1"]);
    let output = run.output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(stderr.contains("stopped creating jobs: "), "{stderr}");
    let made = fake.made_jobs().len();
    assert!(made < names.len(), "it stopped creating: {made} jobs");
    for job in fake.made_jobs() {
        let id = job["id"].as_str().unwrap();
        let recorded = std::fs::read_to_string(store.join("index.jsonl")).unwrap_or_default();
        assert!(
            stderr.contains(id) || recorded.contains(id),
            "job {id} is said or recorded: {stderr}"
        );
    }
    // Room again: the next run pays for each document once in all.
    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=4m"])
        .arg(&store)
        .status()
        .unwrap();
    assert!(grown.success());
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), names.len(), "{}", stderr_of(&output));
}

/// OUT on a full disk stops job creation: a create's intent must be in OUT's manifest before it
/// is sent (OUT alone keeps the money rule). The next run, with room again, parses every document
/// once, and does not look for the job of an intent that was never recorded in OUT.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_out_stops_creating_and_the_next_run_parses_each_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..4).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    std::fs::create_dir_all(&out).unwrap();
    // OUT on a tiny tmpfs, filled (root only; elsewhere the test says it was skipped).
    let Some(_unmount) = crate::harness::tmpfs(
        &out,
        "8k",
        "a_full_disk_under_out_stops_creating_and_the_next_run_parses_each_document_once",
    ) else {
        return;
    };
    let filler = out.join("filler");
    let _ = std::fs::write(&filler, vec![b'x'; 64 * 1024]);
    let (url, fake) = start_shared(fake::Config::default());
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("stopped creating jobs: nothing was sent"),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(
        fake.made_jobs().len(),
        0,
        "no job without its intent in OUT: {stderr}"
    );
    // Room again: every document parsed once, and no token looked for.
    std::fs::remove_file(&filler).unwrap();
    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=4m"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(grown.success());
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("looking for the job"), "{stderr}");
    for line in crate::harness::documents(&stdout_of(&output)) {
        assert_eq!(line["status"], "COMPLETED", "{line}");
    }
    assert_eq!(fake.made_jobs().len(), names.len());
    assert!(result(&out, "d0.pdf").starts_with("# d0.pdf"));
}

#[test]
fn two_runs_at_once_pay_once_and_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..6).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    // Jobs end 0.3 s after they are made (seen at the first poll, 1 s after each create), not
    // over three polls (6 s in a real process).
    let (url, fake) = start_shared(fake::Config {
        create_delay: Duration::from_millis(50),
        job_time: Some(Duration::from_millis(300)),
        ..fake::Config::default()
    });
    let start = || {
        command()
            .env("LLAMA_CLOUD_BASE_URL", &url)
            .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", "--tier", "agentic", "--recursive"])
            .arg(&docs)
            .arg("--output-dir")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (start(), start());
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    ok(&first);
    ok(&second);
    assert_eq!(fake.made_jobs().len(), names.len());
    let said = format!("{}{}", stderr_of(&first), stderr_of(&second));
    assert!(said.contains("Blocking waiting for file lock"), "{said}");
}

#[test]
fn a_users_file_at_an_output_path_is_never_replaced_and_results_are_never_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store) = (dir.path().join("docs"), dir.path().join("store"));
    tree(&docs, &["x.pdf"]);
    write(&docs.join("x.pdf.md"), b"my own notes on x\n");
    let (url, fake) = start_shared(fake::Config::default());
    // The output directory is the tree itself.
    let output = bulk(&url, &store, &[&docs], &docs).output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} exists and was not written by llamacloud",
            docs.join("x.pdf.md").display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(docs.join("x.pdf.md")).unwrap(),
        b"my own notes on x\n"
    );
    // The user's file is a document of the tree: its result is ours, and is never a document.
    assert!(docs.join("x.pdf.md.md").exists());
    assert_eq!(
        fake.made_jobs().len(),
        1,
        "x.pdf was refused before it was paid for"
    );
    for _ in 0..2 {
        let output = bulk(&url, &store, &[&docs], &docs).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        assert!(!docs.join("x.pdf.md.md.md").exists(), "a result was fed back");
    }
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(
        std::fs::read(docs.join("x.pdf.md")).unwrap(),
        b"my own notes on x\n"
    );
}

#[test]
fn results_are_known_as_ours_after_the_manifest_is_lost_and_never_parsed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, _) = layout(dir.path());
    tree(&docs, &["a.pdf", "b.pdf"]);
    // A link to a directory inside the tree (here a loop) is neither followed nor a document.
    std::os::unix::fs::symlink("..", docs.join("loop")).unwrap();
    let out = docs.join("out");
    let (url, fake) = start_shared(fake::Config::default());
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), 2);
    // The manifest torn, then gone: the results hold exactly what the store holds, so they are
    // still ours (recorded again), and the directory, with its lock, is still no document.
    let manifest = out.join(".llamacloud-manifest.jsonl");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, &text[..text.len() - 5]).unwrap();
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    std::fs::remove_file(&manifest).unwrap();
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert!(
        stderr_of(&output).contains("0 parsed, 2 already done"),
        "{}",
        stderr_of(&output)
    );
    let elsewhere = dir.path().join("out2");
    std::fs::remove_file(&manifest).unwrap();
    ok(&bulk(&url, &store, &[&docs], &elsewhere).output().unwrap());
    assert!(
        !elsewhere.join("out").exists(),
        "a result was parsed as a document"
    );
    assert_eq!(fake.made_jobs().len(), 2);
}

/// Starts `parse --recursive DOCS --output-dir OUT` as a process with the store in `store`,
/// `extra` flags, and its stderr piped.
#[cfg(unix)]
fn spawn_bulk(url: &str, store: &Path, docs: &Path, out: &Path, extra: &[&str]) -> std::process::Child {
    command()
        .env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("LLAMACLOUD_CACHE_DIR", store)
        .args(["parse", "--tier", "agentic", "--recursive"])
        .arg(docs)
        .arg("--output-dir")
        .arg(out)
        .args(extra)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits (10 s at most) until the fake has made `count` jobs.
#[cfg(unix)]
fn until_made(fake: &fake::Fake, count: usize) {
    let started = std::time::Instant::now();
    while fake.made_jobs().len() < count && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_run_stopped_while_its_jobs_run_is_resumed_from_the_output_dir_with_another_store() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..6).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    // Jobs end over three polls (the first 1 s after each create): the run is stopped while
    // they all run.
    let (url, fake) = start_shared(fake::Config::default());
    let child = spawn_bulk(&url, &store, &docs, &out, &[]);
    until_made(&fake, names.len());
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let stopped = child.wait_with_output().unwrap();
    assert_eq!(stopped.status.code(), Some(143), "{}", stderr_of(&stopped));
    assert_eq!(fake.made_jobs().len(), names.len());
    // The same output directory with an empty store (a fresh HOME, a container with out/ on a
    // volume): the jobs running are waited for, none is created again.
    let rerun = bulk(&url, &dir.path().join("other-store"), &[&docs], &out)
        .output()
        .unwrap();
    ok(&rerun);
    assert_eq!(
        fake.made_jobs().len(),
        names.len(),
        "one job per document in all: {}",
        stderr_of(&rerun)
    );
    for name in &names {
        assert!(result(&out, name).starts_with(&format!("# {name}")));
    }
}

#[cfg(unix)]
#[test]
fn a_run_killed_before_a_create_was_answered_is_reconciled_from_the_output_dir_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf", "b.pdf", "c.pdf"]);
    // The answer comes 0.7 s after the job is made: the run is killed within ~20 ms of it.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_millis(700),
        ..fake::Config::default()
    });
    let mut child = spawn_bulk(&url, &store, &docs, &out, &["--concurrency", "1"]);
    until_made(&fake, 1);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fake.made_jobs().len(), 1);
    // With an empty store, the intent and its token in out/ find the job made.
    let rerun = bulk(&url, &dir.path().join("other-store"), &[&docs], &out)
        .output()
        .unwrap();
    ok(&rerun);
    let said = stderr_of(&rerun);
    assert_eq!(fake.made_jobs().len(), 3, "no second job: {said}");
    let first = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    assert!(
        said.contains(&format!(
            "note: found job {first} of a create whose answer was lost"
        )),
        "{said}"
    );
}

#[test]
fn the_same_bytes_share_one_job_in_a_run_whatever_the_store_flags() {
    for flags in [&["--no-cache"][..], &["--force"], &[]] {
        let dir = tempfile::tempdir().unwrap();
        let (docs, store, out) = layout(dir.path());
        tree(&docs, &["a.pdf", "b.pdf", "sub/c.pdf", "sub/d.pdf"]);
        write(&docs.join("a-copy.pdf"), b"Contents of a.pdf\n");
        write(&docs.join("sub/c-copy.pdf"), b"Contents of sub/c.pdf\n");
        let (url, fake) = start_shared(fake::Config::default());
        // sub/ is reached through both roots: 9 documents, 4 distinct.
        let output = bulk(&url, &store, &[&docs, &docs.join("sub")], &out)
            .args(flags)
            .output()
            .unwrap();
        ok(&output);
        assert_eq!(fake.made_jobs().len(), 4, "{flags:?}: {}", stderr_of(&output));
        assert!(
            stderr_of(&output).contains(": 4 parsed, 5 already done, 0 failed;"),
            "{flags:?}: {}",
            stderr_of(&output)
        );
        for (one, same) in [
            ("a.pdf", "a-copy.pdf"),
            ("sub/c.pdf", "sub/c-copy.pdf"),
            ("sub/c.pdf", "c.pdf"),
            ("sub/c.pdf", "c-copy.pdf"),
            ("sub/d.pdf", "d.pdf"),
        ] {
            assert_eq!(result(&out, one), result(&out, same), "{flags:?}: {same}");
        }
        assert!(result(&out, "b.pdf").starts_with("# b.pdf"), "{flags:?}");
    }
}

#[test]
fn a_job_the_api_lost_is_parsed_again_once_under_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    let run = || {
        bulk(&url, &store, &[&docs], &out)
            .arg("--no-cache")
            .output()
            .unwrap()
    };
    ok(&run());
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    // Its result gone from OUT (the manifest still names its job), the job gone from the API.
    std::fs::remove_file(out.join("a.pdf.md")).unwrap();
    ok(&cli(&url)
        .args(["parsing", "delete", &id, "--yes"])
        .output()
        .unwrap());
    let output = run();
    ok(&output);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(&format!(
            "note: the API no longer knows job {id} of {}: parsing it again",
            docs.join("a.pdf").display()
        )),
        "{stderr}"
    );
    assert_eq!(fake.jobs_made_ever(), 2, "{stderr}");
    assert!(result(&out, "a.pdf").starts_with("# a.pdf"));
}

#[test]
fn results_written_into_the_tree_are_no_documents_of_a_run_into_another_dir() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, _) = layout(dir.path());
    tree(&docs, &["a.pdf", "sub/b.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    ok(&bulk(&url, &store, &[&docs], &docs).output().unwrap());
    assert!(docs.join("sub/b.pdf.md").exists());
    assert_eq!(fake.made_jobs().len(), 2);
    // Into another directory, with the store and without it: the documents only.
    for (flags, jobs) in [(&[][..], 2), (&["--no-cache"], 4)] {
        let md = dir.path().join(format!("md{jobs}"));
        let output = bulk(&url, &store, &[&docs], &md).args(flags).output().unwrap();
        ok(&output);
        assert_eq!(fake.made_jobs().len(), jobs, "{flags:?}: {}", stderr_of(&output));
        let sources: Vec<String> = crate::harness::documents(&stdout_of(&output))
            .iter()
            .map(|line| line["source"].to_string())
            .collect();
        assert_eq!(sources.len(), 2, "{flags:?}: {sources:?}");
        assert!(!md.join("a.pdf.md.md").exists(), "{flags:?}: a result was parsed");
        assert_eq!(result(&md, "sub/b.pdf"), result(&docs, "sub/b.pdf"));
    }
    // A dry run lists the documents only (then its estimate).
    let planned = bulk(&url, &store, &[&docs], &dir.path().join("md9"))
        .arg("--dry-run")
        .output()
        .unwrap();
    ok(&planned);
    assert_eq!(
        crate::harness::stdout_of(&planned).lines().count(),
        3,
        "{}",
        crate::harness::stdout_of(&planned)
    );
}

#[test]
fn an_output_dir_and_a_store_made_by_the_release_before_pay_nothing_and_dry_run_agrees() {
    use llamacloud::test_support::key;
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf", "b.pdf"]);
    let (url, fake) = start_shared(fake::Config::default());
    let agentic = serde_json::json!({"tier": "agentic", "version": "latest"});
    // a.pdf's result is in OUT and b.pdf's in the result store, as the release before recorded
    // them: under the key of the bytes alone.
    let a = docs.join("a.pdf");
    let (hash, _) = key::hash_file(&a).unwrap();
    let context = key::Context {
        origin: &url,
        project_id: None,
        organization_id: None,
    };
    let legacy = key::result_key(&format!("blake3:{hash}"), agentic.as_object().unwrap(), &context);
    write(&out.join("a.pdf.md"), b"# a before\n");
    let modified_ns = std::fs::metadata(out.join("a.pdf.md"))
        .unwrap()
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let line = serde_json::json!({
        "output": "a.pdf.md", "source": a.display().to_string(), "key": legacy, "job_id": "pjb-a",
        "bytes": 11, "modified_ns": modified_ns, "hash": key::hash_bytes(b"# a before\n"),
    });
    write(
        &out.join(".llamacloud-manifest.jsonl"),
        format!("{line}\n").as_bytes(),
    );
    crate::pay_once::stored_by_the_release_before(
        &url,
        &store,
        &docs.join("b.pdf"),
        agentic,
        "pjb-b",
        b"# b before\n",
    );

    let dry = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", "--tier", "agentic", "--recursive"])
        .arg(&docs)
        .arg("--output-dir")
        .arg(&out)
        .arg("--dry-run")
        .output()
        .unwrap();
    ok(&dry);
    let said = String::from_utf8_lossy(&dry.stdout).into_owned();
    let line_of = |name: &str| {
        said.lines()
            .find(|l| l.ends_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line_of("/a.pdf").starts_with("done "), "{said}");
    assert!(line_of("/b.pdf").starts_with("cached "), "{said}");
    assert!(said.contains(": 0 to parse ("), "{said}");

    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 0, "{}", stderr_of(&output));
    assert_eq!(result(&out, "a.pdf"), "# a before\n");
    assert_eq!(result(&out, "b.pdf"), "# b before\n");
    // Recorded again under the new keys: OUT alone now says both are done.
    let again = bulk(&url, &dir.path().join("empty-store"), &[&docs], &out)
        .output()
        .unwrap();
    ok(&again);
    assert!(
        stderr_of(&again).contains("0 parsed, 2 already done"),
        "{}",
        stderr_of(&again)
    );
    assert_eq!(fake.made_jobs().len(), 0);
}

#[test]
fn a_refused_create_is_never_looked_for_by_its_token() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..8).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    // Every create of three runs is refused for good.
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![400; 3 * names.len()],
        ..fake::Config::default()
    });
    let refused = bulk(&url, &store, &[&docs], &out).output().unwrap();
    assert_eq!(refused.status.code(), Some(5), "{}", stderr_of(&refused));
    // The store alone (another output directory), then the output directory alone (another
    // store): each knows the creates were refused, and creates at once.
    for (store, out) in [
        (store.clone(), dir.path().join("out2")),
        (dir.path().join("other-store"), out.clone()),
    ] {
        let mut run = bulk(&url, &store, &[&docs], &out);
        let output = run.output().unwrap();
        let said = stderr_of(&output);
        assert_eq!(output.status.code(), Some(5), "{said}");
        assert_eq!(fake.requests_seen().listings, 0, "no job looked for: {said}");
        assert!(run.sleeps().is_empty(), "{:?}: {said}", run.sleeps());
        assert!(!said.contains("looking for the job"), "{said}");
    }
    assert_eq!(fake.requests_seen().creates, 3 * names.len());
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_402_stops_creating_and_the_next_run_creates_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..5).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![402],
        ..fake::Config::default()
    });
    let mut run = bulk(&url, &store, &[&docs], &out);
    run.args(["--concurrency", "1"]);
    let output = run.output().unwrap();
    let said = stderr_of(&output);
    // Out of credits: exit 8, as a budget reached.
    assert_eq!(output.status.code(), Some(8), "{said}");
    assert_eq!(
        fake.requests_seen().creates,
        1,
        "nothing sent after the 402: {said}"
    );
    assert!(
        said.contains("0 parsed, 0 already done, 0 failed, 5 left (out of credits)"),
        "{said}"
    );
    assert!(
        said.contains("error: HTTP 402 Payment Required: Insufficient credits (the organization is out of credits); 5 documents not started: "),
        "{said}"
    );
    assert!(
        said.contains("to go on, once the organization has credits again, run the same command; what is done is not paid for again: "),
        "{said}"
    );
    // Credits again: each document once, and the refused create is not looked for.
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), names.len());
    assert_eq!(fake.requests_seen().listings, 0);
}

/// One document whose create's answer is lost (it comes after `--timeout`), its job left out of
/// the first `list_lag` listings: the bulk run's output, and the fake.
fn a_create_answer_lost(list_lag: usize) -> (Output, std::sync::Arc<fake::Fake>) {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf"]);
    let (url, fake) = start_shared(fake::Config {
        answer_delay: Duration::from_millis(1500),
        list_lag,
        parse_jobs: 0,
        ..fake::Config::default()
    });
    let output = bulk(&url, &store, &[&docs], &out)
        .args(["--timeout", "1", "--max-retries", "0"])
        .output()
        .unwrap();
    (output, fake)
}

#[test]
fn a_job_this_run_made_and_found_later_by_its_token_is_billed_as_made() {
    // The first round's four looks do not find the job, the next round's do.
    let (output, fake) = a_create_answer_lost(6);
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 1, "{}", stderr_of(&output));
    let line: serde_json::Value = serde_json::from_str(stdout_of(&output).lines().next().unwrap()).unwrap();
    assert_eq!(line["status"], "COMPLETED", "{line}");
    assert_ne!(line["credits"], serde_json::json!(0), "{line}");
    // The receipt counts it as a job made, billed, its reservation no longer held.
    let receipt: serde_json::Value =
        serde_json::from_str(stdout_of(&output).lines().last().unwrap()).unwrap();
    let total = &receipt["receipt"]["total"];
    assert_eq!(
        (&total["jobs"], &total["unbilled"]),
        (&serde_json::json!(1), &serde_json::json!(0)),
        "{receipt}"
    );
    assert_eq!(total["billed"].as_f64(), Some(fake.credits_billed()), "{receipt}");
    assert!(
        stderr_of(&output).contains(": 1 parsed, 0 already done, 0 failed;"),
        "{}",
        stderr_of(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_force_run_stopped_while_its_jobs_run_is_resumed_without_paying_again() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    let names: Vec<String> = (0..4).map(|n| format!("d{n}.pdf")).collect();
    tree(&docs, &names.iter().map(String::as_str).collect::<Vec<_>>());
    let (url, fake) = start_shared(fake::Config::default());
    ok(&bulk(&url, &store, &[&docs], &out).output().unwrap());
    assert_eq!(fake.made_jobs().len(), names.len());
    // --force parses again; stopped while those jobs run, then run again as it says to.
    let child = spawn_bulk(&url, &store, &docs, &out, &["--force"]);
    until_made(&fake, 2 * names.len());
    // SAFETY: the child's pid, a signal number.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let stopped = child.wait_with_output().unwrap();
    assert_eq!(stopped.status.code(), Some(143), "{}", stderr_of(&stopped));
    let rerun = bulk(&url, &store, &[&docs], &out)
        .arg("--force")
        .output()
        .unwrap();
    ok(&rerun);
    assert_eq!(
        fake.made_jobs().len(),
        2 * names.len(),
        "the stopped --force run's jobs are waited for, not made again: {}",
        stderr_of(&rerun)
    );
}

#[test]
fn a_create_this_run_lost_is_never_sent_again_in_the_same_run() {
    // Its job stays out of every listing this run makes.
    let (output, fake) = a_create_answer_lost(1000);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert_eq!(
        fake.made_jobs().len(),
        1,
        "one create, never sent again: {}",
        stderr_of(&output)
    );
    let line: serde_json::Value = serde_json::from_str(stdout_of(&output).lines().next().unwrap()).unwrap();
    assert_eq!(line["status"], "ERROR", "{line}");
    assert!(
        line["error"]
            .as_str()
            .unwrap()
            .contains("the next run looks for its job first"),
        "{line}"
    );
}

#[test]
fn a_create_the_api_did_not_take_in_for_a_long_while_is_sent_again_in_a_later_round() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, store, out) = layout(dir.path());
    tree(&docs, &["a.pdf"]);
    // More 503s than one round sends the create (9 sends of 3 tries each): the server took none
    // of them in.
    let (url, fake) = start_shared(fake::Config {
        create_faults: vec![503; 40],
        parse_jobs: 0,
        ..fake::Config::default()
    });
    let output = bulk(&url, &store, &[&docs], &out).output().unwrap();
    ok(&output);
    assert_eq!(fake.made_jobs().len(), 1, "{}", stderr_of(&output));
    assert!(
        !stderr_of(&output).contains("looking for the job"),
        "nothing to look for: {}",
        stderr_of(&output)
    );
}
