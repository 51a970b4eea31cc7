//! Everything a parse produces, on disk (`parse --save`, `--page-markers`): the images,
//! screenshots, structured pages, whole result, spreadsheet and page files of each document in
//! `OUT/<doc>.assets/`, byte for byte what the API served, kept in the store so that a rerun,
//! another output directory or a fresh checkout rebuilds them without a request.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, scratch_file, stderr_of, stdout_of, walk};
use crate::pay_once::{ok, parse};

const ALL: &str = "images,screenshots,items,json,tables,pages";

/// Every request the fake has answered, API and storage host together.
fn requests(fake: &fake::Fake) -> usize {
    let seen = fake.requests_seen();
    seen.creates + seen.by_id_listings + seen.listings + seen.job_gets + fake.file_requests().len()
}

/// An options file asking for printed page numbers.
fn printed_options(dir: &Path) -> PathBuf {
    scratch_file(
        dir,
        "options.json",
        br#"{"output_options": {"extract_printed_page_number": true}}"#,
    )
}

fn bulk(url: &str, dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    crate::harness::bulk_run(url, dir, out, extra)
}

fn lines(output: &std::process::Output) -> Vec<Value> {
    stdout_of(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|line: &Value| line.get("receipt").is_none())
        .collect()
}

/// The one job the fake made.
fn only_job(fake: &fake::Fake) -> String {
    let jobs = fake.made_jobs();
    assert_eq!(jobs.len(), 1);
    jobs[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn a_folder_saved_whole_has_every_file_as_the_api_served_it_and_reruns_cost_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, pages) in [("a.pdf", 3), ("b.pdf", 2), ("sub/c.pdf", 5)] {
        scratch_file(dir.path(), &format!("docs/{name}"), &blank_pdf(pages));
    }
    let options = printed_options(dir.path());
    let (url, fake) = start_shared(fake::Config::default());
    let flags = [
        "--save",
        ALL,
        "--page-markers",
        "--options",
        options.to_str().unwrap(),
    ];
    let first = bulk(&url, dir.path(), "out", &flags);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    assert_eq!(fake.made_jobs().len(), 3);
    // What was asked of the API for it.
    for sent in fake.made_configurations() {
        assert_eq!(
            sent["output_options"],
            json!({"extract_printed_page_number": true,
                "images_to_save": ["embedded", "layout", "screenshot"],
                "tables_as_spreadsheet": {"enable": true}}),
        );
    }
    let out = dir.path().join("out");
    for (name, pages) in [("a.pdf", 3u32), ("b.pdf", 2), ("sub/c.pdf", 5)] {
        let assets = out.join(format!("{name}.assets"));
        let markdown = std::fs::read_to_string(out.join(format!("{name}.md"))).unwrap();
        let file_name = Path::new(name).file_name().unwrap().to_str().unwrap();
        for n in 1..=pages {
            for image in [format!("page_{n}_image_1.png"), format!("page_{n}_layout_1.png")] {
                let saved = std::fs::read(assets.join("images").join(&image)).unwrap();
                assert!(
                    fake.made_jobs().iter().any(|job| {
                        fake.asset_bytes(job["id"].as_str().unwrap(), &image) == Some(saved.clone())
                    }),
                    "{name}: {image} is what the fake served"
                );
                // The markdown's reference points at the saved file, relative to the markdown.
                let link = format!("({file_name}.assets/images/{image})");
                assert!(markdown.contains(&link), "{name}: {link} in\n{markdown}");
            }
            let screenshot = assets.join(format!("screenshots/page-{n:04}.jpg"));
            assert!(screenshot.is_file(), "{}", screenshot.display());
            let shot = std::fs::read(&screenshot).unwrap();
            assert!(
                fake.made_jobs().iter().any(|job| {
                    fake.asset_bytes(job["id"].as_str().unwrap(), &format!("page_{n}.jpg"))
                        == Some(shot.clone())
                }),
                "{name}: screenshot {n} is what the fake served"
            );
            let page_file = assets.join(format!("pages/page-{n:04}.md"));
            assert_eq!(crate::saved_more::assert_references_resolve(&page_file), 2);
            let page = std::fs::read_to_string(assets.join(format!("pages/page-{n:04}.md"))).unwrap();
            assert!(page.contains(&format!("Page {n} of {pages}.")), "{page}");
            assert!(
                page.contains(&format!("(../images/page_{n}_image_1.png)")),
                "{page}"
            );
            // Each page marked with its number and printed label.
            let label = testkit::fake::printed_label(n as usize);
            assert!(
                markdown.contains(&format!("<!-- page {n} ({label}) -->\n# ")),
                "{name}: page {n} marked in\n{markdown}"
            );
        }
        // Every reference of the markdown leads to a saved file: two images a page.
        assert_eq!(
            crate::saved_more::assert_references_resolve(&out.join(format!("{name}.md"))),
            2 * pages as usize
        );
        let items: Value =
            serde_json::from_slice(&std::fs::read(assets.join("items.json")).unwrap()).unwrap();
        assert_eq!(items["pages"].as_array().unwrap().len(), pages as usize);
        let result: Value =
            serde_json::from_slice(&std::fs::read(assets.join("result.json")).unwrap()).unwrap();
        assert_eq!(result["job"]["status"], "COMPLETED");
        assert_eq!(result["items"], items);
        let xlsx = std::fs::read(assets.join("tables.xlsx")).unwrap();
        assert!(
            fake.made_jobs()
                .iter()
                .any(|job| fake.asset_bytes(job["id"].as_str().unwrap(), "xlsx") == Some(xlsx.clone())),
            "{name}: the spreadsheet is what the fake served"
        );
    }
    // The key is never sent to the storage host.
    assert!(fake.file_requests().iter().all(|(_, with_key)| !with_key));
    // The jsonl line lists the files saved, with their sizes and hashes.
    let b = lines(&first)
        .into_iter()
        .find(|l| l["source"].as_str().unwrap().ends_with("b.pdf"))
        .unwrap();
    let saved = b["saved"].as_array().unwrap();
    let paths: Vec<String> = saved
        .iter()
        .map(|s| {
            Path::new(s["path"].as_str().unwrap())
                .strip_prefix(&out)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths,
        [
            "b.pdf.assets/images/page_1_image_1.png",
            "b.pdf.assets/images/page_1_layout_1.png",
            "b.pdf.assets/screenshots/page-0001.jpg",
            "b.pdf.assets/images/page_2_image_1.png",
            "b.pdf.assets/images/page_2_layout_1.png",
            "b.pdf.assets/screenshots/page-0002.jpg",
            "b.pdf.assets/tables.xlsx",
            "b.pdf.assets/items.json",
            "b.pdf.assets/result.json",
            "b.pdf.assets/pages/page-0001.md",
            "b.pdf.assets/pages/page-0002.md",
        ]
    );
    for s in saved {
        let bytes = std::fs::read(s["path"].as_str().unwrap()).unwrap();
        assert_eq!(
            s,
            &json!({"path": s["path"], "bytes": bytes.len(),
                "hash": blake3::hash(&bytes).to_hex().to_string()})
        );
    }

    // Again: nothing asked of the API or the storage host.
    let before = requests(&fake);
    let again = bulk(&url, dir.path(), "out", &flags);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert!(
        lines(&again).iter().all(|l| l["status"] == "SKIPPED"),
        "{}",
        stdout_of(&again)
    );
    assert_eq!(requests(&fake), before, "a rerun sends nothing");

    // OUT gone: every file back from the store, no job made, no file fetched.
    let everything = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        walk(out)
            .into_iter()
            .filter(|p| !p.to_string_lossy().contains(".llamacloud"))
            .map(|p| {
                (
                    p.strip_prefix(out).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    };
    let had = everything(&out);
    std::fs::remove_dir_all(&out).unwrap();
    let rebuilt = bulk(&url, dir.path(), "out", &flags);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr_of(&rebuilt));
    assert_eq!(everything(&out), had);
    assert_eq!(requests(&fake), before, "rebuilt from the store alone");
    assert_eq!(fake.made_jobs().len(), 3);

    // One saved file changed or lost: only it is written again.
    let lost = out.join("a.pdf.assets/images/page_2_image_1.png");
    std::fs::remove_file(&lost).unwrap();
    let changed = out.join("a.pdf.assets/items.json");
    std::fs::write(&changed, b"{}").unwrap();
    let mended = bulk(&url, dir.path(), "out", &flags);
    assert_eq!(mended.status.code(), Some(0), "{}", stderr_of(&mended));
    assert_eq!(everything(&out), had);
    assert_eq!(requests(&fake), before);
}

#[test]
fn one_document_saves_beside_its_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let target = dir.path().join("report.md");
    let output = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &[
            "--save",
            "images",
            "--save",
            "json",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(ok(&output), "");
    let markdown = std::fs::read_to_string(&target).unwrap();
    assert!(
        markdown.contains("![Image on page 2](report.assets/images/page_2_image_1.png)"),
        "{markdown}"
    );
    assert!(!markdown.contains("<!-- page"), "no markers unless asked");
    let job = only_job(&fake);
    assert_eq!(
        std::fs::read(dir.path().join("report.assets/images/page_1_layout_1.png")).unwrap(),
        fake.asset_bytes(&job, "page_1_layout_1.png").unwrap()
    );
    assert!(dir.path().join("report.assets/result.json").is_file());
    assert_eq!(
        walk(&dir.path().join("report.assets")).len(),
        5,
        "4 images and the result"
    );
    let said = stderr_of(&output);
    assert!(said.starts_with("Created parse job pjb-"), "{said}");
    let said = said.lines().nth(1).unwrap().to_string() + "\n";
    assert!(said.starts_with("Saved 5 files ("), "{said}");
    assert!(
        said.ends_with(&format!(") in {}\n", dir.path().join("report.assets").display())),
        "{said}"
    );
}

/// Removes the files kept in `store` and saved in `assets`, the results kept.
pub(crate) fn lose_saved_files(store: &Path, assets: &Path) {
    for entry in std::fs::read_dir(store.join("results")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        }
    }
    std::fs::remove_dir_all(assets).unwrap();
}

#[test]
fn an_expired_link_is_renewed_by_getting_the_job_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let store = dir.path().join("store");
    let (url, fake) = start_shared(fake::Config {
        link_ttl: Some(std::time::Duration::from_secs(60)),
        ..fake::Config::default()
    });
    let target = dir.path().join("out.md");
    let o = target.to_str().unwrap();
    ok(&parse(&url, &store, &file, &["--save", "images", "-o", o]));
    // The store keeps the result with the links it came with; its images are lost, and the
    // links have expired since.
    lose_saved_files(&store, &dir.path().join("out.assets"));
    fake.advance_link_clock(std::time::Duration::from_secs(120));
    let gets = fake.requests_seen().job_gets;
    let again = parse(&url, &store, &file, &["--save", "images", "-o", o]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1, "not parsed again");
    assert_eq!(
        fake.requests_seen().job_gets,
        gets + 1,
        "the job got again, once, for fresh links"
    );
    let expired = fake
        .file_requests()
        .iter()
        .filter(|(path, _)| path.ends_with("page_1_image_1.png"))
        .count();
    assert_eq!(expired, 3, "fetched, refused as expired, fetched again");
    assert_eq!(walk(&dir.path().join("out.assets")).len(), 4);
}

