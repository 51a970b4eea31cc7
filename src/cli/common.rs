//! Flags shared by several commands: the scope, the created-at range, paging and the item
//! limit.

use clap::Args;
use jiff::Timestamp;

use crate::cli::values::{MaxItems, at_least_one, non_empty, parse_max_items};
use crate::time::parse_time;

/// Commands that take only the project and organization.
#[derive(Debug, Args)]
pub struct ScopeOnlyArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
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
pub(crate) struct ItemLimit {
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
