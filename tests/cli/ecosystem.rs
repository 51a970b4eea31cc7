//! Config files and profiles, auth status, --jq, YAML, completions, and the generated files.

use std::fs;
use std::path::{Path, PathBuf};

use httpmock::prelude::*;
use serde_json::{Value, json};

use crate::harness::{TEST_KEY, bare, cli, cursor_page, success_stdout, walk};

/// `llamacloud` with a config directory of its own.
fn with_config(dir: &Path) -> assert_cmd::Command {
    let mut cmd = bare();
    cmd.env("LLAMACLOUD_CONFIG_DIR", dir);
    cmd
}

fn config_file(dir: &Path) -> PathBuf {
    dir.join("config.toml")
}

/// A mock that answers parse-job listings only for `key`, and counts them.
fn server_for_key(key: &str) -> MockServer {
    let server = MockServer::start();
    let key = key.to_string();
    server.mock(|when, then| {
        when.path("/api/v2/parse")
            .header("authorization", format!("Bearer {key}"));
        then.status(200).json_body(cursor_page(0..1, None));
    });
    server.mock(|when, then| {
        when.path("/api/v2/parse").header_exists("authorization");
        then.status(401).json_body(json!({"detail": "Invalid API key"}));
    });
    server
}

#[test]
fn config_set_reads_the_key_from_stdin_and_writes_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    with_config(dir.path())
        .args(["config", "set", "api_key"])
        .write_stdin(format!("{TEST_KEY}\n"))
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "Set api_key = llx-…cdef in profile default ({})\n",
            config_file(dir.path()).display()
        ));
    with_config(dir.path())
        .args(["config", "set", "region", "EU"])
        .assert()
        .success();
    with_config(dir.path())
        .args(["--profile", "work", "config", "set", "project_id", "prj-9"])
        .assert()
        .success();
    let text = fs::read_to_string(config_file(dir.path())).unwrap();
    assert_eq!(
        text,
        format!(
            "default_profile = \"default\"\n\n[profiles.default]\napi_key = \"{TEST_KEY}\"\nregion = \"eu\"\n\n[profiles.work]\nproject_id = \"prj-9\"\n"
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            fs::metadata(config_file(dir.path()))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    with_config(dir.path())
        .args(["config", "list"])
        .assert()
        .success()
        .stdout("[default] (default)\napi_key = llx-…cdef\nregion = eu\n\n[work]\nproject_id = prj-9\n");
    with_config(dir.path())
        .args(["config", "get", "api_key"])
        .assert()
        .success()
        .stdout("llx-…cdef\n");
    with_config(dir.path())
        .args(["config", "get", "project_id", "--profile", "work"])
        .assert()
        .success()
        .stdout("prj-9\n");
    with_config(dir.path())
        .args(["config", "get", "base_url"])
        .assert()
        .code(1)
        .stderr("error: base_url is not set in profile default\n");
    with_config(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", config_file(dir.path()).display()));
    let listed: Value = serde_json::from_slice(
        &with_config(dir.path())
            .args(["config", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(listed["profiles"]["default"]["api_key"], "llx-…cdef");
    assert_eq!(listed["default_profile"], "default");
}

#[test]
fn the_key_is_never_taken_from_argv_and_bad_values_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = with_config(dir.path())
        .args(["config", "set", "api_key", TEST_KEY])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&output.stderr).contains(TEST_KEY));
    assert!(!config_file(dir.path()).exists());
    with_config(dir.path())
        .args(["config", "set", "api_key"])
        .write_stdin("")
        .assert()
        .code(2);
    with_config(dir.path())
        .args(["config", "set", "region", "mars"])
        .assert()
        .code(2);
    with_config(dir.path())
        .args(["config", "set", "base_url", "ftp://x"])
        .assert()
        .code(2);
    with_config(dir.path())
        .args(["config", "set", "project_id"])
        .assert()
        .code(2);
    with_config(dir.path())
        .args(["config", "use", "nope"])
        .assert()
        .code(2);
    assert!(!config_file(dir.path()).exists());
}

#[test]
fn precedence_is_flag_then_environment_then_profile() {
    let dir = tempfile::tempdir().unwrap();
    let server = server_for_key("llx-profile-key-0000");
    fs::write(
        config_file(dir.path()),
        format!(
            "default_profile = \"main\"\n[profiles.main]\napi_key = \"llx-profile-key-0000\"\nbase_url = \"{}\"\n\
             [profiles.other]\napi_key = \"llx-other-key-00000\"\nbase_url = \"{}\"\n",
            server.base_url(),
            server.base_url()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(config_file(dir.path()), fs::Permissions::from_mode(0o600)).unwrap();
    }
    // The profile alone is enough.
    with_config(dir.path())
        .args(["parsing", "list"])
        .assert()
        .success()
        .stderr("");
    // The environment wins over the profile, and a flag over both.
    with_config(dir.path())
        .env("LLAMA_CLOUD_API_KEY", "llx-env-key-00000")
        .args(["parsing", "list"])
        .assert()
        .code(4);
    with_config(dir.path())
        .env("LLAMA_CLOUD_API_KEY", "llx-env-key-00000")
        .args(["parsing", "list", "--api-key", "llx-profile-key-0000"])
        .assert()
        .success();
    // Choosing another profile, by flag or by LLAMA_CLOUD_PROFILE.
    with_config(dir.path())
        .args(["--profile", "other", "parsing", "list"])
        .assert()
        .code(4);
    with_config(dir.path())
        .env("LLAMA_CLOUD_PROFILE", "other")
        .args(["parsing", "list"])
        .assert()
        .code(4);
    with_config(dir.path())
        .args(["--profile", "missing", "parsing", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no profile \"missing\""));
}

#[test]
fn a_broken_or_exposed_config_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        config_file(dir.path()),
        "default_profile = \"a\"\n[profiles.a]\napi_key = \n",
    )
    .unwrap();
    with_config(dir.path())
        .args(["parsing", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "error: invalid config file {}, line 3 column 11: string values must be quoted",
            config_file(dir.path()).display()
        )));
    // With the key and the URL given otherwise, nothing is needed from the file: a warning.
    let server = server_for_key(TEST_KEY);
    with_config(dir.path())
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .env("LLAMA_CLOUD_BASE_URL", server.base_url())
        .args(["parsing", "list"])
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "warning: invalid config file {}, line 3 column 11: string values must be quoted, expected literal string; going on without it\n",
            config_file(dir.path()).display()
        )));
    // A profile asked for cannot be read from a broken file.
    with_config(dir.path())
        .env("LLAMA_CLOUD_API_KEY", TEST_KEY)
        .args(["parsing", "list", "--profile", "a"])
        .assert()
        .code(2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let server = server_for_key(TEST_KEY);
        fs::write(
            config_file(dir.path()),
            format!(
                "[profiles.default]\napi_key = \"{TEST_KEY}\"\nbase_url = \"{}\"\n",
                server.base_url()
            ),
        )
        .unwrap();
        fs::set_permissions(config_file(dir.path()), fs::Permissions::from_mode(0o644)).unwrap();
        with_config(dir.path())
            .args(["parsing", "list"])
            .assert()
            .success()
            .stderr(predicates::str::contains("can be read by other users"));
    }
}

