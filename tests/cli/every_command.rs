//! One output path: every command, with `-o FILE`, writes its result to FILE and nothing to
//! stdout, and with `--format json` prints JSON or refuses with a usage error (exit 2) that
//! names what it takes. The table must list every command of the program.

use std::fs;
use std::path::Path;

use httpmock::MockServer;
use serde_json::{Value, json};

use crate::harness::{TEST_KEY, cursor_page, in_process};

/// What a command does with `-o` and `--format json`.
#[derive(Clone, Copy, Debug)]
enum Takes {
    /// It has a result: `-o` gets it; `--format json` gives JSON.
    Result,
    /// It has a result in a format of its own (a script): `-o` gets it; `--format` is refused.
    Script,
    /// It prints only a message on stderr (or writes files of its own): both are refused.
    Nothing,
}

/// Every command, with arguments that make it succeed, and what it takes.
fn table(scratch: &Path) -> Vec<(Vec<String>, Takes)> {
    let docs = scratch.join("docs-out").display().to_string();
    let man = scratch.join("man1").display().to_string();
    let document = scratch.join("a.pdf");
    fs::write(&document, b"%PDF-1.4").unwrap();
    let document = document.display().to_string();
    [
        (
            vec!["parsing", "create", document.as_str(), "--tier", "fast"],
            Takes::Result,
        ),
        (
            vec!["parse", document.as_str(), "--tier", "agentic"],
            Takes::Result,
        ),
        (vec!["parsing", "download", "pjb-1", "markdown"], Takes::Script),
        (vec!["parsing", "list"], Takes::Result),
        (vec!["parsing", "get", "pjb-1"], Takes::Result),
        (vec!["parsing", "versions"], Takes::Result),
        (vec!["batches", "get", "bat-1"], Takes::Result),
        (vec!["parsing", "cancel", "pjb-1"], Takes::Nothing),
        (vec!["parsing", "delete", "pjb-1", "--yes"], Takes::Nothing),
        (vec!["batches", "cancel", "bat-1"], Takes::Nothing),
        (vec!["batches", "list"], Takes::Result),
        (vec!["batch-processing", "list"], Takes::Result),
        (vec!["config", "get", "project_id"], Takes::Result),
        (vec!["config", "list"], Takes::Result),
        (vec!["config", "path"], Takes::Result),
        (vec!["config", "set", "project_id", "prj-2"], Takes::Nothing),
        (vec!["config", "use", "default"], Takes::Nothing),
        (vec!["config", "unset", "project_id"], Takes::Nothing),
        (vec!["auth", "status"], Takes::Result),
        (vec!["cache", "path"], Takes::Result),
        (vec!["cache", "list"], Takes::Result),
        (vec!["cache", "prune", "--older-than", "30d"], Takes::Nothing),
        (vec!["cache", "clear", "--yes"], Takes::Nothing),
        (vec!["completions", "bash"], Takes::Script),
        (vec!["completions", "--install", "bash"], Takes::Nothing),
        (vec!["man"], Takes::Script),
        (vec!["man", "--install", "--dir", man.as_str()], Takes::Nothing),
        (vec!["generate-docs", docs.as_str()], Takes::Nothing),
    ]
    .into_iter()
    .map(|(args, takes)| (args.into_iter().map(str::to_string).collect(), takes))
    .collect()
}

