//! `completions SHELL`: the shell completion script, generated from the clap tree.

use std::borrow::Cow;
use std::io;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::BIN;
use crate::cli::{Cli, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::output::look::Look;
use crate::output::printer::Record;
use crate::output::style::Shape;

/// Prints the completion script for `shell`.
pub fn run(global: &GlobalArgs, shell: Shell, ctx: &mut Context) -> Result<(), Error> {
    let output = Output::choose(global, ctx, Shape::Script, "completions", &[])?;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    output.print(ctx, &Script(script))
}

/// A script in a language of its own: printed as it is.
struct Script(Vec<u8>);

impl Record for Script {
    fn json(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    fn human(&self, out: &mut dyn io::Write, _look: &Look) -> io::Result<()> {
        out.write_all(&self.0)
    }

    fn tsv(&self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(&self.0)
    }

    fn raw(&self) -> Option<&[u8]> {
        Some(&self.0)
    }
}
