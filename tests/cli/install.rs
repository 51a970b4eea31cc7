//! `completions --install` and `man --install`: each file written where the shell or `man` looks
//! for this user, directories made, what to add said; a file llamacloud did not write is kept.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::harness::InProcess;

/// The program in-process with `home` as HOME and no XDG directories of its own.
fn in_home(home: &Path) -> InProcess {
    let mut run = InProcess::new();
    run.env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("SHELL")
        .env_remove("PATH")
        .env_remove("MANPATH");
    run
}

fn run(run: &mut InProcess, args: &[&str]) -> (Option<i32>, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = run.args(args).output().unwrap();
    (
        status.code(),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

/// What `completions SHELL` prints.
fn printed(shell: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(&mut in_home(home.path()), &["completions", shell]);
    assert_eq!(code, Some(0));
    stdout
}

#[test]
fn bash_completions_install_from_shell_into_a_fresh_home() {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(
        in_home(home.path()).env("SHELL", "/usr/bin/bash"),
        &["completions", "--install"],
    );
    let file = home
        .path()
        .join(".local/share/bash-completion/completions/llamacloud");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "Installed the bash completions to {}\nbash-completion loads it in new shells\n",
            file.display()
        )
    );
    let expected = format!(
        "# llamacloud completions for bash, written by `llamacloud completions --install`\n{}",
        printed("bash")
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);

    // Run again (a newer llamacloud, say), it replaces its own file.
    fs::write(
        &file,
        "# llamacloud completions for bash, written by `llamacloud completions --install`\nold\n",
    )
    .unwrap();
    let (code, _, stderr) = run(
        in_home(home.path()).env("XDG_DATA_HOME", home.path().join("data")),
        &["completions", "--install", "bash"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    // XDG_DATA_HOME moves it.
    let moved = home.path().join("data/bash-completion/completions/llamacloud");
    assert_eq!(fs::read_to_string(&moved).unwrap(), expected);
    let (code, _, stderr) = run(&mut in_home(home.path()), &["completions", "--install", "bash"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);
}

#[test]
fn zsh_completions_go_to_zfunc_with_the_lines_to_add_unless_it_is_on_fpath() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(
        in_home(home.path()).env("SHELL", "/bin/zsh"),
        &["completions", "--install"],
    );
    let file = home.path().join(".zfunc/_llamacloud");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "Installed the zsh completions to {}\n\
             Add this line to ~/.zshrc if it is not there (fpath+= before any compinit):\n  \
             fpath+=~/.zfunc; autoload -Uz compinit && compinit\n",
            file.display()
        )
    );
    // `#compdef` stays the first line, as zsh requires.
    let script = printed("zsh");
    let (compdef, rest) = script.split_once('\n').unwrap();
    assert_eq!(compdef, "#compdef llamacloud");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!(
            "#compdef llamacloud\n# llamacloud completions for zsh, written by `llamacloud completions --install`\n{rest}"
        )
    );

    let fpath = format!(
        "/usr/share/zsh/site-functions:{}",
        home.path().join(".zfunc").display()
    );
    let (code, _, stderr) = run(
        in_home(home.path()).env("FPATH", &fpath),
        &["completions", "--install", "zsh"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "Installed the zsh completions to {}\n{} is on $FPATH: new shells load it\n",
            file.display(),
            home.path().join(".zfunc").display()
        )
    );
}

#[test]
fn fish_powershell_and_elvish_completions_go_under_the_config_dir() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("conf");
    let cases = [
        (
            "fish",
            "fish/completions/llamacloud.fish",
            "fish loads it in new shells\n".to_string(),
        ),
        (
            "powershell",
            "powershell/llamacloud-completions.ps1",
            format!(
                "Add this line to your PowerShell profile (notepad $PROFILE):\n  . \"{}\"\n",
                config.join("powershell/llamacloud-completions.ps1").display()
            ),
        ),
        (
            "elvish",
            "elvish/lib/llamacloud.elv",
            format!(
                "Add this line to {}:\n  use llamacloud\n",
                config.join("elvish/rc.elv").display()
            ),
        ),
    ];
    for (shell, path, then) in cases {
        let (code, _, stderr) = run(
            in_home(home.path()).env("XDG_CONFIG_HOME", &config),
            &["completions", "--install", shell],
        );
        let file = config.join(path);
        assert_eq!(code, Some(0), "{shell}: {stderr}");
        let name = if shell == "powershell" {
            "PowerShell"
        } else {
            shell
        };
        assert_eq!(
            stderr,
            format!("Installed the {name} completions to {}\n{then}", file.display())
        );
        let written = fs::read_to_string(&file).unwrap();
        assert_eq!(
            written,
            format!(
                "# llamacloud completions for {name}, written by `llamacloud completions --install`\n{}",
                printed(shell)
            )
        );
    }
}

