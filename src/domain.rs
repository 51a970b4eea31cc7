//! The API's enumerated values as the command line offers them: regions, tiers and statuses,
//! each sent in the case its endpoint expects (`cli::api_value`).

use clap::ValueEnum;

/// The API region; each has its own base URL and its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Region {
    Us,
    Eu,
}

/// Parsing tiers, sent in snake case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub(crate) enum Tier {
    Fast,
    CostEffective,
    Agentic,
    AgenticPlus,
}

/// Parse job statuses, sent upper case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum ParseJobStatus {
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// Batch statuses, sent upper case as the v2 API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum BatchStatus {
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
pub(crate) enum BatchJobType {
    Parse,
    Extract,
    Classify,
}

/// Batch-processing job statuses, sent lower case as the v1 beta API expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
pub(crate) enum BatchJobStatus {
    Pending,
    Running,
    Dispatched,
    Completed,
    Failed,
    Cancelled,
}

/// Pages per window of a long document unless `--window-pages` says otherwise.
pub(crate) const WINDOW_PAGES: u64 = 100;

/// The pages reserved against `--max-credits` for a document whose page count is not known
/// before it is parsed (`--assume-pages`).
pub(crate) const ASSUME_PAGES: u64 = 50;

/// The most pages one job is known to take: the API refuses more for its agentic parse modes
/// ("max pages allowed for parse mode parse_page_with_agent is 700").
pub(crate) const MOST_PAGES_PER_JOB: u64 = 700;

/// What `parse --save` keeps beside a document, besides its markdown or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ValueEnum)]
pub(crate) enum Saved {
    /// The document's embedded images and cropped figures (`images_to_save`: embedded, layout).
    Images,
    /// One rendering of each page (`images_to_save`: screenshot).
    Screenshots,
    /// The structured pages (`expand=items`), one JSON file.
    Items,
    /// The whole result as the API gives it, one JSON file.
    Json,
    /// The tables as one spreadsheet (`tables_as_spreadsheet`).
    Tables,
    /// One file per page.
    Pages,
}
