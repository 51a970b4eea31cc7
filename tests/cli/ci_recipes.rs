//! The README's CI recipes (GitHub Actions and GitLab): the store they cache is the store the
//! program uses, it is kept when the run fails, the version they pin is this one, and their
//! `llamacloud` command, run as the CI job runs it (in the project directory, the store restored
//! into a fresh checkout), pays for each document once. `scripts/release/test_release.py` lints the
//! GitHub job as a workflow and runs the installer with the recipes' arguments.

use std::path::Path;

use serde_json::Value;

use crate::fake_server::{fake, start_shared};
use crate::harness::{TEST_KEY, cli, copy_tree, stderr_of, write};

const STORE: &str = ".llamacloud-store";

/// The YAML blocks of the README's "In CI" section: GitHub's job, then GitLab's.
fn recipes() -> (Value, Value) {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n### In CI: GitHub Actions and GitLab\n")
        .nth(1)
        .expect("the README has an In CI section");
    let section = section.split("\n## ").next().unwrap();
    let blocks: Vec<Value> = section
        .split("```yaml\n")
        .skip(1)
        .map(|block| {
            let text = block.split("\n```").next().unwrap();
            serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect();
    assert_eq!(blocks.len(), 2, "a GitHub and a GitLab recipe");
    (blocks[0].clone(), blocks[1].clone())
}

fn step<'a>(steps: &'a [Value], uses: &str) -> &'a Value {
    steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(uses)))
        .unwrap_or_else(|| panic!("no step uses {uses}"))
}

/// The shell lines of the step that runs `needle`.
fn run_line(steps: &[Value], needle: &str) -> String {
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(str::lines)
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no step runs {needle}"))
        .to_string()
}

#[test]
fn the_github_recipe_caches_the_programs_store_even_when_the_run_fails() {
    let (github, _) = recipes();
    let job = &github["jobs"]["parse"];
    assert_eq!(
        job["env"]["LLAMACLOUD_CACHE_DIR"],
        format!("${{{{ github.workspace }}}}/{STORE}")
    );
    assert_eq!(
        job["env"]["LLAMACLOUD_VERSION"],
        env!("CARGO_PKG_VERSION"),
        "the pinned release is this one"
    );
    assert_eq!(
        job["env"]["LLAMA_CLOUD_API_KEY"],
        "${{ secrets.LLAMA_CLOUD_API_KEY }}"
    );
    let steps = job["steps"].as_array().unwrap();
    let restore = step(steps, "actions/cache/restore@");
    let save = step(steps, "actions/cache/save@");
    assert_eq!(restore["with"]["path"], STORE);
    assert_eq!(save["with"]["path"], STORE);
    assert_eq!(
        save["if"], "always()",
        "what was paid for is kept when the run fails"
    );
    assert_eq!(restore["with"]["key"], save["with"]["key"]);
    let key = save["with"]["key"].as_str().unwrap();
    let prefix = restore["with"]["restore-keys"].as_str().unwrap();
    assert!(
        key.starts_with(prefix) && key.contains("github.run_id"),
        "{key}: a new entry per run, the newest restored"
    );
    let install = run_line(steps, "llamacloud-installer.sh");
    assert!(
        install.contains("/releases/download/v$LLAMACLOUD_VERSION/llamacloud-installer.sh\" | sh -s --"),
        "{install}"
    );
    assert_eq!(
        run_line(steps, "GITHUB_PATH"),
        "echo \"$HOME/.local/bin\" >> \"$GITHUB_PATH\"",
        "the installer's default directory"
    );
    let position = |needle: &str| steps.iter().position(|s| s.to_string().contains(needle)).unwrap();
    assert!(position("cache/restore@") < position("llamacloud parse"));
    assert!(position("llamacloud parse") < position("cache/save@"));
}

