//! `-o FILE`: written whole through a temporary file, or not at all; Ctrl-C leaves nothing.

use std::fs;
use std::path::Path;
use std::time::Duration;

use httpmock::prelude::*;
use serde_json::json;

use crate::harness::{cli, cursor_page, in_process};
use crate::scripted::{Reply, Scripted, interrupt, spawn_until_requested};

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_listing_goes_to_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(cursor_page(0..3, None));
    });
    let target = dir.path().join("jobs.tsv");
    cli(&server.base_url())
        .env("LLAMACLOUD_TEST_STDOUT_TTY", "1")
        .args(["parsing", "list", "-o"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    // auto means tsv in a file, even when stdout is a terminal.
    let written = fs::read_to_string(&target).unwrap();
    assert_eq!(written.lines().count(), 3);
    assert!(
        written.starts_with("pjb-0000\tdoc 0.pdf\tCOMPLETED\t"),
        "{written}"
    );
    assert_eq!(entries(dir.path()), ["jobs.tsv"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "a normal file, not a private temporary one");
    }
}

#[test]
fn a_failure_leaves_an_existing_file_untouched_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("jobs.json");
    fs::write(&target, "previous\n").unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse").query_param_missing("page_token");
        then.status(200).json_body(cursor_page(0..3, Some("t1")));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse").query_param("page_token", "t1");
        then.status(503).json_body(json!({"detail": "down"}));
    });
    let output = in_process(&server.base_url())
        .args(["parsing", "list", "--json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(output.stdout, b"");
    assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
    assert_eq!(entries(dir.path()), ["jobs.json"]);
}

#[test]
fn markdown_to_a_file_and_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1");
        then.status(200).json_body(
            json!({"job": {"id": "pjb-1", "project_id": "p", "status": "COMPLETED"},
            "markdown": {"pages": [{"page_number": 1, "markdown": "# Title", "success": true}]}}),
        );
    });
    let target = dir.path().join("doc.md");
    cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "--format", "markdown", "--output"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&target).unwrap(), "# Title\n");

    let missing = dir.path().join("no/such/dir/doc.md");
    let output = cli(&server.base_url())
        .args(["parsing", "get", "pjb-1", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: cannot write {}: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_130_at_once_and_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..1, None)).delayed(Duration::from_secs(30)),
    ]);
    let target = dir.path().join("out.tsv");
    let child = spawn_until_requested(
        &server,
        &[
            "parsing".as_ref(),
            "list".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
    );
    assert_eq!(
        entries(dir.path()).len(),
        1,
        "the temporary file exists while the request runs"
    );
    let (code, took) = interrupt(child);
    assert_eq!(code, Some(130));
    assert!(took < Duration::from_secs(10), "not waiting for the slow request");
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_also_remove_the_temporary_file_and_exit_128_plus_the_signal() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let dir = tempfile::tempdir().unwrap();
        let server = Scripted::start(vec![
            Reply::json(200, cursor_page(0..1, Some("t1"))),
            Reply::json(200, cursor_page(1..2, None)).delayed(Duration::from_secs(30)),
        ]);
        let target = dir.path().join("out.tsv");
        let args = [
            "parsing".as_ref(),
            "list".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ];
        let child = spawn_until_requested(&server, &args);
        // The second page is in flight: the temporary file holds the first.
        let started = std::time::Instant::now();
        while server.requests().len() < 2 && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(entries(dir.path()).len(), 1, "the temporary file exists");
        let (exit, took) = crate::scripted::send_signal(child, signal);
        assert_eq!(exit, Some(code), "signal {signal}");
        assert!(took < Duration::from_secs(10), "not waiting for the slow request");
        assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    }
}

