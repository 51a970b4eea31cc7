//! `llamacloud`: a command-line client for the LlamaCloud document-parsing API.
//!
//! The binary is a thin shell around [`run`], which takes the arguments and a [`Context`] (the
//! standard streams, the environment and a clock) and returns the exit code. Tests run the
//! whole program in-process through it. `docs/architecture.md` shows how the modules fit.

mod act;
mod api;
mod atomic_file;
mod cli;
mod commands;
mod config;
pub mod context;
mod domain;
mod download;
mod error;
mod exit;
mod hashing;
mod listing;
mod output;
mod parse;
#[cfg(test)]
mod properties;
mod secret;
mod session;
mod settings;
mod signals;
mod store;
mod text;
mod time;
mod trust_env;

use std::ffi::OsString;

use clap::{CommandFactory as _, FromArgMatches as _};
use serde_json::{Value, json};

use crate::cli::{
    AuthCommand, BatchProcessingCommand, BatchesCommand, Cli, ColorChoice, Command, FailOnPartial, Format,
    ParsingCommand,
};
use crate::context::Context;
use crate::error::Error;
use crate::output::look::use_color;
use crate::secret::redact;
use crate::text::one_line;

/// The longest error line, in characters: the server's text is cut to fit.
const ERROR_CHARS: usize = 1000;
/// The longest response body quoted in the JSON error document, as JSON text.
const ERROR_BODY_CHARS: usize = 4096;

/// Installs the handlers of SIGINT, SIGTERM and SIGHUP: temporary files removed, exit
/// 128+signal (the binary calls this first).
pub fn install_signal_handlers() {
    signals::install();
}

/// The command line's definition (for tests that walk every command).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Hashes a file as result keys do (for the hashing benchmark, `examples/hash-speed.rs`).
pub use store::key::hash_file;

/// What tests need beyond [`run`]: the result store's own API, to lay out a store as an
/// earlier release wrote it. Only in builds with the `test-support` feature.
#[cfg(feature = "test-support")]
pub mod test_support {
    pub use crate::store::entry::Kinds;
    pub use crate::store::stat_cache::StatCache;
    pub use crate::store::{Store, What, key};
}

/// Runs the program with `args` (the program name first) and returns its exit code.
pub fn run<I, T>(args: I, ctx: &mut Context) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cli = match parse(&args, ctx) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // `parse -`: the document on stdin, in a file of its own until the run ends.
    let spooled = match &mut cli.command {
        Command::Parse(parse) => parse::stdin::spool(parse, ctx),
        _ => Ok(None),
    };
    let done = spooled.and_then(|_spooled| dispatch(&cli, &args, ctx));
    match done {
        Ok(()) => 0,
        // Done with pages missing: they were marked and warned about; the code says so unless
        // the user accepts them.
        Err(Error::Partial { .. }) if cli.global.fail_on_partial == FailOnPartial::Never => 0,
        Err(err @ Error::Partial { .. }) => {
            ctx.io
                .stderr
                .line(&format!("warning: {err} (exit 7; --fail-on-partial never: 0)"));
            exit::code(&err)
        }
        // The reader of stdout went away (`| head`): that is how pipelines end, not a failure.
        Err(err) if err.is_broken_pipe() => 0,
        // The command said where it stopped; the exit code says why.
        Err(err @ Error::Interrupted { .. }) => exit::code(&err),
        Err(err) => {
            report(&err, cli.global.format(), ctx);
            exit::code(&err)
        }
    }
}

