//! What made jobs bill, called in process: `usage` with `num_pages`, prices by tier, a credit
//! balance that refuses creates once spent, and pages that come back empty or failed below the
//! agentic tiers.

use std::time::Duration;

use serde_json::{Value, json};

use super::tests::{call, create, ended, page_numbers, upload};
use super::{Config, Fake};
use crate::pdf::blank_pdf;

fn tier(tier: &str) -> Value {
    json!({"tier": tier, "version": "latest"})
}

/// Uploads a PDF of `pages` pages named `name`, parsed on `tier`; the job's id.
fn made(fake: &Fake, name: &str, pages: usize, configuration: &Value) -> String {
    let (status, job) = upload(fake, name, &blank_pdf(pages), configuration);
    assert_eq!(status, 200, "{job}");
    job["id"].as_str().unwrap().to_string()
}

/// The `usage` of job `id` once it has ended.
fn usage(fake: &Fake, id: &str) -> Value {
    ended(fake, id, "")["job"]["usage"].clone()
}

#[test]
fn usage_gives_the_pages_billed_beside_the_credits_and_nothing_for_a_failed_job() {
    let fake = Fake::new(Config::default());
    let id = made(&fake, "report.pdf", 5, &tier("agentic"));
    assert_eq!(usage(&fake, &id), json!({"credits": 50, "num_pages": 5}));
    // A failed page is parsed and billed as a page.
    let id = made(&fake, "partial.pdf", 3, &tier("cost_effective"));
    assert_eq!(usage(&fake, &id), json!({"credits": 9, "num_pages": 3}));
    // A window: only its pages.
    let window = json!({"tier": "fast", "version": "latest", "page_ranges": {"target_pages": "2-3"}});
    let id = made(&fake, "report.pdf", 5, &window);
    assert_eq!(usage(&fake, &id), json!({"credits": 2, "num_pages": 2}));
    // A failed job costs nothing and parsed no page.
    let id = made(&fake, "fail.pdf", 4, &tier("agentic_plus"));
    let done = ended(&fake, &id, "");
    assert_eq!(done["job"]["status"], "FAILED");
    assert_eq!(done["job"]["usage"], json!({"credits": 0, "num_pages": 0}));
    assert_eq!(fake.credits_billed(), 61.0);
}

#[test]
fn prices_replace_the_built_in_table_for_the_tiers_they_name() {
    let fake = Fake::new(Config {
        prices: vec![
            ("cost_effective".into(), 4.5),
            ("agentic".into(), 7.0),
            ("fast".into(), 0.1),
            ("agentic".into(), 2.0),
        ],
        ..Config::default()
    });
    let id = made(&fake, "a.pdf", 3, &tier("cost_effective"));
    assert_eq!(usage(&fake, &id), json!({"credits": 13.5, "num_pages": 3}));
    // The last price given for a tier wins; a whole number of credits stays an integer.
    let id = made(&fake, "b.pdf", 4, &tier("agentic"));
    let billed = usage(&fake, &id);
    assert_eq!(billed, json!({"credits": 8, "num_pages": 4}));
    assert!(billed["credits"].is_i64(), "{billed}");
    // Rounded to a millionth: 3 × 0.1 is 0.3.
    let id = made(&fake, "c.pdf", 3, &tier("fast"));
    assert_eq!(usage(&fake, &id), json!({"credits": 0.3, "num_pages": 3}));
    // A tier not named keeps its built-in price.
    let id = made(&fake, "d.pdf", 2, &tier("agentic_plus"));
    assert_eq!(usage(&fake, &id), json!({"credits": 90, "num_pages": 2}));
    assert_eq!(fake.credits_billed(), 13.5 + 8.0 + 0.3 + 90.0);
}

#[test]
fn creates_are_refused_402_once_the_credits_billed_reach_the_balance() {
    let fake = Fake::new(Config {
        credit_balance: Some(25.0),
        ..Config::default()
    });
    // 5 pages at 3: 15 credits a job, billed as it ends.
    let first = made(&fake, "a.pdf", 5, &tier("cost_effective"));
    let second = made(&fake, "b.pdf", 5, &tier("cost_effective"));
    assert_eq!(fake.credits_billed(), 0.0, "nothing is billed before a job ends");
    usage(&fake, &first);
    assert_eq!(fake.credits_billed(), 15.0);
    let third = made(&fake, "c.pdf", 5, &tier("cost_effective"));
    usage(&fake, &second);
    assert_eq!(fake.credits_billed(), 30.0);
    let refused =
        json!({"detail": "Insufficient credits: 30 of the organization's 25 credits have been used"});
    let (status, body) = upload(&fake, "d.pdf", &blank_pdf(1), &tier("fast"));
    assert_eq!((status, body), (402, refused.clone()));
    let (status, body) = create(
        &fake,
        &json!({"tier": "fast", "version": "latest", "source_url": "https://example.com/e.pdf"}),
    );
    assert_eq!((status, body), (402, refused));
    assert_eq!(fake.jobs_made_ever(), 3);
    // The job in flight is not stopped: it ends and bills past the balance.
    assert_eq!(usage(&fake, &third), json!({"credits": 15, "num_pages": 5}));
    assert_eq!(fake.credits_billed(), 45.0);
}

