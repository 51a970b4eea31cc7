use super::*;
use crate::context::Stderr;
use crate::parse::bulk::testing::{Captured, context};
use crate::parse::spend::budget::format_credits;

fn outcome(status: &str, paid: bool, credits: Option<u64>, failed_pages: &[&str]) -> Outcome {
    Outcome {
        job_id: Some("pjb-1".into()),
        output: Some("out/x.md".into()),
        failed_pages: failed_pages
            .iter()
            .map(|n| FailedPage {
                page_number: (*n).into(),
                error: "OCR timeout".into(),
            })
            .collect(),
        credits: credits.map(Into::into),
        failure: (status == "ERROR").then(|| Error::failure("refused")),
        paid,
        ..Outcome::named(format!("{status}.pdf"), status)
    }
}

/// Reports `outcomes` and ends the run: its exit error and what stderr said.
fn run(outcomes: Vec<Outcome>) -> (Result<(), Error>, String) {
    let mut ctx = context("");
    let said = Captured::default();
    ctx.io.stderr = Stderr::new(said.clone());
    let mut tally = Tally::default();
    let bar = Progress::hidden();
    let total = outcomes.len();
    // The budget keeps the account of the jobs paid for, as a run's creates and polls do.
    let budget = crate::parse::spend::budget::Budget::unlimited();
    for (n, outcome) in outcomes.into_iter().enumerate() {
        if outcome.paid {
            let pages = crate::parse::spend::budget::Pages::Known(1);
            let reservation = budget.reserve("fast", pages).unwrap();
            let job = format!("pjb-{n}");
            budget.made(&job, reservation);
            if let Some(credits) = outcome.credits.as_ref().and_then(serde_json::Number::as_f64) {
                budget.ended(&job, "COMPLETED", Some((credits, Some(1))));
            }
        }
        tally.report(&ctx, outcome, None, &bar).unwrap();
    }
    let end = End {
        total,
        shard: None,
        fatal: None,
        aborted: None,
        dir: Path::new("out"),
        took: Duration::from_millis(1500),
        signal: None,
        again: "llamacloud parse …",
        force: false,
        receipt: tally.receipt(&budget),
    };
    let result = summarize(&ctx, tally, end);
    (result, said.text())
}

#[test]
fn the_summary_counts_what_was_paid_and_what_cost_nothing() {
    let (result, said) = run(vec![
        outcome("COMPLETED", true, Some(10), &[]),
        outcome("COMPLETED", true, Some(30), &[]),
        outcome("COMPLETED", true, None, &[]),
        outcome("SKIPPED", false, Some(0), &[]),
        outcome("COMPLETED", false, Some(0), &[]),
    ]);
    assert!(result.is_ok());
    // The receipt's table follows.
    assert!(
        said.contains(
            "5 documents in 1.5 s: 4 parsed, 1 already done, 0 failed; results in out\n\
             credits: 40 billed for 3 jobs made in this run (1 job not billed yet); 2 documents cost \
             nothing (done before, in the result store, or sharing a job)\n  tier"
        ),
        "{said}"
    );
}

#[test]
fn failed_pages_make_the_run_partial_unless_something_worse_happened() {
    let (result, said) = run(vec![
        outcome("COMPLETED", true, Some(10), &["2", "5"]),
        outcome("SKIPPED", false, Some(0), &["1"]),
        outcome("COMPLETED", true, Some(10), &[]),
    ]);
    assert!(
        said.contains("COMPLETED COMPLETED.pdf → out/x.md (warning: page 2 failed: OCR timeout; page 5 failed: OCR timeout)"),
        "{said}"
    );
    assert!(
        said.contains("0 failed, 2 with failed pages; results in out"),
        "{said}"
    );
    assert_eq!(
        result.unwrap_err().to_string(),
        "2 documents done with failed pages, marked in their outputs"
    );
    // A failure outranks them: the worst outcome decides.
    let (result, _) = run(vec![
        outcome("COMPLETED", true, Some(10), &["2"]),
        outcome("ERROR", true, None, &[]),
    ]);
    assert!(matches!(result, Err(Error::Several { .. })), "{result:?}");
}

#[test]
fn credits_are_written_as_the_api_counts_them() {
    assert_eq!(format_credits(40.0), "40");
    assert_eq!(format_credits(2.5), "2.50");
    let line = serde_json::to_value(outcome("COMPLETED", true, Some(7), &["3"])).unwrap();
    assert_eq!(line["credits"], 7);
    assert_eq!(line["failed_pages"], serde_json::json!([3]));
    assert!(line.get("paid").is_none() && line.get("uploaded").is_none());
}
