//! Result files and images through presigned links served by a second origin of the fake: the
//! bytes as they are, the API key never sent there, expired links a clear exit 5.

use crate::fake_server::{fake, start_shared};
use crate::harness::{cli, success_stdout};

fn completed_job(url: &str) -> String {
    success_stdout(cli(url).args([
        "parsing",
        "list",
        "--status",
        "completed",
        "--max-items",
        "1",
        "--jq",
        ".items[0].id",
        "-r",
    ]))
    .trim()
    .to_string()
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_result_file_is_streamed_from_its_link_without_the_key() {
    let (url, fake) = start_shared(fake::Config::default());
    let id = completed_job(&url);
    let markdown = success_stdout(cli(&url).args(["parsing", "download", &id, "markdown"]));
    let inline = success_stdout(cli(&url).args(["parsing", "get", &id, "--format", "markdown"]));
    assert!(markdown.starts_with("# "), "{markdown}");
    assert_eq!(markdown.trim_end(), inline.trim_end(), "the file is the document");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("doc.txt");
    cli(&url)
        .env("LLAMA_CLOUD_CUSTOM_HEADERS", "X-Team: data")
        .args(["parsing", "download", &id, "text_content_metadata", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    assert!(!std::fs::read_to_string(&out).unwrap().contains('#'));

    // --debug shows the link without its signature.
    let debug = cli(&url)
        .args(["parsing", "download", &id, "markdown", "--debug", "-o"])
        .arg(dir.path().join("again.md"))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&debug.stderr);
    assert!(
        log.contains(&format!("/files/{id}/markdown?… (presigned: no API key)")),
        "{log}"
    );
    assert!(!log.contains("X-Amz-Signature"), "{log}");

    let requests = fake.file_requests();
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert_eq!(requests[0].0, format!("{id}/markdown"));
    assert!(
        requests.iter().all(|(_, with_key)| !with_key),
        "the key went to the files origin"
    );
}

#[test]
fn expired_links_and_missing_results_say_so() {
    let (url, _fake) = start_shared(fake::Config {
        links_expire: true,
        ..fake::Config::default()
    });
    let id = completed_job(&url);
    let output = cli(&url)
        .args(["parsing", "download", &id, "markdown", "--max-retries", "0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        stderr.starts_with("error: downloading from the presigned link failed: HTTP 403 Forbidden: ")
            && stderr.ends_with("(links expire: run the command again for a fresh one)\n"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    let running = success_stdout(cli(&url).args([
        "parsing",
        "list",
        "--status",
        "running",
        "--max-items",
        "1",
        "--jq",
        ".items[0].id",
        "-r",
    ]));
    let running = running.trim();
    cli(&url)
        .args(["parsing", "download", running, "markdown"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: job {running} (RUNNING) has no markdown result file: it has not completed\n"
        ));
    cli(&url)
        .args(["parsing", "download", &id, "markdown", "--json"])
        .assert()
        .code(2);
}

#[test]
fn images_are_saved_into_a_directory() {
    let (url, fake) = start_shared(fake::Config::default());
    let id = completed_job(&url);
    let dir = tempfile::tempdir().unwrap();
    let images = dir.path().join("images");
    let output = cli(&url)
        .args(["parsing", "get", &id, "--format", "tsv", "--images"])
        .arg(&images)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with(&id));
    let mut names: Vec<String> = std::fs::read_dir(&images)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["image_0.png", "image_1.jpg"]);
    assert!(
        std::fs::read(images.join("image_0.png"))
            .unwrap()
            .ends_with(b"fake image image_0.png")
    );
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("Saved ") && stderr.contains("image_1.jpg ("),
        "{stderr}"
    );

    let only = dir.path().join("only");
    cli(&url)
        .args([
            "parsing",
            "get",
            &id,
            "--format",
            "tsv",
            "--image-filenames",
            "image_1.jpg",
            "--images",
        ])
        .arg(&only)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_dir(&only).unwrap().count(), 1);
    assert!(only.join("image_1.jpg").exists());
    assert!(fake.file_requests().iter().all(|(_, with_key)| !with_key));
}
