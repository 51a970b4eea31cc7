use super::*;

fn written(output: &str, key: &str) -> Written {
    Written {
        output: output.into(),
        source: format!("docs/{output}"),
        key: key.into(),
        job_id: "pjb-1".into(),
        bytes: 0,
        modified_ns: 0,
        hash: blake3::hash(b"# result\n").to_hex().to_string(),
        credits: Some(10.into()),
        failed_pages: vec![FailedPage {
            page_number: "2".into(),
            error: "OCR timeout".into(),
        }],
        windows: None,
        saved: Vec::new(),
        no_document: false,
        saving: String::new(),
        version: None,
        escalation: None,
    }
}

#[test]
fn a_result_is_ours_while_its_bytes_are_and_keeps_its_failed_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf.md");
    std::fs::write(&path, b"# result\n").unwrap();
    Manifest::open(dir.path())
        .unwrap()
        .append(written("a.pdf.md", "key-a"), &path)
        .unwrap();
    let manifest = Manifest::open(dir.path()).unwrap();
    let record = manifest.ours("a.pdf.md").expect("ours");
    assert_eq!((record.key.as_str(), record.job_id.as_str()), ("key-a", "pjb-1"));
    assert_eq!(record.failed_pages.as_deref().map(<[FailedPage]>::len), Some(1));
    assert_eq!(manifest.job_of("key-a"), Some("pjb-1"));
    // Restored with a new time: the same bytes are still ours.
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400))
        .unwrap();
    assert!(manifest.ours("a.pdf.md").is_some());
    // Changed: no longer ours (and never replaced as if it were).
    std::fs::write(&path, b"# edited by hand\n").unwrap();
    assert!(manifest.ours("a.pdf.md").is_none());
    assert!(manifest.ours("missing.md").is_none());
}

#[test]
fn events_read_back_beside_results_until_the_result_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf.md");
    std::fs::write(&path, b"# result\n").unwrap();
    let manifest = Manifest::open(dir.path()).unwrap();
    // A results-only manifest, as older versions wrote it, first.
    manifest.append(written("a.pdf.md", "key-a"), &path).unwrap();
    for (key, at, what) in [
        ("key-b", 1, What::Intent { token: "t1".into() }),
        ("key-b", 2, What::Refused { token: "t1".into() }),
        ("key-b", 3, What::Intent { token: "t2".into() }),
        ("key-c", 4, What::Intent { token: "t3".into() }),
        (
            "key-c",
            5,
            What::Created {
                job_id: "pjb-1".into(),
            },
        ),
    ] {
        manifest.record(key, at, &what).unwrap();
    }
    drop(manifest);
    let manifest = Manifest::open(dir.path()).unwrap();
    assert!(manifest.ours("a.pdf.md").is_some());
    let b = manifest.entry("key-b").unwrap();
    assert_eq!(
        b.intents
            .iter()
            .map(|i| (i.token.as_str(), i.at))
            .collect::<Vec<_>>(),
        [("t2", 3)]
    );
    let c = manifest.entry("key-c").unwrap();
    assert!(c.intents.is_empty());
    assert_eq!(c.job_id.as_deref(), Some("pjb-1"));
    // Its result written: the job is known by the result, its events no longer held.
    let mut done = written("c.pdf.md", "key-c");
    done.job_id = "pjb-1".into();
    let c_path = dir.path().join("c.pdf.md");
    std::fs::write(&c_path, b"# result\n").unwrap();
    manifest.append(done, &c_path).unwrap();
    drop(manifest);
    let manifest = Manifest::open(dir.path()).unwrap();
    assert!(manifest.entry("key-c").is_none());
    assert_eq!(manifest.job_of("key-c"), Some("pjb-1"));
    assert!(manifest.entry("key-b").is_some());
}
