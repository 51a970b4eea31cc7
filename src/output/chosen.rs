//! `Output`: how and where a command writes, chosen once from the global flags before any
//! request is made.

use crate::cli::{Format, GlobalArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::{Destination, Sink};
use crate::output::jq::Jq;
use crate::output::look::Look;
use crate::output::printer::{Printer, Record};
use crate::output::resource::Resource;
use crate::output::style::{Shape, Style};

/// How and where a command writes its result, decided once, before any request: a format
/// the command cannot write, or a bad `--jq` expression, is a usage error first.
pub struct Output {
    destination: Destination,
    pub style: Style,
    pub look: Look,
    jq: Option<Jq>,
}

impl Output {
    /// For `command`, which prints `shape`; `extra` are formats it handles itself.
    pub fn choose(
        global: &GlobalArgs,
        ctx: &Context,
        shape: Shape,
        command: &str,
        extra: &[Format],
    ) -> Result<Self, Error> {
        let destination = Destination::new(global.output.as_deref(), ctx.io.terminals.stdout);
        let style = Style::choose(
            global.format(),
            global.jq().is_some(),
            shape,
            &destination,
            command,
            extra,
        )?;
        let jq = match global.jq() {
            Some(code) => Some(Jq::compile(
                code,
                global.raw_output,
                destination.to_terminal,
                &ctx.env.vars(),
            )?),
            None => None,
        };
        Ok(Output::new(global, ctx, destination, style, jq))
    }

    fn new(
        global: &GlobalArgs,
        ctx: &Context,
        destination: Destination,
        style: Style,
        jq: Option<Jq>,
    ) -> Self {
        let look = Look::detect(
            global.color,
            destination.to_terminal,
            ctx.env.as_ref(),
            ctx.clock.now(),
        );
        Output {
            destination,
            style,
            look,
            jq,
        }
    }

    /// For text in a format of its own (a document's markdown): only the destination matters.
    pub fn plain(global: &GlobalArgs, ctx: &Context, command: &str) -> Result<Self, Error> {
        if global.jq().is_some() {
            return Err(Error::usage(format!(
                "`{command}` with --format {} writes text; --jq filters JSON: use --format json or jsonl",
                crate::output::style::format_names(&[global.format()])
            )));
        }
        let destination = Destination::new(global.output.as_deref(), ctx.io.terminals.stdout);
        Ok(Output::new(global, ctx, destination, Style::Plain, None))
    }

    /// A command that writes nothing to stdout refuses `-o`, `--format` and `--jq` instead of
    /// ignoring them.
    pub fn refuse(global: &GlobalArgs, command: &str) -> Result<(), Error> {
        let given = [
            (global.output.is_some(), "-o/--output"),
            (global.format.is_some() || global.json, "--format/--json"),
            (global.jq().is_some(), "--jq/-r"),
        ];
        match given.iter().find(|(set, _)| *set) {
            Some((_, flag)) => Err(Error::usage(format!(
                "`{command}` prints no result (only a message on stderr); {flag} does not apply"
            ))),
            None => Ok(()),
        }
    }

    pub fn has_jq(&self) -> bool {
        self.jq.is_some()
    }

    /// The `-o` file, if there is one.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.destination.file()
    }

    pub fn to_terminal(&self) -> bool {
        self.destination.to_terminal
    }

    /// The printer for this output (it takes the `--jq` filter).
    pub fn printer(&mut self, resource: Option<Resource>) -> Box<dyn Printer> {
        self.style.printer(resource, self.look, self.jq.take())
    }

    /// Checks, before anything is sent, that the output can be written (`-o` in a directory
    /// that exists and takes a file).
    pub fn check(&self) -> Result<(), Error> {
        self.destination.check()
    }

    /// Opens the destination (stdout can be opened again later in the run).
    pub fn open(&self, ctx: &Context) -> Result<Sink, Error> {
        self.destination.open(&ctx.io.stdout)
    }

    /// Writes one record and puts the output in place.
    pub fn print(mut self, ctx: &Context, record: &dyn Record) -> Result<(), Error> {
        let mut printer = self.printer(None);
        let mut sink = self.open(ctx)?;
        printer.record(&mut sink, record)?;
        sink.commit()
    }
}