#[test]
fn the_config_file_is_found_through_xdg_and_home() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = bare();
    cmd.env_remove("XDG_CONFIG_HOME")
        .env_remove("LLAMACLOUD_CONFIG_DIR")
        .env("HOME", home.path())
        .args(["config", "path"]);
    cmd.assert().success().stdout(format!(
        "{}\n",
        home.path().join(".config/llamacloud/config.toml").display()
    ));
    let mut cmd = bare();
    cmd.env_remove("LLAMACLOUD_CONFIG_DIR")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("xdg"))
        .args(["config", "path"]);
    cmd.assert().success().stdout(format!(
        "{}\n",
        home.path().join("xdg/llamacloud/config.toml").display()
    ));
}

#[test]
fn auth_status_shows_sources_and_checks_the_key() {
    let server = server_for_key(TEST_KEY);
    let output = cli(&server.base_url()).args(["auth", "status"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "base URL  {} (from environment variable LLAMA_CLOUD_BASE_URL)",
            server.base_url()
        )
    );
    assert_eq!(lines[1], "region    custom");
    assert_eq!(lines[2], "profile   none");
    assert_eq!(
        lines[3],
        "API key   llx-…cdef (from environment variable LLAMA_CLOUD_API_KEY)"
    );
    assert!(
        lines[4].starts_with("check     ok: the key can list parse jobs ("),
        "{text}"
    );

    let output = cli(&server.base_url())
        .args(["auth", "status", "--api-key", "llx-wrong-key-0000"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("API key   llx-…0000 (from flag --api-key)\ncheck     rejected: HTTP 401\n"),
        "{text}"
    );

    let output = cli(&server.base_url())
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["api_key"], "llx-…cdef");
    assert_eq!(
        document["api_key_source"],
        "environment variable LLAMA_CLOUD_API_KEY"
    );
    assert_eq!(document["check"]["ok"], true);

    bare()
        .env("LLAMA_CLOUD_BASE_URL", server.base_url())
        .args(["auth", "status"])
        .assert()
        .code(4);
}

