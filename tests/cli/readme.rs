//! The README is true as written: every command of its `sh` and `console` blocks that can run against
//! the bundled fake runs, as a user would paste it (through `sh`, with `llamacloud` on PATH, a scratch
//! HOME, the fake on loopback), and exits 0; the ones that cannot are listed below with why. The
//! repository's URL is the one `Cargo.toml` gives, wherever it is written.

use std::fs;
use std::path::{Path, PathBuf};

use crate::fake_server::{fake, start_shared};
use crate::harness::{command, try_example};

const README: &str = include_str!("../../README.md");

/// Commands that cannot run here, by how they start, and why. Each must still be in the README.
const CANNOT_RUN: &[(&str, &str)] = &[
    ("cargo test", "the test suite itself"),
    (
        "cargo install",
        "installs into ~/.cargo/bin: a release build of minutes",
    ),
    ("cargo build --release", "a release build of minutes"),
    ("curl ", "downloads a published release from GitHub"),
    (
        "cargo run -p testkit --bin fake-server",
        "serves until stopped: this test starts the same fake",
    ),
    ("python3 -m unittest", "the release tests (.ci/run runs them)"),
    (".ci/run", "CI itself"),
    ("scripts/moto-venv.sh", "installs moto from PyPI"),
    ("scripts/azurite.sh", "installs Azurite from npm"),
    (
        "pipx install llamacloud-cli",
        "installs a published release from PyPI",
    ),
    ("uvx --from llamacloud-cli", "runs a published release from PyPI"),
    (
        "pip install llamacloud-cli",
        "installs a published release from PyPI",
    ),
    ("export AWS_PROFILE", "needs an S3 bucket and AWS credentials"),
    (
        "llamacloud parse --recursive docs/ --output-dir out/ --tier agentic --store s3://",
        "needs an S3 bucket",
    ),
    ("llamacloud config set store s3://", "needs an S3 bucket"),
    // The synopsis of every command: placeholders, not commands.
    ("llamacloud parse            FILE", "a synopsis"),
    ("llamacloud parsing download JOB_ID", "a synopsis"),
    ("llamacloud parsing create   [FILE]", "a synopsis"),
    ("llamacloud parsing list     [", "a synopsis"),
    ("llamacloud parsing get      JOB_ID", "a synopsis"),
    ("llamacloud parsing versions  ", "a synopsis"),
    ("llamacloud parsing cancel   JOB_ID", "a synopsis"),
    ("llamacloud parsing delete   JOB_ID", "a synopsis"),
    ("llamacloud batches list     [", "a synopsis"),
    ("llamacloud batches get      BATCH_ID", "a synopsis"),
    ("llamacloud batches cancel   BATCH_ID", "a synopsis"),
    ("llamacloud batch-processing list [", "a synopsis"),
];

/// The commands of each of the README's `sh` and `console` blocks, with their lines: the `$ `
/// lines where a block shows a session, else every line that is not a comment; then the fake
/// server's hint, as a block of its own.
fn blocks() -> Vec<Vec<(usize, String)>> {
    let mut blocks = Vec::new();
    let mut block: Option<Vec<(usize, &str)>> = None;
    for (n, line) in README.lines().enumerate() {
        match &mut block {
            None if line == "```sh" || line == "```console" => block = Some(Vec::new()),
            None => {}
            Some(lines) if line == "```" => {
                let mut out = Vec::new();
                let session = lines.iter().any(|(_, l)| l.starts_with("$ "));
                for (n, l) in lines.drain(..) {
                    let command = match l.strip_prefix("$ ") {
                        Some(command) => command,
                        None if session => continue,
                        None => l,
                    };
                    let command = command.trim();
                    if !command.is_empty() && !command.starts_with('#') {
                        out.push((n, command.to_string()));
                    }
                }
                blocks.push(out);
                block = None;
            }
            Some(lines) => lines.push((n + 1, line)),
        }
    }
    // The fake server's own hint, as it prints it.
    let mut out = Vec::new();
    let hint = include_str!("../../testkit/src/bin/fake-server.rs");
    for (n, line) in hint.lines().enumerate() {
        if let Some(command) = line.trim().strip_prefix("println!(\"  cargo run -- ") {
            let command = command.trim_end_matches("\");").trim_end_matches("\")");
            out.push((n + 1, format!("cargo run -- {command}")));
        }
    }
    assert!(
        out.iter()
            .any(|(_, c)| c.starts_with("cargo run -- parse README.md"))
    );
    blocks.push(out);
    blocks
}

