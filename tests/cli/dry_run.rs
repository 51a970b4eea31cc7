//! `--dry-run`: every document walked, checked and keyed as a real run does, the result store
//! and the manifest consulted, nothing sent, and a line per document with what would happen,
//! its size and its page count, then a total.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, stderr_of, walk, write};

/// A blank PDF of `pages` pages (one to three).
fn blank_pdf(pages: usize) -> Vec<u8> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let name = if pages == 1 {
        "blank-1-page.pdf".to_string()
    } else {
        format!("blank-{pages}-pages.pdf")
    };
    std::fs::read(fixtures.join(name)).unwrap()
}

#[test]
fn a_dry_run_says_what_each_document_would_cost_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(&docs.join("done.md"), b"# done before\n");
    write(&docs.join("cached.md"), b"# in the store\n");
    let (url, fake) = start_shared(fake::Config::default());
    let store = dir.path().join("store");
    let run = |args: &[&str]| {
        cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", "--tier", "agentic"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = dir.path().join("out");
    let (docs_arg, out_arg) = (docs.to_str().unwrap(), out.to_str().unwrap());
    // done.md's result is in OUT; cached.md's only in the result store.
    let done = run(&[
        "--recursive",
        docs_arg,
        "--include",
        "done.md",
        "--output-dir",
        out_arg,
    ]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr_of(&done));
    let cached = run(&[docs.join("cached.md").to_str().unwrap()]);
    assert_eq!(cached.status.code(), Some(0), "{}", stderr_of(&cached));
    write(&docs.join("report.pdf"), &blank_pdf(3));
    write(&docs.join("sub/scan.pdf"), &blank_pdf(1));
    write(&docs.join("empty.pdf"), b"");
    write(&docs.join("notes.md"), b"# notes\n");
    let before = (fake.requests_seen(), fake.made_jobs().len());

    let dry = run(&["--recursive", docs_arg, "--output-dir", out_arg, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr_of(&dry));
    let root = docs.display();
    assert_eq!(
        String::from_utf8_lossy(&dry.stdout),
        format!(
            "cached   15 bytes          -  {root}/cached.md\n\
             done     14 bytes          -  {root}/done.md\n\
             skip      0 bytes          -  {root}/empty.pdf: cannot upload {root}/empty.pdf: it is empty (0 bytes): there is nothing to parse\n\
             parse     8 bytes          -  {root}/notes.md: parsed whole: its page count is not known here\n\
             parse   {} bytes    3 pages  {root}/report.pdf\n\
             parse   {} bytes     1 page  {root}/sub/scan.pdf\n\
             6 documents: 3 to parse (4 pages + 1 document of unknown length, {} bytes), 1 done, 1 cached, 1 skipped; nothing was sent\n\
             estimate on agentic: 3 documents, 54 pages × 10 credits a page = 540 credits\n\
             estimate in all: 540 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)\n",
            blank_pdf(3).len(),
            blank_pdf(1).len(),
            8 + blank_pdf(3).len() + blank_pdf(1).len()
        )
    );
    // As jsonl: one object per document, the total on stderr.
    let lines = run(&[
        "--recursive",
        docs_arg,
        "--output-dir",
        out_arg,
        "--dry-run",
        "--format",
        "jsonl",
    ]);
    assert_eq!(lines.status.code(), Some(0), "{}", stderr_of(&lines));
    let objects: Vec<Value> = String::from_utf8_lossy(&lines.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &serde_json::Value| line.get("receipt").is_none())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect();
    // One a document, then the estimate.
    assert_eq!(objects.len(), 7);
    assert_eq!(objects[6]["estimate"]["total_credits"], json!(540.0));
    assert_eq!(
        objects[4],
        json!({"source": format!("{root}/report.pdf"), "action": "parse", "bytes": blank_pdf(3).len(), "pages": 3, "reason": null})
    );
    assert_eq!(objects[2]["action"], "skip");
    assert!(
        stderr_of(&lines).ends_with("1 skipped; nothing was sent\n"),
        "{}",
        stderr_of(&lines)
    );
    // Nothing was asked of the API, nothing made, nothing written.
    assert_eq!((fake.requests_seen(), fake.made_jobs().len()), before);
    assert!(!out.join("report.pdf.md").exists());
}

#[test]
fn a_dry_run_counts_the_pages_max_pages_and_target_pages_leave() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(&docs.join("three.pdf"), &blank_pdf(3));
    write(&docs.join("two.pdf"), &blank_pdf(2));
    write(&docs.join("one.pdf"), &blank_pdf(1));
    let (url, fake) = start_shared(fake::Config::default());
    let run = |args: &[&str]| {
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args([
                "parse",
                "--tier",
                "agentic",
                "--recursive",
                docs.to_str().unwrap(),
                "--dry-run",
            ])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            // The estimate's lines after the total are another test's.
            .filter(|line| !line.starts_with("estimate"))
            .map(|line| {
                line.split_whitespace()
                    .skip(3)
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
    };
    // Lines: action, size (two words), pages (two words), source; then the total.
    assert_eq!(
        run(&["--max-pages", "2"]),
        ["1 page", "2 pages", "2 pages", "to parse"]
    );
    assert_eq!(
        run(&["--target-pages", "2-5"]),
        ["0 pages", "2 pages", "1 page", "to parse"]
    );
    assert_eq!(
        run(&["--target-pages", "1,3", "--max-pages", "1"]),
        ["1 page", "1 page", "1 page", "to parse"]
    );
    let options = dir.path().join("options.json");
    write(&options, br#"{"page_ranges": {"max_pages": 2}}"#);
    let total = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parse",
            "--tier",
            "agentic",
            "--recursive",
            docs.to_str().unwrap(),
            "--dry-run",
        ])
        .args(["--options", options.to_str().unwrap()])
        .output()
        .unwrap();
    // --options too; the total adds what each would parse.
    let said = String::from_utf8_lossy(&total.stdout);
    assert!(
        said.contains("\n3 documents: 3 to parse (5 pages, "),
        "{said}{}",
        stderr_of(&total)
    );
    assert_eq!(fake.made_jobs().len(), 0);
}

/// A PDF that a user password locks (made with lopdf: owner "owner", user "secret").
fn locked_pdf() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locked-by-password.pdf"))
        .unwrap()
}

