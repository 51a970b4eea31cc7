//! `parse FILE --escalate TIER` (issue 31, cheap first, for one document): once its job has
//! completed, the pages that came back failed, or empty where its PDF has text, are parsed again
//! on TIER as ONE more job over exactly those pages, merged in place, and the merged document
//! written (stdout or `-o`); stderr says which pages were parsed again, on which tier, at what
//! cost. Paid for once: the rerun creates nothing.

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use crate::escalate::{made, page, text_pdf};
use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, stderr_of, stdout_of, write};

/// `parse --tier TIER DIR/report.pdf` with the store in DIR/store, and `extra` flags.
fn parse(url: &str, dir: &Path, tier: &str, extra: &[&str]) -> Output {
    cli(url)
        .env("LLAMACLOUD_CACHE_DIR", dir.join("store"))
        .args(["parse", "--tier", tier])
        .args(extra)
        .arg(dir.join("report.pdf"))
        .output()
        .unwrap()
}

/// The report of `count` pages as the fake parses each page well.
fn parsed_well(count: usize) -> String {
    let pages: Vec<String> = (1..=count).map(|n| page("report.pdf", n, count)).collect();
    format!("{}\n", pages.join("\n\n"))
}

fn escalation_id(fake: &fake::Fake, tier: &str) -> String {
    fake.made_jobs()
        .iter()
        .find(|j| j["tier"] == tier)
        .map(|j| j["id"].as_str().unwrap().to_string())
        .expect("the escalation job")
}

#[test]
fn one_documents_failed_and_empty_pages_are_parsed_again_once_merged_in_place_and_the_rerun_is_free() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(5));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2, 4],
        empty_pages: vec![3],
        ..fake::Config::default()
    });
    let first = parse(&url, dir.path(), "cost_effective", &["--escalate", "agentic"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    // The document's job, then ONE escalation over exactly its failed (2, 4) and empty (3)
    // pages, on agentic (the page list in canonical form).
    assert_eq!(
        made(&fake),
        [
            ("cost_effective".to_string(), Value::Null),
            ("agentic".to_string(), json!("2-4")),
        ]
    );
    assert_eq!(fake.requests_seen().creates, 2);
    let escalation = escalation_id(&fake, "agentic");
    // The agentic pages in place of 2-4, pages 1 and 5 from the first job, in order.
    assert_eq!(stdout_of(&first), parsed_well(5));
    let said = stderr_of(&first);
    let name = dir.path().join("report.pdf").display().to_string();
    assert!(
        said.contains(&format!(
            "note: {name}: pages 2,3,4 parsed again on agentic (job {escalation}): 30 credits\n"
        )),
        "{said}"
    );
    assert!(!said.contains("failed"), "{said}");

    // The rerun, to -o: both results from the store, nothing created.
    let out = dir.path().join("report.md");
    let again = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--escalate", "agentic", "-o", out.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 2, "nothing paid twice");
    assert_eq!(fake.requests_seen().creates, 2);
    assert_eq!(stdout_of(&again), "");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), parsed_well(5));
    assert!(
        stderr_of(&again).contains(&format!(
            "note: {name}: pages 2,3,4 parsed again on agentic (job {escalation}): no credits (parsed before, not paid for again)\n"
        )),
        "{}",
        stderr_of(&again)
    );
}

#[test]
fn a_page_the_escalation_does_not_better_stays_marked_and_the_run_exits_7() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(3));
    // The fake fails page 2 on every tier below agentic.
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2],
        ..fake::Config::default()
    });
    let first = parse(&url, dir.path(), "cost_effective", &["--escalate", "fast"]);
    assert_eq!(first.status.code(), Some(7), "{}", stderr_of(&first));
    assert_eq!(
        made(&fake),
        [
            ("cost_effective".to_string(), Value::Null),
            ("fast".to_string(), json!("2")),
        ]
    );
    let written = stdout_of(&first);
    assert_eq!(
        written,
        format!(
            "{}\n\n[llamacloud: page 2 failed: Page could not be parsed: OCR timeout]\n\n{}\n",
            page("report.pdf", 1, 3),
            page("report.pdf", 3, 3)
        )
    );
    let said = stderr_of(&first);
    let escalation = escalation_id(&fake, "fast");
    assert!(
        said.contains(&format!(
            ": page 2 parsed again on fast (job {escalation}): 1 credit; page 2 not bettered, kept as it was\n"
        )),
        "{said}"
    );
    assert!(said.contains("page 2 failed"), "{said}");
}

