//! `cargo try` (`cargo run -p try`): the fake in-process and the program through the library entry point, in
//! one command, with no account (built here as the `try` example, from the same file).

use crate::harness::try_example;

#[test]
fn try_parses_a_file_and_lists_jobs_with_no_account() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    std::fs::write(&file, "# Notes\n\nTried without an account.\n").unwrap();
    let parsed = try_example().arg("parse").arg(&file).output().unwrap();
    assert_eq!(
        parsed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let markdown = String::from_utf8(parsed.stdout).unwrap();
    assert!(
        markdown
            .starts_with("# notes.md\n\n35 bytes, text/markdown.\n\n# Notes\n\nTried without an account."),
        "{markdown}"
    );
    assert!(String::from_utf8_lossy(&parsed.stderr).starts_with("Created parse job pjb-"));

    let listed = try_example()
        .args(["parsing", "list", "--max-items", "5"])
        .output()
        .unwrap();
    assert_eq!(listed.status.code(), Some(0));
    let stdout = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    assert!(
        stdout.starts_with("pjb-") && stdout.contains("\tCOMPLETED\t"),
        "{stdout}"
    );

    // Exit codes are the program's own.
    let missing = try_example()
        .args(["parsing", "get", "pjb-none"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(3));
    // With nothing to run, it says what to try.
    let help = try_example().output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("cargo try parse README.md"));
}

#[test]
fn try_never_uses_a_real_key_or_server() {
    let listed = try_example()
        .env("LLAMA_CLOUD_API_KEY", "llx-REAL-KEY-must-not-be-used")
        .env("LLAMA_CLOUD_BASE_URL", "https://api.cloud.llamaindex.ai")
        .args(["auth", "status", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        listed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let status = String::from_utf8(listed.stdout).unwrap();
    assert!(status.contains("http://127.0.0.1:"), "{status}");
    assert!(!status.contains("REAL-KEY"), "{status}");
}

/// The README's first command builds only what it needs (issue 33): it runs a package of the
/// workspace, not an example (cargo builds every dev-dependency for an example), and nothing that
/// package builds, through its path dependencies' manifests, is one of the test suite's crates.
#[test]
fn the_readmes_first_command_builds_none_of_the_test_suites_crates() {
    const TEST_ONLY: [&str; 4] = ["assert_cmd", "httpmock", "predicates", "proptest"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = |dir: &std::path::Path| -> toml::Table {
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap()
    };
    let llamacloud = manifest(root);
    for name in TEST_ONLY {
        assert!(llamacloud["dev-dependencies"].get(name).is_some(), "{name}");
    }

    let readme = include_str!("../../README.md");
    let first = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|block| block.lines().next())
        .unwrap();
    // `cargo try parse README.md`: the repository's alias, which runs a package of the workspace
    // with a profile of its own.
    let alias = first
        .strip_prefix("cargo ")
        .and_then(|rest| rest.split_once(" parse README.md"))
        .map(|(alias, _)| alias)
        .unwrap_or_else(|| panic!("the README's first command is no `cargo ALIAS parse README.md`: {first}"));
    let config: toml::Table = std::fs::read_to_string(root.join(".cargo/config.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let expansion = config["alias"][alias].as_str().unwrap();
    let words: Vec<&str> = expansion.split_whitespace().collect();
    let after = |flag: &str| {
        let at = words.iter().position(|w| *w == flag);
        at.and_then(|at| words.get(at + 1).copied())
            .unwrap_or_else(|| panic!("`cargo {alias}` ({expansion}) has no {flag}"))
    };
    assert_eq!(
        (words[0], words.last().copied()),
        ("run", Some("--")),
        "{expansion}"
    );
    let package = after("--package");
    // Its profile builds every crate unoptimised: two thirds of the CPU of a build from nothing
    // went to optimising the dependencies (docs/performance.md).
    let profile = &llamacloud["profile"][after("--profile")];
    assert_eq!(
        profile["package"]["*"]["opt-level"].as_integer(),
        Some(0),
        "{profile}"
    );
    for (name, overridden) in profile["package"].as_table().unwrap() {
        assert_eq!(overridden["opt-level"].as_integer(), Some(0), "{name}");
    }
    let members = llamacloud["workspace"]["members"].as_array().unwrap();
    let dir = members
        .iter()
        .map(|member| root.join(member.as_str().unwrap()))
        .find(|dir| manifest(dir)["package"]["name"].as_str() == Some(package))
        .unwrap_or_else(|| panic!("{package} is no member of the workspace"));

    // Every manifest the package builds, from its path dependencies (normal ones: dev-dependencies
    // are built only for their own package's tests and examples).
    let mut pending = vec![dir];
    let mut seen = Vec::new();
    while let Some(dir) = pending.pop() {
        let dir = dir.canonicalize().unwrap();
        if seen.contains(&dir) {
            continue;
        }
        let manifest = manifest(&dir);
        let mut tables = vec![manifest.get("dependencies")];
        if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
            tables.extend(targets.values().map(|target| target.get("dependencies")));
        }
        for (name, spec) in tables.into_iter().flatten().flat_map(|t| t.as_table().unwrap()) {
            assert!(
                !TEST_ONLY.contains(&name.as_str()),
                "`{first}` builds {name} (through {})",
                dir.display()
            );
            if let Some(path) = spec.get("path").and_then(toml::Value::as_str) {
                pending.push(dir.join(path));
            }
        }
        seen.push(dir);
    }
    let mut names: Vec<_> = seen
        .iter()
        .map(|dir| manifest(dir)["package"]["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["llamacloud", "testkit", "try"], "{first}");
}