#[test]
fn a_job_with_a_time_is_billed_when_its_time_has_passed_fetched_or_not() {
    let fake = Fake::new(Config {
        credit_balance: Some(1.0),
        job_time: Some(Duration::ZERO),
        ..Config::default()
    });
    let id = made(&fake, "a.pdf", 2, &tier("agentic"));
    assert_eq!(fake.credits_billed(), 20.0);
    let (status, body) = upload(&fake, "b.pdf", &blank_pdf(1), &tier("fast"));
    assert_eq!(status, 402, "{body}");
    // Fetching it then bills nothing more.
    assert_eq!(usage(&fake, &id), json!({"credits": 20, "num_pages": 2}));
    assert_eq!(fake.credits_billed(), 20.0);

    // A job cancelled before it was fetched costs nothing, as before.
    let fake = Fake::new(Config {
        job_time: Some(Duration::ZERO),
        ..Config::default()
    });
    let id = made(&fake, "a.pdf", 2, &tier("agentic"));
    assert_eq!(fake.credits_billed(), 20.0);
    let (status, job) = call(&fake, "POST", &format!("/api/v2/parse/{id}/cancel"), None, b"");
    assert_eq!((status, &job["status"]), (200, &json!("CANCELLED")));
    assert_eq!(fake.credits_billed(), 0.0);
    assert_eq!(usage(&fake, &id), json!({"credits": 0, "num_pages": 0}));
    assert_eq!(fake.credits_billed(), 0.0);
}

#[test]
fn empty_and_failed_pages_come_back_so_below_the_agentic_tiers_and_are_billed() {
    let fake = Fake::new(Config {
        empty_pages: vec![2],
        failed_pages: vec![4, 5],
        ..Config::default()
    });
    let id = made(&fake, "report.pdf", 5, &tier("cost_effective"));
    let done = ended(&fake, &id, "markdown,text");
    assert_eq!(done["job"]["status"], "COMPLETED");
    assert_eq!(done["job"]["usage"], json!({"credits": 15, "num_pages": 5}));
    let pages = &done["markdown"]["pages"];
    assert_eq!(
        pages[1],
        json!({"markdown": "", "page_number": 2, "success": true})
    );
    assert_eq!(
        pages[3],
        json!({"error": "Page could not be parsed: OCR timeout", "page_number": 4, "success": false})
    );
    assert_eq!(pages[4]["success"], false);
    assert!(
        pages[2]["markdown"].as_str().unwrap().contains("Page 3 of 5."),
        "{pages}"
    );
    assert_eq!(page_numbers(&done["text"]), [1, 2, 3]);
    assert_eq!(done["text"]["pages"][1], json!({"page_number": 2, "text": ""}));

    // Even with images saved, the empty page has no text.
    let saved = json!({"tier": "cost_effective", "version": "latest",
        "output_options": {"images_to_save": ["embedded"]}});
    let id = made(&fake, "report.pdf", 3, &saved);
    let done = ended(&fake, &id, "markdown");
    assert_eq!(done["markdown"]["pages"][1]["markdown"], "");

    // On an agentic tier, a re-parse of only those pages gives their text.
    for tier in ["agentic", "agentic_plus"] {
        let escalation = json!({"tier": tier, "version": "latest",
            "page_ranges": {"target_pages": "2,4-5"}});
        let id = made(&fake, "report.pdf", 5, &escalation);
        let done = ended(&fake, &id, "markdown");
        assert_eq!(page_numbers(&done["markdown"]), [2, 4, 5]);
        for page in done["markdown"]["pages"].as_array().unwrap() {
            assert_eq!(page["success"], true, "{page}");
            assert!(page["markdown"].as_str().unwrap().contains(" of 5."), "{page}");
        }
    }

    // Every made job, not only uploads: a job by URL has its page 1 failed too.
    let fake = Fake::new(Config {
        failed_pages: vec![1],
        empty_pages: vec![2],
        ..Config::default()
    });
    let (_, job) = create(
        &fake,
        &json!({"tier": "fast", "version": "latest", "source_url": "https://example.com/a.pdf"}),
    );
    let done = ended(&fake, job["id"].as_str().unwrap(), "text");
    assert_eq!(done["job"]["status"], "COMPLETED");
    assert_eq!(page_numbers(&done["text"]), Vec::<u64>::new());
    assert_eq!(done["job"]["usage"], json!({"credits": 1, "num_pages": 1}));
}
