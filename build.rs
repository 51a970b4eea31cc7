//! Records the commit the binary is built from, for `--version`: from git in a checkout, else
//! from the `.cargo_vcs_info.json` that `cargo package` writes (a crate installed from the
//! registry); neither, and `--version` says the version alone.

use std::path::{Path, PathBuf};
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
    // The commit: HEAD, and the ref it names (a branch), wherever git keeps them: in a worktree
    // `.git` is a file pointing at the worktree's own git dir (its HEAD) and the branches are in
    // the common one, which `git rev-parse --git-path` resolves. Only these files: watching a
    // directory of refs would rerun this (and rebuild the crate) whenever any branch moved. A
    // branch that is only packed is watched through packed-refs, and through the directory its
    // loose file would appear in (git writes it there on the next commit).
    for path in git_watched(dir) {
        println!("cargo:rerun-if-changed={}", path.display());
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

/// The files whose change means another commit: HEAD and the branch it names (its loose file, or
/// packed-refs and its directory when it is packed). None outside git.
fn git_watched(dir: &Path) -> Vec<PathBuf> {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let git_path =
        |name: &str| git(&["rev-parse", "--path-format=absolute", "--git-path", name]).map(PathBuf::from);
    let mut watched = Vec::new();
    let Some(head) = git_path("HEAD").filter(|head| head.is_file()) else {
        return watched;
    };
    watched.push(head);
    // A detached HEAD holds the commit itself: HEAD alone says when it changes.
    let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) else {
        return watched;
    };
    match git_path(&branch) {
        Some(loose) if loose.is_file() => watched.push(loose),
        loose => {
            watched.extend(git_path("packed-refs").filter(|packed| packed.is_file()));
            watched.extend(
                loose
                    .as_deref()
                    .and_then(Path::parent)
                    .filter(|parent| parent.is_dir())
                    .map(Path::to_path_buf),
            );
        }
    }
    watched
}
