//! `parse --save` and `--page-markers` of a long document parsed in page windows: each window's
//! files saved under its own key as it comes in, the pages marked with their numbers in the
//! whole document, and a rerun that asks for nothing.

use serde_json::Value;
use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{scratch_file, stderr_of, stdout_of, walk};
use crate::pay_once::{ok, parse};

#[test]
fn a_windowed_document_is_marked_with_its_pages_and_saves_each_windows_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "long.pdf", &blank_pdf(12));
    let (url, fake) = start_shared(fake::Config::default());
    let target = dir.path().join("long.md");
    let o = target.to_str().unwrap();
    let flags = [
        "--save",
        "images,items,pages",
        "--page-markers",
        "--window-pages",
        "5",
        "-o",
        o,
    ];
    let output = parse(&url, &dir.path().join("store"), &file, &flags);
    assert_eq!(ok(&output), "");
    assert_eq!(fake.made_jobs().len(), 3, "three windows");
    let markdown = std::fs::read_to_string(&target).unwrap();
    let markers: Vec<&str> = markdown.lines().filter(|l| l.starts_with("<!-- page ")).collect();
    assert_eq!(markers.len(), 12);
    assert_eq!(markers[0], "<!-- page 1 -->");
    assert_eq!(markers[5], "<!-- page 6 -->");
    assert_eq!(markers[11], "<!-- page 12 -->");
    assert!(
        markdown.contains("<!-- page 6 -->\n# long.pdf\n\nPage 6 of 12."),
        "the marker opens its page"
    );
    assert!(markdown.contains("![Image on page 9](long.assets/images/page_9_image_1.png)"));
    let assets = dir.path().join("long.assets");
    let files: Vec<String> = walk(&assets)
        .iter()
        .map(|p| p.strip_prefix(&assets).unwrap().display().to_string())
        .collect();
    assert_eq!(files.iter().filter(|f| f.starts_with("images/")).count(), 24);
    assert_eq!(files.iter().filter(|f| f.starts_with("pages/")).count(), 12);
    let items: Vec<&String> = files.iter().filter(|f| f.starts_with("items")).collect();
    assert_eq!(
        items,
        [
            "items-pages-1-5.json",
            "items-pages-11-12.json",
            "items-pages-6-10.json"
        ]
    );
    assert!(files.contains(&"pages/page-0012.md".to_string()));
    let page = std::fs::read_to_string(assets.join("pages/page-0009.md")).unwrap();
    assert!(page.contains("Page 9 of 12."), "{page}");
    assert!(page.contains("(../images/page_9_layout_1.png)"), "{page}");
    // The key is never sent to the storage host.
    assert!(fake.file_requests().iter().all(|(_, with_key)| !with_key));

    // Again, into another place: from the store, nothing asked of the API or the storage host.
    let seen = fake.requests_seen();
    let files_fetched = fake.file_requests().len();
    let other = dir.path().join("again.md");
    let flags = [
        "--save",
        "images,items,pages",
        "--page-markers",
        "--window-pages",
        "5",
        "-o",
        other.to_str().unwrap(),
    ];
    ok(&parse(&url, &dir.path().join("store"), &file, &flags));
    assert_eq!(fake.requests_seen().job_gets, seen.job_gets);
    assert_eq!(fake.requests_seen().creates, seen.creates);
    assert_eq!(fake.file_requests().len(), files_fetched);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        markdown.replace("long.assets/", "again.assets/")
    );
}

#[test]
fn a_bulk_run_saves_a_windowed_documents_files_and_its_rerun_asks_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/long.pdf", &blank_pdf(7));
    let (url, fake) = start_shared(fake::Config::default());
    let flags = [
        "--save",
        "screenshots,json,tables",
        "--page-markers",
        "--window-pages",
        "5",
    ];
    let run = crate::harness::bulk_run(&url, dir.path(), "out", &flags);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let line: Value = serde_json::from_str(stdout_of(&run).lines().next().unwrap()).unwrap();
    assert_eq!(line["windows"].as_array().unwrap().len(), 2);
    let saved: Vec<String> = line["saved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            path.rsplit_once("long.pdf.assets/").unwrap().1.to_string()
        })
        .collect();
    assert_eq!(saved.len(), 7 + 4, "{saved:?}");
    assert_eq!(saved[0], "screenshots/page-0001.jpg");
    assert_eq!(saved[5], "tables-pages-1-5.xlsx");
    assert_eq!(saved[6], "result-pages-1-5.json");
    assert_eq!(saved[7], "screenshots/page-0006.jpg");
    assert_eq!(saved[10], "result-pages-6-7.json");
    let markdown = std::fs::read_to_string(dir.path().join("out/long.pdf.md")).unwrap();
    assert!(
        markdown.starts_with("<!-- page 1 -->\n# long.pdf"),
        "{markdown:.80}"
    );
    assert!(markdown.contains("\n<!-- page 7 -->\n"));

    let before = fake.requests_seen();
    let fetched = fake.file_requests().len();
    let again = crate::harness::bulk_run(&url, dir.path(), "out", &flags);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert!(stdout_of(&again).contains("\"SKIPPED\""), "{}", stdout_of(&again));
    let after = fake.requests_seen();
    assert_eq!(
        (after.creates, after.job_gets, after.by_id_listings),
        (before.creates, before.job_gets, before.by_id_listings)
    );
    assert_eq!(fake.file_requests().len(), fetched);
}
