//! The command-line surface: one clap derive tree, global options and one variant per command.
//!
//! Flag names follow the official `llp` CLI so scripts carry over; values are validated here, so a
//! bad value is a usage error (exit 2) before any request is made.

use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::Timestamp;

use crate::time::parse_time;

/// Command-line client for the LlamaCloud document-parsing API.
#[derive(Debug, Parser)]
#[command(name = "llamacloud", version, max_term_width = 100)]
#[command(after_help = EXIT_CODES_HELP)]
pub struct Cli {
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
pub struct GlobalArgs {
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

    /// The config file and its profiles
    #[command(subcommand)]
    Config(ConfigCommand),

    /// The API key in use
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Write the completion scripts, man pages and command reference under DIR
    #[command(hide = true, name = "generate-docs")]
    GenerateDocs { dir: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
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

/// The settings a profile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum ConfigKey {
    ApiKey,
    BaseUrl,
    Region,
    ProjectId,
    OrganizationId,
    /// The default tier of `parsing create` and `parse`
    Tier,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Show the base URL, region, profile and key in use and where each came from, then check
    /// the key with one request
    Status,
}

#[derive(Debug, Subcommand)]
pub enum ParsingCommand {
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
pub enum BatchesCommand {
    /// List batches, following every page unless --max-items is given
    List(BatchesListArgs),
    /// Show one batch, optionally with the parse job of each of its files
    Get(BatchesGetArgs),
    /// Cancel a batch that has not ended
    Cancel(BatchesCancelArgs),
}

#[derive(Debug, Subcommand)]
pub enum BatchProcessingCommand {
    /// List batch-processing jobs (offset paging), following every page unless --max-items is given
    List(BatchProcessingListArgs),
}

#[derive(Debug, Args)]
pub struct ParsingListArgs {
    /// Only jobs with this status
    #[arg(long, value_name = "STATUS", value_parser = Lenient::<ParseJobStatus>::parser())]
    pub status: Option<Lenient<ParseJobStatus>>,

    #[command(flatten)]
    pub created: CreatedRange,

    /// Only these job ids (repeatable, or comma-separated; sent as job_ids)
    #[arg(long = "job-id", value_name = "ID", value_delimiter = ',', value_parser = non_empty)]
    pub job_ids: Vec<String>,

    #[command(flatten)]
    pub scope: ScopeArgs,

    #[command(flatten)]
    pub paging: CursorArgs,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("job").required(true).args(["job_id", "job_id_flag"]))]
pub struct ParsingGetArgs {
    /// The parse job id
    #[arg(value_name = "JOB_ID", value_parser = id)]
    pub job_id: Option<String>,

    /// The parse job id, as a flag (same as the positional argument)
    #[arg(long = "job-id", value_name = "JOB_ID", conflicts_with = "job_id", value_parser = id)]
    pub job_id_flag: Option<String>,

    /// Parts to include (repeatable, or comma-separated): text, markdown, items, metadata,
    /// job_metadata, forms, usage (credits), markdown_full, text_full (the whole document as one
    /// string), and result-file links: markdown_content_metadata, markdown_full_content_metadata,
    /// text_content_metadata, text_full_content_metadata, items_content_metadata,
    /// metadata_content_metadata, forms_content_metadata, images_content_metadata,
    /// xlsx_content_metadata, output_pdf_content_metadata, raw_words_content_metadata,
    /// stripped_markdown_content_metadata, concatenated_stripped_markdown_content_metadata. Values not
    /// listed are sent as given.
    #[arg(long, value_name = "FIELD", value_delimiter = ',', value_parser = non_empty)]
    pub expand: Vec<String>,

    /// Only these image files, as one comma-separated string (e.g. image_0.png,image_1.jpg)
    #[arg(long, value_name = "NAMES", value_parser = non_empty)]
    pub image_filenames: Option<String>,

