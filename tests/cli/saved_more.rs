//! `parse --save`, a second hostile pass: what the files linked from the store into OUT leave
//! behind and how they are readable, what a killed one-document run left beside its document.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{scratch_file, stderr_of, walk};
use crate::pay_once::parse;

/// The files under `dir` named as the program's temporary files.
fn temporary(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|path| {
            path.components().any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name.starts_with(".llamacloud-") && name.ends_with(".tmp")
            })
        })
        .collect()
}

#[test]
fn a_rerun_into_the_same_files_leaves_no_temporary_link_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let store = dir.path().join("store");
    let target = dir.path().join("report.md");
    let o = target.to_str().unwrap();
    let save = ["--save", "images,tables", "-o", o];
    let first = parse(&url, &store, &file, &save);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let assets = dir.path().join("report.assets");
    let had = walk(&assets);
    // The files in OUT are already links to the store's: linking them again is a rename of
    // one link onto another of the same file, which the system does not do.
    let again = parse(&url, &store, &file, &save);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(temporary(&assets), Vec::<PathBuf>::new());
    assert_eq!(walk(&assets), had);
}

#[test]
fn a_bulk_run_stopped_before_its_record_leaves_no_temporary_link_after_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let run = |extra: &[&str]| crate::harness::bulk_run(&url, dir.path(), "out", extra);
    let first = run(&["--save", "images"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let out = dir.path().join("out");
    // As a run stopped after it linked the files and before it recorded them leaves OUT: the
    // files are there (claimed, links to the store's), the document's record is not.
    let manifest = out.join(".llamacloud-manifest.jsonl");
    let kept: String = std::fs::read_to_string(&manifest)
        .unwrap()
        .lines()
        .filter(|line| !line.contains("\"output\":\"a.pdf.md\""))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&manifest, kept).unwrap();
    std::fs::remove_file(out.join("a.pdf.md")).unwrap();
    let again = run(&["--save", "images"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(out.join("a.pdf.md").is_file());
    assert_eq!(temporary(&out.join("a.pdf.assets")), Vec::<PathBuf>::new());
}

#[test]
fn saved_images_are_readable_as_the_document_is_linked_or_copied() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, _fake) = start_shared(fake::Config::default());
    let target = dir.path().join("report.md");
    let o = target.to_str().unwrap();
    let run = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--save", "images,tables,items", "-o", o],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let document = mode(&target);
    let assets = dir.path().join("report.assets");
    for path in walk(&assets) {
        assert_eq!(mode(&path), document, "{}", path.display());
    }
}

#[test]
fn what_a_killed_run_left_beside_one_document_is_removed_by_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let target = dir.path().join("report.md");
    let o = target.to_str().unwrap();
    let assets = dir.path().join("report.assets");
    // As a run killed while it fetched without a store (`--no-cache`) leaves it: its temporary
    // directory of fetched files, a file never renamed into place; and a file of the user's.
    scratch_file(
        &assets,
        ".llamacloud-Ab12Cd.tmp/images/page_1_image_1.png",
        b"half",
    );
    scratch_file(&assets, "images/.llamacloud-Ef34Gh.tmp", b"half a file");
    let theirs = scratch_file(&assets, "images/notes.tmp", b"mine");
    let run = parse(
        &url,
        &dir.path().join("store"),
        &file,
        &["--no-cache", "--save", "images", "-o", o],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(fake.made_jobs().len(), 1);
    assert_eq!(temporary(&assets), Vec::<PathBuf>::new());
    assert_eq!(std::fs::read(&theirs).unwrap(), b"mine");
    assert!(assets.join("images/page_2_image_1.png").is_file());
}

#[test]
fn links_that_cannot_be_renewed_are_asked_for_once_whatever_the_streams() {
    let dir = tempfile::tempdir().unwrap();
    // Three pages: six images, fetched four at a time, all refused as expired at once.
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(3));
    let store = dir.path().join("store");
    let (url, fake) = start_shared(fake::Config {
        link_ttl: Some(std::time::Duration::from_secs(60)),
        ..fake::Config::default()
    });
    let target = dir.path().join("out.md");
    let o = target.to_str().unwrap();
    let first = parse(&url, &store, &file, &["--save", "images", "-o", o]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let job = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    crate::saved::lose_saved_files(&store, &dir.path().join("out.assets"));
    fake.advance_link_clock(std::time::Duration::from_secs(120));
    let deleted = crate::harness::cli(&url)
        .args(["parsing", "delete", &job, "--yes"])
        .output()
        .unwrap();
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr_of(&deleted));
    let gets = fake.requests_seen().job_gets;
    let again = parse(&url, &store, &file, &["--save", "images", "-o", o]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr_of(&again));
    assert_eq!(
        fake.requests_seen().job_gets,
        gets + 1,
        "the job asked for fresh links once, not once a stream"
    );
    assert_eq!(fake.jobs_made_ever(), 1);
}

