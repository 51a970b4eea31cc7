//! `parse --escalate TIER` (issue 31, cheap first): a document's pages that came back failed, or
//! empty where its PDF has text, parsed again on TIER as one job over exactly those pages, and
//! merged in place with their original numbers; recorded in the manifest and the jsonl line;
//! paid for once (a rerun creates nothing, whether OUT is intact or emptied with the store kept).

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, stderr_of, stdout_of, write};

/// A PDF of `pages` pages, each showing a line of text (a text layer: `BT … Tj ET`).
pub(crate) fn text_pdf(pages: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |pdf: &mut Vec<u8>, body: String| {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", offsets.len()).into_bytes());
    };
    object(&mut pdf, "<< /Type /Catalog /Pages 2 0 R >>".into());
    // Objects: 1 catalog, 2 pages, 3 font, then each page and its content stream.
    let kids: Vec<String> = (0..pages).map(|n| format!("{} 0 R", 4 + 2 * n)).collect();
    object(
        &mut pdf,
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")),
    );
    object(
        &mut pdf,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    );
    for n in 0..pages {
        object(
            &mut pdf,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * n
            ),
        );
        let content = format!("BT /F1 12 Tf 72 720 Td (Page {} of the report) Tj ET", n + 1);
        object(
            &mut pdf,
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        );
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).into_bytes());
    for offset in &offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .into_bytes(),
    );
    pdf
}

/// What the fake makes of page `n` of `count` of a PDF named `name`, parsed well.
pub(crate) fn page(name: &str, n: usize, count: usize) -> String {
    format!(
        "# {name}\n\nPage {n} of {count}.\n\n| page | words |\n|---|---|\n| {n} | {} |",
        100 + (n * 37) % 400
    )
}

/// `parse --tier TIER --recursive DIR/docs --output-dir DIR/out --format jsonl` with the store in
/// DIR/store, and `extra` flags.
fn run(url: &str, dir: &Path, tier: &str, extra: &[&str]) -> Output {
    cli(url)
        .env("LLAMACLOUD_CACHE_DIR", dir.join("store"))
        .args(["parse", "--tier", tier, "--format", "jsonl", "--recursive"])
        .arg(dir.join("docs"))
        .arg("--output-dir")
        .arg(dir.join("out"))
        .args(extra)
        .output()
        .unwrap()
}

/// The jsonl line of `source` (its file name).
fn line_of(output: &Output, source: &str) -> Value {
    stdout_of(output)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["source"].as_str().is_some_and(|s| s.ends_with(source)))
        .unwrap_or_else(|| panic!("no line for {source}: {}", stdout_of(output)))
}

/// The manifest's result line for `output`.
fn manifest_line(out: &Path, output: &str) -> Value {
    let manifest = std::fs::read_to_string(out.join(".llamacloud-manifest.jsonl")).unwrap();
    manifest
        .lines()
        .rev()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["output"] == output)
        .unwrap_or_else(|| panic!("no manifest line for {output}: {manifest}"))
}

/// Each made job's tier and `target_pages` (null: the whole document).
pub(crate) fn made(fake: &fake::Fake) -> Vec<(String, Value)> {
    fake.made_configurations()
        .iter()
        .map(|c| {
            (
                c["tier"].as_str().unwrap_or_default().to_string(),
                c.pointer("/page_ranges/target_pages")
                    .cloned()
                    .unwrap_or(Value::Null),
            )
        })
        .collect()
}

