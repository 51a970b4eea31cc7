//! The flags of the `batches` and `batch-processing` commands.

use clap::Args;

use crate::cli::common::{CreatedRange, CursorArgs, ItemLimit, ScopeArgs};
use crate::cli::values::{Lenient, id, non_empty, zero_or_more};
use crate::domain::{BatchJobStatus, BatchJobType, BatchStatus};

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