#[test]
fn a_failed_page_with_o_says_the_file_is_unchanged_not_where_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("jobs.tsv");
    fs::write(&target, "previous\n").unwrap();
    let server = Scripted::start(vec![
        Reply::json(200, cursor_page(0..2, Some("t1"))),
        Reply::json(200, cursor_page(2..4, Some("t2"))),
        Reply::json(500, json!({"detail": "boom"})),
    ]);
    let output = in_process(&server.url)
        .args(["parsing", "list", "--max-retries", "0", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: page 3 failed; {} is unchanged: run the command again: \
             HTTP 500 Internal Server Error: boom (the service failed; try again later)\n",
            target.display()
        )
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
}

/// Runs `parsing list -o target` in-process against a one-page listing.
#[cfg(unix)]
fn list_into(target: &Path) -> std::process::Output {
    let server = Scripted::start(vec![Reply::json(200, cursor_page(0..3, None))]);
    in_process(&server.url)
        .args(["parsing", "list", "-o"])
        .arg(target)
        .output()
        .unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt as _;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn o_writes_through_a_fifo_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let output = list_into(&fifo);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(reader.join().unwrap().lines().count(), 3);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(entries(dir.path()), ["pipe"], "no temporary file beside it");
}

#[cfg(unix)]
#[test]
fn o_writes_a_character_device_in_place() {
    use std::os::unix::ffi::OsStrExt as _;
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    let name = std::ffi::CString::new(null.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path; makes a /dev/null (1, 3) in the scratch directory.
    let made = unsafe { libc::mknod(name.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made != 0 {
        // The FIFO test covers the same path, "not a regular file".
        crate::harness::skipped(
            "o_writes_a_character_device_in_place",
            "mknod is not permitted here (not root, or a container without it)",
            true,
        );
        return;
    }
    let output = list_into(&null);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
    assert_eq!(entries(dir.path()), ["null"]);
}

#[cfg(unix)]
#[test]
fn o_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.tsv");
    let link = dir.path().join("link.tsv");
    fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink("real.tsv", &link).unwrap();
    assert_eq!(list_into(&link).status.code(), Some(0));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap().lines().count(), 3);

    // A dangling link: its target is created.
    let dangling = dir.path().join("dangling.tsv");
    std::os::unix::fs::symlink("new.tsv", &dangling).unwrap();
    assert_eq!(list_into(&dangling).status.code(), Some(0));
    assert!(fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("new.tsv"))
            .unwrap()
            .lines()
            .count(),
        3
    );
}

#[cfg(unix)]
#[test]
fn o_keeps_the_mode_and_the_hard_links_of_an_existing_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("jobs.tsv");
    let other = dir.path().join("other-name.tsv");
    fs::write(&target, "old\n").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    fs::hard_link(&target, &other).unwrap();
    assert_eq!(list_into(&target).status.code(), Some(0));
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(
        fs::read_to_string(&other).unwrap().lines().count(),
        3,
        "the hard link sees it"
    );
    assert_eq!(entries(dir.path()), ["jobs.tsv", "other-name.tsv"]);
}

#[cfg(unix)]
#[test]
fn config_set_edits_the_target_of_a_symlinked_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    let config = dir.path().join("config");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(&config).unwrap();
    fs::write(dotfiles.join("llamacloud.toml"), "# managed by my dotfiles\n").unwrap();
    std::os::unix::fs::symlink(dotfiles.join("llamacloud.toml"), config.join("config.toml")).unwrap();
    crate::harness::bare()
        .env("LLAMACLOUD_CONFIG_DIR", &config)
        .args(["config", "set", "region", "eu"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(config.join("config.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(dotfiles.join("llamacloud.toml")).unwrap();
    assert!(text.contains("# managed by my dotfiles\n"), "{text}");
    assert!(text.contains("region = \"eu\""), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn o_dev_stdout_writes_to_the_pipe_it_leads_to() {
    let server = Scripted::start(vec![Reply::json(200, cursor_page(0..3, None))]);
    let stdout = crate::harness::success_stdout(crate::harness::cli_process(&server.url).args([
        "parsing",
        "list",
        "-o",
        "/dev/stdout",
    ]));
    assert_eq!(stdout.lines().count(), 3);
}
