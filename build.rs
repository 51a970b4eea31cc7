//! Records the commit the binary is built from, for `--version`: from git in a checkout, else
//! from the `.cargo_vcs_info.json` that `cargo package` writes (a crate installed from the
//! registry); neither, and `--version` says the version alone.

use std::path::Path;
use std::process::Command;

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let dir = Path::new(&dir);
    // Only what exists is watched: cargo counts a watched file that is missing as changed, and
    // would build the crate again on every command.
    println!("cargo:rerun-if-changed=build.rs");
    if dir.join(".cargo_vcs_info.json").is_file() {
        println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
    }
    // The commit: HEAD, the branch it names and packed refs, wherever git keeps them (in a
    // worktree `.git` is a file that points elsewhere).
    for name in ["HEAD", "refs/heads", "packed-refs"] {
        let path = Command::new("git")
            .args(["rev-parse", "--path-format=absolute", "--git-path", name])
            .current_dir(dir)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
        if let Some(path) = path.filter(|path| Path::new(path).exists()) {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    let from_git = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(dir)
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    let from_package = || {
        let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
        let at = text.find("\"sha1\"")?;
        let rest = &text[at + 6..];
        let start = rest.find('"')? + 1;
        let sha = &rest[start..start + rest[start..].find('"')?];
        Some(sha.chars().take(12).collect::<String>())
    };
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    match from_git.filter(|c| !c.is_empty()).or_else(from_package) {
        Some(commit) => println!("cargo:rustc-env=LLAMACLOUD_VERSION={version} ({commit})"),
        None => println!("cargo:rustc-env=LLAMACLOUD_VERSION={version}"),
    }
}
