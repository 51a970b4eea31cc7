//! What a made job produces beside its pages, called in process: the images of
//! `images_to_save` and their bytes, `expand=items`, the `tables_as_spreadsheet` xlsx, printed
//! page numbers, and presigned links that expire after `link_ttl`.

use std::time::Duration;

use serde_json::{Value, json};

use super::tests::{call, ended, page_numbers, upload};
use super::{Config, Fake, Request};
use crate::pdf::blank_pdf;

const FILES: &str = "http://files.test";

/// A fake whose presigned links point at `FILES`.
fn fake_with(config: Config) -> Fake {
    let fake = Fake::new(config);
    fake.serve_files_at(FILES.into());
    fake
}

/// Fetches a presigned link as a client does (no key): status and bytes.
fn fetch(fake: &Fake, link: &str) -> (u16, Vec<u8>) {
    let target = link.strip_prefix(FILES).expect("a link on the files origin");
    let answer = fake.handle(Request {
        method: "GET",
        target,
        authorization: None,
        content_type: None,
        body: &mut &b""[..],
    });
    (answer.status, answer.body)
}

/// A 3-page PDF made with `output_options`, parsed for its pages 2 and 3; the job's id.
fn made(fake: &Fake, tier: &str, output_options: Value) -> String {
    let configuration = json!({"tier": tier, "version": "latest",
        "page_ranges": {"target_pages": "2-3"}, "output_options": output_options});
    let (status, job) = upload(fake, "report.pdf", &blank_pdf(3), &configuration);
    assert_eq!(status, 200, "{job}");
    job["id"].as_str().unwrap().to_string()
}

fn link(entry: &Value) -> &str {
    entry["presigned_url"].as_str().expect("a presigned link")
}