#[test]
fn failed_and_empty_pages_are_parsed_again_on_the_better_tier_merged_in_place_and_paid_once() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/report.pdf"), &text_pdf(5));
    write(&dir.path().join("docs/note.md"), b"# A note\n\nOne page.\n");
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2, 4],
        empty_pages: vec![3],
        ..fake::Config::default()
    });
    let first = run(&url, dir.path(), "cost_effective", &["--escalate", "agentic"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    // One job per document on the first tier, and one escalation for the report alone, over
    // exactly its failed (2, 4) and empty (3) pages, on agentic ("2,3,4" as the create sends a
    // page list: in canonical form).
    let mut jobs = made(&fake);
    jobs.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        jobs,
        [
            ("agentic".to_string(), json!("2-4")),
            ("cost_effective".to_string(), Value::Null),
            ("cost_effective".to_string(), Value::Null),
        ]
    );
    let escalation_id = fake
        .made_jobs()
        .iter()
        .find(|j| j["tier"] == "agentic")
        .map(|j| j["id"].as_str().unwrap().to_string())
        .expect("the escalation job");
    // The agentic pages in place of 2-4, pages 1 and 5 from the first job, in order.
    let expected: Vec<String> = (1..=5).map(|n| page("report.pdf", n, 5)).collect();
    let expected = format!("{}\n", expected.join("\n\n"));
    let out = dir.path().join("out");
    let written = std::fs::read_to_string(out.join("report.pdf.md")).unwrap();
    assert_eq!(written, expected);
    // The jsonl line and the manifest carry both jobs.
    let report = line_of(&first, "report.pdf");
    assert_eq!(report["status"], "COMPLETED");
    assert_eq!(report["failed_pages"], json!([]));
    assert_eq!(report["credits"], json!(15), "5 pages at 3");
    assert_eq!(
        report["escalation"],
        json!({"tier": "agentic", "job_id": escalation_id, "pages": [2, 3, 4], "credits": 30, "still_failed": []})
    );
    let first_id = report["job_id"].as_str().unwrap().to_string();
    assert_ne!(first_id, escalation_id);
    let recorded = manifest_line(&out, "report.pdf.md");
    assert_eq!(recorded["job_id"], json!(first_id));
    assert_eq!(recorded["escalation"]["job_id"], json!(escalation_id));
    assert_eq!(recorded["escalation"]["pages"], json!([2, 3, 4]));
    // A document with no failed page has no escalation.
    let note = line_of(&first, "note.md");
    assert_eq!(note["status"], "COMPLETED");
    assert!(note.get("escalation").is_none(), "{note}");
    assert!(manifest_line(&out, "note.md.md").get("escalation").is_none());
    let said = stderr_of(&first);
    assert!(said.contains("(pages 2,3,4 parsed again on agentic)"), "{said}");
    assert!(
        said.contains("credits: 48 billed for 3 jobs made in this run"),
        "{said}"
    );
    // The receipt has a row for each tier: the first jobs, and the escalation.
    let receipt: Value = serde_json::from_str(stdout_of(&first).lines().last().unwrap()).unwrap();
    let tiers = &receipt["receipt"]["tiers"];
    assert_eq!(tiers[0]["tier"], "agentic", "{receipt}");
    assert_eq!(
        (&tiers[0]["jobs"], &tiers[0]["pages"], &tiers[0]["billed"]),
        (&json!(1), &json!(3), &json!(30.0))
    );
    assert_eq!(tiers[1]["tier"], "cost_effective", "{receipt}");
    assert_eq!(
        (&tiers[1]["jobs"], &tiers[1]["pages"], &tiers[1]["billed"]),
        (&json!(2), &json!(6), &json!(18.0))
    );
    assert!(
        said.contains("\n  agentic            1      3         30      30"),
        "{said}"
    );

    // OUT intact: skipped, nothing created.
    let again = run(&url, dir.path(), "cost_effective", &["--escalate", "agentic"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(line_of(&again, "report.pdf")["status"], "SKIPPED");
    assert_eq!(fake.made_jobs().len(), 3);

    // OUT emptied, the store kept: the merged result written again, nothing created.
    std::fs::remove_dir_all(&out).unwrap();
    let rewritten = run(&url, dir.path(), "cost_effective", &["--escalate", "agentic"]);
    assert_eq!(rewritten.status.code(), Some(0), "{}", stderr_of(&rewritten));
    assert_eq!(fake.made_jobs().len(), 3, "nothing paid twice");
    assert_eq!(
        std::fs::read_to_string(out.join("report.pdf.md")).unwrap(),
        expected
    );
    let report = line_of(&rewritten, "report.pdf");
    assert_eq!(report["status"], "CACHED");
    let receipt: Value = serde_json::from_str(stdout_of(&rewritten).lines().last().unwrap()).unwrap();
    assert_eq!(receipt["receipt"]["total"]["jobs"], 0, "{receipt}");
    assert_eq!(report["escalation"]["job_id"], json!(escalation_id));
    assert_eq!(report["escalation"]["credits"], json!(0));
    assert_eq!(
        manifest_line(&out, "report.pdf.md")["escalation"]["job_id"],
        json!(escalation_id)
    );
}

#[test]
fn pages_an_escalation_does_not_better_keep_the_first_result_and_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/report.pdf"), &text_pdf(3));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2],
        ..fake::Config::default()
    });
    // The fake fails page 2 on every tier below agentic (and the fast tier makes no markdown).
    let first = run(&url, dir.path(), "cost_effective", &["--escalate", "fast"]);
    assert_eq!(first.status.code(), Some(7), "{}", stderr_of(&first));
    assert_eq!(
        made(&fake)
            .into_iter()
            .filter(|(tier, _)| tier == "fast")
            .collect::<Vec<_>>(),
        [("fast".to_string(), json!("2"))]
    );
    let report = line_of(&first, "report.pdf");
    assert_eq!(report["failed_pages"], json!([2]));
    assert_eq!(report["escalation"]["still_failed"], json!([2]));
    assert_eq!(report["escalation"]["tier"], "fast");
    let written = std::fs::read_to_string(dir.path().join("out/report.pdf.md")).unwrap();
    assert!(
        written.contains("[llamacloud: page 2 failed: Page could not be parsed: OCR timeout]"),
        "{written}"
    );
}