/// The command line as the user would type it again (to resume a bulk run).
fn again(args: &[OsString]) -> String {
    std::iter::once("llamacloud".to_string())
        .chain(
            args.iter()
                .skip(1)
                .map(|a| text::shell_quote(&a.to_string_lossy())),
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs the command the user asked for.
fn dispatch(cli: &Cli, args: &[OsString], ctx: &mut Context) -> Result<(), Error> {
    let global = &cli.global;
    match &cli.command {
        Command::Parsing(ParsingCommand::List(args)) => commands::parsing::list::run(global, args, ctx),
        Command::Parsing(ParsingCommand::Get(args)) => commands::parsing::get::run(global, args, ctx),
        Command::Parsing(ParsingCommand::Create(create)) => {
            commands::parsing::create::run(global, create, &again(args), ctx)
        }
        Command::Parse(parse) => commands::parse::run(global, parse, &again(args), ctx),
        Command::Parsing(ParsingCommand::Download(args)) => {
            commands::parsing::download::run(global, args, ctx)
        }
        Command::Parsing(ParsingCommand::Versions(args)) => {
            commands::parsing::versions::run(global, args, ctx)
        }
        Command::Batches(BatchesCommand::Get(args)) => commands::batches::get::run(global, args, ctx),
        Command::Batches(BatchesCommand::Cancel(args)) => commands::batches::cancel::run(global, args, ctx),
        Command::Parsing(ParsingCommand::Cancel(args)) => commands::parsing::cancel::run(global, args, ctx),
        Command::Parsing(ParsingCommand::Delete(args)) => commands::parsing::delete::run(global, args, ctx),
        Command::Batches(BatchesCommand::List(args)) => commands::batches::list::run(global, args, ctx),
        Command::BatchProcessing(BatchProcessingCommand::List(args)) => {
            commands::batch_processing::list(global, args, ctx)
        }
        Command::Cache(command) => commands::cache::run(global, command, ctx),
        Command::Config(command) => commands::config::run(global, command, ctx),
        Command::Auth(AuthCommand::Status) => commands::auth::status(global, ctx),
        Command::Completions {
            shell,
            install: false,
            ..
        } => commands::completions::run(global, *shell, ctx),
        Command::Completions { shell, force, .. } => {
            commands::completions::install(global, *shell, *force, ctx)
        }
        Command::Man { install: false, .. } => commands::man::print(global, ctx),
        Command::Man { dir, .. } => commands::man::install(global, dir.as_deref(), ctx),
        Command::GenerateDocs { dir } => commands::generate_docs::run(global, dir),
    }
}

/// Parses the arguments; help and version are printed here, and usage errors reported with
/// colour only where `--color`, NO_COLOR and the terminal allow it.
fn parse(args: &[OsString], ctx: &mut Context) -> Result<Cli, u8> {
    let choice = color_flag(args);
    let command = Cli::command();
    let matches = |args: &[OsString]| {
        command
            .clone()
            .color(clap::ColorChoice::Always)
            .try_get_matches_from(args)
    };
    let result = matches(args)
        .or_else(|err| match help_of_help(args) {
            Some(args) if err.use_stderr() => matches(&args),
            _ => Err(err),
        })
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match result {
        Ok(cli) => Ok(cli),
        Err(err) => {
            let (terminal, code) = if err.use_stderr() {
                (ctx.io.terminals.stderr, exit::Exit::Usage as u8)
            } else {
                (ctx.io.terminals.stdout, 0)
            };
            let styled = err.render();
            let text = if use_color(choice, terminal, ctx.env.as_ref()) {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            if err.use_stderr() {
                ctx.io.stderr.write_raw(text.as_bytes());
            } else {
                // Help goes to stdout; a closed pipe (`--help | head`) is fine.
                let mut stdout = ctx.io.stdout.clone();
                let _ = std::io::Write::write_all(&mut stdout, text.as_bytes());
                let _ = std::io::Write::flush(&mut stdout);
            }
            Err(code)
        }
    }
}

/// `help --help` (and `help parse --help`) as `help help` (`help parse`): clap's `help` command
/// takes no options, so the words asking for help are dropped; `None` when there are none.
fn help_of_help(args: &[OsString]) -> Option<Vec<OsString>> {
    let at = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .position(|a| a == "help")?
        + 1;
    let asks = |a: &&OsString| *a == "--help" || *a == "-h";
    if !args[at + 1..].iter().any(|a| asks(&a)) {
        return None;
    }
    let mut rewritten: Vec<OsString> = args[..=at].to_vec();
    rewritten.extend(args[at + 1..].iter().filter(|a| !asks(a)).cloned());
    if rewritten.len() == at + 1 {
        rewritten.push("help".into());
    }
    Some(rewritten)
}

/// The `--color` value among the arguments, read before they are parsed (to colour the errors
/// of parsing them).
fn color_flag(args: &[OsString]) -> Option<ColorChoice> {
    let mut choice = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None if word == "--" => break,
            None => None,
        };
        if let Some(value) = value {
            choice = clap::ValueEnum::from_str(&value, true).ok().or(choice);
        }
    }
    choice
}

/// One `error:` line on stderr, bounded and with any key masked; with a JSON format, also the
/// error as one JSON line.
fn report(err: &Error, format: Format, ctx: &Context) {
    if let Error::Several { errors, .. } = err {
        for (id, err) in errors {
            let message = redact(&one_line(&format!("{id}: {err}"), ERROR_CHARS)).into_owned();
            ctx.io.stderr.line(&format!("error: {message}"));
        }
    }
    let message = redact(&one_line(&err.to_string(), ERROR_CHARS)).into_owned();
    ctx.io.stderr.line(&format!("error: {message}"));
    if matches!(format, Format::Json | Format::Jsonl) {
        let status = match err.root() {
            Error::Api(api) => api.status_error(),
            _ => None,
        };
        let body = status.and_then(|s| s.body.as_ref()).map(Value::to_string);
        let body: Value = match body {
            Some(text) if text.len() <= ERROR_BODY_CHARS => {
                serde_json::from_str(&text).unwrap_or(Value::Null)
            }
            _ => Value::Null,
        };
        let document = json!({
            "error": {
                "status": status.map(|s| s.status.as_u16()),
                "message": message,
                "body": body,
            }
        });
        ctx.io.stderr.line(&redact(&document.to_string()));
    }
}
