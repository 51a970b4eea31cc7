//! `--dry-run` ends with the estimate in credits: the documents to parse, their pages (counted
//! here, else `--assume-pages`) × the tier's published credits a page, per tier and in all; and
//! with a budget (`--max-credits`, or `config set max_credits`), whether it fits.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, stderr_of, stdout_of, write};

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

/// A folder of PDFs of 3, 1 and 2 pages, and a .docx whose pages are not known here (last).
fn folder(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    write(&docs.join("a.pdf"), &blank_pdf(3));
    write(&docs.join("b.pdf"), &blank_pdf(1));
    write(&docs.join("c.pdf"), &blank_pdf(2));
    write(&docs.join("z-notes.docx"), b"PK\x03\x04 not really a docx");
    docs
}

/// The lines after the dry run's total (the line that ends "nothing was sent").
fn closing(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .skip_while(|line| !line.ends_with("nothing was sent"))
        .skip(1)
        .collect()
}

#[test]
fn a_dry_run_ends_with_the_estimate_in_credits_assuming_pages_it_cannot_count() {
    let dir = tempfile::tempdir().unwrap();
    let docs = folder(dir.path());
    let (url, fake) = start_shared(fake::Config::default());
    let run = |args: &[&str]| {
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args(["parse", "--tier", "cost_effective", "--recursive"])
            .arg(&docs)
            .arg("--dry-run")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        output
    };
    // 6 pages counted + 50 assumed for the .docx, × 3 credits a page.
    let plain = run(&[]);
    let stdout = stdout_of(&plain);
    assert!(
        stdout.contains("\n4 documents: 4 to parse (6 pages + 1 document of unknown length, "),
        "{stdout}"
    );
    assert_eq!(
        closing(&stdout),
        [
            "estimate on cost_effective: 4 documents, 56 pages × 3 credits a page = 168 credits",
            "estimate in all: 168 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)",
        ]
    );
    // --assume-pages changes what the .docx counts for.
    let seven = stdout_of(&run(&["--assume-pages", "7"]));
    assert_eq!(
        closing(&seven),
        [
            "estimate on cost_effective: 4 documents, 13 pages × 3 credits a page = 39 credits",
            "estimate in all: 39 credits at the published rates; 1 document of unknown page count counted at 7 pages (--assume-pages)",
        ]
    );
    // As jsonl: the documents' lines, then the estimate as the last line; the total on stderr.
    let lines = run(&["--assume-pages", "7", "--format", "jsonl"]);
    let objects: Vec<Value> = stdout_of(&lines)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 5);
    assert_eq!(objects[3]["action"], "parse");
    assert_eq!(
        objects[4],
        json!({"estimate": {
            "tiers": [{"tier": "cost_effective", "documents": 4, "pages": 13, "credits": 39.0}],
            "total_credits": 39.0,
            "assumed_documents": 1,
            "assume_pages": 7
        }})
    );
    assert!(
        stderr_of(&lines).ends_with("0 skipped; nothing was sent\n"),
        "{}",
        stderr_of(&lines)
    );
    // Nothing was asked of the API.
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_dry_run_says_whether_the_estimate_fits_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let docs = folder(dir.path());
    let (url, fake) = start_shared(fake::Config::default());
    let run = |args: &[&str]| {
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args(["parse", "--tier", "cost_effective", "--recursive"])
            .arg(&docs)
            .arg("--dry-run")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        output
    };
    // In order: 9, 3 and 6 credits fit under 100; the .docx (150) would stop the run.
    let over = stdout_of(&run(&["--max-credits", "100"]));
    assert_eq!(
        closing(&over).last().unwrap(),
        &"estimate 168 credits, over the budget of 100 (--max-credits): about 3 documents would be parsed before it stops"
    );
    let within = stdout_of(&run(&["--max-credits", "168"]));
    assert_eq!(
        closing(&within).last().unwrap(),
        &"estimate 168 credits, within the budget of 168 (--max-credits)"
    );
    let lines = run(&["--max-credits", "100", "--format", "jsonl"]);
    let last: Value = serde_json::from_str(stdout_of(&lines).lines().last().unwrap()).unwrap();
    assert_eq!(last["estimate"]["max_credits"], json!(100.0));
    assert_eq!(last["estimate"]["within_budget"], json!(false));
    assert_eq!(last["estimate"]["documents_within_budget"], json!(3));
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
}

