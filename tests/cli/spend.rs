//! `--max-credits`: each job reserves its estimate before it is created, and no job is started
//! that could take the credits billed plus those reserved past the budget; what is left is
//! named, exit 8, and the rerun with a larger budget pays for nothing twice. The estimate learns
//! the API's real price; a document of unknown page count reserves `--assume-pages` until it is
//! billed; a 402 stops creating and keeps what is in flight. The receipt closes the run.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, stderr_of, write};

/// `parse --recursive DIR/docs --output-dir DIR/out --tier cost_effective --format jsonl`,
/// with the store in DIR/store, and `extra` flags.
pub(crate) fn run(url: &str, dir: &Path, extra: &[&str]) -> Output {
    cli(url)
        .env("LLAMACLOUD_CACHE_DIR", dir.join("store"))
        .args([
            "parse",
            "--tier",
            "cost_effective",
            "--format",
            "jsonl",
            "--recursive",
        ])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join("out"))
        .args(extra)
        .output()
        .unwrap()
}

/// PDFs `d10.pdf`… of `pages` pages each, in DIR/docs.
fn pdfs(dir: &Path, pages: &[usize]) {
    for n in pages {
        write(&dir.join(format!("docs/d{n:02}.pdf")), &blank_pdf(*n));
    }
}

/// The jsonl lines of a run: the documents', and the receipt (the last line).
pub(crate) fn lines(output: &Output) -> (Vec<Value>, Value) {
    let mut lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let receipt = lines.pop().expect("a receipt line");
    assert!(receipt.get("receipt").is_some(), "{receipt}");
    (lines, receipt["receipt"].clone())
}

fn with_status<'a>(lines: &'a [Value], status: &str) -> Vec<&'a str> {
    let mut names: Vec<&str> = lines
        .iter()
        .filter(|l| l["status"] == status)
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_budget_a_third_of_the_estimate_is_never_passed_and_the_rerun_pays_only_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // 75 pages at 3 credits: 225, three times the budget.
    pdfs(dir.path(), &[10, 11, 12, 13, 14, 15]);
    let (url, fake) = start_shared(fake::Config::default());
    let first = run(&url, dir.path(), &["--max-credits", "75"]);
    let said = stderr_of(&first);
    assert_eq!(first.status.code(), Some(8), "{said}");
    assert!(fake.credits_billed() <= 75.0, "{}: {said}", fake.credits_billed());
    let (outcomes, receipt) = lines(&first);
    let made = fake.made_jobs().len();
    let left = with_status(&outcomes, "LEFT");
    assert!(made >= 2 && !left.is_empty(), "{said}");
    assert_eq!(made + left.len(), 6, "{said}");
    assert_eq!(with_status(&outcomes, "COMPLETED").len(), made, "{said}");
    // Each document left is named, and has no output.
    for source in &left {
        assert!(said.contains(source), "{source}: {said}");
        let name = Path::new(source).file_name().unwrap().to_str().unwrap();
        assert!(!dir.path().join("out").join(format!("{name}.md")).exists());
    }
    assert!(
        said.contains(&format!(", {} left (budget reached); results in", left.len())),
        "{said}"
    );
    assert!(
        said.contains("error: the budget of 75 credits is reached: "),
        "{said}"
    );
    assert!(
        said.contains("to go on, run the same command with a larger --max-credits"),
        "{said}"
    );
    assert!(said.contains(" made in this run (budget 75); "), "{said}");
    assert_eq!(receipt["budget"], 75.0);
    assert_eq!(receipt["left_documents"], left.len());
    assert_eq!(receipt["total"]["jobs"], made);
    assert_eq!(receipt["total"]["billed"].as_f64(), Some(fake.credits_billed()));
    // No room for any job: what the store has is still written into a new OUT, at no cost.
    let elsewhere = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parse",
            "--tier",
            "cost_effective",
            "--format",
            "jsonl",
            "--recursive",
        ])
        .arg(dir.path().join("docs"))
        .arg("--output-dir")
        .arg(dir.path().join("out2"))
        .args(["--max-credits", "1"])
        .output()
        .unwrap();
    assert_eq!(elsewhere.status.code(), Some(8), "{}", stderr_of(&elsewhere));
    let (outcomes, _) = lines(&elsewhere);
    assert_eq!(
        with_status(&outcomes, "CACHED").len(),
        made,
        "{}",
        stderr_of(&elsewhere)
    );
    assert_eq!(with_status(&outcomes, "LEFT"), left);
    assert_eq!(fake.made_jobs().len(), made);
    // A larger budget: only what was left is paid for.
    let second = run(&url, dir.path(), &["--max-credits", "1000"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr_of(&second));
    assert_eq!(fake.made_jobs().len(), 6);
    let (outcomes, _) = lines(&second);
    assert_eq!(with_status(&outcomes, "COMPLETED"), left);
    assert_eq!(fake.credits_billed(), 225.0);
}