#[test]
fn asking_for_images_later_is_a_new_job_and_asking_again_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let store = dir.path().join("store");
    let (url, fake) = start_shared(fake::Config::default());
    let o = dir.path().join("r.md");
    let o = o.to_str().unwrap();
    ok(&parse(&url, &store, &file, &["-o", o]));
    // What the API makes anyway asks for nothing new: the same job, its whole result fetched.
    ok(&parse(
        &url,
        &store,
        &file,
        &["--save", "items,json,pages", "--page-markers", "-o", o],
    ));
    assert_eq!(fake.made_jobs().len(), 1);
    // Images are a new job, once.
    ok(&parse(&url, &store, &file, &["--save", "images", "-o", o]));
    assert_eq!(fake.made_jobs().len(), 2);
    ok(&parse(&url, &store, &file, &["--save", "images,pages", "-o", o]));
    assert_eq!(fake.made_jobs().len(), 2);
}

#[test]
fn what_cannot_be_saved_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let unknown = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "images,pictures"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr_of(&unknown).contains(
            "invalid value 'pictures' for '--save <WHAT>'\n  [possible values: images, screenshots, items, json, tables, pages]"
        ),
        "{}",
        stderr_of(&unknown)
    );
    let fast = cli(&url)
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        .args([
            "parse",
            file.to_str().unwrap(),
            "--tier",
            "fast",
            "--save",
            "items",
        ])
        .output()
        .unwrap();
    assert_eq!(fast.status.code(), Some(2), "{}", stderr_of(&fast));
    assert_eq!(
        stderr_of(&fast),
        "error: --save items: the fast tier makes no structured pages; use another --tier (cost_effective, agentic, agentic_plus)\n"
    );
    let record = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "json", "--format", "yaml"],
    );
    assert_eq!(record.status.code(), Some(2), "{}", stderr_of(&record));
    assert_eq!(requests(&fake), 0);
}

