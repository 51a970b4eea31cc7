//! `completions SHELL`: the shell completion script, generated from the clap tree, printed; with
//! `--install`, written where that shell loads completions from for this user.

use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::atomic_file::AtomicFile;
use crate::cli::BIN;
use crate::cli::{Cli, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::printer::Verbatim;
use crate::output::style::Shape;

/// The line an installed script carries, by which a later `--install` knows the file is its own.
const MARKER: &str = "written by `llamacloud completions --install`";

/// The shells, as `$SHELL` and the argument name them.
const SHELLS: &str = "bash, zsh, fish, powershell, elvish";

/// Prints the completion script for `shell` (clap makes it required without `--install`).
pub fn run(global: &GlobalArgs, shell: Option<Shell>, ctx: &mut Context) -> Result<(), Error> {
    let shell = shell.ok_or_else(|| Error::usage(format!("say which shell: {SHELLS}")))?;
    let output = Output::choose(global, ctx, Shape::Script, "completions", &[])?;
    output.print(ctx, &Verbatim(script(shell)))
}

/// Writes the script for `shell` (else the one `$SHELL` names) where it loads completions from,
/// then says where, and what to add to a start-up file when the shell needs a line.
pub fn install(
    global: &GlobalArgs,
    shell: Option<Shell>,
    force: bool,
    ctx: &mut Context,
) -> Result<(), Error> {
    Output::refuse(global, "completions --install")?;
    let shell = match shell {
        Some(shell) => shell,
        None => from_env(ctx)?,
    };
    let place = Place::of(shell, ctx)?;
    let mut body = script(shell);
    let header = format!("# llamacloud completions for {}, {MARKER}\n", name(shell)).into_bytes();
    // zsh reads `#compdef` on the first line: the marker goes after it.
    let at = match shell {
        Shell::Zsh => body.iter().position(|&b| b == b'\n').map_or(0, |n| n + 1),
        _ => 0,
    };
    body.splice(at..at, header);
    write_own(&place.file, &body, force)?;
    let mut said = vec![format!(
        "Installed the {} completions to {}",
        name(shell),
        place.file.display()
    )];
    said.extend(place.then);
    for line in said {
        ctx.io.stderr.line(&line);
    }
    Ok(())
}

fn script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    script
}

fn name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::PowerShell => "PowerShell",
        Shell::Elvish => "elvish",
        _ => "shell",
    }
}

/// The shell `$SHELL` names; none, or one without completions here, is a usage error.
fn from_env(ctx: &Context) -> Result<Shell, Error> {
    let value = ctx.env.var("SHELL");
    let named = value.as_deref().and_then(Shell::from_shell_path);
    named.ok_or_else(|| {
        let why = match &value {
            Some(value) => format!("$SHELL is {value}, a shell without completions here"),
            None => "$SHELL is not set".to_string(),
        };
        Error::usage(format!(
            "{why}: say which shell, `llamacloud completions --install SHELL`, one of {SHELLS}"
        ))
    })
}

/// Where a shell's completion file goes, and what to tell the user after writing it.
struct Place {
    file: PathBuf,
    then: Vec<String>,
}

impl Place {
    fn of(shell: Shell, ctx: &Context) -> Result<Place, Error> {
        let home = ctx.env.home_dir().ok_or_else(|| {
            Error::Failure("HOME is not set: there is no user directory to install to".into())
        })?;
        let xdg = |var: &str, default: &str| {
            ctx.env
                .xdg_dir(var, default)
                .unwrap_or_else(|| home.join(default))
        };
        let data = xdg("XDG_DATA_HOME", ".local/share");
        let config = xdg("XDG_CONFIG_HOME", ".config");
        Ok(match shell {
            Shell::Bash => Place {
                file: data.join("bash-completion/completions").join(BIN),
                then: vec!["bash-completion loads it in new shells".into()],
            },
            Shell::Zsh => {
                let dir = home.join(".zfunc");
                let file = dir.join("_llamacloud");
                let on_fpath = ctx
                    .env
                    .var("FPATH")
                    .is_some_and(|fpath| std::env::split_paths(&fpath).any(|p| p == dir));
                let then = if on_fpath {
                    vec![format!("{} is on $FPATH: new shells load it", dir.display())]
                } else {
                    vec![
                        "Add this line to ~/.zshrc if it is not there (fpath+= before any compinit):".into(),
                        "  fpath+=~/.zfunc; autoload -Uz compinit && compinit".into(),
                    ]
                };
                Place { file, then }
            }
            Shell::Fish => Place {
                file: config.join("fish/completions/llamacloud.fish"),
                then: vec!["fish loads it in new shells".into()],
            },
            Shell::PowerShell => {
                let dir = if cfg!(windows) {
                    home.join("Documents").join("PowerShell")
                } else {
                    config.join("powershell")
                };
                let file = dir.join("llamacloud-completions.ps1");
                let then = vec![
                    "Add this line to your PowerShell profile (notepad $PROFILE):".into(),
                    format!("  . \"{}\"", file.display()),
                ];
                Place { file, then }
            }
            Shell::Elvish => {
                let rc = config.join("elvish/rc.elv");
                Place {
                    file: config.join("elvish/lib/llamacloud.elv"),
                    then: vec![
                        format!("Add this line to {}:", rc.display()),
                        "  use llamacloud".into(),
                    ],
                }
            }
            _ => {
                return Err(Error::usage(format!(
                    "no completions for this shell; one of {SHELLS}"
                )));
            }
        })
    }
}

/// Writes `bytes` to `file` (its directories made), replacing only a file an earlier install
/// wrote, or any with `force`; written beside and renamed into place.
fn write_own(file: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    match std::fs::read(file) {
        Ok(old) if !force && !is_ours(&old) => {
            return Err(Error::Failure(format!(
                "{} exists and llamacloud did not write it; nothing was written \
                 (--force replaces it)",
                file.display()
            )));
        }
        Ok(_) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(Error::Failure(format!("cannot read {}: {err}", file.display()))),
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        let mut out = AtomicFile::create(file, 0o644)?;
        io::Write::write_all(&mut out, bytes)?;
        out.persist()
    });
    written.map_err(|err| Error::Failure(format!("cannot write {}: {err}", file.display())))
}

/// A completion file an earlier `--install` wrote: its marker in the first lines.
fn is_ours(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    String::from_utf8_lossy(head)
        .lines()
        .take(3)
        .any(|line| line.contains(MARKER))
}
