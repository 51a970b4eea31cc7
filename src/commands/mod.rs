//! One module per command. A command builds its query from its arguments, asks the API for
//! pages or a document, and hands them to an output writer.

mod auth;
mod batch_processing;
mod batches;
mod config;
mod docs;
mod listing;
mod parsing;
mod wait;

use std::path::PathBuf;

use crate::api::client::Client;
use crate::api::query::Query;
use crate::cli::{
    AuthCommand, BatchProcessingCommand, BatchesCommand, Cli, Command, CreatedRange, GlobalArgs,
    ParsingCommand, ScopeArgs,
};
use crate::output::jq::Jq;
use crate::output::look::Look;
use crate::output::sink::Sink;
use crate::output::{ListStyle, Terminal, jq_filter};
use crate::settings::Settings;

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let global = &cli.global;
    match &cli.command {
        Command::Parsing(ParsingCommand::List(args)) => parsing::list(global, args),
        Command::Parsing(ParsingCommand::Get(args)) => parsing::get(global, args),
        Command::Batches(BatchesCommand::List(args)) => batches::list(global, args),
        Command::BatchProcessing(BatchProcessingCommand::List(args)) => batch_processing::list(global, args),
        Command::Config(command) => config::run(global, command),
        Command::Auth(AuthCommand::Status) => auth::status(global),
        Command::Completions { shell } => docs::completions(*shell),
        Command::GenerateDocs { dir } => docs::generate(dir),
    }
}

/// What every API command needs: resolved settings, an authenticated client, how output looks.
pub struct Session {
    pub settings: Settings,
    pub client: Client,
    pub terminal: Terminal,
    pub look: Look,
    output: Option<PathBuf>,
}

impl Session {
    /// Resolves settings and builds the client; fails before any request without a key.
    pub fn open(global: &GlobalArgs, scope: &ScopeArgs, terminal: Terminal) -> anyhow::Result<Self> {
        let settings = Settings::load(global, Some(scope))?;
        let client = Client::new(&settings)?;
        let look = Look::detect(global.color, terminal);
        Ok(Session {
            settings,
            client,
            terminal,
            look,
            output: global.output.clone(),
        })
    }

    /// Adds `project_id` and `organization_id` when they are set.
    pub fn scope(&self, query: &mut Query) {
        push_scope(query, &self.settings);
    }

    /// Where the output goes: stdout, or the `-o` file.
    pub fn sink(&self) -> anyhow::Result<Sink> {
        Sink::open(self.output.as_deref())
    }
}

/// How a list command writes its output, decided before any request: a bad format or `--jq`
/// expression is a usage error first.
pub struct ListOutput {
    pub terminal: Terminal,
    pub style: ListStyle,
    pub jq: Option<Jq>,
}

impl ListOutput {
    pub fn choose(global: &GlobalArgs) -> anyhow::Result<Self> {
        let terminal = terminal(global);
        let style = ListStyle::choose(global.format(), terminal, global.jq.is_some())?;
        let jq = jq_filter(global.jq.as_deref(), global.raw_output, terminal)?;
        Ok(ListOutput { terminal, style, jq })
    }
}

/// The terminal as seen by a command with these global options.
fn terminal(global: &GlobalArgs) -> Terminal {
    Terminal::detect(
        global
            .output
            .as_deref()
            .is_some_and(|p| p != std::path::Path::new("-")),
    )
}

/// Adds `project_id` and `organization_id` from `settings` when they are set.
fn push_scope(query: &mut Query, settings: &Settings) {
    let value =
        |setting: &Option<crate::settings::Sourced<String>>| setting.as_ref().map(|s| s.value.clone());
    query
        .push_opt("project_id", value(&settings.project_id))
        .push_opt("organization_id", value(&settings.organization_id));
}

/// Adds the `created_at_on_or_after/before` filters, as RFC 3339 UTC.
fn push_created(query: &mut Query, created: &CreatedRange) {
    query
        .push_opt(
            "created_at_on_or_after",
            created.created_at_on_or_after.map(|t| t.to_string()),
        )
        .push_opt(
            "created_at_on_or_before",
            created.created_at_on_or_before.map(|t| t.to_string()),
        );
}
