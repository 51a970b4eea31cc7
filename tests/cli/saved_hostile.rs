//! `parse --save` against what a hostile or unlucky user leaves in the way: symbolic links in
//! the directory of saved files (never followed to write outside it), what a killed run left
//! there (removed by the rerun, which pays nothing).

use std::path::Path;

use testkit::pdf::blank_pdf;

use crate::fake_server::{fake, start_shared};
use crate::harness::{scratch_file, stderr_of, walk};
use crate::pay_once::parse;

fn bulk(url: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    crate::harness::bulk_run(url, dir, "out", extra)
}

#[test]
fn a_link_in_the_saved_directory_is_never_followed_in_a_bulk_run() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    scratch_file(dir.path(), "docs/b.pdf", &blank_pdf(3));
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("a.pdf.assets")).unwrap();
    // A directory of the layout, and the whole directory, linked outside OUT.
    std::os::unix::fs::symlink(&outside, out.join("a.pdf.assets/images")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("b.pdf.assets")).unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let run = bulk(&url, dir.path(), &["--save", "images,items"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert_eq!(
        walk(&outside),
        Vec::<std::path::PathBuf>::new(),
        "nothing written outside OUT"
    );
    let said = stderr_of(&run);
    for link in [out.join("a.pdf.assets/images"), out.join("b.pdf.assets")] {
        let line = format!(
            "{} is a symbolic link: llamacloud does not write through it; move it away, or write the document elsewhere",
            link.display()
        );
        assert!(said.contains(&line), "{said}");
    }
    assert!(!out.join("a.pdf.md").exists() && !out.join("b.pdf.md").exists());
    // The links gone: the rerun completes both from the store, no new job.
    std::fs::remove_file(out.join("a.pdf.assets/images")).unwrap();
    std::fs::remove_file(out.join("b.pdf.assets")).unwrap();
    let again = bulk(&url, dir.path(), &["--save", "images,items"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 2);
    assert!(out.join("a.pdf.assets/images/page_2_image_1.png").is_file());
    assert!(out.join("b.pdf.assets/items.json").is_file());
}

#[test]
fn a_link_in_the_saved_directory_is_never_followed_for_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(dir.path().join("report.assets")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("report.assets/screenshots")).unwrap();
    let secret = scratch_file(dir.path(), "secret.json", b"mine");
    std::os::unix::fs::symlink(&secret, dir.path().join("report.assets/result.json")).unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let target = dir.path().join("report.md");
    let store = dir.path().join("store");
    let o = target.to_str().unwrap();
    let run = parse(&url, &store, &file, &["--save", "screenshots,json", "-o", o]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert_eq!(walk(&outside), Vec::<std::path::PathBuf>::new());
    assert_eq!(std::fs::read(&secret).unwrap(), b"mine");
    assert!(!target.exists(), "no document before its files");
    let said = stderr_of(&run);
    assert!(
        said.contains(&format!(
            "{} is a symbolic link: llamacloud does not write through it",
            dir.path().join("report.assets/screenshots").display()
        )),
        "{said}"
    );
    std::fs::remove_file(dir.path().join("report.assets/screenshots")).unwrap();
    std::fs::remove_file(dir.path().join("report.assets/result.json")).unwrap();
    let again = parse(&url, &store, &file, &["--save", "screenshots,json", "-o", o]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1, "paid once");
    assert!(
        dir.path()
            .join("report.assets/screenshots/page-0002.jpg")
            .is_file()
    );
}

#[test]
fn what_a_killed_run_left_in_the_saved_directory_is_removed_by_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let first = bulk(&url, dir.path(), &["--save", "images,pages"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let out = dir.path().join("out");
    let assets = out.join("a.pdf.assets");
    let had = walk(&assets);
    // As a run killed while it saved the files leaves it: temporary files never renamed
    // into place, the document not written yet.
    let stray = [
        assets.join("images/.llamacloud-Ab12Cd.tmp"),
        assets.join("pages/.llamacloud-Ef34Gh.tmp"),
    ];
    for path in &stray {
        std::fs::write(path, b"half a file").unwrap();
    }
    let theirs = scratch_file(&assets, "images/notes.tmp", b"mine");
    std::fs::remove_file(out.join("a.pdf.md")).unwrap();
    let again = bulk(&url, dir.path(), &["--save", "images,pages"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(out.join("a.pdf.md").is_file());
    let mut expected = had;
    expected.push(theirs.clone());
    expected.sort();
    assert_eq!(walk(&assets), expected, "no temporary file left, the user's kept");
    assert_eq!(std::fs::read(&theirs).unwrap(), b"mine");
}

#[test]
fn with_o_to_a_device_the_files_are_saved_as_on_stdout_not_beside_the_device() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "report.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let run = crate::harness::cli_process(&url)
        .current_dir(dir.path())
        .env("LLAMACLOUD_CACHE_DIR", dir.path().join("store"))
        // The wait for the job on a faster clock: no real second between polls.
        .env("LLAMACLOUD_TEST_CLOCK_SPEED", "20")
        .args(["parse", "report.pdf", "--tier", "agentic", "--save", "images"])
        .args(["-o", "/dev/null"])
        .output()
        .unwrap();
    let beside_the_device = Path::new("/dev/null.assets");
    let wrote_in_dev = beside_the_device.exists();
    if wrote_in_dev {
        // Only root can; leave /dev as it was.
        std::fs::remove_dir_all(beside_the_device).unwrap();
    }
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert!(!wrote_in_dev, "nothing written in /dev");
    assert_eq!(fake.made_jobs().len(), 1);
    // Where `parse report.pdf --save images` to stdout puts them, and says so.
    assert!(
        dir.path()
            .join("report.pdf.assets/images/page_2_image_1.png")
            .is_file()
    );
    let said = stderr_of(&run);
    assert!(said.ends_with(") in report.pdf.assets\n"), "{said}");
}

#[test]
fn a_file_of_the_users_put_in_a_saved_directory_later_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    scratch_file(dir.path(), "docs/a.pdf", &blank_pdf(2));
    let (url, fake) = start_shared(fake::Config::default());
    let first = bulk(&url, dir.path(), &["--save", "images"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    let assets = dir.path().join("out/a.pdf.assets");
    // The directory is the program's now; these files are not.
    let theirs = scratch_file(&assets, "items.json", b"mine");
    let notes = scratch_file(&assets, "images/notes.txt", b"mine too");
    // Items ask nothing more of the API: the same job, written again with them.
    let more = bulk(&url, dir.path(), &["--save", "images,items"]);
    assert_eq!(more.status.code(), Some(1), "{}", stderr_of(&more));
    assert_eq!(std::fs::read(&theirs).unwrap(), b"mine");
    assert_eq!(std::fs::read(&notes).unwrap(), b"mine too");
    assert!(
        stderr_of(&more).contains(&format!(
            "{} exists and was not written by llamacloud",
            theirs.display()
        )),
        "{}",
        stderr_of(&more)
    );
    std::fs::remove_file(&theirs).unwrap();
    let again = bulk(&url, dir.path(), &["--save", "images,items"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
    assert_eq!(fake.made_jobs().len(), 1);
    assert!(std::fs::read(&theirs).unwrap().starts_with(b"{\"pages\""));
    assert_eq!(std::fs::read(&notes).unwrap(), b"mine too");
}