#[test]
fn jq_filters_the_document_or_each_item() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(cursor_page(0..3, None));
    });
    let run = |args: &[&str]| success_stdout(cli(&server.base_url()).args(args));
    assert_eq!(run(&["parsing", "list", "--jq", ".items | length"]), "3\n");
    assert_eq!(
        run(&["parsing", "list", "--jq", ".items[].id", "-r"]),
        "pjb-0000\npjb-0001\npjb-0002\n"
    );
    assert_eq!(
        run(&["parsing", "list", "--format", "jsonl", "--jq", ".name"]),
        "\"doc 0.pdf\"\n\"doc 1.pdf\"\n\"doc 2.pdf\"\n"
    );
    assert_eq!(
        run(&[
            "parsing",
            "list",
            "--jq",
            "{n: (.items | length), next: .next_page_token}"
        ]),
        "{\"n\":3,\"next\":null}\n"
    );
    let bad = cli(&server.base_url())
        .args(["parsing", "list", "--jq", ".items[] | foo("])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).starts_with("error: invalid --jq expression"),
        "{bad:?}"
    );
    cli(&server.base_url())
        .args(["parsing", "list", "--jq", ".", "--format", "tsv"])
        .assert()
        .code(2);
}

#[test]
fn yaml_is_the_json_document_in_yaml() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/api/v2/parse");
        then.status(200).json_body(json!({"items": [{"id": "pjb-1", "status": "COMPLETED", "tags": ["a"]}], "next_page_token": "t1"}));
    });
    cli(&server.base_url())
        .args(["parsing", "list", "--format", "yaml", "--max-items", "1"])
        .assert()
        .success()
        .stdout("items:\n- id: pjb-1\n  status: COMPLETED\n  tags:\n  - a\nnext_page_token: t1\n")
        .stderr("");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = bare().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(
            script.contains("llamacloud")
                && script.contains("batch-processing")
                && script.contains("max-items"),
            "{shell}"
        );
    }
    bare().args(["completions", "tcsh"]).assert().code(2);
}

/// Fails when a committed generated file differs from what the program generates now.
#[test]
fn committed_completions_man_pages_and_reference_are_fresh() {
    let fresh = tempfile::tempdir().unwrap();
    bare().arg("generate-docs").arg(fresh.path()).assert().success();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for dir in ["completions", "docs/man"] {
        let names = |base: &Path| -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(base.join(dir)).map_or_else(
                |_| Vec::new(),
                |entries| {
                    entries
                        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                },
            );
            names.sort();
            names
        };
        assert_eq!(names(root), names(fresh.path()), "files in {dir}");
    }
    for file in walk(fresh.path()) {
        let relative = file.strip_prefix(fresh.path()).unwrap();
        if fs::read(root.join(relative)).ok() != fs::read(&file).ok() {
            stale.push(relative.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo run -- generate-docs .` and commit them"
    );
}

#[test]
fn config_unset_removes_a_setting_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    for (key, value) in [("project_id", "prj-1"), ("region", "eu")] {
        with_config(dir.path())
            .args(["config", "set", key, value])
            .assert()
            .success();
    }
    with_config(dir.path())
        .args(["config", "unset", "project_id"])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "Removed project_id from profile default ({})\n",
            config_file(dir.path()).display()
        ));
    with_config(dir.path())
        .args(["config", "get", "project_id"])
        .assert()
        .code(1);
    with_config(dir.path())
        .args(["config", "get", "region"])
        .assert()
        .success()
        .stdout("eu\n");
    with_config(dir.path())
        .args(["config", "unset", "project_id"])
        .assert()
        .success()
        .stderr("project_id was not set in profile default; nothing to remove\n");
}

#[test]
fn config_set_repairs_the_line_that_broke_the_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        config_file(dir.path()),
        "# my settings\ndefault_profile = \"a\"\n[profiles.a]\napi_key = \nregion = \"eu\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(config_file(dir.path()), fs::Permissions::from_mode(0o600)).unwrap();
    }
    // Another setting cannot be made while the file does not parse: the error says where.
    with_config(dir.path())
        .args(["config", "set", "project_id", "prj-1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("line 4 column 11"));
    // Setting the broken one repairs it, keeping the rest of the file.
    with_config(dir.path())
        .args(["config", "set", "api_key"])
        .write_stdin("llx-repaired-key-0000\n")
        .assert()
        .success()
        .stderr(format!(
            "Set api_key = llx-…0000 on line 4 of {}, which did not parse before\n",
            config_file(dir.path()).display()
        ));
    assert_eq!(
        fs::read_to_string(config_file(dir.path())).unwrap(),
        "# my settings\ndefault_profile = \"a\"\n[profiles.a]\napi_key = \"llx-repaired-key-0000\"\nregion = \"eu\"\n"
    );
    with_config(dir.path())
        .args(["config", "get", "region"])
        .assert()
        .success()
        .stdout("eu\n");
}