#[test]
fn a_completion_file_llamacloud_did_not_write_is_kept_unless_forced() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join(".config/fish/completions/llamacloud.fish");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    // The user's own, even one printed by `completions fish` by hand: no marker, not ours.
    fs::write(&file, "complete -c llamacloud -l mine\n").unwrap();
    let (code, stdout, stderr) = run(&mut in_home(home.path()), &["completions", "--install", "fish"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: {} exists and llamacloud did not write it; nothing was written (--force replaces it)\n",
            file.display()
        )
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "complete -c llamacloud -l mine\n"
    );

    let (code, _, stderr) = run(
        &mut in_home(home.path()),
        &["completions", "--install", "fish", "--force"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(fs::read_to_string(&file).unwrap().ends_with(&printed("fish")));
}

#[test]
fn without_a_shell_known_from_shell_install_is_a_usage_error_listing_the_shells() {
    let home = tempfile::tempdir().unwrap();
    for (shell, why) in [
        (None, "$SHELL is not set".to_string()),
        (
            Some("/bin/tcsh"),
            "$SHELL is /bin/tcsh, a shell without completions here".to_string(),
        ),
    ] {
        let mut cmd = in_home(home.path());
        if let Some(shell) = shell {
            cmd.env("SHELL", shell);
        }
        let (code, stdout, stderr) = run(&mut cmd, &["completions", "--install"]);
        assert_eq!(code, Some(2));
        assert_eq!(stdout, "");
        assert_eq!(
            stderr,
            format!(
                "error: {why}: say which shell, `llamacloud completions --install SHELL`, \
                 one of bash, zsh, fish, powershell, elvish\n"
            )
        );
    }
    assert_eq!(fs::read_dir(home.path()).unwrap().count(), 0, "nothing written");
    // --force means nothing without --install.
    let (code, _, _) = run(&mut in_home(home.path()), &["completions", "bash", "--force"]);
    assert_eq!(code, Some(2));
}

/// The committed man pages (`docs/man/`, checked against the program by the docs test).
fn committed_pages() -> Vec<(String, Vec<u8>)> {
    pages_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man"))
}

/// The files in `dir` with their bytes, sorted by name.
fn pages_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut pages: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn man_install_writes_the_generated_pages_and_says_whether_man_finds_them() {
    let home = tempfile::tempdir().unwrap();
    let home_path = fs::canonicalize(home.path()).unwrap();
    let man1 = home_path.join(".local/share/man/man1");
    let expected = committed_pages();
    assert!(expected.len() > 20);

    // ~/.local/bin on PATH: man-db and mandoc look in ~/.local/share/man beside it.
    let bin = home_path.join(".local/bin");
    let (code, stdout, stderr) = run(
        in_home(&home_path).env("PATH", format!("/usr/bin:{}", bin.display())),
        &["man", "--install"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "Installed {} man pages to {}\n`man llamacloud` finds them: {} is on your PATH\n",
            expected.len(),
            man1.display(),
            bin.display()
        )
    );
    assert_eq!(pages_in(&man1), expected);

    // Not on PATH: the MANPATH line to add; XDG_DATA_HOME moves them.
    let data = home_path.join("data");
    let (code, _, stderr) = run(
        in_home(&home_path)
            .env("PATH", "/usr/bin")
            .env("XDG_DATA_HOME", &data),
        &["man", "--install"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "Installed {} man pages to {1}/man/man1\nnote: `man llamacloud` may not find them: \
             add to your shell's start-up file: export MANPATH=\"{1}/man:\"\n",
            expected.len(),
            data.display()
        )
    );
    assert_eq!(pages_in(&data.join("man/man1")), expected);

    // --dir, and a MANPATH that lists it.
    let dir = home_path.join("share/man/man1");
    let manpath = format!("/usr/share/man:{}", home_path.join("share/man").display());
    let (code, _, stderr) = run(
        in_home(&home_path).env("MANPATH", &manpath),
        &["man", "--install", "--dir", dir.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "Installed {} man pages to {}\n`man llamacloud` finds them: $MANPATH lists {}\n",
            expected.len(),
            dir.display(),
            home_path.join("share/man").display()
        )
    );
    assert_eq!(pages_in(&dir), expected);
}

#[test]
fn man_install_replaces_llamacloud_pages_but_no_other_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = fs::canonicalize(home.path()).unwrap().join("man1");
    fs::create_dir_all(&dir).unwrap();
    // An earlier release's page (as the installer copied it) is replaced.
    fs::write(
        dir.join("llamacloud-parse.1"),
        ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH llamacloud-parse 1  \"parse 0.0.1\"\n.SH OLD\n",
    )
    .unwrap();
    let (code, _, stderr) = run(
        &mut in_home(home.path()),
        &["man", "--install", "--dir", dir.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(pages_in(&dir), committed_pages());

    // A page of another program under the same name is not: nothing is written.
    fs::write(dir.join("llamacloud-auth.1"), ".TH something-else 1\n").unwrap();
    fs::remove_file(dir.join("llamacloud.1")).unwrap();
    let (code, _, stderr) = run(
        &mut in_home(home.path()),
        &["man", "--install", "--dir", dir.to_str().unwrap()],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        format!(
            "error: {} exists and is not a llamacloud man page; nothing was written\n",
            dir.join("llamacloud-auth.1").display()
        )
    );
    assert_eq!(
        fs::read_to_string(dir.join("llamacloud-auth.1")).unwrap(),
        ".TH something-else 1\n"
    );
    assert!(!dir.join("llamacloud.1").exists());
}

#[test]
fn man_prints_the_programs_page() {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(&mut in_home(home.path()), &["man"]);
    assert_eq!(code, Some(0));
    let page =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man/llamacloud.1")).unwrap();
    assert_eq!(stdout, page);
}