#[test]
fn a_file_the_program_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let theirs = scratch_file(dir.path(), "out/a.pdf.assets/items.json", b"mine");
    let (url, fake) = start_shared(fake::Config::default());
    let run = bulk(&url, dir.path(), "out", &["--save", "items"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert_eq!(std::fs::read(&theirs).unwrap(), b"mine");
    assert!(
        stderr_of(&run).contains("items.json exists and was not written by llamacloud"),
        "{}",
        stderr_of(&run)
    );
    assert!(
        !dir.path().join("out/a.pdf.md").exists(),
        "no document before its files"
    );
    // Moved away: the rerun completes it from the store, no new job.
    std::fs::remove_file(&theirs).unwrap();
    let again = bulk(&url, dir.path(), "out", &["--save", "items"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(dir.path().join("out/a.pdf.md").is_file());
}

#[test]
fn save_pages_alone_writes_only_the_page_files_and_is_done_on_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(3));
    let (url, fake) = start_shared(fake::Config::default());
    let run = bulk(&url, dir.path(), "out", &["--save", "pages"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let files: Vec<String> = walk(&dir.path().join("out"))
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path().join("out"))
                .unwrap()
                .display()
                .to_string()
        })
        .filter(|p| !p.starts_with(".llamacloud"))
        .collect();
    assert_eq!(
        files,
        [
            "a.pdf.assets/pages/page-0001.md",
            "a.pdf.assets/pages/page-0002.md",
            "a.pdf.assets/pages/page-0003.md"
        ]
    );
    let before = requests(&fake);
    let again = bulk(&url, dir.path(), "out", &["--save", "pages"]);
    assert!(
        lines(&again).iter().all(|l| l["status"] == "SKIPPED"),
        "{}",
        stdout_of(&again)
    );
    assert_eq!(requests(&fake), before);
}