    /// Also save the job's extracted images (those of --image-filenames, or all) into DIR
    #[arg(long, value_name = "DIR", value_parser = non_empty_path)]
    pub images: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub waiting: WaitArgs,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

impl ParsingGetArgs {
    /// The job id, from the positional argument or `--job-id`.
    pub fn job_id(&self) -> &str {
        self.job_id
            .as_deref()
            .or(self.job_id_flag.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Args)]
pub struct BatchesListArgs {
    /// Only batches with this status
    #[arg(long, value_name = "STATUS", value_parser = Lenient::<BatchStatus>::parser())]
    pub status: Option<Lenient<BatchStatus>>,

    /// Only batches of this source directory
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub source_directory_id: Option<String>,

    #[command(flatten)]
    pub created: CreatedRange,

    #[command(flatten)]
    pub scope: ScopeArgs,

    #[command(flatten)]
    pub paging: CursorArgs,
}

#[derive(Debug, Args)]
pub struct BatchesGetArgs {
    /// The batch id
    #[arg(value_name = "BATCH_ID", value_parser = id)]
    pub batch_id: String,

    /// Parts to include: results (the job of each file; repeatable, or comma-separated)
    #[arg(long, value_name = "FIELD", value_delimiter = ',', value_parser = non_empty)]
    pub expand: Vec<String>,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct BatchesCancelArgs {
    /// The batch id
    #[arg(value_name = "BATCH_ID", value_parser = id)]
    pub batch_id: String,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct ParsingDownloadArgs {
    /// The parse job id
    #[arg(value_name = "JOB_ID", value_parser = id)]
    pub job_id: String,

    /// The result file: markdown, markdown_full, text, text_full, items, metadata, forms, xlsx,
    /// output_pdf, raw_words, stripped_markdown, … (the KIND of KIND_content_metadata)
    #[arg(value_name = "KIND", value_parser = non_empty)]
    pub kind: String,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct ParsingCreateArgs {
    /// Local files to upload and parse (several, or any bulk option, need --wait and --output-dir)
    #[arg(value_name = "FILE", value_parser = non_empty_path)]
    pub files: Vec<std::path::PathBuf>,

    /// Parse the document at this http(s) URL instead (the API fetches it)
    #[arg(long, value_name = "URL", value_parser = non_empty, conflicts_with_all = ["files", "file_id"])]
    pub source_url: Option<String>,

    /// Parse a file already uploaded to LlamaCloud, by its id
    #[arg(long, value_name = "ID", value_parser = non_empty, conflicts_with = "files")]
    pub file_id: Option<String>,

    #[command(flatten)]
    pub bulk: BulkArgs,

    #[command(flatten)]
    pub job: JobOptions,

    /// Print only the new job's id
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub waiting: WaitArgs,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Local files to upload, or http(s):// URLs for the API to fetch (several need --output-dir)
    #[arg(value_name = "FILE|URL", value_parser = non_empty)]
    pub sources: Vec<String>,

    #[command(flatten)]
    pub bulk: BulkArgs,

    #[command(flatten)]
    pub job: JobOptions,

    /// Give up waiting after this long: 90s, 30m, 2h, or seconds
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = parse_duration)]
    pub wait_timeout: Duration,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Parsing many documents into a directory.
#[derive(Debug, Args)]
#[command(next_help_heading = "Many documents")]
pub struct BulkArgs {
    /// Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep
    /// DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over
    #[arg(long, value_name = "DIR", value_parser = non_empty_path)]
    pub output_dir: Option<std::path::PathBuf>,

    /// Parse every file under DIR (repeatable); results keep their path relative to DIR
    #[arg(long, value_name = "DIR", value_parser = non_empty_path)]
    pub recursive: Vec<std::path::PathBuf>,

    /// With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)
    #[arg(long, value_name = "GLOB", value_parser = non_empty)]
    pub include: Vec<String>,

    /// With --recursive: leave out files whose relative path matches GLOB (repeatable)
    #[arg(long, value_name = "GLOB", value_parser = non_empty)]
    pub exclude: Vec<String>,

    /// Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)
    #[arg(long, value_name = "FILE", value_parser = non_empty_path)]
    pub from_list: Option<std::path::PathBuf>,

    /// Documents uploaded and waited for at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Parse again documents the manifest says are done
    #[arg(long)]
    pub force: bool,
}

impl ParseArgs {
    /// Several documents, or any option of bulk parsing.
    pub fn is_bulk(&self) -> bool {
        self.sources.len() > 1 || self.bulk.any()
    }
}

impl ParsingCreateArgs {
    /// Several files, or any option of bulk parsing.
    pub fn is_bulk(&self) -> bool {
        self.files.len() > 1 || self.bulk.any()
    }
}

impl BulkArgs {
    /// Whether any option of bulk parsing was given.
    pub fn any(&self) -> bool {
        self.output_dir.is_some() || !self.recursive.is_empty() || self.from_list.is_some()
    }
}

/// `--wait` and its bound, for the commands that can wait for a parse job.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with
    /// --format markdown|text (exit 6 unless COMPLETED)
    #[arg(long)]
    pub wait: bool,

    /// Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = parse_duration, requires = "wait")]
    pub wait_timeout: Duration,
}

impl WaitArgs {
    /// How long to wait, if asked to.
    pub fn timeout(&self) -> Option<Duration> {
        self.wait.then_some(self.wait_timeout)
    }
}

/// How to parse: the request configuration, as flags and an options file.
#[derive(Debug, Args)]
#[command(next_help_heading = "Parse options")]
pub struct JobOptions {
    /// fast (text only), cost_effective, agentic or agentic_plus; others are sent as given
    /// [default: the profile's tier (config set tier), else required]
    #[arg(long, value_name = "TIER", value_parser = Lenient::<Tier>::parser())]
    pub tier: Option<Lenient<Tier>>,