#[test]
fn one_document_ends_with_its_estimate_too_windows_by_their_pages_and_a_url_assumed() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("three.pdf");
    write(&pdf, &blank_pdf(3));
    let (url, fake) = start_shared(fake::Config::default());
    let run = |args: &[&str]| {
        let output = cli(&url)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args(["parse", "--dry-run"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        stdout_of(&output)
    };
    let one = run(&["--tier", "agentic", pdf.to_str().unwrap()]);
    assert_eq!(
        closing(&one),
        [
            "estimate on agentic: 1 document, 3 pages × 10 credits a page = 30 credits",
            "estimate in all: 30 credits at the published rates",
        ]
    );
    // In windows of one page: the pages of its windows to parse.
    let windows = run(&["--tier", "fast", "--window-pages", "1", pdf.to_str().unwrap()]);
    assert!(
        windows.contains(": 3 windows: 1 parse, 2 parse, 3 parse\n"),
        "{windows}"
    );
    assert_eq!(
        closing(&windows)[0],
        "estimate on fast: 1 document, 3 pages × 1 credit a page = 3 credits"
    );
    let from_url = run(&[
        "--tier",
        "agentic_plus",
        "https://example.com/report.pdf",
        "--max-pages",
        "4",
        "--max-credits",
        "100",
    ]);
    assert_eq!(
        closing(&from_url),
        [
            "estimate on agentic_plus: 1 document, 4 pages × 45 credits a page = 180 credits",
            "estimate in all: 180 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)",
            "estimate 180 credits, over the budget of 100 (--max-credits): about 0 documents would be parsed before it stops",
        ]
    );
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
}

#[test]
fn config_set_max_credits_is_checked_and_the_flag_wins_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let docs = folder(dir.path());
    let (url, fake) = start_shared(fake::Config::default());
    let config = dir.path().join("config");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut run = cli(&url);
        run.env("LLAMACLOUD_CONFIG_DIR", config.display().to_string())
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"));
        for (key, value) in env {
            run.env(key, value);
        }
        run.args(args).output().unwrap()
    };
    let dry_run = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["parse", "--tier", "cost_effective", "--dry-run", "--recursive"];
        all.push(docs.to_str().unwrap());
        all.extend_from_slice(args);
        let output = run(env, &all);
        (output.status.code(), stdout_of(&output), stderr_of(&output))
    };
    // Not a positive number: exit 2, and nothing written.
    for wrong in ["abc", "0", "1e999", "inf", "NaN"] {
        let refused = run(&[], &["config", "set", "max_credits", wrong]);
        assert_eq!(refused.status.code(), Some(2), "{wrong}: {}", stderr_of(&refused));
        assert_eq!(
            stderr_of(&refused),
            format!("error: max_credits {wrong:?}: expected a positive number of credits, e.g. 5000\n")
        );
        assert!(!config.join("config.toml").exists());
    }
    let set = run(&[], &["config", "set", "max_credits", "5e2"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr_of(&set));
    let stored = std::fs::read_to_string(config.join("config.toml")).unwrap();
    assert!(stored.contains("max_credits = \"500\""), "{stored}");
    let got = run(&[], &["config", "get", "max_credits"]);
    assert_eq!(stdout_of(&got), "500\n");
    let listed = run(&[], &["config", "list"]);
    assert!(
        stdout_of(&listed).contains("\nmax_credits = 500\n"),
        "{}",
        stdout_of(&listed)
    );

    // The profile's budget applies to the run; --max-credits wins over it.
    let (code, stdout, stderr) = dry_run(&[], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        closing(&stdout).last().unwrap(),
        &"estimate 168 credits, within the budget of 500 (max_credits of profile default)"
    );
    let (_, stdout, _) = dry_run(&[], &["--max-credits", "100"]);
    assert_eq!(
        closing(&stdout).last().unwrap(),
        &"estimate 168 credits, over the budget of 100 (--max-credits): about 3 documents would be parsed before it stops"
    );
    // The environment wins over the profile, as for the other settings.
    let (_, stdout, _) = dry_run(&[("LLAMA_CLOUD_MAX_CREDITS", "20")], &[]);
    assert_eq!(
        closing(&stdout).last().unwrap(),
        &"estimate 168 credits, over the budget of 20 (LLAMA_CLOUD_MAX_CREDITS): about 3 documents would be parsed before it stops"
    );

    // A budget written by hand that is no number stops the run before anything is sent.
    std::fs::write(
        config.join("config.toml"),
        stored.replace("max_credits = \"500\"", "max_credits = \"lots\""),
    )
    .unwrap();
    let (code, _, stderr) = dry_run(&[], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "error: max_credits of profile default \"lots\": expected a positive number of credits, e.g. 5000\n"
    );
    // Unset, there is no budget.
    let unset = run(&[], &["config", "unset", "max_credits"]);
    assert_eq!(unset.status.code(), Some(0), "{}", stderr_of(&unset));
    let (code, stdout, _) = dry_run(&[], &[]);
    assert_eq!(code, Some(0));
    assert!(!stdout.contains("budget"), "{stdout}");
    assert_eq!(fake.requests_seen(), fake::RequestCounts::default());
}
