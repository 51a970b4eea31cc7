//! One module per command, and what they share: `Output` and `Session`. A command builds its query from its arguments, asks the API for
//! pages or a document, and hands them to the printer its `Output` chose. Commands get their
//! streams, environment and clock from the `Context`, never from the process.

pub mod act;
pub mod auth;
pub mod batch_processing;
pub mod batches;
pub mod bulk;
pub mod cache;
pub mod config;
pub mod create;
pub mod docs;
pub mod download;
pub mod listing;
pub mod once;
pub mod parse;
pub mod parsing;
pub mod pdf;
pub mod stdin;
pub mod wait;

use std::sync::Arc;

use crate::api::Scope;
use crate::api::client::Client;
use crate::api::parse_jobs::{self, Paging};
use crate::cli::{CreatedRange, CursorArgs, Format, GlobalArgs, Lenient, ScopeArgs};
use crate::context::Context;
use crate::error::Error;
use crate::output::destination::{Destination, Sink};
use crate::output::jq::Jq;
use crate::output::look::Look;
use crate::output::printer::{Printer, Record};
use crate::output::resource::Resource;
use crate::output::style::{Shape, Style};
use crate::settings::Settings;

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

/// What every API command needs: resolved settings, an authenticated client and the scope
/// (project and organization) of its requests.
pub struct Session {
    pub settings: Settings,
    pub client: Arc<Client>,
    pub scope: Scope,
}

impl Session {
    /// Resolves settings and builds the client; fails before any request without a key.
    pub fn open(global: &GlobalArgs, scope: &ScopeArgs, ctx: &Context) -> Result<Self, Error> {
        let settings = Settings::load(global, Some(scope), ctx.env.as_ref(), &ctx.io.stderr)?;
        let client = settings.client(Arc::clone(&ctx.clock), &ctx.io.stderr)?;
        Ok(Session {
            scope: settings.scope(),
            settings,
            client: Arc::new(client),
        })
    }
}

/// One warning for a value of an enumerated flag that this version does not know: it is sent
/// as given, and the server decides.
fn warn_unknown<T: clap::ValueEnum + Clone + Send + Sync + 'static>(
    ctx: &Context,
    flag: &str,
    value: Option<&Lenient<T>>,
) {
    if let Some(Lenient::Unknown(value)) = value {
        ctx.io.stderr.line(&format!(
            "warning: {flag} {} is not one this version knows ({}); it is sent as given",
            crate::text::shell_quote(value),
            Lenient::<T>::known()
        ));
    }
}

/// `--created-at-on-or-after/before` as the API takes them.
fn created(range: &CreatedRange) -> parse_jobs::CreatedRange {
    parse_jobs::CreatedRange {
        on_or_after: range.created_at_on_or_after,
        on_or_before: range.created_at_on_or_before,
    }
}

/// `--page-size`, `--page-token` and `--max-items`.
fn paging(args: &CursorArgs) -> Paging {
    Paging {
        page_size: args.page_size,
        page_token: args.page_token.clone(),
        max_items: args.limit.get(),
    }
}