#[test]
fn a_dry_run_says_what_each_document_would_save_and_when_that_is_a_new_job() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let plain = bulk(&url, dir.path(), "out", &[]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr_of(&plain));
    let before = requests(&fake);
    let dry = |save: &str| {
        let output = bulk(&url, dir.path(), "out", &["--dry-run", "--save", save]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let line: Value = serde_json::from_str(stdout_of(&output).lines().next().unwrap()).unwrap();
        (
            line["action"].clone(),
            line["saves"].clone(),
            line["note"].clone(),
        )
    };
    // Images are asked of the API when the job is made: a new job.
    assert_eq!(
        dry("images,json"),
        (
            json!("parse"),
            json!(["images", "json"]),
            json!("a new job: it was parsed before without the images or tables --save asks the API for")
        )
    );
    // What the API made anyway is had from the store: no job.
    assert_eq!(
        dry("items,pages"),
        (json!("cached"), json!(["items", "pages"]), Value::Null)
    );
    assert_eq!(requests(&fake), before, "nothing sent");
    // Saved once, it is done.
    let saved = bulk(&url, dir.path(), "out", &["--save", "items,pages"]);
    assert_eq!(saved.status.code(), Some(0), "{}", stderr_of(&saved));
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(
        dry("items,pages"),
        (json!("done"), json!(["items", "pages"]), Value::Null)
    );
    assert_eq!(
        dry("json").0,
        json!("cached"),
        "other files: written again from the store"
    );
}

#[test]
fn files_of_a_job_the_api_no_longer_has_are_said_once_with_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let store = dir.path().join("store");
    let (url, fake) = start_shared(fake::Config {
        link_ttl: Some(std::time::Duration::from_secs(60)),
        ..fake::Config::default()
    });
    let target = dir.path().join("out.md");
    let o = target.to_str().unwrap();
    ok(&parse(&url, &store, &file, &["--save", "images", "-o", o]));
    let job = only_job(&fake);
    // Its files lost here, its links expired, and the job deleted at the API.
    lose_saved_files(&store, &dir.path().join("out.assets"));
    std::fs::remove_file(&target).unwrap();
    fake.advance_link_clock(std::time::Duration::from_secs(120));
    let deleted = cli(&url)
        .args(["parsing", "delete", &job, "--yes"])
        .output()
        .unwrap();
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr_of(&deleted));
    let again = parse(&url, &store, &file, &["--save", "images", "-o", o]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr_of(&again));
    let said = stderr_of(&again);
    let words = format!(
        "the API no longer has job {job} of {}: its images and tables cannot be fetched again (--force parses it again)",
        file.display()
    );
    assert_eq!(said.matches(&words).count(), 1, "{said}");
    assert!(!target.exists(), "no document without its files");
    assert_eq!(fake.jobs_made_ever(), 1, "nothing paid for again");
}