#[test]
fn what_a_dry_run_skips_a_real_run_refuses_before_paying() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(&docs.join("empty.pdf"), b"");
    write(&docs.join(format!("{}.pdf", "n".repeat(250))), b"%PDF long name");
    write(&docs.join("fine.md"), b"# fine\n");
    write(&docs.join("locked.pdf"), &locked_pdf());
    write(&docs.join("backup.ZIP"), b"PK\x03\x04");
    let (url, fake) = start_shared(fake::Config::default());
    let out = dir.path().join("out");
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", "--tier", "agentic", "--format", "jsonl", "--recursive"])
        .arg(&docs)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let said: Vec<(String, String)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|line: &serde_json::Value| line.get("receipt").is_none())
        .map(|l| {
            (
                l["status"].as_str().unwrap().to_string(),
                l["error"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(said.len(), 5);
    assert!(
        said.iter().any(|(status, why)| status == "ERROR"
            && why.ends_with(
                "backup.ZIP: an archive is not a document the API parses (see its supported document types)"
            )),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(status, why)| status == "ERROR" && why.contains("the PDF is locked by a password")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(status, why)| status == "ERROR" && why.contains("it is empty (0 bytes)")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|(status, why)| status == "ERROR"
            && why.contains("is longer than a file name can be (255 bytes)")),
        "{said:?}"
    );
    assert_eq!(fake.made_jobs().len(), 1, "only fine.md is paid for");
}

#[test]
fn a_dry_run_writes_nothing_opens_no_fifo_and_counts_shared_bytes_once() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(&docs.join("a.md"), b"# same\n");
    write(&docs.join("copy.md"), b"# same\n");
    let (url, fake) = start_shared(fake::Config::default());
    let store = dir.path().join("store");
    let run = |args: &[&str], stdin: &str| {
        cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", &store)
            .args(["parse", "--tier", "agentic", "--dry-run"])
            .args(args)
            .stdin(stdin)
            .output()
            .unwrap()
    };
    // A store that exists is consulted, never written (not even its stat cache).
    let first = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", "--tier", "agentic", docs.join("a.md").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    write(&docs.join("twin-1.md"), b"# twins\n");
    write(&docs.join("twin-2.md"), b"# twins\n");
    let snapshot = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = walk(dir)
            .into_iter()
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&store);
    let (docs_arg, out) = (docs.to_str().unwrap(), dir.path().join("out"));
    let planned = run(
        &["--recursive", docs_arg, "--output-dir", out.to_str().unwrap()],
        "",
    );
    assert_eq!(planned.status.code(), Some(0), "{}", stderr_of(&planned));
    let lines = String::from_utf8_lossy(&planned.stdout).into_owned();
    assert_eq!(
        lines,
        format!(
            "cached    7 bytes          -  {docs_arg}/a.md\n\
             cached    7 bytes          -  {docs_arg}/copy.md\n\
             parse     8 bytes          -  {docs_arg}/twin-1.md: parsed whole: its page count is not known here\n\
             cached    8 bytes          -  {docs_arg}/twin-2.md: the same bytes as {docs_arg}/twin-1.md: one job for both\n\
             4 documents: 1 to parse (pages not known, 8 bytes), 0 done, 3 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 50 pages × 10 credits a page = 500 credits\n\
             estimate in all: 500 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)\n"
        )
    );
    assert_eq!(snapshot(&store), before, "the store is as it was");
    assert!(!out.exists());
    // -o is refused: a dry run's report never goes over a file (here, the document itself).
    let target = docs.join("a.md");
    let refused = run(&[target.to_str().unwrap(), "-o", target.to_str().unwrap()], "");
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        stderr_of(&refused),
        "error: --dry-run prints what would happen on stdout; -o and --jq do not apply\n"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"# same\n");
    // An --output-dir that is a file is refused as the real run refuses it.
    let not_dir = run(
        &["--recursive", docs_arg, "--output-dir", target.to_str().unwrap()],
        "",
    );
    assert_eq!(not_dir.status.code(), Some(2), "{}", stderr_of(&not_dir));
    // A FIFO named in a list is skipped, never opened (opening it would wait for a writer).
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let listed = run(
            &["--from-list", "-", "--output-dir", out.to_str().unwrap()],
            &format!("{}\n", fifo.display()),
        );
        assert_eq!(listed.status.code(), Some(0), "{}", stderr_of(&listed));
        assert!(
            String::from_utf8_lossy(&listed.stdout).starts_with("skip "),
            "{}",
            String::from_utf8_lossy(&listed.stdout)
        );
    }
    // One document to stdout has no result file whose name could be too long.
    let long = docs.join(format!("{}.md", "x".repeat(252)));
    write(&long, b"# long\n");
    let one = run(&[long.to_str().unwrap()], "");
    assert!(
        String::from_utf8_lossy(&one.stdout).starts_with("parse "),
        "{}",
        String::from_utf8_lossy(&one.stdout)
    );
    assert_eq!(fake.made_jobs().len(), 1);
}

#[test]
fn a_dry_run_of_one_document_exits_as_the_real_run_would() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    write(&empty, b"");
    let missing = dir.path().join("missing.md");
    let (url, fake) = start_shared(fake::Config::default());
    for (path, said) in [
        (
            &missing,
            format!("error: cannot upload {}: no such file\n", missing.display()),
        ),
        (
            &empty,
            format!(
                "error: cannot upload {}: it is empty (0 bytes): there is nothing to parse\n",
                empty.display()
            ),
        ),
    ] {
        for dry in [true, false] {
            let mut run = cli(&url);
            run.args(["parse", path.to_str().unwrap(), "--tier", "agentic"]);
            if dry {
                run.arg("--dry-run");
            }
            let output = run.output().unwrap();
            assert_eq!(
                (output.status.code(), stderr_of(&output)),
                (Some(2), said.clone()),
                "dry run: {dry}"
            );
        }
    }
    assert!(fake.made_jobs().is_empty());
}