#[test]
fn images_to_save_lists_each_pages_images_and_serves_their_bytes() {
    let fake = fake_with(Config::default());
    let id = made(
        &fake,
        "agentic",
        json!({"images_to_save": ["screenshot", "embedded", "layout"]}),
    );
    let done = ended(&fake, &id, "markdown,images_content_metadata");
    let listing = &done["images_content_metadata"];
    assert_eq!(listing["total_count"], 6);
    let images = listing["images"].as_array().unwrap();
    let summary: Vec<(u64, &str, &str, &str)> = images
        .iter()
        .map(|i| {
            (
                i["index"].as_u64().unwrap(),
                i["filename"].as_str().unwrap(),
                i["category"].as_str().unwrap(),
                i["content_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (0, "page_2_image_1.png", "embedded", "image/png"),
            (1, "page_2_layout_1.png", "layout", "image/png"),
            (2, "page_2.jpg", "screenshot", "image/jpeg"),
            (3, "page_3_image_1.png", "embedded", "image/png"),
            (4, "page_3_layout_1.png", "layout", "image/png"),
            (5, "page_3.jpg", "screenshot", "image/jpeg"),
        ]
    );
    // As the API: size_bytes is deprecated and null; a bbox for crops, none for a screenshot.
    assert_eq!(images[0]["size_bytes"], Value::Null);
    assert_eq!(images[1]["bbox"], json!({"x": 72, "y": 400, "w": 240, "h": 180}));
    assert!(images[2].get("bbox").is_none());
    assert!(
        link(&images[0]).starts_with(&format!("{FILES}/files/{id}/images/page_2_image_1.png?")),
        "{}",
        images[0]
    );

    // Each link serves the bytes `asset_bytes` gives: a PNG, or a JPEG-looking screenshot.
    for image in images {
        let name = image["filename"].as_str().unwrap();
        let (status, bytes) = fetch(&fake, link(image));
        assert_eq!(status, 200, "{name}");
        assert_eq!(Some(bytes.clone()), fake.asset_bytes(&id, name), "{name}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains(&format!("{name} of page")) && text.contains(&id),
            "{text}"
        );
        if name.ends_with(".png") {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.ends_with(b"IEND\xaeB`\x82"));
        } else {
            assert!(bytes.starts_with(&[0xff, 0xd8]) && bytes.ends_with(&[0xff, 0xd9]));
        }
    }
    assert_eq!(
        fake.asset_bytes(&id, "page_1_image_1.png"),
        None,
        "page 1 was not parsed"
    );
    let requests = fake.file_requests();
    assert_eq!(requests.len(), 6);
    assert_eq!(requests[0], (format!("{id}/images/page_2_image_1.png"), false));

    // The pages' markdown refers to the embedded and layout images, as the API writes them.
    let second = done["markdown"]["pages"][0]["markdown"].as_str().unwrap();
    assert!(
        second.ends_with("\n\n![Image on page 2](page_2_image_1.png)\n\n![Figure 2](page_2_layout_1.png)"),
        "{second}"
    );

    // image_filenames: only those named, with their index in the whole job.
    let (status, only) = call(
        &fake,
        "GET",
        &format!(
            "/api/v2/parse/{id}?expand=images_content_metadata&image_filenames=page_3.jpg,page_2_layout_1.png"
        ),
        None,
        b"",
    );
    assert_eq!(status, 200);
    let names: Vec<(&str, u64)> = only["images_content_metadata"]["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["filename"].as_str().unwrap(), i["index"].as_u64().unwrap()))
        .collect();
    assert_eq!(names, [("page_2_layout_1.png", 1), ("page_3.jpg", 5)]);
    assert_eq!(only["images_content_metadata"]["total_count"], 2);
}

#[test]
fn only_the_images_asked_for_are_saved_and_referenced() {
    let fake = fake_with(Config::default());
    let none = made(&fake, "agentic", json!({}));
    let done = ended(&fake, &none, "markdown,images_content_metadata");
    assert_eq!(
        done["images_content_metadata"],
        json!({"images": [], "total_count": 0})
    );
    let page = done["markdown"]["pages"][0]["markdown"].as_str().unwrap();
    assert!(!page.contains("!["), "{page}");
    assert_eq!(fake.asset_bytes(&none, "page_2_image_1.png"), None);

    let shots = made(&fake, "agentic", json!({"images_to_save": ["screenshot"]}));
    let done = ended(&fake, &shots, "markdown,images_content_metadata");
    let names: Vec<&str> = done["images_content_metadata"]["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["filename"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["page_2.jpg", "page_3.jpg"]);
    let page = done["markdown"]["pages"][1]["markdown"].as_str().unwrap();
    assert!(!page.contains("!["), "screenshots are not referenced: {page}");

    // The markdown result file is the document with its references.
    let layout = made(&fake, "agentic", json!({"images_to_save": ["layout"]}));
    let done = ended(&fake, &layout, "markdown_content_metadata");
    let (status, file) = fetch(&fake, link(&done["result_content_metadata"]["markdown"]));
    assert_eq!(status, 200);
    let file = String::from_utf8(file).unwrap();
    assert!(
        file.contains("![Figure 2](page_2_layout_1.png)")
            && file.ends_with("![Figure 3](page_3_layout_1.png)"),
        "{file}"
    );
    assert!(!file.contains("_image_1"), "{file}");
}

#[test]
fn an_images_to_save_value_the_api_does_not_take_is_refused() {
    let fake = fake_with(Config::default());
    for bad in [json!(["embedded", "charts"]), json!("embedded")] {
        let configuration = json!({"tier": "agentic", "version": "latest",
            "output_options": {"images_to_save": bad}});
        let (status, answer) = upload(&fake, "report.pdf", &blank_pdf(1), &configuration);
        assert_eq!(status, 422, "{answer}");
        assert_eq!(answer["detail"][0]["loc"][3], "images_to_save", "{answer}");
    }
    assert_eq!(fake.jobs_made_ever(), 0);
}

#[test]
fn items_are_the_structured_pages_with_their_numbers_in_the_document() {
    let fake = fake_with(Config::default());
    let id = made(&fake, "agentic", json!({}));
    let done = ended(&fake, &id, "items");
    assert_eq!(page_numbers(&done["items"]), [2, 3]);
    let page = &done["items"]["pages"][0];
    assert_eq!(
        (
            page["page_width"].clone(),
            page["page_height"].clone(),
            page["success"].clone()
        ),
        (json!(612), json!(792), json!(true))
    );
    let items = page["items"].as_array().unwrap();
    let types: Vec<&str> = items.iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["heading", "text", "table", "image"]);
    assert_eq!(items[0]["value"], "report.pdf");
    assert_eq!(items[0]["level"], 1);
    assert_eq!(items[1]["value"], "Page 2 of 3.");
    assert_eq!(items[2]["rows"], json!([["page", "words"], [2, 174]]));
    assert_eq!(items[2]["csv"], "page,words\n2,174");
    assert_eq!(items[2]["md"], "| page | words |\n|---|---|\n| 2 | 174 |");
    assert_eq!(items[3]["url"], "page_2_layout_1.png");
    assert_eq!(items[3]["bbox"], json!([{"x": 72, "y": 400, "w": 240, "h": 180}]));
    assert!(items.iter().all(|i| i["bbox"][0]["w"].as_u64().is_some()));

    // A failed page is listed as the API lists one; the fast tier makes no items.
    let (status, job) = upload(
        &fake,
        "partial.pdf",
        &blank_pdf(3),
        &json!({"tier": "agentic", "version": "latest"}),
    );
    assert_eq!(status, 200);
    let done = ended(&fake, job["id"].as_str().unwrap(), "items");
    assert_eq!(done["items"]["pages"][1]["success"], false);
    assert_eq!(done["items"]["pages"][1]["page_number"], 2);
    let fast = made(&fake, "fast", json!({}));
    assert!(ended(&fake, &fast, "items,text").get("items").is_none());
}

#[test]
fn tables_as_spreadsheet_gives_an_xlsx_result_file() {
    let fake = fake_with(Config::default());
    let id = made(
        &fake,
        "agentic",
        json!({"tables_as_spreadsheet": {"enable": true}}),
    );
    let done = ended(&fake, &id, "xlsx_content_metadata");
    let entry = &done["result_content_metadata"]["xlsx"];
    assert_eq!(entry["exists"], true);
    let (status, bytes) = fetch(&fake, link(entry));
    assert_eq!(status, 200);
    assert_eq!(entry["size_bytes"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(fake.asset_bytes(&id, "xlsx"), Some(bytes.clone()));
    // A zip: local headers first, the end of its central directory last, one sheet a table.
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let end = &bytes[bytes.len() - 22..];
    assert!(end.starts_with(b"PK\x05\x06"));
    let number = |at: usize| u32::from_le_bytes(end[at..at + 4].try_into().unwrap()) as usize;
    let (central_size, central_at) = (number(12), number(16));
    assert_eq!(central_at + central_size, bytes.len() - 22);
    assert!(bytes[central_at..].starts_with(b"PK\x01\x02"));
    // Its first entry (46 bytes, then its name) is followed by the next one.
    let name_length = u16::from_le_bytes([bytes[central_at + 28], bytes[central_at + 29]]) as usize;
    assert!(bytes[central_at + 46 + name_length..].starts_with(b"PK\x01\x02"));
    let text = String::from_utf8_lossy(&bytes);
    for part in [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet2.xml",
        "<sheet name=\"Table_2\"",
    ] {
        assert!(text.contains(part), "{part}");
    }
    assert!(
        text.contains("<c r=\"A2\"><v>2</v></c><c r=\"B2\"><v>174</v></c>"),
        "{text}"
    );
    assert!(!text.contains("sheet3.xml"));

    // Not asked for: no file, as the API says.
    let plain = made(&fake, "agentic", json!({}));
    let done = ended(&fake, &plain, "xlsx_content_metadata");
    assert_eq!(
        done["result_content_metadata"]["xlsx"],
        json!({"size_bytes": 0, "exists": false})
    );
    assert_eq!(fake.asset_bytes(&plain, "xlsx"), None);
}

#[test]
fn printed_page_numbers_come_with_the_metadata_when_asked() {
    let fake = fake_with(Config::default());
    let configuration = json!({"tier": "agentic", "version": "latest",
        "output_options": {"extract_printed_page_number": true}});
    let (status, job) = upload(&fake, "book.pdf", &blank_pdf(5), &configuration);
    assert_eq!(status, 200);
    let done = ended(&fake, job["id"].as_str().unwrap(), "metadata");
    let labels: Vec<&str> = done["metadata"]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["printed_page_number"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["i", "ii", "1", "2", "3"]);
    assert_eq!(super::printed_label(14), "12");

    let plain = made(&fake, "agentic", json!({}));
    let done = ended(&fake, &plain, "metadata");
    assert!(done["metadata"]["pages"][0].get("printed_page_number").is_none());
}

#[test]
fn links_expire_after_link_ttl_and_getting_the_job_again_gives_fresh_ones() {
    let fake = fake_with(Config {
        link_ttl: Some(Duration::from_secs(60)),
        ..Config::default()
    });
    let id = made(&fake, "agentic", json!({"images_to_save": ["embedded"]}));
    let expand = "markdown_content_metadata,images_content_metadata";
    let done = ended(&fake, &id, expand);
    let markdown = link(&done["result_content_metadata"]["markdown"]).to_string();
    let image = link(&done["images_content_metadata"]["images"][0]).to_string();
    assert!(
        markdown.contains("X-Amz-Expires=60&X-Fake-Expires-At="),
        "{markdown}"
    );
    assert_eq!(fetch(&fake, &markdown).0, 200);
    assert_eq!(fetch(&fake, &image).0, 200);

    fake.advance_link_clock(Duration::from_secs(61));
    for old in [&markdown, &image] {
        let (status, body) = fetch(&fake, old);
        assert_eq!(status, 403);
        assert!(String::from_utf8_lossy(&body).contains("<Code>AccessDenied</Code>"));
    }
    let (status, again) = call(
        &fake,
        "GET",
        &format!("/api/v2/parse/{id}?expand={expand}"),
        None,
        b"",
    );
    assert_eq!(status, 200);
    let fresh = link(&again["result_content_metadata"]["markdown"]);
    assert_ne!(fresh, markdown);
    assert_eq!(fetch(&fake, fresh).0, 200);
    assert_eq!(
        fetch(&fake, link(&again["images_content_metadata"]["images"][0])).0,
        200
    );
    // A link without its expiry is not one the fake gave.
    let unsigned = format!("{FILES}/files/{id}/markdown?X-Amz-Signature=fake");
    assert_eq!(fetch(&fake, &unsigned).0, 403);

    // Without link_ttl links last; with links_expire every one is refused, as before.
    let lasting = fake_with(Config::default());
    let id = made(&lasting, "agentic", json!({}));
    let done = ended(&lasting, &id, "markdown_content_metadata");
    lasting.advance_link_clock(Duration::from_secs(86_400));
    assert_eq!(
        fetch(&lasting, link(&done["result_content_metadata"]["markdown"])).0,
        200
    );
    let expired = fake_with(Config {
        links_expire: true,
        ..Config::default()
    });
    let id = made(&expired, "agentic", json!({}));
    let done = ended(&expired, &id, "markdown_content_metadata");
    assert_eq!(
        fetch(&expired, link(&done["result_content_metadata"]["markdown"])).0,
        403
    );
}

/// The chunks of a PNG, in order: type and data, each CRC checked; panics on anything that is not
/// a well-formed PNG ending with its IEND chunk.
fn png_chunks(png: &[u8]) -> Vec<([u8; 4], &[u8])> {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "no PNG signature");
    let mut chunks = Vec::new();
    let mut at = 8;
    while at < png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let typed = &png[at + 4..at + 8 + length];
        let crc = u32::from_be_bytes(png[at + 8 + length..at + 12 + length].try_into().unwrap());
        let mut check = flate2::Crc::new();
        check.update(typed);
        assert_eq!(
            check.sum(),
            crc,
            "CRC of chunk {}",
            String::from_utf8_lossy(&typed[..4])
        );
        chunks.push((typed[..4].try_into().unwrap(), &typed[4..]));
        at += 12 + length;
    }
    assert_eq!(at, png.len(), "a chunk runs past the end");
    assert_eq!(chunks.last().map(|c| &c.0), Some(b"IEND"), "no IEND last");
    chunks
}

#[test]
fn image_kib_makes_each_embedded_and_layout_image_a_valid_png_of_exactly_that_size() {
    let fake = fake_with(Config {
        image_kib: 64,
        ..Config::default()
    });
    let id = made(
        &fake,
        "agentic",
        json!({"images_to_save": ["embedded", "layout", "screenshot"]}),
    );
    let done = ended(&fake, &id, "images_content_metadata");
    let images = done["images_content_metadata"]["images"].as_array().unwrap();
    assert_eq!(images.len(), 6);
    let mut served = Vec::new();
    for image in images {
        let name = image["filename"].as_str().unwrap();
        let (status, bytes) = fetch(&fake, link(image));
        assert_eq!(status, 200, "{name}");
        assert_eq!(Some(bytes.clone()), fake.asset_bytes(&id, name), "{name}");
        assert_eq!(
            fetch(&fake, link(image)).1,
            bytes,
            "{name}: the same bytes every time"
        );
        if name.ends_with(".jpg") {
            // Screenshots are not padded.
            assert!(bytes.len() < 1024 && bytes.starts_with(&[0xff, 0xd8]), "{name}");
            continue;
        }
        assert_eq!(bytes.len(), 64 * 1024, "{name}");
        let chunks = png_chunks(&bytes);
        let kinds: Vec<&[u8; 4]> = chunks.iter().map(|(kind, _)| kind).collect();
        assert_eq!(kinds, [b"IHDR", b"tEXt", b"fkPd", b"IDAT", b"IEND"], "{name}");
        // The padding is an ancillary, private chunk: a viewer skips it.
        assert!(chunks[2].0[0].is_ascii_lowercase() && chunks[2].0[1].is_ascii_lowercase());
        let text = String::from_utf8_lossy(chunks[1].1);
        assert!(
            text.contains(&format!("{name} of page")) && text.contains(&id),
            "{text}"
        );
        // Not one byte repeated: bytes that do not compress, as an image's.
        let mut seen = [false; 256];
        chunks[2].1.iter().for_each(|&b| seen[usize::from(b)] = true);
        assert_eq!(seen.iter().filter(|&&s| s).count(), 256, "{name}");
        served.push(bytes);
    }
    assert_eq!(served.len(), 4);
    for (i, a) in served.iter().enumerate() {
        for b in &served[i + 1..] {
            assert_ne!(a[100..200], b[100..200], "each image's padding is its own");
        }
    }

    // The benchmark's document: 100 pages, embedded and layout, are 200 images of that size.
    let configuration = json!({"tier": "agentic", "version": "latest",
        "output_options": {"images_to_save": ["embedded", "layout"]}});
    let (status, job) = upload(&fake, "big.pdf", &blank_pdf(100), &configuration);
    assert_eq!(status, 200, "{job}");
    let big = job["id"].as_str().unwrap();
    let done = ended(&fake, big, "images_content_metadata");
    assert_eq!(done["images_content_metadata"]["total_count"], 200);
    let last = &done["images_content_metadata"]["images"][199];
    assert_eq!(last["filename"], "page_100_layout_1.png");
    assert_eq!(fetch(&fake, link(last)).1.len(), 64 * 1024);

    // 0 (the default) keeps them tiny, and so does a size too small to pad to.
    assert!(super::assets::png_of_size("x", 0).len() < 200);
    assert_eq!(
        super::assets::png_of_size("x", 20),
        super::assets::png_of_size("x", 0)
    );
    assert_eq!(super::assets::png_of_size("x", 1024).len(), 1024);
}

#[test]
fn images_are_sent_as_stored_even_to_a_client_that_takes_gzip() {
    use std::io::{Read as _, Write as _};
    let fake = std::sync::Arc::new(Fake::new(Config {
        image_kib: 4,
        close_connections: true,
        // Pages of 2 KiB: a result file large enough to be gzipped.
        pdf_page_kib: 2,
        ..Config::default()
    }));
    let files = super::http::spawn(std::sync::Arc::clone(&fake), 0).unwrap();
    fake.serve_files_at(format!("http://{files}"));
    let id = made(&fake, "agentic", json!({"images_to_save": ["embedded"]}));
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(files).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            stream,
            "GET /files/{path}?X-Amz-Expires=3600&X-Amz-Signature=fake HTTP/1.1\r\nHost: files\r\nAccept-Encoding: gzip\r\n\r\n"
        )
        .unwrap();
        // Read up to the end of the body its Content-Length says (the client is the one to
        // close the connection).
        let mut answer = Vec::new();
        let mut buffer = [0; 4096];
        loop {
            if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8(answer[..end].to_vec()).unwrap();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("Content-Length: "))
                    .expect("a Content-Length")
                    .parse()
                    .unwrap();
                if answer.len() >= end + 4 + length {
                    return (head, answer[end + 4..].to_vec());
                }
            }
            let n = stream.read(&mut buffer).unwrap();
            assert!(n > 0, "closed before the answer's end");
            answer.extend_from_slice(&buffer[..n]);
        }
    };
    let (head, body) = get(&format!("{id}/images/page_2_image_1.png"));
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    assert!(!head.to_ascii_lowercase().contains("content-encoding"), "{head}");
    assert!(head.contains("Content-Length: 4096"), "{head}");
    assert_eq!(Some(body), fake.asset_bytes(&id, "page_2_image_1.png"));
    // A result file of that size still comes gzipped to a client that takes it.
    let (head, _) = get(&format!("{id}/markdown"));
    assert!(head.contains("Content-Encoding: gzip"), "{head}");
}