#[test]
fn escalating_to_the_runs_own_tier_or_an_unknown_one_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/report.pdf"), &text_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let same = run(&url, dir.path(), "agentic", &["--escalate", "agentic"]);
    assert_eq!(same.status.code(), Some(2), "{}", stderr_of(&same));
    assert!(
        stderr_of(&same).contains("--escalate agentic: the run is on agentic already"),
        "{}",
        stderr_of(&same)
    );
    let unknown = run(&url, dir.path(), "cost_effective", &["--escalate", "premium"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr_of(&unknown));
    assert!(
        stderr_of(&unknown).contains("invalid value 'premium' for '--escalate <TIER>'"),
        "{}",
        stderr_of(&unknown)
    );
    assert!(fake.made_jobs().is_empty());
    assert_eq!(fake.requests_seen().creates, 0);
    assert!(!dir.path().join("out").exists(), "nothing written either");
}

#[test]
fn a_document_done_without_escalation_is_escalated_into_a_new_out_paying_for_the_escalation_only() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("docs/report.pdf"), &text_pdf(3));
    let (url, fake) = start_shared(fake::Config {
        failed_pages: vec![2],
        ..fake::Config::default()
    });
    let plain = run(&url, dir.path(), "cost_effective", &[]);
    assert_eq!(plain.status.code(), Some(7), "{}", stderr_of(&plain));
    // Done in OUT: skipped, not escalated.
    let again = run(&url, dir.path(), "cost_effective", &["--escalate", "agentic"]);
    assert_eq!(again.status.code(), Some(7), "{}", stderr_of(&again));
    assert_eq!(line_of(&again, "report.pdf")["status"], "SKIPPED");
    assert_eq!(fake.made_jobs().len(), 1);
    // Into a new OUT: the first result from the store, only the escalation made.
    let fresh = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parse",
            "--tier",
            "cost_effective",
            "--format",
            "jsonl",
            "--escalate",
            "agentic",
        ])
        .arg("--recursive")
        .arg(dir.path().join("docs"))
        .arg("--output-dir")
        .arg(dir.path().join("out2"))
        .output()
        .unwrap();
    assert_eq!(fresh.status.code(), Some(0), "{}", stderr_of(&fresh));
    assert_eq!(
        made(&fake),
        [
            ("cost_effective".to_string(), Value::Null),
            ("agentic".to_string(), json!("2"))
        ]
    );
    let expected: Vec<String> = (1..=3).map(|n| page("report.pdf", n, 3)).collect();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out2/report.pdf.md")).unwrap(),
        format!("{}\n", expected.join("\n\n"))
    );
}
