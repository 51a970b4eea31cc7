//! The command-line surface: one clap derive tree, global options and one variant per command.
//!
//! Flag names follow the official `llp` CLI so scripts carry over; values are validated here, so a
//! bad value is a usage error (exit 2) before any request is made.

mod batches;
mod common;
mod parsing;
mod values;

use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use batches::*;
pub use common::*;
pub use parsing::*;
pub use values::{Lenient, api_value};
pub(crate) use values::{credits, store_url};

use crate::domain::Region;
use values::parse_timeout;

/// `--version`: the version, and the commit it was built from when that is known (`build.rs`).
/// The program's name, as completions and the command reference give it.
pub(crate) const BIN: &str = "llamacloud";

/// The commands as the committed files (`generate-docs`, `man`) show them: the version without
/// the commit the binary was built from (which would make them stale at every commit).
pub(crate) fn committed() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().version(env!("CARGO_PKG_VERSION"))
}

const VERSION: &str = env!("LLAMACLOUD_VERSION");

/// Command-line client for the LlamaCloud document-parsing API.
#[derive(Debug, Parser)]
#[command(name = "llamacloud", version = VERSION, max_term_width = 100)]
#[command(after_help = EXIT_CODES_HELP)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES_HELP: &str = "\
Exit codes: 0 ok, 1 network or invalid response, 2 usage, 3 not found, 4 authentication,
5 API error, 6 job failed (--wait), 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM).";

/// Options accepted before or after any subcommand.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)
    #[arg(long, global = true, value_name = "KEY")]
    pub api_key: Option<String>,

    /// API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region's URL)
    #[arg(long, global = true, value_name = "URL", conflicts_with = "region")]
    pub base_url: Option<String>,

    /// Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file's default_profile)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// API region (default: $LLAMA_CLOUD_REGION, else us)
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub region: Option<Region>,

    /// Output format [default: auto = table on a terminal, tsv otherwise]
    #[arg(long, global = true, value_enum, ignore_case = true, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Filter the JSON output with a jq expression (built in; per item with --format jsonl)
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)
    #[arg(short, long, global = true)]
    pub raw_output: bool,

    /// Write the output to FILE instead of stdout (atomically: complete or not at all)
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]
    #[arg(long, global = true, value_enum, ignore_case = true, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Timeout for each HTTP request, in seconds
    #[arg(long, global = true, value_name = "SECONDS", default_value = "60", value_parser = parse_timeout)]
    pub timeout: Duration,

    /// Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff
    #[arg(long, global = true, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub max_retries: u32,

    /// Allow sending the API key over plain http:// to a host that is not loopback
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// Log each HTTP request and response to stderr (the API key is masked)
    #[arg(long, global = true)]
    pub debug: bool,

    /// Also trust the certificate authorities in this PEM file (a proxy or firewall that
    /// re-signs TLS); the system's roots and SSL_CERT_FILE are trusted as well [default: the
    /// profile's ca_file]
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_file: Option<std::path::PathBuf>,

    /// Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the
    /// failed pages are marked in the output and warned about either way
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "always"
    )]
    pub fail_on_partial: FailOnPartial,
}

/// `--fail-on-partial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOnPartial {
    Always,
    Never,
}

impl GlobalArgs {
    /// The `--jq` filter; `-r` alone means `--jq . -r`, as `llp -r` prints JSON with raw strings.
    pub fn jq(&self) -> Option<&str> {
        self.jq.as_deref().or(self.raw_output.then_some("."))
    }

    /// The format the user asked for, `--json` included.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format.unwrap_or(Format::Auto)
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse documents: one is printed as markdown (parsing create --wait --format markdown, with
    /// the profile's tier); several, --recursive or --from-list go into --output-dir, resumably.
    /// A local FILE is uploaded, an http(s) URL is fetched by the API
    Parse(Box<ParseArgs>),

    /// Parse jobs
    #[command(subcommand)]
    Parsing(ParsingCommand),

    /// Batches (v2)
    #[command(subcommand)]
    Batches(BatchesCommand),

    /// Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)
    #[command(subcommand, name = "batch-processing")]
    BatchProcessing(BatchProcessingCommand),

    /// The result store: what was parsed, so it is never paid for twice
    #[command(subcommand)]
    Cache(CacheCommand),

    /// The config file and its profiles
    #[command(subcommand)]
    Config(ConfigCommand),

    /// The API key in use
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish), or install it
    /// where that shell loads it for this user (--install)
    Completions {
        /// The shell (with --install, the one $SHELL names by default)
        #[arg(value_enum, required_unless_present = "install")]
        shell: Option<clap_complete::Shell>,
        /// Write the script where the shell loads completions for this user (directories made
        /// as needed) and say what to add to its start-up file, if anything
        #[arg(long)]
        install: bool,
        /// With --install: replace a file there that llamacloud did not write
        #[arg(long, requires = "install")]
        force: bool,
    },

