//! `--max-credits` tried as a hostile user would (issue 31): a budget reached in the middle of a
//! long document's windows, the summary's credit line against the receipt and the fake's own
//! count, an escalation the budget has no room for.

use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{stderr_of, write};
use crate::spend::{lines, run};

#[test]
fn a_budget_reached_between_windows_lets_the_windows_made_end_and_the_rerun_pays_only_the_rest() {
    // 250 pages in windows of 100 (300, 300 and 150 credits at 3 a page): 400 has room for one
    // window, whichever reserves first. Three runs: which one that is depends on the order the
    // windows' threads come to it, and only a window after the first, made while the first is
    // refused, was let go of (three runs keep the suite short; the order varies run to run).
    let (url, fake) = start_shared(fake::Config::default());
    let mut jobs = 0;
    let mut billed = 0.0;
    for n in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        // Different bytes each time: no window's result is shared with another run's.
        let mut pdf = blank_pdf(250);
        pdf.extend(format!("%{n}\n").as_bytes());
        write(&dir.path().join("docs/long.pdf"), &pdf);
        let first = run(
            &url,
            dir.path(),
            &["--window-pages", "100", "--max-credits", "400"],
        );
        let said = stderr_of(&first);
        assert_eq!(first.status.code(), Some(8), "{said}");
        let (outcomes, receipt) = lines(&first);
        assert_eq!(outcomes.len(), 1, "{said}");
        assert_eq!(outcomes[0]["status"], "LEFT", "{said}");
        assert!(!dir.path().join("out/long.pdf.md").exists());
        // The window made was waited for: billed in this run, as the fake counts it.
        let made = fake.made_jobs().len() - jobs;
        assert_eq!(receipt["total"]["jobs"], made, "{said}");
        assert_eq!(receipt["total"]["unbilled"], 0, "{said}");
        let now = fake.credits_billed();
        assert!(now > billed, "{said}");
        assert_eq!(receipt["total"]["billed"].as_f64(), Some(now - billed), "{said}");
        assert!(now - billed <= 400.0, "{said}");
        // A larger budget: the windows done are not paid for again.
        let second = run(
            &url,
            dir.path(),
            &["--window-pages", "100", "--max-credits", "1000"],
        );
        assert_eq!(second.status.code(), Some(0), "{}", stderr_of(&second));
        assert!(dir.path().join("out/long.pdf.md").exists());
        jobs = fake.made_jobs().len();
        billed = fake.credits_billed();
        assert_eq!(jobs, 3 * (n + 1), "{}", stderr_of(&second));
        assert_eq!(billed, 750.0 * (n + 1) as f64, "{}", stderr_of(&second));
    }
}

#[test]
fn the_credits_line_counts_every_job_as_the_receipt_and_the_fake_do() {
    // One document in three windows: three jobs, 750 credits.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/long.pdf"), &blank_pdf(250));
    let (url, fake) = start_shared(fake::Config::default());
    let output = run(&url, dir.path(), &["--window-pages", "100"]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(fake.made_jobs().len(), 3);
    assert_eq!(fake.credits_billed(), 750.0);
    let (_, receipt) = lines(&output);
    assert_eq!(receipt["total"]["jobs"], 3);
    assert_eq!(receipt["total"]["billed"], 750.0);
    assert!(
        said.contains(
            "\ncredits: 750 billed for 3 jobs made in this run; 0 documents cost nothing (done \
             before, in the result store, or sharing a job)\n  tier            jobs  pages  \
             estimated  billed  unbilled  failed\n  cost_effective     3    \
             250        750     750         0       0\n"
        ),
        "{said}"
    );
}

#[test]
fn an_escalation_the_budget_has_no_room_for_leaves_the_document_for_the_rerun_rather_than_failing_it() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/report.pdf"), &blank_pdf(10));
    // Page 2 fails on cost_effective: 30 credits, then 10 for page 2 on agentic, past 35.
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2],
        ..fake::Config::default()
    });
    let flags = ["--escalate", "agentic", "--max-credits", "35"];
    let first = run(&url, dir.path(), &flags);
    let said = stderr_of(&first);
    assert_eq!(first.status.code(), Some(8), "{said}");
    let (outcomes, receipt) = lines(&first);
    assert_eq!(outcomes[0]["status"], "LEFT", "{said}");
    assert!(
        said.contains("1 document in ")
            && said.contains(": 0 parsed, 0 already done, 0 failed, 1 left (budget reached)"),
        "{said}"
    );
    assert!(
        said.contains("the next job (1 page on agentic) is estimated at 10; 1 document not started"),
        "{said}"
    );
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(receipt["total"]["billed"].as_f64(), Some(fake.credits_billed()));
    // A larger budget: the first job's result is not paid for again, only the escalation.
    let flags = ["--escalate", "agentic", "--max-credits", "100"];
    let second = run(&url, dir.path(), &flags);
    assert_eq!(second.status.code(), Some(0), "{}", stderr_of(&second));
    assert_eq!(fake.made_jobs().len(), 2);
    assert_eq!(fake.credits_billed(), 40.0);
    assert!(dir.path().join("out/report.pdf.md").exists());
}