#[test]
fn the_estimate_learns_the_price_the_api_bills() {
    let dir = tempfile::tempdir().unwrap();
    pdfs(dir.path(), &[10, 11, 12, 13, 14]);
    // The API bills 1 credit a page, not the 3 published.
    let (url, fake) = start_shared(fake::Config {
        prices: vec![("cost_effective".into(), 1.0)],
        ..fake::Config::default()
    });
    // One document at a time: each reserves after the one before was billed.
    let output = run(
        &url,
        dir.path(),
        &[
            "--max-credits",
            "60",
            "--concurrency",
            "1",
            "--max-in-flight",
            "1",
        ],
    );
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    // At 3 a page the third document (12 pages: 36) would not have fit after 21 billed.
    assert_eq!(fake.made_jobs().len(), 5, "{said}");
    let (_, receipt) = lines(&output);
    let row = &receipt["tiers"][0];
    assert_eq!(row["tier"], "cost_effective");
    // The first reserved at the published price (30), the others at the price billed.
    assert_eq!(row["estimated"], 30.0 + 11.0 + 12.0 + 13.0 + 14.0);
    assert_eq!(row["billed"], 60.0);
    assert_eq!(row["pages"], 60);
    assert_eq!(row["jobs"], 5);
}

#[test]
fn a_document_of_unknown_pages_reserves_the_assumed_pages_until_it_is_billed() {
    let dir = tempfile::tempdir().unwrap();
    // Not PDFs: their pages are not known here (the fake parses each as one page).
    for name in ["a", "b", "c"] {
        write(
            &dir.path().join(format!("docs/{name}.md")),
            format!("# {name}\n").as_bytes(),
        );
    }
    let (url, fake) = start_shared(fake::Config::default());
    let output = run(
        &url,
        dir.path(),
        &[
            "--max-credits",
            "35",
            "--assume-pages",
            "10",
            "--concurrency",
            "1",
            "--max-in-flight",
            "1",
        ],
    );
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(8), "{said}");
    // Each reserves 10 pages (30): the second fits only because the first was billed 3.
    assert_eq!(fake.made_jobs().len(), 2, "{said}");
    let (outcomes, receipt) = lines(&output);
    assert_eq!(with_status(&outcomes, "LEFT").len(), 1);
    assert_eq!(receipt["total"]["estimated"], 60.0);
    assert_eq!(receipt["total"]["billed"], 6.0);
    assert!(
        said.contains("the budget of 35 credits is reached: 6 billed or reserved, and the next job (10 pages on cost_effective) is estimated at 30"),
        "{said}"
    );
}

#[test]
fn a_402_stops_creating_keeps_the_jobs_in_flight_and_exits_8() {
    let dir = tempfile::tempdir().unwrap();
    pdfs(dir.path(), &[10, 11, 12, 13, 14]);
    // The organization has 25 credits: the first job billed spends them.
    let (url, fake) = start_shared(fake::Config {
        credit_balance: Some(25.0),
        ..fake::Config::default()
    });
    let output = run(&url, dir.path(), &["--concurrency", "1", "--max-in-flight", "2"]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(8), "{said}");
    let made = fake.made_jobs();
    assert!(!made.is_empty() && made.len() < 5, "{said}");
    // Every job made was waited for and written: none lost.
    let (outcomes, _) = lines(&output);
    assert_eq!(with_status(&outcomes, "COMPLETED").len(), made.len(), "{said}");
    assert_eq!(with_status(&outcomes, "LEFT").len(), 5 - made.len(), "{said}");
    assert!(said.contains("out of credits"), "{said}");
    // Still out of credits: what was done is skipped, nothing is made twice, and the rest is
    // left again.
    let rerun = run(&url, dir.path(), &["--concurrency", "1"]);
    assert_eq!(rerun.status.code(), Some(8), "{}", stderr_of(&rerun));
    let (outcomes, _) = lines(&rerun);
    assert_eq!(with_status(&outcomes, "SKIPPED").len(), made.len());
    assert_eq!(fake.made_jobs().len(), made.len());
}

