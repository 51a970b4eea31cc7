//! The fake's page model, called in process (no socket): the pages a made job carries, what
//! `page_ranges` selects, the page cap, the job time per page and the files endpoint.

use serde_json::{Value, json};

use super::{Config, Fake, PageCapAt, Request, page_cap_message};
use crate::pdf::blank_pdf;

const BOUNDARY: &str = "fakeBoundary7MA4YWxk";

/// Sends one request; its status and JSON body.
pub(super) fn call(
    fake: &Fake,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, Value) {
    let mut body = body;
    let answer = fake.handle(Request {
        method,
        target,
        authorization: Some("Bearer llx-test"),
        content_type,
        body: &mut body,
    });
    let value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    (answer.status, value)
}

/// A multipart body of text parts and one file part (when `file` is given).
fn multipart(texts: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in texts {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((filename, bytes)) = file {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// `POST /api/v2/parse/upload` of `bytes` named `name` with `configuration`.
pub(super) fn upload(fake: &Fake, name: &str, bytes: &[u8], configuration: &Value) -> (u16, Value) {
    let body = multipart(
        &[("configuration", &configuration.to_string())],
        Some((name, bytes)),
    );
    call(fake, "POST", "/api/v2/parse/upload", Some(&content_type()), &body)
}

/// `POST /api/v1/beta/files` of `bytes` named `name`, for parsing.
fn upload_file(fake: &Fake, name: &str, bytes: &[u8]) -> (u16, Value) {
    let body = multipart(&[("purpose", "parse")], Some((name, bytes)));
    call(fake, "POST", "/api/v1/beta/files", Some(&content_type()), &body)
}

/// `POST /api/v2/parse` with `configuration` as the JSON body.
pub(super) fn create(fake: &Fake, configuration: &Value) -> (u16, Value) {
    call(
        fake,
        "POST",
        "/api/v2/parse",
        Some("application/json"),
        configuration.to_string().as_bytes(),
    )
}

/// The job `id` once it has ended (made jobs move one step a fetch), with `expand`.
pub(super) fn ended(fake: &Fake, id: &str, expand: &str) -> Value {
    for _ in 0..3 {
        let (status, job) = call(
            fake,
            "GET",
            &format!("/api/v2/parse/{id}?expand={expand}"),
            None,
            b"",
        );
        assert_eq!(status, 200, "{job}");
        if matches!(
            job["job"]["status"].as_str(),
            Some("COMPLETED" | "FAILED" | "CANCELLED")
        ) {
            return job;
        }
    }
    panic!("job {id} has not ended after three fetches");
}

pub(super) fn page_numbers(part: &Value) -> Vec<u64> {
    part["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["page_number"].as_u64().unwrap())
        .collect()
}

fn agentic(page_ranges: Value) -> Value {
    json!({"tier": "agentic", "version": "latest", "page_ranges": page_ranges})
}

#[test]
fn an_uploaded_pdf_is_parsed_one_page_per_pdf_page_and_billed_per_page() {
    let fake = Fake::new(Config::default());
    let (status, job) = upload(
        &fake,
        "report.pdf",
        &blank_pdf(5),
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!(status, 200, "{job}");
    let done = ended(
        &fake,
        job["id"].as_str().unwrap(),
        "markdown,text,metadata,markdown_full",
    );
    assert_eq!(done["job"]["status"], "COMPLETED");
    assert_eq!(page_numbers(&done["markdown"]), [1, 2, 3, 4, 5]);
    assert_eq!(page_numbers(&done["text"]), [1, 2, 3, 4, 5]);
    assert_eq!(page_numbers(&done["metadata"]), [1, 2, 3, 4, 5]);
    let third = done["markdown"]["pages"][2]["markdown"].as_str().unwrap();
    assert!(third.starts_with("# report.pdf\n\nPage 3 of 5.\n\n|"), "{third}");
    let full = done["markdown_full"].as_str().unwrap();
    assert!(
        full.contains("Page 1 of 5.") && full.contains("Page 5 of 5."),
        "{full}"
    );
    // 10 credits a page for agentic.
    assert_eq!(done["job"]["usage"]["credits"], 50);
}

#[test]
fn a_pdf_larger_than_the_kept_start_of_a_file_is_counted_whole() {
    let fake = Fake::new(Config {
        max_pages_per_job: None,
        ..Config::default()
    });
    let pdf = blank_pdf(6000);
    assert!(pdf.len() > 256 * 1024, "{} bytes", pdf.len());
    let (_, job) = upload(
        &fake,
        "long.pdf",
        &pdf,
        &agentic(json!({"target_pages": "5999-6005"})),
    );
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    assert_eq!(page_numbers(&done["markdown"]), [5999, 6000]);
    let last = done["markdown"]["pages"][1]["markdown"].as_str().unwrap();
    assert!(last.starts_with("# long.pdf\n\nPage 6000 of 6000."), "{last}");
}

#[test]
fn other_uploads_keep_their_pages_of_sixty_lines() {
    let fake = Fake::new(Config::default());
    let text: String = (1..=130).map(|n| format!("line {n}\n")).collect();
    let (_, job) = upload(
        &fake,
        "notes.md",
        text.as_bytes(),
        &json!({"tier": "fast", "version": "latest"}),
    );
    let done = ended(&fake, job["id"].as_str().unwrap(), "text");
    // A note of four lines, then 130: three pages.
    assert_eq!(page_numbers(&done["text"]), [1, 2, 3]);
    assert_eq!(done["job"]["usage"]["credits"], 3);
}

#[test]
fn target_pages_parses_only_those_pages_with_their_numbers_and_bills_them_only() {
    let fake = Fake::new(Config::default());
    let pdf = blank_pdf(10);
    let (status, job) = upload(
        &fake,
        "ten.pdf",
        &pdf,
        &agentic(json!({"target_pages": "9-12, 2,4-5"})),
    );
    assert_eq!(status, 200, "{job}");
    let done = ended(
        &fake,
        job["id"].as_str().unwrap(),
        "markdown,text,metadata,markdown_full,text_full",
    );
    assert_eq!(page_numbers(&done["markdown"]), [2, 4, 5, 9, 10]);
    assert_eq!(page_numbers(&done["text"]), [2, 4, 5, 9, 10]);
    assert_eq!(page_numbers(&done["metadata"]), [2, 4, 5, 9, 10]);
    let fourth = done["markdown"]["pages"][1]["markdown"].as_str().unwrap();
    assert!(fourth.starts_with("# ten.pdf\n\nPage 4 of 10.\n\n"), "{fourth}");
    let full = done["markdown_full"].as_str().unwrap();
    assert!(
        full.contains("Page 4 of 10.") && !full.contains("Page 3 of 10."),
        "{full}"
    );
    assert_eq!(done["job"]["usage"]["credits"], 50);

    // max_pages keeps the first N; target_pages wins over it.
    let (_, first) = upload(&fake, "ten.pdf", &pdf, &agentic(json!({"max_pages": 3})));
    let first = ended(&fake, first["id"].as_str().unwrap(), "markdown");
    assert_eq!(page_numbers(&first["markdown"]), [1, 2, 3]);
    assert_eq!(first["job"]["usage"]["credits"], 30);
    let (_, both) = upload(
        &fake,
        "ten.pdf",
        &pdf,
        &agentic(json!({"max_pages": 3, "target_pages": "7"})),
    );
    let both = ended(&fake, both["id"].as_str().unwrap(), "markdown");
    assert_eq!(page_numbers(&both["markdown"]), [7]);

    // Pages past the end are simply not there.
    let (_, past) = upload(&fake, "ten.pdf", &pdf, &agentic(json!({"target_pages": "11-20"})));
    let past = ended(&fake, past["id"].as_str().unwrap(), "markdown");
    assert_eq!(past["job"]["status"], "COMPLETED");
    assert_eq!(page_numbers(&past["markdown"]), Vec::<u64>::new());
    assert_eq!(past["job"]["usage"]["credits"], 0);
}

#[test]
fn a_bad_target_pages_is_refused_with_why_and_makes_no_job() {
    let fake = Fake::new(Config::default());
    let cases = [
        (
            "1,x",
            "Invalid page_ranges.target_pages \"1,x\": \"x\" is neither a page number nor a range like 5-8",
        ),
        (
            "1,,2",
            "Invalid page_ranges.target_pages \"1,,2\": \"\" is neither a page number nor a range like 5-8",
        ),
        (
            "0-3",
            "Invalid page_ranges.target_pages \"0-3\": pages are numbered from 1: there is no page 0",
        ),
        (
            "3,2-4",
            "Invalid page_ranges.target_pages \"3,2-4\": page 3 is given more than once",
        ),
        (
            "5,5",
            "Invalid page_ranges.target_pages \"5,5\": page 5 is given more than once",
        ),
        (
            "8-5",
            "Invalid page_ranges.target_pages \"8-5\": the range 8-5 ends before it starts",
        ),
    ];
    for (targets, detail) in cases {
        let (status, body) = upload(
            &fake,
            "a.pdf",
            &blank_pdf(10),
            &agentic(json!({"target_pages": targets})),
        );
        assert_eq!((status, body), (400, json!({"detail": detail})));
        let (status, body) = create(
            &fake,
            &json!({"tier": "agentic", "version": "latest", "source_url": "https://example.com/a.pdf",
                "page_ranges": {"target_pages": targets}}),
        );
        assert_eq!((status, body), (400, json!({"detail": detail})));
    }
    let (status, body) = upload(&fake, "a.pdf", &blank_pdf(1), &agentic(json!({"max_pages": 0})));
    assert_eq!(status, 400, "{body}");
    assert_eq!(fake.jobs_made_ever(), 0);
}

#[test]
fn a_partial_document_keeps_its_failed_page_within_the_selected_pages() {
    let fake = Fake::new(Config::default());
    let (_, job) = upload(
        &fake,
        "partial.pdf",
        &blank_pdf(4),
        &agentic(json!({"target_pages": "1-3"})),
    );
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown,text");
    assert_eq!(done["job"]["status"], "COMPLETED");
    assert_eq!(page_numbers(&done["markdown"]), [1, 2, 3]);
    assert_eq!(done["markdown"]["pages"][1]["success"], false);
    assert_eq!(page_numbers(&done["text"]), [1, 3]);
    assert_eq!(done["job"]["usage"]["credits"], 30);
    // A text upload still gets its failed page 2 put in.
    let (_, job) = upload(&fake, "partial.md", b"# P\n", &agentic(Value::Null));
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    assert_eq!(page_numbers(&done["markdown"]), [1, 2]);
    assert_eq!(done["markdown"]["pages"][1]["success"], false);
}

#[test]
fn a_job_over_the_page_cap_fails_with_the_apis_message_and_costs_nothing() {
    assert_eq!(Config::default().max_pages_per_job, Some(700));
    assert_eq!(Config::default().page_cap_at, PageCapAt::Job);
    let fake = Fake::new(Config::default());
    let (status, job) = upload(
        &fake,
        "long.pdf",
        &blank_pdf(701),
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!(status, 200, "{job}");
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    assert_eq!(done["job"]["status"], "FAILED");
    assert_eq!(
        done["job"]["error_message"],
        "The document has 701 pages: max pages allowed for parse mode parse_page_with_agent is 700"
    );
    assert_eq!(done["job"]["usage"]["credits"], 0);
    assert!(done.get("markdown").is_none(), "{done}");
    // The pages selected count, not the document's.
    let (_, window) = upload(
        &fake,
        "long.pdf",
        &blank_pdf(701),
        &agentic(json!({"target_pages": "1-700"})),
    );
    let window = ended(&fake, window["id"].as_str().unwrap(), "");
    assert_eq!(window["job"]["status"], "COMPLETED");
    assert_eq!(window["job"]["usage"]["credits"], 7000);
    // No cap: 0 in the flag, None here.
    let uncapped = Fake::new(Config {
        max_pages_per_job: None,
        ..Config::default()
    });
    let (_, job) = upload(&uncapped, "long.pdf", &blank_pdf(701), &agentic(Value::Null));
    assert_eq!(
        ended(&uncapped, job["id"].as_str().unwrap(), "")["job"]["status"],
        "COMPLETED"
    );
}

#[test]
fn a_job_over_the_page_cap_at_create_is_refused_there_and_not_made() {
    let fake = Fake::new(Config {
        max_pages_per_job: Some(5),
        page_cap_at: PageCapAt::Create,
        ..Config::default()
    });
    let (status, body) = upload(
        &fake,
        "eight.pdf",
        &blank_pdf(8),
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!((status, body), (400, json!({"detail": page_cap_message(8, 5)})));
    assert_eq!(
        page_cap_message(8, 5),
        "The document has 8 pages: max pages allowed for parse mode parse_page_with_agent is 5"
    );
    assert_eq!(fake.jobs_made_ever(), 0);
    assert!(fake.made_jobs().is_empty());
    let (status, _) = upload(
        &fake,
        "eight.pdf",
        &blank_pdf(8),
        &agentic(json!({"target_pages": "4-8"})),
    );
    assert_eq!(status, 200);
    assert_eq!(fake.jobs_made_ever(), 1);
}

/// How long made job `number` takes.
fn job_time(fake: &Fake, number: usize) -> Option<std::time::Duration> {
    fake.made().jobs.get(&number).and_then(|m| m.time)
}

#[test]
fn a_job_takes_its_time_per_page_parsed() {
    let fake = Fake::new(Config {
        ms_per_page: Some(20),
        ..Config::default()
    });
    let pdf = blank_pdf(1000);
    upload(
        &fake,
        "big.pdf",
        &pdf,
        &agentic(json!({"target_pages": "101-200"})),
    );
    upload(&fake, "big.pdf", &pdf, &agentic(json!({"target_pages": "1-300"})));
    assert_eq!(job_time(&fake, 0), Some(std::time::Duration::from_secs(2)));
    assert_eq!(job_time(&fake, 1), Some(std::time::Duration::from_secs(6)));
    // It has not ended yet, however often it is fetched.
    let id = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    for _ in 0..5 {
        let (_, job) = call(&fake, "GET", &format!("/api/v2/parse/{id}"), None, b"");
        assert_eq!(job["job"]["status"], "PENDING");
    }
    // Nothing to parse: ended at once.
    let (_, none) = upload(
        &fake,
        "big.pdf",
        &pdf,
        &agentic(json!({"target_pages": "1001-1100"})),
    );
    let (_, job) = call(
        &fake,
        "GET",
        &format!("/api/v2/parse/{}", none["id"].as_str().unwrap()),
        None,
        b"",
    );
    assert_eq!(job["job"]["status"], "COMPLETED");
    // On top of job_time.
    let both = Fake::new(Config {
        ms_per_page: Some(20),
        job_time: Some(std::time::Duration::from_secs(1)),
        ..Config::default()
    });
    upload(&both, "big.pdf", &pdf, &agentic(json!({"max_pages": 50})));
    assert_eq!(job_time(&both, 0), Some(std::time::Duration::from_secs(2)));
}

#[test]
fn a_file_uploaded_once_is_parsed_by_its_id_in_windows_of_its_pages() {
    let fake = Fake::new(Config::default());
    let pdf = blank_pdf(250);
    let body = multipart(
        &[("purpose", "parse"), ("external_file_id", "ext-1")],
        Some(("big.pdf", &pdf)),
    );
    let (status, file) = call(
        &fake,
        "POST",
        "/api/v1/beta/files?project_id=prj-0000&organization_id=org-0000",
        Some(&content_type()),
        &body,
    );
    assert_eq!(status, 201, "{file}");
    let id = file["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("file-"), "{id}");
    assert_eq!(file["name"], "big.pdf");
    assert_eq!(file["project_id"], "prj-0000");
    assert_eq!(file["file_type"], "pdf");
    assert_eq!(file["purpose"], "parse");
    assert_eq!(file["external_file_id"], "ext-1");
    assert_eq!(file["file_size"], pdf.len());
    for key in ["expires_at", "created_at"] {
        assert!(
            file[key]
                .as_str()
                .is_some_and(|t| t.parse::<jiff::Timestamp>().is_ok()),
            "{file}"
        );
    }
    assert_eq!(fake.files_uploaded(), 1);
    assert_eq!(fake.requests_seen().creates, 0);

    let mut windows = Vec::new();
    for targets in ["1-100", "101-200", "201-300"] {
        let (status, job) = create(
            &fake,
            &json!({"tier": "agentic", "version": "latest", "file_id": id, "page_ranges": {"target_pages": targets}}),
        );
        assert_eq!(status, 200, "{job}");
        assert_eq!(job["name"], "big.pdf");
        windows.push(ended(&fake, job["id"].as_str().unwrap(), "markdown"));
    }
    let numbers: Vec<Vec<u64>> = windows.iter().map(|w| page_numbers(&w["markdown"])).collect();
    assert_eq!(numbers[0], (1..=100).collect::<Vec<u64>>());
    assert_eq!(numbers[1], (101..=200).collect::<Vec<u64>>());
    assert_eq!(numbers[2], (201..=250).collect::<Vec<u64>>());
    let first = windows[1]["markdown"]["pages"][0]["markdown"].as_str().unwrap();
    assert!(first.starts_with("# big.pdf\n\nPage 101 of 250.\n\n"), "{first}");
    assert_eq!(windows[2]["job"]["usage"]["credits"], 500);
    assert_eq!(fake.files_uploaded(), 1);
    let sent: Vec<Value> = fake
        .made_configurations()
        .iter()
        .map(|c| c["page_ranges"]["target_pages"].clone())
        .collect();
    assert_eq!(sent, [json!("1-100"), json!("101-200"), json!("201-300")]);

    // A file id never uploaded here is still a generic document; a non-file id is not found.
    let (status, job) = create(
        &fake,
        &json!({"tier": "fast", "version": "latest", "file_id": "file-elsewhere"}),
    );
    assert_eq!((status, &job["name"]), (200, &json!("file-elsewhere")));
    let (status, _) = create(
        &fake,
        &json!({"tier": "fast", "version": "latest", "file_id": "dfl-1"}),
    );
    assert_eq!(status, 404);
}

#[test]
fn the_files_endpoint_wants_a_file_a_purpose_and_a_key() {
    let fake = Fake::new(Config::default());
    let (status, body) = call(
        &fake,
        "POST",
        "/api/v1/beta/files",
        Some(&content_type()),
        &multipart(&[("purpose", "parse")], None),
    );
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["loc"], json!(["body", "file"]));
    let (status, body) = call(
        &fake,
        "POST",
        "/api/v1/beta/files",
        Some(&content_type()),
        &multipart(&[], Some(("a.pdf", b"%PDF-"))),
    );
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["loc"], json!(["body", "purpose"]));
    let mut body = multipart(&[("purpose", "parse")], Some(("a.pdf", b"x")));
    let answer = fake.handle(Request {
        method: "POST",
        target: "/api/v1/beta/files",
        authorization: Some("Bearer sk-wrong"),
        content_type: Some(&content_type()),
        body: &mut body.as_slice(),
    });
    assert_eq!(answer.status, 401);
    body.clear();
    assert_eq!(fake.files_uploaded(), 0);
    let (status, _) = upload_file(&fake, "a.md", b"# A\n");
    assert_eq!(status, 201);
    assert_eq!(fake.files_uploaded(), 1);
}

#[test]
fn pdf_page_kib_pads_each_pdf_page_to_that_size_and_leaves_other_files_alone() {
    let fake = Fake::new(Config {
        pdf_page_kib: 50,
        ..Config::default()
    });
    // By the files endpoint, as windows are made, and by an upload create.
    let (status, file) = upload_file(&fake, "big.pdf", &blank_pdf(3));
    assert_eq!(status, 201, "{file}");
    let (status, job) = create(
        &fake,
        &json!({"tier": "agentic", "version": "latest", "file_id": file["id"], "page_ranges": {"target_pages": "2-3"}}),
    );
    assert_eq!(status, 200, "{job}");
    let window = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    assert_eq!(page_numbers(&window["markdown"]), [2, 3]);
    for page in window["markdown"]["pages"].as_array().unwrap() {
        let markdown = page["markdown"].as_str().unwrap();
        assert_eq!(markdown.len(), 50 * 1024);
        let n = page["page_number"].as_u64().unwrap();
        assert!(
            markdown.starts_with(&format!("# big.pdf\n\nPage {n} of 3.\n\n|")),
            "{}",
            &markdown[..80]
        );
        assert!(markdown.contains("\nFiller text"), "{}", &markdown[..200]);
    }
    let (status, job) = upload(
        &fake,
        "small.pdf",
        &blank_pdf(1),
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!(status, 200, "{job}");
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    assert_eq!(
        done["markdown"]["pages"][0]["markdown"].as_str().unwrap().len(),
        50 * 1024
    );

    // Not a PDF: its 60-line pages, unpadded.
    let (status, job) = upload(
        &fake,
        "notes.md",
        b"# Notes\n",
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!(status, 200, "{job}");
    let done = ended(&fake, job["id"].as_str().unwrap(), "markdown");
    let page = done["markdown"]["pages"][0]["markdown"].as_str().unwrap();
    assert!(page.len() < 1024 && !page.contains("Filler"), "{page}");
}

#[test]
fn close_connections_answers_over_http_with_connection_close() {
    use std::io::{Read as _, Write as _};
    let fake = std::sync::Arc::new(Fake::new(Config {
        close_connections: true,
        ..Config::default()
    }));
    let addr = super::http::spawn(fake, 0).unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    // A keep-alive request: the answer still tells the client to close the connection (the
    // client closes it, and tiny_http's thread is free for another).
    write!(
        stream,
        "GET /api/v2/parse?page_size=1 HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer llx-test\r\nX-Trace: t1\r\nConnection: keep-alive\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0; 4096];
    let (head, length) = loop {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "closed before the head");
        answer.extend_from_slice(&buffer[..n]);
        if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8(answer[..end].to_vec()).unwrap();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .expect("a Content-Length")
                .parse()
                .unwrap();
            answer.drain(..end + 4);
            break (head, length);
        }
    };
    while answer.len() < length {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "closed before the body's end");
        answer.extend_from_slice(&buffer[..n]);
    }
    let lines: Vec<&str> = head.lines().collect();
    assert_eq!(lines[0], "HTTP/1.1 200 OK", "{head}");
    assert!(lines.contains(&"Connection: close"), "{head}");
    assert!(lines.contains(&"X-Echo-x-trace: t1"), "{head}");
    assert_eq!(answer.len(), length);
    let body = String::from_utf8(answer).unwrap();
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
}
