//! `man`: the program's man page printed; with `--install`, every command's man page (those
//! `generate-docs` writes to `docs/man/`) written to the user's man directory.

use std::io;
use std::path::{Path, PathBuf};

use crate::atomic_file::AtomicFile;
use crate::cli::GlobalArgs;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::printer::Verbatim;
use crate::output::style::Shape;

/// Prints `llamacloud.1` (`llamacloud man | man -l -`).
pub fn print(global: &GlobalArgs, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Script, "man", &[])?;
    let pages = pages()?;
    let top = pages
        .into_iter()
        .find(|(name, _)| name == "llamacloud.1")
        .map(|(_, page)| page);
    output.print(ctx, &Verbatim(top.unwrap_or_default()))
}

/// Writes every page to `dir` (default: the user's man1 directory), then says where and whether
/// `man llamacloud` finds them there.
pub fn install(global: &GlobalArgs, dir: Option<&Path>, ctx: &mut Context) -> Result<(), Error> {
    Output::refuse(global, "man --install")?;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => default_dir(ctx)?,
    };
    let pages = pages()?;
    std::fs::create_dir_all(&dir)
        .map_err(|err| Error::Failure(format!("cannot make {}: {err}", dir.display())))?;
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let problem =
        |err: io::Error| Error::Failure(format!("cannot write the man pages to {}: {err}", dir.display()));
    // Every page is checked before any is written: a refusal writes nothing.
    for (name, _) in &pages {
        let file = dir.join(name);
        match std::fs::read(&file) {
            Ok(old) if !is_ours(&old, name) => {
                return Err(Error::Failure(format!(
                    "{} exists and is not a llamacloud man page; nothing was written",
                    file.display()
                )));
            }
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(problem(err)),
        }
    }
    for (name, page) in &pages {
        let mut out = AtomicFile::create(&dir.join(name), 0o644).map_err(problem)?;
        io::Write::write_all(&mut out, page).map_err(problem)?;
        out.persist().map_err(problem)?;
    }
    ctx.io.stderr.line(&format!(
        "Installed {} man pages to {}",
        pages.len(),
        dir.display()
    ));
    ctx.io.stderr.line(&found_by_man(&dir, ctx));
    Ok(())
}

/// `${XDG_DATA_HOME:-~/.local/share}/man/man1`.
fn default_dir(ctx: &Context) -> Result<PathBuf, Error> {
    let data = ctx
        .env
        .xdg_dir("XDG_DATA_HOME", ".local/share")
        .ok_or_else(|| Error::Failure("HOME is not set: say where with --dir DIR".into()))?;
    Ok(data.join("man").join("man1"))
}

/// Whether `man` finds pages in `dir` (a `man1`): the directory above it on `$MANPATH`, or,
/// without one, beside a `bin` directory on `$PATH` (man-db and mandoc both look there).
fn found_by_man(dir: &Path, ctx: &Context) -> String {
    let root = if dir.file_name().is_some_and(|n| n == "man1") {
        dir.parent().unwrap_or(dir)
    } else {
        return format!(
            "note: man looks for pages in man1 directories; {} is not one, so `man llamacloud` will not find them",
            dir.display()
        );
    };
    let same = |p: &Path| p == root || std::fs::canonicalize(p).is_ok_and(|p| p == root);
    if let Some(manpath) = ctx.env.var("MANPATH") {
        return if std::env::split_paths(&manpath).any(|p| same(&p)) {
            format!("`man llamacloud` finds them: $MANPATH lists {}", root.display())
        } else {
            format!(
                "note: $MANPATH does not list {0}, so `man llamacloud` will not find them; add it: export MANPATH=\"{0}:$MANPATH\"",
                root.display()
            )
        };
    }
    let path = ctx.env.var("PATH").unwrap_or_default();
    let beside = std::env::split_paths(&path).find(|bin| {
        bin.file_name().is_some_and(|n| n == "bin")
            && bin
                .parent()
                .is_some_and(|up| same(&up.join("share/man")) || same(&up.join("man")))
    });
    match beside {
        Some(bin) => format!("`man llamacloud` finds them: {} is on your PATH", bin.display()),
        None => format!(
            "note: `man llamacloud` may not find them: add to your shell's start-up file: export MANPATH=\"{}:\"",
            root.display()
        ),
    }
}

/// A page an earlier install (or the release archive) put there: a llamacloud man page.
fn is_ours(bytes: &[u8], name: &str) -> bool {
    let title = format!(".TH {} 1", name.trim_end_matches(".1"));
    String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .lines()
        .take(4)
        .any(|line| line.starts_with(&title))
}

/// The man pages as `generate-docs` writes them (`clap_mangen::generate_to`), in memory: each
/// file's name and bytes.
fn pages() -> Result<Vec<(String, Vec<u8>)>, Error> {
    fn generate(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            generate(sub, out)?;
        }
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page)?;
        out.push((man.get_filename(), page));
        Ok(())
    }
    let mut cmd = crate::cli::committed().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    generate(cmd, &mut out)?;
    Ok(out)
}