    /// The tier's version: latest, or a dated one (see parsing versions) [default: latest]
    #[arg(long, value_name = "VERSION", value_parser = non_empty)]
    pub version: Option<String>,

    /// A saved parse configuration to use (then --tier is optional)
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub configuration_id: Option<String>,

    /// Only these pages, e.g. "1,3,5-8" (page_ranges.target_pages)
    #[arg(long, value_name = "PAGES", value_parser = non_empty)]
    pub target_pages: Option<String>,

    /// Parse at most this many pages (page_ranges.max_pages)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_pages: Option<u64>,

    /// A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_metadata)]
    pub metadata: Vec<(String, String)>,

    /// Who made the job (client_name) [default: llamacloud-cli/VERSION]
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub client_name: Option<String>,

    /// Parse again even if the API has a cached result for this document
    #[arg(long)]
    pub disable_cache: bool,

    /// A webhook configuration to notify (repeatable, at most 4)
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub webhook_configuration_id: Vec<String>,

    /// Any other part of the request configuration, as a JSON object in FILE (- for stdin);
    /// the flags above win over it, unknown keys are sent as given
    #[arg(long, value_name = "FILE")]
    pub options: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ParsingIdsArgs {
    /// The parse job ids
    #[arg(value_name = "JOB_ID", required = true, value_parser = id)]
    pub job_ids: Vec<String>,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct ParsingDeleteArgs {
    #[command(flatten)]
    pub ids: ParsingIdsArgs,

    /// Delete without asking (needed when not on a terminal)
    #[arg(short, long)]
    pub yes: bool,
}

/// Commands that take only the project and organization.
#[derive(Debug, Args)]
pub struct ScopeOnlyArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
}

#[derive(Debug, Args)]
pub struct BatchProcessingListArgs {
    /// Only jobs of this directory
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub directory_id: Option<String>,

    /// Only jobs of this type
    #[arg(long, value_enum, ignore_case = true)]
    pub job_type: Option<BatchJobType>,

    /// Only jobs with this status
    #[arg(long, value_name = "STATUS", value_parser = Lenient::<BatchJobStatus>::parser())]
    pub status: Option<Lenient<BatchJobStatus>>,

    /// Items per request (1-1000; sent as limit)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub limit: Option<u64>,

    /// Number of jobs to skip before the first one shown
    #[arg(long, value_name = "N", value_parser = zero_or_more, allow_negative_numbers = true)]
    pub offset: Option<u64>,

    #[command(flatten)]
    pub scope: ScopeArgs,