/// The files the README's commands name, in `dir`.
fn fixtures(dir: &Path) {
    let pdf = |pages| testkit::pdf::blank_pdf(pages);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("README.md", fs::read(root.join("README.md")).unwrap()),
        ("Cargo.toml", fs::read(root.join("Cargo.toml")).unwrap()),
        ("report.pdf", pdf(3)),
        ("a.pdf", pdf(2)),
        ("b.docx", b"PK\x03\x04 a document".to_vec()),
        ("annual-report.pdf", pdf(640)),
        ("files.txt", b"a.pdf\nreport.pdf\n".to_vec()),
        ("contracts/2024/lease.pdf", pdf(2)),
        ("docs/report.pdf", pdf(3)),
        ("docs/cached.md", b"# cached\n".to_vec()),
        ("docs/done.md", b"# done\n".to_vec()),
        ("docs/drafts/draft.pdf", pdf(1)),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// `command` as the user would type it, here: `cargo run --` is the built program, the fake's
/// address is this one, a job id left out (`pjb-…`) is one of the fake's.
fn as_here(command: &str, url: &str, job: &str) -> String {
    let try_bin = try_example().get_program().to_string_lossy().into_owned();
    command
        .replace("cargo try", &try_bin)
        .replace("cargo run --", "llamacloud")
        .replace("http://127.0.0.1:8765", url)
        .replace("pjb-…", job)
        .replace("dir-…", "dir-1")
}

/// Runs `line` through `sh` in `dir`, with the harness's environment, `llamacloud` on PATH, a
/// HOME of its own, the fake's address and a demo key (also on stdin, for `config set api_key`).
fn run(line: &str, dir: &Path, bin: &Path, url: &str) -> std::process::Output {
    let home = dir.join(".home");
    fs::create_dir_all(&home).unwrap();
    let base = command();
    let mut sh = std::process::Command::new("sh");
    sh.env_clear();
    for (key, value) in base.get_envs() {
        if let Some(value) = value {
            sh.env(key, value);
        }
    }
    sh.env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("LLAMACLOUD_CONFIG_DIR", home.join("llamacloud"))
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("SHELL", "/bin/bash")
        .env("LLAMA_CLOUD_BASE_URL", url)
        .env("LLAMA_CLOUD_API_KEY", "llx-demo")
        .env("LLAMACLOUD_TEST_CLOCK_SPEED", "1000")
        .args(["-c", line])
        .current_dir(dir)
        .stdin(std::process::Stdio::piped());
    let mut child = sh
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let _ = child.stdin.take().unwrap().write_all(b"llx-demo\n");
    }
    child.wait_with_output().unwrap()
}

#[test]
fn every_command_of_the_readme_that_can_run_against_the_fake_does() {
    let (url, _fake) = start_shared(fake::Config {
        advance_jobs: true,
        ..fake::Config::default()
    });
    let scratch = tempfile::tempdir().unwrap();
    let bin = scratch.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(command().get_program(), bin.join("llamacloud")).unwrap();
    // Each block in a directory and HOME of its own, as a reader tries it; four at once.
    let work = |n: usize| {
        let dir = scratch.path().join(format!("work-{n}"));
        fs::create_dir_all(&dir).unwrap();
        fixtures(&dir);
        dir
    };
    // A completed job of the fake, for the commands that name one as `pjb-…`.
    let listed = run(
        "llamacloud parsing list --status completed --max-items 1 | cut -f1",
        &work(0),
        &bin,
        &url,
    );
    let job = String::from_utf8(listed.stdout).unwrap().trim().to_string();
    assert!(job.starts_with("pjb-"), "{job:?}");

    let blocks = blocks();
    let skipped = std::sync::Mutex::new(Vec::<&str>::new());
    let ran = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for lane in 0..4 {
            let (blocks, skipped, ran, failures) = (&blocks, &skipped, &ran, &failures);
            let (work, bin, url, job) = (&work, &bin, &url, &job);
            scope.spawn(move || {
                for (n, block) in blocks.iter().enumerate().skip(lane).step_by(4) {
                    let dir = work(n + 1);
                    // The long document only where a command names it: in docs/, every other
                    // command over the folder would parse its 250 pages (and save their images).
                    if block.iter().any(|(_, text)| text.contains("docs/big.pdf")) {
                        fs::write(dir.join("docs/big.pdf"), testkit::pdf::blank_pdf(250)).unwrap();
                    }
                    for (line, text) in block {
                        if let Some((prefix, _)) =
                            CANNOT_RUN.iter().find(|(prefix, _)| text.starts_with(prefix))
                        {
                            skipped.lock().unwrap().push(*prefix);
                            continue;
                        }
                        let output = run(&as_here(text, url, job), &dir, bin, url);
                        ran.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        if output.status.code() != Some(0) {
                            failures.lock().unwrap().push(format!(
                                "README.md:{line}: `{text}` exited {:?}: {}",
                                output.status.code(),
                                String::from_utf8_lossy(&output.stderr).trim()
                            ));
                        }
                    }
                }
            });
        }
    });
    let (skipped, ran) = (skipped.into_inner().unwrap(), ran.into_inner());
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 40, "only {ran} commands ran");
    for (prefix, why) in CANNOT_RUN {
        assert!(
            skipped.contains(prefix),
            "`{prefix}` ({why}) is no longer in the README: take it off CANNOT_RUN"
        );
    }
}

#[test]
fn the_repository_url_is_cargo_tomls_everywhere() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(repository.starts_with("https://github.com/"), "{repository}");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (owner, _) = repository["https://github.com/".len()..].split_once('/').unwrap();
    for (name, text) in [
        ("README.md", README.to_string()),
        (
            "scripts/release/installer.sh.in",
            fs::read_to_string(root.join("scripts/release/installer.sh.in")).unwrap(),
        ),
        (
            "scripts/release/formula.rb.in",
            fs::read_to_string(root.join("scripts/release/formula.rb.in")).unwrap(),
        ),
    ] {
        assert!(!text.contains("OWNER"), "{name} says OWNER: write {repository}");
        // Every link to the project on GitHub is to this repository.
        for (at, _) in text.match_indices("github.com/") {
            let rest = &text[at + "github.com/".len()..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || "-_./".contains(*c))
                .collect();
            if path.ends_with("/llamacloud") || path.contains("/llamacloud/") {
                assert!(
                    format!("https://github.com/{path}").starts_with(repository),
                    "{name}: github.com/{path} is not {repository}"
                );
            }
        }
    }
    assert!(README.contains(&format!(
        "{repository}/releases/latest/download/llamacloud-installer.sh"
    )));
    assert!(README.contains(&format!("brew install {owner}/tap/llamacloud")));
}
