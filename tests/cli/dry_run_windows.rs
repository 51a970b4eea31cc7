//! `--dry-run` of documents the real run parses in page windows (issue 29): a PDF longer than
//! `--window-pages` shows its windows, each with what would become of it (decided by the
//! window's own key, as the real run decides it), and the total counts only the pages to be
//! paid for; a file whose pages cannot be counted here is said to be parsed whole. Nothing is
//! sent, nothing written.

use std::path::Path;

use serde_json::{Value, json};

use crate::harness::{cli, stderr_of, stdout_of, write};

/// A PDF of `pages` blank pages, each its own object in one page tree.
fn blank_pdf(pages: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |pdf: &mut Vec<u8>, body: String| {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", offsets.len()).into_bytes());
    };
    object(&mut pdf, "<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..pages).map(|n| format!("{} 0 R", n + 3)).collect();
    object(
        &mut pdf,
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")),
    );
    for _ in 0..pages {
        object(
            &mut pdf,
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".into(),
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

/// The size column of a file of `bytes` bytes (KiB with one decimal from 1 KiB on).
fn size(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// `parse --tier agentic ARGS --dry-run` against `url`, with the result store at `store`.
fn dry(url: &str, store: &Path, args: &[&str]) -> std::process::Output {
    let output = cli(url)
        .env("LLAMACLOUD_CACHE_DIR", store)
        .args(["parse", "--tier", "agentic"])
        .args(args)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    output
}

#[test]
fn a_dry_run_lists_the_windows_of_a_long_pdf_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.pdf");
    let pdf = blank_pdf(250);
    write(&big, &pdf);
    // Any request at all would reach this server (it answers none).
    let server = testkit::Server::start(Vec::new());
    let store = dir.path().join("store");
    let name = big.to_str().unwrap();
    let (bytes, kib) = (pdf.len(), size(pdf.len()));

    let one = dry(&server.url, &store, &[name, "--window-pages", "100"]);
    assert_eq!(
        stdout_of(&one),
        format!(
            "parse  {kib:>10}  250 pages  {name}: 3 windows: 1-100 parse, 101-200 parse, 201-250 parse\n\
             1 document: 1 to parse (250 pages, {kib}), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 250 pages × 10 credits a page = 2500 credits\n\
             estimate in all: 2500 credits at the published rates\n"
        )
    );
    // Only the pages asked for are windowed.
    let targeted = dry(
        &server.url,
        &store,
        &[name, "--window-pages", "100", "--target-pages", "5-260"],
    );
    assert_eq!(
        stdout_of(&targeted),
        format!(
            "parse  {kib:>10}  246 pages  {name}: 3 windows: 5-104 parse, 105-204 parse, 205-250 parse\n\
             1 document: 1 to parse (246 pages, {kib}), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 246 pages × 10 credits a page = 2460 credits\n\
             estimate in all: 2460 credits at the published rates\n"
        )
    );
    // Many documents, as jsonl: the windows in the object; a PDF no longer than a window has none.
    write(&dir.path().join("docs/big.pdf"), &pdf);
    write(&dir.path().join("docs/short.pdf"), &blank_pdf(3));
    let docs = dir.path().join("docs");
    let lines = dry(
        &server.url,
        &store,
        &[
            "--recursive",
            docs.to_str().unwrap(),
            "--window-pages",
            "120",
            "--format",
            "jsonl",
        ],
    );
    let objects: Vec<Value> = stdout_of(&lines)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect();
    assert_eq!(
        objects,
        [
            json!({"source": format!("{}/big.pdf", docs.display()), "action": "parse", "bytes": bytes,
            "pages": 250, "reason": null, "windows": [
                {"pages": "1-120", "status": "parse"},
                {"pages": "121-240", "status": "parse"},
                {"pages": "241-250", "status": "parse"},
            ]}),
            json!({"source": format!("{}/short.pdf", docs.display()), "action": "parse",
                "bytes": blank_pdf(3).len(), "pages": 3, "reason": null}),
            json!({"estimate": {
                "tiers": [{"tier": "agentic", "documents": 2, "pages": 253, "credits": 2530.0}],
                "total_credits": 2530.0, "assumed_documents": 0, "assume_pages": 50}}),
        ]
    );
    // --window-pages 0: one job for the whole document, as before windows.
    let whole = dry(&server.url, &store, &[name, "--window-pages", "0"]);
    assert_eq!(
        stdout_of(&whole),
        format!(
            "parse  {kib:>10}  250 pages  {name}\n\
             1 document: 1 to parse (250 pages, {kib}), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 250 pages × 10 credits a page = 2500 credits\n\
             estimate in all: 2500 credits at the published rates\n"
        )
    );
    assert_eq!(server.connections(), 0, "{:?}", server.requests());
    assert!(!store.exists(), "no store made");
}

/// Records in the result store at `store` what a windowed run of `file` with `--tier agentic`
/// left: window `1-100`'s result (its JSON), and window `101-200`'s job, created and not ended.
fn windows_in_the_store(url: &str, store: &Path, file: &Path) {
    use llamacloud::test_support::{Store, What, key};
    let mut store = Store::open(store, || {}).unwrap();
    let (hash, _) = key::hash_file(file).unwrap();
    let context = key::Context {
        origin: url,
        project_id: None,
        organization_id: None,
    };
    let window_key = |pages: &str| {
        let configuration = json!({"tier": "agentic", "version": "latest",
            "page_ranges": {"target_pages": pages}});
        let document = key::Document::File {
            hash: hash.clone(),
            name: file,
        };
        key::keys(&document, configuration.as_object().unwrap(), &context).key
    };
    let done = window_key("1-100");
    let created = |job_id: &str| What::Created {
        job_id: job_id.into(),
    };
    store.record(&done, 1, created("pjb-window-1")).unwrap();
    let ended = What::Ended {
        job_id: "pjb-window-1".into(),
        status: "COMPLETED".into(),
    };
    store.record(&done, 2, ended).unwrap();
    let mut result = store.temporary().unwrap();
    std::io::Write::write_all(&mut result, br#"{"job": {"id": "pjb-window-1"}}"#).unwrap();
    result.as_file().sync_all().unwrap();
    let (_, pending) = store
        .keep(result, &done, "pjb-window-1", "json", Vec::new(), 3)
        .unwrap();
    pending.wait().unwrap();
    let running = window_key("101-200");
    store.record(&running, 4, created("pjb-window-2")).unwrap();
}

#[test]
fn a_dry_run_says_which_windows_the_store_has_and_counts_only_the_pages_to_pay_for() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.pdf");
    let pdf = blank_pdf(250);
    write(&big, &pdf);
    let server = testkit::Server::start(Vec::new());
    let store = dir.path().join("store");
    windows_in_the_store(&server.url, &store, &big);
    let index = std::fs::read(store.join("index.jsonl")).unwrap();
    let (name, kib) = (big.to_str().unwrap(), size(pdf.len()));

    let planned = dry(&server.url, &store, &[name, "--window-pages", "100"]);
    assert_eq!(
        stdout_of(&planned),
        format!(
            "parse  {kib:>10}  250 pages  {name}: 3 windows: 1-100 cached, 101-200 running, 201-250 parse\n\
             1 document: 1 to parse (50 pages, {kib}), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 50 pages × 10 credits a page = 500 credits\n\
             estimate in all: 500 credits at the published rates\n"
        )
    );
    let lines = dry(
        &server.url,
        &store,
        &[name, "--window-pages", "100", "--format", "jsonl"],
    );
    // The document's line (the estimate comes last).
    let object: Value = serde_json::from_str(stdout_of(&lines).lines().next().unwrap()).unwrap();
    assert_eq!(
        object["windows"],
        json!([
            {"pages": "1-100", "status": "cached"},
            {"pages": "101-200", "status": "running"},
            {"pages": "201-250", "status": "parse"},
        ])
    );
    // Other windows have other keys: nothing of them is known.
    let other = dry(&server.url, &store, &[name, "--window-pages", "50"]);
    assert!(
        stdout_of(&other).contains(": 5 windows: 1-50 parse, 51-100 parse, 101-150 parse,"),
        "{}",
        stdout_of(&other)
    );
    assert_eq!(server.connections(), 0, "{:?}", server.requests());
    assert_eq!(
        std::fs::read(store.join("index.jsonl")).unwrap(),
        index,
        "the store is as it was"
    );
}

#[test]
fn a_dry_run_says_a_file_whose_pages_are_not_known_is_parsed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    write(&notes, b"# notes\n");
    let server = testkit::Server::start(Vec::new());
    let store = dir.path().join("store");
    let name = notes.to_str().unwrap();
    let on = dry(&server.url, &store, &[name]);
    assert_eq!(
        stdout_of(&on),
        format!(
            "parse     8 bytes          -  {name}: parsed whole: its page count is not known here\n\
             1 document: 1 to parse (pages not known, 8 bytes), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 50 pages × 10 credits a page = 500 credits\n\
             estimate in all: 500 credits at the published rates; 1 document of unknown page count counted at 50 pages (--assume-pages)\n"
        )
    );
    let jsonl = dry(&server.url, &store, &[name, "--format", "jsonl"]);
    assert_eq!(
        serde_json::from_str::<Value>(stdout_of(&jsonl).lines().next().unwrap()).unwrap(),
        json!({"source": name, "action": "parse", "bytes": 8, "pages": null, "reason": null,
            "note": "parsed whole: its page count is not known here"})
    );
    // Without windows there is nothing to say; nor of a URL, which is always parsed whole.
    let off = dry(&server.url, &store, &[name, "--window-pages", "0"]);
    assert!(
        stdout_of(&off).starts_with(&format!("parse     8 bytes          -  {name}\n")),
        "{}",
        stdout_of(&off)
    );
    let url = dry(&server.url, &store, &["https://example.com/report.pdf"]);
    assert!(
        stdout_of(&url).starts_with("parse           -          -  https://example.com/report.pdf\n"),
        "{}",
        stdout_of(&url)
    );
    assert_eq!(server.connections(), 0, "{:?}", server.requests());
}

#[test]
fn a_dry_run_never_windows_a_document_whose_whole_result_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.pdf");
    let pdf = blank_pdf(250);
    write(&big, &pdf);
    let (url, fake) = crate::fake_server::start_shared(crate::fake_server::fake::Config::default());
    let store = dir.path().join("store");
    let name = big.to_str().unwrap();
    // Parsed whole before (a run with --window-pages 0, or before windows existed).
    let whole = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", &store)
        .args(["parse", "--tier", "agentic", name, "--window-pages", "0"])
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(0), "{}", stderr_of(&whole));
    let (made, seen) = (fake.made_jobs().len(), fake.requests_seen());

    let planned = dry(&url, &store, &[name, "--window-pages", "100"]);
    let kib = size(pdf.len());
    assert_eq!(
        stdout_of(&planned),
        format!(
            "cached {kib:>10}  250 pages  {name}\n\
             1 document: 0 to parse (0 pages, 0 bytes), 0 done, 1 cached, 0 skipped; nothing was sent\n\
             estimate in all: 0 credits at the published rates\n"
        )
    );
    // --force sets the result aside: the real run would parse it again, in windows.
    let forced = dry(&url, &store, &[name, "--window-pages", "100", "--force"]);
    assert_eq!(
        stdout_of(&forced),
        format!(
            "parse  {kib:>10}  250 pages  {name}: 3 windows: 1-100 parse, 101-200 parse, 201-250 parse\n\
             1 document: 1 to parse (250 pages, {kib}), 0 done, 0 cached, 0 skipped; nothing was sent\n\
             estimate on agentic: 1 document, 250 pages × 10 credits a page = 2500 credits\n\
             estimate in all: 2500 credits at the published rates\n"
        )
    );
    assert_eq!((fake.made_jobs().len(), fake.requests_seen()), (made, seen));
}