    #[command(flatten)]
    pub limit_items: ItemLimit,
}

/// `--created-at-on-or-after/--before` with their short aliases.
#[derive(Debug, Args)]
pub struct CreatedRange {
    /// Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d
    #[arg(long, visible_alias = "since", value_name = "TIME", value_parser = parse_time)]
    pub created_at_on_or_after: Option<Timestamp>,

    /// Only items created at or before TIME (same forms as --since)
    #[arg(long, visible_alias = "until", value_name = "TIME", value_parser = parse_time)]
    pub created_at_on_or_before: Option<Timestamp>,
}

/// Project and organisation, sent as query parameters on every request.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// Project id (default: $LLAMA_CLOUD_PROJECT_ID)
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub project_id: Option<String>,

    /// Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub organization_id: Option<String>,
}

/// Flags of the cursor-paged list commands.
#[derive(Debug, Args)]
pub struct CursorArgs {
    /// Items per request
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub page_size: Option<u64>,

    /// Start from this page token (as printed when a listing stopped early)
    #[arg(long, value_name = "TOKEN", value_parser = non_empty)]
    pub page_token: Option<String>,

    #[command(flatten)]
    pub limit: ItemLimit,
}

/// `--max-items`, shared by every list command.
#[derive(Debug, Args)]
pub struct ItemLimit {
    /// Stop after N items (-1: no limit); the resume point is then printed
    #[arg(long, value_name = "N", value_parser = parse_max_items, allow_negative_numbers = true)]
    pub max_items: Option<MaxItems>,
}

impl ItemLimit {
    /// The cap on items to print, if any.
    pub fn get(&self) -> Option<u64> {
        self.max_items.and_then(|m| m.0)
    }
}

/// `--max-items`: a count (0 prints nothing), or any negative number for no limit (as `llp`
/// takes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxItems(pub Option<u64>);

fn parse_max_items(value: &str) -> Result<MaxItems, String> {
    match value.trim().parse::<i64>() {
        Ok(n) if n < 0 => Ok(MaxItems(None)),
        Ok(n) => Ok(MaxItems(Some(n as u64))),
        Err(_) => Err("expected a number of items, or -1 for no limit".into()),
    }
}

/// A count of items per request.
fn at_least_one(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of at least 1".into()),
    }
}

/// A position in a listing.
fn zero_or_more(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse::<u64>()
        .map_err(|_| "expected a whole number, 0 or more".into())
}

/// An id or filter value: trimmed, and never empty. An empty `"$ID"` in a script must not
/// remove the filter and widen what a command reaches.
fn non_empty(value: &str) -> Result<String, String> {
    match value.trim() {
        "" => Err("the value is empty; an empty id or filter would match everything".into()),
        trimmed => Ok(trimmed.to_string()),
    }
}

/// An id that goes into a URL's path: one segment, never `.`, `..` or one holding a `/`
/// (`parsing delete ..` would otherwise reach `DELETE /api/v2/parse`).
fn id(value: &str) -> Result<String, String> {
    let id = non_empty(value)?;
    match id.as_str() {
        "." | ".." => Err(format!("{id:?} is not an id")),
        _ if id.contains('/') => Err("an id holds no /".into()),
        _ => Ok(id),
    }
}

fn non_empty_path(value: &str) -> Result<std::path::PathBuf, String> {
    if value.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(std::path::PathBuf::from(value))
}

fn parse_metadata(value: &str) -> Result<(String, String), String> {
    match value.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_string(), value.to_string())),
        _ => Err("expected KEY=VALUE with a non-empty KEY".into()),
    }
}

/// The longest wait a duration flag takes: far past any job, well inside what clocks can add.
const MAX_DURATION: Duration = Duration::from_secs(366 * 24 * 3600);

fn parse_duration(value: &str) -> Result<Duration, String> {
    match crate::time::parse_duration(value) {
        Some(duration) if duration <= MAX_DURATION => Ok(duration),
        Some(_) => Err("expected a duration of at most 366 days (366d)".into()),
        None => Err("expected a duration such as 90s, 30m or 2h".into()),
    }
}

fn parse_timeout(value: &str) -> Result<Duration, String> {
    let seconds: f64 = value
        .trim()
        .parse()
        .map_err(|_| "expected a number of seconds, such as 30 or 2.5".to_string())?;
    if seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0 {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err("expected a number of seconds greater than 0 (at most 86400)".into())
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The API region; each has its own base URL and its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Region {
    Us,
    Eu,
}

/// A value of an enumerated flag: one this version knows (checked in any case, sent in the
/// API's case, offered by help and completion), or one it does not, sent as given, so that a
/// value the server adds later is not refused here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lenient<T> {
    Known(T),
    Unknown(String),
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> Lenient<T> {
    fn parser() -> LenientParser<T> {
        LenientParser(std::marker::PhantomData)
    }

    /// The value as the API takes it.
    pub fn api_value(&self) -> String {
        match self {
            Lenient::Known(value) => api_value(value),
            Lenient::Unknown(value) => value.clone(),
        }
    }

    /// The values this version knows, for messages: "pending, running, …".
    pub fn known() -> String {
        T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Clone)]
pub struct LenientParser<T>(std::marker::PhantomData<T>);

impl<T: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for LenientParser<T> {
    type Value = Lenient<T>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lenient<T>, clap::Error> {
        let invalid = |kind| clap::Error::new(kind).with_cmd(cmd);
        let text = value
            .to_str()
            .ok_or_else(|| invalid(clap::error::ErrorKind::InvalidUtf8))?
            .trim();
        if text.is_empty() {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                "the value is empty; an empty filter would match everything\n",
            )
            .with_cmd(cmd));
        }
        Ok(match T::from_str(text, true) {
            Ok(known) => Lenient::Known(known),
            Err(_) => Lenient::Unknown(text.to_string()),
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// Output formats. `markdown` and `text` apply to `parsing get` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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

/// Parsing tiers, sent in snake case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Tier {
    Fast,
    CostEffective,
    Agentic,
    AgenticPlus,
}

/// Parse job statuses, sent upper case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum ParseJobStatus {
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// Batch statuses, sent upper case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum BatchStatus {
    Pending,
    Throttled,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// Batch-processing job types, sent lower case as the v1 beta API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
pub enum BatchJobType {
    Parse,
    Extract,
    Classify,
}

/// Batch-processing job statuses, sent lower case as the v1 beta API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
pub enum BatchJobStatus {
    Pending,
    Running,
    Dispatched,
    Completed,
    Failed,
    Cancelled,
}

/// The exact string the API expects for an enum value: its clap name, in the endpoint's case.
pub fn api_value<T: ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn enum_values_are_sent_in_the_case_each_endpoint_expects() {
        assert_eq!(api_value(&ParseJobStatus::Cancelled), "CANCELLED");
        assert_eq!(api_value(&BatchStatus::Throttled), "THROTTLED");
        assert_eq!(api_value(&BatchJobStatus::Dispatched), "dispatched");
        assert_eq!(api_value(&BatchJobType::Classify), "classify");
    }

    #[test]
    fn max_items_takes_what_llp_takes() {
        assert_eq!(parse_max_items("-1"), Ok(MaxItems(None)));
        assert_eq!(parse_max_items("-2"), Ok(MaxItems(None)));
        assert_eq!(parse_max_items("7"), Ok(MaxItems(Some(7))));
        assert_eq!(parse_max_items("0"), Ok(MaxItems(Some(0))));
        assert!(parse_max_items("lots").is_err());
    }

    #[test]
    fn ids_and_filters_are_trimmed_and_never_empty() {
        assert_eq!(non_empty(" pjb-1 "), Ok("pjb-1".to_string()));
        assert!(non_empty("").is_err());
        assert!(non_empty(" \t").is_err());
    }

    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(id(" pjb-1 "), Ok("pjb-1".to_string()));
        assert_eq!(id("a b?c%"), Ok("a b?c%".to_string()));
        for bad in ["", ".", "..", " .. ", "a/b", "/", "../x"] {
            assert!(id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn durations_are_bounded() {
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("366d"), Ok(MAX_DURATION));
        assert!(parse_duration("367d").is_err());
        assert!(parse_duration("18446744073709551615").is_err());
    }

    #[test]
    fn timeout_is_positive_seconds() {
        assert_eq!(parse_timeout("2.5"), Ok(Duration::from_millis(2500)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
