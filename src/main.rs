//! `llamacloud`: parse the arguments, run the command, map the outcome to an exit code.

mod api;
mod atomic_file;
mod cli;
mod commands;
mod config;
mod exit;
mod interrupt;
mod output;
#[cfg(test)]
mod properties;
mod settings;
mod time;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use serde_json::{Value, json};

use crate::api::error::ApiError;
use crate::cli::{Cli, Format};
use crate::output::sanitize::neutralize;
use crate::settings::redact;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are not errors; everything else clap rejects is usage (2).
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                exit::Exit::Usage as u8
            } else {
                0
            });
        }
    };
    interrupt::install();
    match commands::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of stdout went away (`| head`): that is how pipelines end, not a failure.
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err, cli.global.format());
            exit::classify(&err).into()
        }
    }
}

/// One `error:` line on stderr; with a JSON format, also the error as one JSON line.
fn report(err: &anyhow::Error, format: Format) {
    let message = redact(&neutralize(&format!("{err:#}"))).into_owned();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {message}");
    if matches!(format, Format::Json | Format::Jsonl) {
        let api = err.chain().find_map(|cause| cause.downcast_ref::<ApiError>());
        let document = json!({
            "error": {
                "status": api.map(|e| e.status.as_u16()),
                "message": message,
                "body": api.and_then(|e| e.body.clone()).unwrap_or(Value::Null),
            }
        });
        let _ = writeln!(stderr, "{}", redact(&document.to_string()));
    }
}