#[test]
fn the_gitlab_recipe_caches_the_programs_store_even_when_the_run_fails() {
    let (_, gitlab) = recipes();
    let job = &gitlab["parse-docs"];
    assert_eq!(
        job["variables"]["LLAMACLOUD_CACHE_DIR"],
        format!("$CI_PROJECT_DIR/{STORE}")
    );
    assert_eq!(job["variables"]["LLAMACLOUD_VERSION"], env!("CARGO_PKG_VERSION"));
    assert_eq!(job["cache"]["paths"], serde_json::json!([format!("{STORE}/")]));
    assert_eq!(
        job["cache"]["when"], "always",
        "what was paid for is kept when the run fails"
    );
    assert_eq!(job["artifacts"]["when"], "always");
    let install = job["before_script"][1].as_str().unwrap();
    assert!(
        install.contains(
            "/releases/download/v$LLAMACLOUD_VERSION/llamacloud-installer.sh\" | sh -s -- --to /usr/local/bin"
        ),
        "{install}"
    );
}

/// The recipe's command, as the job's shell runs it in `project` with the recipe's variables (the
/// CI's project directory being `project`; the key the test key). In-process, on the fake clock: the
/// paths it names (every word after the subcommand that is not a flag) are taken in `project`.
fn run_as_ci(url: &str, line: &str, variables: &Value, project: &Path) -> std::process::Output {
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&words[..2], ["llamacloud", "parse"], "{line}");
    let mut run = cli(url);
    for (name, value) in variables.as_object().unwrap() {
        let value = value.as_str().unwrap();
        let value = value
            .replace("${{ github.workspace }}", project.to_str().unwrap())
            .replace("$CI_PROJECT_DIR", project.to_str().unwrap());
        run.env(name, value);
    }
    run.env("LLAMA_CLOUD_API_KEY", TEST_KEY).arg("parse");
    for word in &words[2..] {
        match word.starts_with('-') {
            true => run.arg(word),
            false => run.arg(project.join(word)),
        };
    }
    run.output().unwrap()
}

#[test]
fn the_recipes_command_pays_once_across_fresh_checkouts_with_the_store_restored() {
    let (github, gitlab) = recipes();
    let steps = github["jobs"]["parse"]["steps"].as_array().unwrap();
    let line = run_line(steps, "llamacloud parse");
    assert_eq!(
        gitlab["parse-docs"]["script"],
        serde_json::json!([line]),
        "both recipes run the same command"
    );

    let dir = tempfile::tempdir().unwrap();
    let (url, fake) = start_shared(fake::Config::default());
    let first = dir.path().join("run-1");
    for name in ["docs/guide.pdf", "docs/api/reference.pdf", "docs/notes.md"] {
        write(&first.join(name), format!("the text of {name}\n").as_bytes());
    }
    let github_env = &github["jobs"]["parse"]["env"];
    let gitlab_env = &gitlab["parse-docs"]["variables"];
    assert_eq!(github_env["LLAMA_CLOUD_TIER"], gitlab_env["LLAMA_CLOUD_TIER"]);
    let output = run_as_ci(&url, &line, github_env, &first);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(fake.made_jobs().len(), 3);
    assert!(
        first.join(STORE).is_dir(),
        "the store is where the recipe caches it"
    );
    let reference = std::fs::read_to_string(first.join("markdown/api/reference.pdf.md")).unwrap();

    // The next pipeline: a fresh checkout (new times, no markdown/), the cache restored into it.
    let second = dir.path().join("run-2");
    copy_tree(&first.join("docs"), &second.join("docs"));
    copy_tree(&first.join(STORE), &second.join(STORE));
    let output = run_as_ci(&url, &line, gitlab_env, &second);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        fake.made_jobs().len(),
        3,
        "nothing paid twice: {}",
        stderr_of(&output)
    );
    assert_eq!(
        std::fs::read_to_string(second.join("markdown/api/reference.pdf.md")).unwrap(),
        reference
    );
    assert!(second.join("markdown/guide.pdf.md").is_file() && second.join("markdown/notes.md.md").is_file());
}