/// `%XX` decoded, as a viewer reads a link destination.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every link destination of the markdown file at `markdown` (`![alt](dest)`), each read as a
/// viewer reads it: a relative URL, `#` starting a fragment and `?` a query, `%XX` decoded. All
/// must lead to a file beside the markdown; returns how many there were.
pub(crate) fn assert_references_resolve(markdown: &Path) -> usize {
    let text = std::fs::read_to_string(markdown).unwrap();
    let mut count = 0;
    for (at, _) in text.match_indices("](") {
        let rest = &text[at + 2..];
        let dest = &rest[..rest.find(')').unwrap()];
        let dest = dest.trim_start_matches('<').trim_end_matches('>');
        assert!(
            !dest.contains(['#', '?', ' ']),
            "{}: {dest} is read as a URL with a fragment or query, or ends at a space",
            markdown.display()
        );
        let path = markdown.parent().unwrap().join(percent_decoded(dest));
        assert!(path.is_file(), "{}: {dest} leads to no file", markdown.display());
        count += 1;
    }
    count
}

#[test]
fn references_to_saved_files_resolve_whatever_the_documents_name() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["a #1?.pdf", "50% & more.pdf", "(x) [y].pdf"];
    for name in names {
        scratch_file(dir.path(), &format!("docs/{name}"), &blank_pdf(2));
    }
    let (url, fake) = start_shared(fake::Config::default());
    let run = crate::harness::bulk_run(&url, dir.path(), "out", &["--save", "images,pages"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(fake.made_jobs().len(), 1, "the same content: one job");
    let out = dir.path().join("out");
    for name in names {
        // Two images a page in the document, two in each page file.
        let document = out.join(format!("{name}.md"));
        assert_eq!(assert_references_resolve(&document), 4, "{name}");
        let pages = out.join(format!("{name}.assets/pages"));
        for page in walk(&pages) {
            assert_eq!(assert_references_resolve(&page), 2, "{}", page.display());
        }
    }
    // One document written with -o to such a name.
    let target = dir.path().join("the #1 report?.md");
    let one = parse(
        &url,
        &dir.path().join("store"),
        &dir.path().join("docs/a #1?.pdf"),
        &["--save", "images", "-o", target.to_str().unwrap()],
    );
    assert_eq!(one.status.code(), Some(0), "{}", stderr_of(&one));
    assert_eq!(assert_references_resolve(&target), 4);
    assert_eq!(fake.made_jobs().len(), 1, "the same job, from the store");
}

/// A disk that fills while a document's files are saved: the document is not written (nor said
/// written) before its files are, and the rerun with room again completes it without a new job.
#[cfg(target_os = "linux")]
#[test]
fn a_disk_full_while_saving_leaves_no_document_and_the_rerun_completes_it_unpaid() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // OUT on a tmpfs with room for the manifest, not for four images of 256 KiB (the store,
    // elsewhere, has room: the files are copied into OUT, not linked).
    let Some(_unmount) = crate::harness::tmpfs(
        &out,
        "400k",
        "a_disk_full_while_saving_leaves_no_document_and_the_rerun_completes_it_unpaid",
    ) else {
        return;
    };
    let (url, fake) = start_shared(fake::Config {
        image_kib: 256,
        ..fake::Config::default()
    });
    let run = crate::harness::bulk_run(&url, dir.path(), "out", &["--save", "images"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert!(
        stderr_of(&run).contains("No space left on device"),
        "{}",
        stderr_of(&run)
    );
    let line: serde_json::Value =
        serde_json::from_str(crate::harness::stdout_of(&run).lines().next().unwrap()).unwrap();
    assert_eq!(line["status"], "ERROR", "{line}");
    assert!(!out.join("a.pdf.md").exists(), "no document before its files");
    assert_eq!(fake.made_jobs().len(), 1);
    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=4m"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(grown.success());
    let again = crate::harness::bulk_run(&url, dir.path(), "out", &["--save", "images"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.jobs_made_ever(), 1, "completed without a new job");
    let job = fake.made_jobs()[0]["id"].as_str().unwrap().to_string();
    for n in 1..=2 {
        let name = format!("page_{n}_layout_1.png");
        assert_eq!(
            std::fs::read(out.join("a.pdf.assets/images").join(&name)).unwrap(),
            fake.asset_bytes(&job, &name).unwrap()
        );
    }
    assert_eq!(assert_references_resolve(&out.join("a.pdf.md")), 4);
    assert_eq!(temporary(&out), Vec::<PathBuf>::new());
}