/// The program's leaf commands, from its own definition ("parsing list", …).
fn leaf_commands() -> Vec<String> {
    fn walk(command: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subcommands: Vec<&clap::Command> = command
            .get_subcommands()
            .filter(|c| c.get_name() != "help")
            .collect();
        if subcommands.is_empty() {
            out.push(prefix.trim().to_string());
        }
        for sub in subcommands {
            walk(sub, &format!("{prefix} {}", sub.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(&llamacloud::command(), "", &mut out);
    out
}

/// `text` without the time `auth status` measured ("(12 ms)").
fn timeless(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" (") {
            Some(at) if line.ends_with(" ms)") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn server() -> MockServer {
    let server = MockServer::start();
    // The more specific mocks first: the first that matches answers.
    let file_url = server.url("/files/pjb-1/markdown?sig=x");
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1")
            .query_param("expand", "markdown_content_metadata");
        then.status(200).json_body(json!({
            "job": {"id": "pjb-1", "status": "COMPLETED"},
            "result_content_metadata": {"markdown": {"size_bytes": 3, "exists": true, "presigned_url": file_url}}
        }));
    });
    server.mock(|when, then| {
        when.path("/files/pjb-1/markdown");
        then.status(200).body("# A");
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(cursor_page(0..2, None));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse/pjb-1");
        then.status(200).json_body(json!({
            "job": {"id": "pjb-1", "status": "COMPLETED", "name": "a.pdf"},
            "markdown": {"pages": [{"page_number": 1, "markdown": "# A"}]}
        }));
    });
    server.mock(|when, then| {
        when.method(httpmock::Method::POST).path("/api/v2/parse/upload");
        then.status(200)
            .json_body(json!({"id": "pjb-1", "status": "PENDING", "name": "a.pdf"}));
    });
    server.mock(|when, then| {
        when.path("/api/v2/batches");
        then.status(200)
            .json_body(json!({"items": [{"id": "bat-1", "status": "completed"}]}));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse/versions");
        then.status(200)
            .json_body(json!({"fast": ["2026-06-15"], "latest": {"fast": "2026-06-15"}}));
    });
    server.mock(|when, then| {
        when.path("/api/v2/batches/bat-1");
        then.status(200)
            .json_body(json!({"id": "bat-1", "status": "RUNNING", "project_id": "p"}));
    });
    server.mock(|when, then| {
        when.path("/api/v1/beta/batch-processing");
        then.status(200)
            .json_body(json!({"items": [{"id": "bjb-1", "status": "running"}], "total_size": 1}));
    });
    server
}

/// Runs `args` with a fresh config directory holding one profile.
fn run(server: &MockServer, scratch: &Path, args: &[String], extra: &[&str]) -> std::process::Output {
    let config = scratch.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!("default_profile = \"default\"\n[profiles.default]\napi_key = \"{TEST_KEY}\"\nproject_id = \"prj-1\"\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(config.join("config.toml"), fs::Permissions::from_mode(0o600)).unwrap();
    }
    in_process(&server.base_url())
        .env("LLAMACLOUD_CONFIG_DIR", config.display().to_string())
        .env(
            "LLAMACLOUD_CACHE_DIR",
            scratch.join("cache").display().to_string(),
        )
        .args(args)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_table_lists_every_command() {
    let scratch = tempfile::tempdir().unwrap();
    let table = table(scratch.path());
    let commands = leaf_commands();
    assert!(commands.len() >= 12, "{commands:?}");
    for command in commands {
        let words: Vec<&str> = command.split(' ').collect();
        assert!(
            table
                .iter()
                .any(|(args, _)| args.len() >= words.len() && args[..words.len()] == words[..]),
            "`{command}` is not in the table of every_command.rs: add what it does with -o and --format json"
        );
    }
}

#[test]
fn every_command_writes_its_result_to_the_o_file_and_nothing_to_stdout() {
    let server = server();
    for (args, takes) in table(tempfile::tempdir().unwrap().path()) {
        let scratch = tempfile::tempdir().unwrap();
        let file = scratch.path().join("out.txt");
        let output = run(&server, scratch.path(), &args, &["-o", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.stdout, b"", "{args:?} wrote to stdout");
        match takes {
            Takes::Result | Takes::Script => {
                assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
                let written = fs::read_to_string(&file).unwrap_or_default();
                assert!(!written.is_empty(), "{args:?} wrote nothing to the file");
                // Without -o, the same run prints the same bytes.
                let plain = run(&server, scratch.path(), &args, &[]);
                assert_eq!(
                    timeless(&String::from_utf8_lossy(&plain.stdout)),
                    timeless(&written),
                    "{args:?}"
                );
            }
            Takes::Nothing => {
                assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
                assert!(
                    stderr.contains("-o/--output does not apply"),
                    "{args:?}: {stderr}"
                );
                assert!(!file.exists(), "{args:?}");
            }
        }
    }
}

#[test]
fn every_command_prints_json_or_refuses_with_exit_2() {
    let server = server();
    for (args, takes) in table(tempfile::tempdir().unwrap().path()) {
        let scratch = tempfile::tempdir().unwrap();
        let output = run(&server, scratch.path(), &args, &["--format", "json"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        match takes {
            Takes::Result => {
                assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
                let document: Result<Value, _> = serde_json::from_slice(&output.stdout);
                assert!(
                    document.is_ok(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&output.stdout)
                );
            }
            Takes::Script | Takes::Nothing => {
                assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
                assert_eq!(output.stdout, b"", "{args:?}");
                assert!(stderr.starts_with("error: `"), "{args:?}: {stderr}");
            }
        }
    }
}

#[test]
fn a_format_a_command_cannot_write_is_refused_with_what_it_takes() {
    let server = server();
    let scratch = tempfile::tempdir().unwrap();
    let args = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let output = run(
        &server,
        scratch.path(),
        &args(&["auth", "status"]),
        &["--format", "raw"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: `auth status` cannot write --format raw; it takes auto, table, tsv, json, jsonl, yaml\n"
    );
    let output = run(
        &server,
        scratch.path(),
        &args(&["parsing", "list"]),
        &["--format", "markdown"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: `parsing list` cannot write --format markdown; it takes auto, table, tsv, json, jsonl, yaml, raw\n"
    );
    let output = run(
        &server,
        scratch.path(),
        &args(&["completions", "zsh"]),
        &["--jq", "."],
    );
    assert_eq!(output.status.code(), Some(2));
    // YAML of a record of this program's own.
    let output = run(
        &server,
        scratch.path(),
        &args(&["config", "list"]),
        &["--format", "yaml"],
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("default_profile: default"), "{text}");
    assert!(text.contains("project_id: prj-1"), "{text}");
}