#[test]
fn with_no_cache_the_escalation_is_made_once_in_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(3));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![3],
        ..fake::Config::default()
    });
    let first = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--no-cache", "--escalate", "agentic"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    assert_eq!(
        made(&fake),
        [
            ("cost_effective".to_string(), Value::Null),
            ("agentic".to_string(), json!("3")),
        ]
    );
    assert_eq!(fake.requests_seen().creates, 2);
    assert_eq!(stdout_of(&first), parsed_well(3));
    assert!(!dir.path().join("store").exists(), "nothing recorded");
}

#[test]
fn an_escalation_past_the_budget_is_not_made_and_the_rerun_with_a_larger_one_makes_only_it() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(5));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2],
        ..fake::Config::default()
    });
    // 5 pages at 3 fit in 20; one more page on agentic (10) does not.
    let tight = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--escalate", "agentic", "--max-credits", "20"],
    );
    assert_eq!(tight.status.code(), Some(8), "{}", stderr_of(&tight));
    assert_eq!(made(&fake), [("cost_effective".to_string(), Value::Null)]);
    let first_id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    // The first job is named (paid for, in the store), the escalation not made.
    assert_eq!(stdout_of(&tight), format!("{first_id}\n"));
    assert!(
        stderr_of(&tight).ends_with(
            "error: the budget of 20 credits is reached: 15 billed or reserved, and the next job (1 page on agentic) is estimated at 10\n"
        ),
        "{}",
        stderr_of(&tight)
    );
    let larger = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--escalate", "agentic", "--max-credits", "40"],
    );
    assert_eq!(larger.status.code(), Some(0), "{}", stderr_of(&larger));
    assert_eq!(
        made(&fake),
        [
            ("cost_effective".to_string(), Value::Null),
            ("agentic".to_string(), json!("2")),
        ],
        "the first job not paid twice"
    );
    assert_eq!(stdout_of(&larger), parsed_well(5));
}

#[test]
fn escalating_one_document_to_its_own_tier_or_with_a_record_format_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let same = parse(&url, dir.path(), "agentic", &["--escalate", "agentic"]);
    assert_eq!(same.status.code(), Some(2), "{}", stderr_of(&same));
    assert!(
        stderr_of(&same).contains("--escalate agentic: the run is on agentic already"),
        "{}",
        stderr_of(&same)
    );
    let record = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--escalate", "agentic", "--format", "yaml"],
    );
    assert_eq!(record.status.code(), Some(2), "{}", stderr_of(&record));
    assert!(
        stderr_of(&record).contains("--escalate merges the pages parsed again into the document"),
        "{}",
        stderr_of(&record)
    );
    assert_eq!(stdout_of(&same), "");
    assert_eq!(fake.requests_seen().creates, 0);
    assert!(fake.made_jobs().is_empty());
}

#[test]
fn a_url_or_a_document_in_windows_says_its_failed_pages_were_not_escalated() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("report.pdf"), &text_pdf(5));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2, 4],
        ..fake::Config::default()
    });
    let name = dir.path().join("report.pdf").display().to_string();
    // One document in windows of 2 pages.
    let windowed = parse(
        &url,
        dir.path(),
        "cost_effective",
        &["--escalate", "agentic", "--window-pages", "2"],
    );
    assert_eq!(windowed.status.code(), Some(7), "{}", stderr_of(&windowed));
    assert!(
        stderr_of(&windowed).contains(&format!(
            "note: {name}: pages 2,4 failed; not escalated: a document parsed in windows\n"
        )),
        "{}",
        stderr_of(&windowed)
    );
    // One URL.
    let link = "https://example.com/partial.pdf";
    let one = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", "--tier", "cost_effective", "--escalate", "agentic", link])
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(7), "{}", stderr_of(&one));
    assert!(
        stderr_of(&one).contains(&format!(
            "note: {link}: page 2 failed; not escalated: a URL (only a local file is escalated)\n"
        )),
        "{}",
        stderr_of(&one)
    );
    // A bulk run: the URL (parsed again: a URL's result is never reused) and the document in
    // windows (from the store), each saying so on its line.
    let bulk = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", "--tier", "cost_effective", "--escalate", "agentic"])
        .args(["--window-pages", "2", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(dir.path().join("report.pdf"))
        .arg(link)
        .output()
        .unwrap();
    assert_eq!(bulk.status.code(), Some(7), "{}", stderr_of(&bulk));
    let said = stderr_of(&bulk);
    assert!(
        said.contains("(pages 2,4 failed; not escalated: a document parsed in windows)\n"),
        "{said}"
    );
    assert!(
        said.contains("(page 2 failed; not escalated: a URL (only a local file is escalated))\n"),
        "{said}"
    );
    assert!(
        made(&fake).iter().all(|(tier, _)| tier == "cost_effective"),
        "no escalation made"
    );
}
