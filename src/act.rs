//! Commands that change something on the server (cancel, delete): one request per id, never
//! sent twice by accident (see `Client::send`), each outcome said on stderr, the exit code that
//! of the worst one. They print no result on stdout.

use std::io::Read as _;

use crate::api;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::session::Session;
use crate::text::{neutralize, shell_quote};

/// Acts on each id with `act` (one request, see `Client::send`); says "<done> <id>" for each
/// success.
pub fn each(
    ctx: &Context,
    ids: &[String],
    act: impl Fn(&str) -> Result<(), api::Error>,
    done: &str,
    check: impl Fn(&str) -> String,
) -> Result<(), Error> {
    let mut errors = Vec::new();
    for id in ids {
        match act(id) {
            Ok(_) => ctx.io.stderr.line(&format!("{done} {}", neutralize(id))),
            Err(err) => errors.push((neutralize(id).into_owned(), explain(err, &check(id)))),
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 if ids.len() == 1 => Err(errors.remove(0).1),
        _ => Err(Error::Several {
            of: ids.len(),
            errors,
        }),
    }
}

/// After an answer that does not rule out that the server acted (a timeout, a dropped
/// connection, 500, 502, 504), says how to find out.
fn explain(err: api::Error, check: &str) -> Error {
    Error::from(err.with_unsure_note(&format!("it may have been done anyway: check with `{check}`")))
}

/// Asks on the terminal before deleting; without a terminal to ask on, `--yes` is needed.
pub fn confirm(ctx: &mut Context, yes: bool, question: &str) -> Result<(), Error> {
    if yes {
        return Ok(());
    }
    if !(ctx.io.terminals.stdin && ctx.io.terminals.stderr) {
        return Err(Error::usage(format!(
            "{question}: pass --yes to confirm (there is no terminal to ask on)"
        )));
    }
    ctx.io.stderr.write_raw(format!("{question}? [y/N] ").as_bytes());
    let mut answer = Vec::new();
    let mut byte = [0u8; 1];
    while ctx.io.stdin.read(&mut byte)? == 1 && byte[0] != b'\n' {
        answer.push(byte[0]);
    }
    match String::from_utf8_lossy(&answer)
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "y" | "yes" => Ok(()),
        _ => Err(Error::failure("nothing was deleted")),
    }
}

/// The command to check on a parse job.
pub(crate) fn check_job(id: &str) -> String {
    format!("llamacloud parsing get {}", shell_quote(id))
}

/// Refuses the output flags, opens the session: what every acting command starts with.
pub fn start(
    global: &crate::cli::GlobalArgs,
    scope: &crate::cli::ScopeArgs,
    command: &str,
    ctx: &Context,
) -> Result<Session, Error> {
    Output::refuse(global, command)?;
    Session::open(global, scope, ctx)
}
