//! `generate-docs DIR`: completions for every shell, man pages and the command reference, all
//! generated from the clap tree (the committed copies are checked against it by the tests).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::BIN;
use crate::cli::{Cli, GlobalArgs, committed};
use crate::error::Error;
use crate::output::Output;

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// Writes `completions/`, `docs/man/` and `docs/commands.md` under `dir`.
pub fn run(global: &GlobalArgs, dir: &Path) -> Result<(), Error> {
    Output::refuse(global, "generate-docs")?;
    let completions = dir.join("completions");
    let man = dir.join("docs").join("man");
    fs::create_dir_all(&completions)?;
    fs::create_dir_all(&man)?;
    for shell in SHELLS {
        clap_complete::generate_to(shell, &mut Cli::command(), BIN, &completions)?;
    }
    clap_mangen::generate_to(committed(), &man)?;
    fs::write(dir.join("docs").join("commands.md"), reference())?;
    Ok(())
}

/// The command reference in Markdown: every command, its usage and every option.
fn reference() -> String {
    let mut root = committed();
    root.build();
    let mut out = String::from(
        "# Command reference\n\nGenerated from the program's own definition of its commands \
         (`llamacloud generate-docs .`); do not edit by hand.\n",
    );
    describe(&mut out, &root, BIN);
    out
}

fn describe(out: &mut String, command: &clap::Command, path: &str) {
    if command.is_hide_set() {
        return;
    }
    let _ = write!(out, "\n## `{path}`\n\n");
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        let _ = writeln!(out, "{about}\n");
    }
    let usage = command.clone().render_usage().to_string();
    let _ = writeln!(out, "```\n{}\n```\n", usage.trim_start_matches("Usage: "));
    // Global options are listed once, under the program itself.
    let is_root = path == BIN;
    let args = command
        .get_arguments()
        .filter(|a| !a.is_hide_set() && (is_root || !a.is_global_set()));
    for arg in args {
        let _ = writeln!(out, "{}", describe_arg(arg));
    }
    if !is_root {
        let _ = writeln!(out, "\nAnd the [global options](#llamacloud).");
    }
    for sub in command.get_subcommands() {
        describe(out, sub, &format!("{path} {}", sub.get_name()));
    }
}

fn describe_arg(arg: &clap::Arg) -> String {
    let takes_value = arg.get_action().takes_values();
    let value_name = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().to_string().to_uppercase(), |n| n.to_string());
    let mut name = match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => format!("-{s}, --{l}"),
        (None, Some(l)) => format!("--{l}"),
        (Some(s), None) => format!("-{s}"),
        (None, None) => value_name.clone(),
    };
    if takes_value && arg.get_long().is_some() {
        let _ = write!(name, " <{value_name}>");
    }
    let mut line = format!("- `{name}`");
    if let Some(help) = arg.get_help() {
        let _ = write!(line, ": {help}");
    }
    if let Some(aliases) = arg.get_visible_aliases().filter(|a| !a.is_empty()) {
        let aliases: Vec<String> = aliases.iter().map(|a| format!("`--{a}`")).collect();
        let _ = write!(line, " (also {})", aliases.join(", "));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !values.is_empty() {
        let _ = write!(line, " [values: {}]", values.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        let _ = write!(line, " [default: {}]", defaults.join(", "));
    }
    line
}