#[test]
fn one_document_with_save_pages_alone_writes_its_page_files_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(3));
    let (url, _fake) = start_shared(fake::Config::default());
    let target = dir.path().join("report.md");
    let o = target.to_str().unwrap();
    let output = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "pages", "--page-markers", "-o", o],
    );
    assert_eq!(ok(&output), "");
    assert!(!target.exists(), "only the page files");
    let pages = walk(&dir.path().join("report.assets"));
    assert_eq!(pages.len(), 3);
    let second = std::fs::read_to_string(dir.path().join("report.assets/pages/page-0002.md")).unwrap();
    assert!(second.starts_with("# report.pdf\n\nPage 2 of 3."), "{second}");
}

#[test]
fn an_image_changed_through_its_link_in_out_is_fetched_again_not_spread() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(1));
    let (url, fake) = start_shared(fake::Config::default());
    let first = bulk(&url, dir.path(), "out", &["--save", "images"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let image = dir.path().join("out/a.pdf.assets/images/page_1_image_1.png");
    let served = fake.asset_bytes(&only_job(&fake), "page_1_image_1.png").unwrap();
    assert_eq!(std::fs::read(&image).unwrap(), served);
    // Edited in place (the file OUT has may be the store's own, linked).
    let mut edited = std::fs::OpenOptions::new().write(true).open(&image).unwrap();
    std::io::Write::write_all(&mut edited, b"edited").unwrap();
    drop(edited);
    let fetched = fake.file_requests().len();
    let again = bulk(&url, dir.path(), "out", &["--save", "images"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(
        std::fs::read(&image).unwrap(),
        served,
        "the image as the API served it"
    );
    assert_eq!(fake.file_requests().len(), fetched + 1, "fetched again, alone");
    assert_eq!(fake.made_jobs().len(), 1);
    // Another output directory gets the image as served too.
    let other = bulk(&url, dir.path(), "other", &["--save", "images"]);
    assert_eq!(other.status.code(), Some(0), "{}", stderr_of(&other));
    assert_eq!(
        std::fs::read(dir.path().join("other/a.pdf.assets/images/page_1_image_1.png")).unwrap(),
        served
    );
}

#[test]
fn with_o_to_a_link_the_files_go_beside_the_document_it_leads_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(1));
    let real = scratch_file(dir.path(), "elsewhere/real.md", b"old");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (url, _fake) = start_shared(fake::Config::default());
    let o = link.to_str().unwrap();
    ok(&parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "images", "-o", o],
    ));
    let markdown = std::fs::read_to_string(&real).unwrap();
    assert!(
        markdown.contains("(real.assets/images/page_1_image_1.png)"),
        "{markdown}"
    );
    assert!(
        dir.path()
            .join("elsewhere/real.assets/images/page_1_image_1.png")
            .is_file()
    );
    assert!(!dir.path().join("link.assets").exists());
}

#[test]
fn a_dry_run_of_one_document_says_when_saving_is_a_new_job() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(1));
    let (url, fake) = start_shared(fake::Config::default());
    let o = dir.path().join("r.md");
    ok(&parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["-o", o.to_str().unwrap()],
    ));
    let dry = ok(&parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "images", "--dry-run"],
    ));
    let line = dry.lines().next().unwrap();
    assert!(line.starts_with("parse "), "{dry}");
    assert!(
        line.ends_with("report.pdf (saves images): a new job: it was parsed before without the images or tables --save asks the API for"),
        "{dry}"
    );
    let dry = ok(&parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "json", "--dry-run"],
    ));
    assert!(dry.lines().next().unwrap().starts_with("cached "), "{dry}");
    assert_eq!(fake.made_jobs().len(), 1);
}