#[test]
fn one_document_over_the_budget_is_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.pdf");
    write(&file, &blank_pdf(10));
    let (url, fake) = start_shared(fake::Config::default());
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", "--tier", "agentic", "--max-credits", "99"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(8), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        "error: the budget of 99 credits is reached: 0 billed or reserved, and the next job (10 pages on agentic) is estimated at 100\n"
    );
    assert_eq!(fake.requests_seen().creates, 0);
    // Within it: parsed.
    let output = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args(["parse", "--tier", "agentic", "--max-credits", "100"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
}

#[test]
fn a_budget_that_is_not_a_positive_number_is_refused_before_anything_is_sent() {
    let (url, fake) = start_shared(fake::Config::default());
    for bad in ["0", "-5", "abc", "", "inf", "NaN"] {
        let output = cli(&url)
            .args([
                "parse",
                "x.pdf",
                "--tier",
                "fast",
                &format!("--max-credits={bad}"),
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr_of(&output));
        assert!(
            stderr_of(&output).contains("expected a positive number of credits"),
            "{bad}: {}",
            stderr_of(&output)
        );
    }
    assert_eq!(fake.requests_seen().creates, 0);
}

#[test]
fn the_profiles_budget_applies_to_every_run_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.pdf");
    write(&file, &blank_pdf(10));
    let (url, fake) = start_shared(fake::Config::default());
    let config = dir.path().join("config");
    let run = |args: &[&str]| {
        cli(&url)
            .env("LLAMACLOUD_CONFIG_DIR", &config)
            .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
            .args(args)
            .output()
            .unwrap()
    };
    let set = run(&["config", "set", "max_credits", "50"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr_of(&set));
    let path = file.to_str().unwrap();
    let refused = run(&["parse", "--tier", "agentic", path]);
    assert_eq!(refused.status.code(), Some(8), "{}", stderr_of(&refused));
    assert!(
        stderr_of(&refused).contains("the budget of 50 credits (max_credits of profile default) is reached"),
        "{}",
        stderr_of(&refused)
    );
    assert_eq!(fake.requests_seen().creates, 0);
    let allowed = run(&["parse", "--tier", "agentic", "--max-credits", "100", path]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr_of(&allowed));
}

#[test]
fn a_create_whose_answer_was_lost_keeps_its_reservation() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        write(
            &dir.path().join(format!("docs/{name}.md")),
            format!("# {name}\n").as_bytes(),
        );
    }
    // Every create's answer comes after --timeout, and its job is never listed: the first may
    // have made a job, so its 9 credits (3 assumed pages at 3) stay reserved.
    let (url, fake) = start_shared(fake::Config {
        answer_delay: std::time::Duration::from_millis(1500),
        list_lag: 1000,
        parse_jobs: 0,
        ..fake::Config::default()
    });
    let output = run(
        &url,
        dir.path(),
        &[
            "--assume-pages",
            "3",
            "--max-credits",
            "15",
            "--concurrency",
            "1",
            "--timeout",
            "1",
            "--max-retries",
            "0",
        ],
    );
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(8), "{said}");
    assert_eq!(fake.made_jobs().len(), 1, "{said}");
    let (outcomes, receipt) = lines(&output);
    assert_eq!(with_status(&outcomes, "LEFT").len(), 1, "{said}");
    assert_eq!(with_status(&outcomes, "ERROR").len(), 1, "{said}");
    assert!(
        said.contains("the budget of 15 credits is reached: 9 billed or reserved"),
        "{said}"
    );
    assert_eq!(receipt["left_documents"], 1);
}

#[test]
fn documents_that_do_not_fit_wait_for_the_bills_of_those_in_flight_and_go_at_the_price_learned() {
    let dir = tempfile::tempdir().unwrap();
    pdfs(dir.path(), &[10, 11, 12, 13, 14]);
    let (url, fake) = start_shared(fake::Config {
        prices: vec![("cost_effective".into(), 1.0)],
        ..fake::Config::default()
    });
    // Four at once: at 3 a page only two fit (30 + 33); the others wait for their bills, which
    // teach the price of 1 a page, and then fit too: 60 credits for all five.
    let output = run(&url, dir.path(), &["--max-credits", "60"]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(fake.made_jobs().len(), 5, "{said}");
    assert_eq!(fake.credits_billed(), 60.0);
    let (_, receipt) = lines(&output);
    assert_eq!(receipt["total"]["billed"], 60.0);
    assert!(receipt.get("reached").is_none(), "{receipt}");
}

#[test]
fn with_force_the_advice_leaves_force_out() {
    let dir = tempfile::tempdir().unwrap();
    pdfs(dir.path(), &[10, 11]);
    let (url, _fake) = start_shared(fake::Config::default());
    let output = run(&url, dir.path(), &["--force", "--max-credits", "40"]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(8), "{said}");
    assert!(
        said.contains("with a larger --max-credits (a budget is for one run: what this run billed does not count against the next), without --force (which parses everything again); what is done is not paid for again: "),
        "{said}"
    );
}
