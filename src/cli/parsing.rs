//! The flags of `parse` and the `parsing` commands.

use std::time::Duration;

use clap::Args;

use crate::cli::common::{CreatedRange, CursorArgs, ScopeArgs};
use crate::cli::values::{Lenient, id, non_empty, non_empty_path, parse_metadata, wait_timeout};
use crate::domain::{ParseJobStatus, Tier};

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
    pub store: StoreArgs,

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
    /// Local files to upload, or http(s):// URLs for the API to fetch (several need --output-dir;
    /// - reads the document from stdin)
    #[arg(value_name = "FILE|URL", value_parser = non_empty)]
    pub sources: Vec<String>,

    /// The name a document read from stdin (-) is uploaded as; its extension tells the API its
    /// type
    #[arg(long, value_name = "NAME", default_value = "stdin", value_parser = crate::cli::values::file_name)]
    pub filename: String,

    /// Where the document given as - was spooled to.
    #[arg(skip)]
    pub spooled: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub bulk: BulkArgs,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub job: JobOptions,

    /// Give up waiting after this long (for each document): 90s, 30m, 2h, or seconds
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = wait_timeout)]
    pub wait_timeout: Duration,

    /// Cancel a job that has not ended by --wait-timeout (else it runs on, and the next run
    /// waits for it)
    #[arg(long)]
    pub cancel_on_timeout: bool,

    /// Parse a document of more than N pages as consecutive windows of N pages, side by side,
    /// stitched back into one (a PDF's pages are counted here; another document is windowed once
    /// the API refuses it as too long); 0: one job per document
    #[arg(long, value_name = "N", default_value_t = crate::domain::WINDOW_PAGES,
        value_parser = crate::cli::values::window_pages, help_heading = "Long documents")]
    pub window_pages: u64,

    /// Keep beside each document what its parse produces (repeatable, or comma-separated):
    /// images, screenshots, items, json, tables, pages; in <output>.assets/ (images, screenshots
    /// and tables are asked of the API: a new job for a document parsed without them)
    #[arg(
        long,
        value_name = "WHAT",
        value_delimiter = ',',
        help_heading = "Saving more"
    )]
    pub save: Vec<crate::domain::Saved>,

    /// Put a line `<!-- page N -->` before each page of the document (N: its page in the
    /// original; with extract_printed_page_number, also its printed label)
    #[arg(long, help_heading = "Saving more")]
    pub page_markers: bool,

    #[command(flatten)]
    pub spend: SpendArgs,

    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Spending: a credit budget, and escalating what failed to a better tier.
#[derive(Debug, Args)]
#[command(next_help_heading = "Spending")]
pub struct SpendArgs {
    /// Start no job that could take the credits billed in this run past N (each job reserves
    /// its pages × its tier's credits a page before it is created); what is left is said, exit 8
    /// [default: the profile's max_credits (config set max_credits), else no limit]
    #[arg(long, value_name = "N", value_parser = crate::cli::values::credits)]
    pub max_credits: Option<f64>,

    /// The pages a document whose page count is not known here is reserved for (corrected once
    /// its job is billed)
    #[arg(long, value_name = "N", default_value_t = crate::domain::ASSUME_PAGES,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub assume_pages: u64,

    /// Parse again on TIER only the pages that came back failed or empty, one job a document
    /// over those pages, and put them in place of the first ones
    #[arg(long, value_name = "TIER")]
    pub escalate: Option<crate::domain::Tier>,
}

impl SpendArgs {
    /// No budget and no escalation: what `parsing create` spends by.
    pub const NONE: SpendArgs = SpendArgs {
        max_credits: None,
        assume_pages: crate::domain::ASSUME_PAGES,
        escalate: None,
    };
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

    /// Uploads in flight at once (fewer while the API answers 429)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Jobs in flight at once: created and not yet ended
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_in_flight: u32,

    /// Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N
    /// machines given the same tree each pay for their share only
    #[arg(long, value_name = "K/N", value_parser = crate::cli::values::shard)]
    pub shard: Option<(u32, u32)>,

    /// With --recursive: follow symbolic links (loops are detected and skipped)
    #[arg(long, short = 'L')]
    pub follow: bool,
}

/// Paying once: the result store (see `config set cache_dir`).
#[derive(Debug, Args)]
#[command(next_help_heading = "Paying once")]
pub struct StoreArgs {
    /// Parse again, even when the result store or the output directory has the result
    #[arg(long)]
    pub force: bool,

    /// Neither read nor write the result store: every document is parsed (and paid for)
    #[arg(long)]
    pub no_cache: bool,

    /// Send nothing: say for each document whether it would be parsed (paid for), is done, is
    /// in the result store or is skipped (and why), with its size and the pages that would be
    /// parsed, then a total
    #[arg(long)]
    pub dry_run: bool,

    /// A result store shared by machines, behind the local one: s3://BUCKET/PREFIX,
    /// gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud's
    /// environment) [default: $LLAMACLOUD_STORE, else the profile's store]
    #[arg(long, value_name = "URL", value_parser = crate::cli::values::store_url)]
    pub store: Option<String>,

    /// When the shared store cannot be reached: stop creating jobs (a machine that cannot see
    /// the others' claims could pay for a job another is paying for), or go on with the local
    /// store alone
    #[arg(long, value_name = "WHAT", value_enum, default_value_t = Unreachable::Stop)]
    pub store_unreachable: Unreachable,
}

/// What a run does when its shared store cannot be reached (`--store-unreachable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Unreachable {
    /// Stop creating jobs (exit 1)
    Stop,
    /// Go on with the local store alone (said in the summary)
    Local,
}

impl ParseArgs {
    /// What an argument names: `-` is the document read from stdin.
    pub fn source_of(&self, argument: &str) -> crate::api::parse_jobs::Source {
        match (&self.spooled, argument) {
            (Some(path), "-") => crate::api::parse_jobs::Source::File(path.clone()),
            _ => crate::api::parse_jobs::Source::of_argument(argument),
        }
    }

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
        self.output_dir.is_some()
            || !self.recursive.is_empty()
            || self.from_list.is_some()
            || self.shard.is_some()
    }
}

/// `--wait` and its bound, for the commands that can wait for a parse job.
#[derive(Debug, Args)]
pub(crate) struct WaitArgs {
    /// Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with
    /// --format markdown|text (exit 6 unless COMPLETED)
    #[arg(long)]
    pub wait: bool,

    /// Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = wait_timeout, requires = "wait")]
    pub wait_timeout: Duration,

    /// Cancel the job when it has not ended by --wait-timeout
    #[arg(long, requires = "wait")]
    pub cancel_on_timeout: bool,
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

    /// Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)
    #[arg(long, value_name = "PAGES", value_parser = crate::cli::values::target_pages)]
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
    /// the flags above win over it; a key the v2 configuration does not take is refused before
    /// anything is sent
    #[arg(long, value_name = "FILE")]
    pub options: Option<std::path::PathBuf>,

    /// Send keys of --options this version does not know (options newer than it)
    #[arg(long, requires = "options")]
    pub allow_unknown_options: bool,
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