    /// Print the program's man page (roff), or install every command's man page (--install)
    Man {
        /// Write the man pages to DIR (default: ${XDG_DATA_HOME:-~/.local/share}/man/man1) and
        /// say whether `man llamacloud` finds them
        #[arg(long)]
        install: bool,
        /// With --install: the directory to write them to
        #[arg(long, value_name = "DIR", requires = "install")]
        dir: Option<std::path::PathBuf>,
    },

    /// Write the completion scripts, man pages and command reference under DIR
    #[command(hide = true, name = "generate-docs")]
    GenerateDocs { dir: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Set a profile's setting; the API key is read from stdin or a hidden prompt, never from
    /// the command line
    Set {
        #[arg(value_enum)]
        key: ConfigKey,
        /// The value (not for api_key)
        value: Option<String>,
    },
    /// Remove a setting from a profile (the one in use, as for set)
    Unset {
        #[arg(value_enum)]
        key: ConfigKey,
    },
    /// Print a setting of the profile in use (the API key masked)
    Get {
        #[arg(value_enum)]
        key: ConfigKey,
    },
    /// Print every profile and its settings (API keys masked)
    List,
    /// Print where the config file is
    Path,
    /// Make PROFILE the default
    Use { profile: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CacheCommand {
    /// Print where the result store is (with --store, the shared store's URL)
    Path {
        #[command(flatten)]
        shared: SharedStoreArg,
    },
    /// List the results in the store: key, job, status, result files, when last used
    List {
        #[command(flatten)]
        shared: SharedStoreArg,
    },
    /// Forget the results not used for DURATION (their documents are parsed again when asked);
    /// a job that has not ended is kept (in a shared store, also a key a machine is deciding
    /// about)
    Prune {
        /// 30d, 12h, 90m, or seconds
        #[arg(long, value_name = "DURATION", value_parser = values::parse_duration)]
        older_than: Duration,
        #[command(flatten)]
        shared: SharedStoreArg,
    },
    /// Forget every result (asks first on a terminal; needs --yes otherwise)
    Clear {
        /// Clear without asking
        #[arg(short, long)]
        yes: bool,
        #[command(flatten)]
        shared: SharedStoreArg,
    },
}

/// `cache … --store [URL]`: the shared store instead of the local one, only when asked for (a
/// `cache clear` never empties a team's store because the environment names it).
#[derive(Debug, Args)]
pub(crate) struct SharedStoreArg {
    /// Work on the result store shared by machines instead of the local one: URL (s3://, gs://,
    /// az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile's store
    #[arg(long, value_name = "URL", num_args = 0..=1, value_parser = values::store_url)]
    pub store: Option<Option<String>>,
}

/// The settings a profile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub(crate) enum ConfigKey {
    ApiKey,
    BaseUrl,
    Region,
    ProjectId,
    OrganizationId,
    /// The default tier of `parsing create` and `parse`
    Tier,
    /// The credit budget of every `parse` run, a positive number (--max-credits wins over it)
    MaxCredits,
    /// Where the result store is (default: $LLAMACLOUD_CACHE_DIR, else ~/.cache/llamacloud)
    CacheDir,
    /// A result store shared by machines: s3://, gs://, az:// or file:/// URL (--store wins)
    Store,
    /// A PEM file of certificate authorities to trust besides the system's (a proxy that
    /// re-signs TLS)
    CaFile,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Show the base URL, region, profile and key in use and where each came from, then check
    /// the key with one request
    Status,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParsingCommand {
    /// List parse jobs, following every page unless --max-items is given
    List(ParsingListArgs),
    /// Show one parse job, optionally with its parsed content
    Get(ParsingGetArgs),
    /// Start a parse job for a local file (uploaded), a URL or an uploaded file's id, and print
    /// it; with --wait, wait for it and print the result
    Create(Box<ParsingCreateArgs>),
    /// Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through
    /// its presigned link, as it is
    Download(ParsingDownloadArgs),
    /// Show the parsing tiers, the latest version of each and their dated versions
    Versions(ScopeOnlyArgs),
    /// Cancel parse jobs that have not ended
    Cancel(ParsingIdsArgs),
    /// Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)
    Delete(ParsingDeleteArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum BatchesCommand {
    /// List batches, following every page unless --max-items is given
    List(BatchesListArgs),
    /// Show one batch, optionally with the parse job of each of its files
    Get(BatchesGetArgs),
    /// Cancel a batch that has not ended
    Cancel(BatchesCancelArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum BatchProcessingCommand {
    /// List batch-processing jobs (offset paging), following every page unless --max-items is given
    List(BatchProcessingListArgs),
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Output formats. `markdown` and `text` apply to `parsing get` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// table on a terminal, tsv otherwise
    Auto,
    /// aligned columns for people (also: pretty, as llp calls it)
    #[value(alias = "pretty")]
    Table,
    /// one tab-separated line per item, no header
    Tsv,
    /// one JSON document (the API's page shape, with every item)
    Json,
    /// one compact JSON object per line
    Jsonl,
    /// the same document as json, in YAML
    Yaml,
    /// the server's bytes for one request, unchanged
    Raw,
    /// parsing get: the document's markdown
    Markdown,
    /// parsing get: the document's plain text
    Text,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
