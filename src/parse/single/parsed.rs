//! The document `parse FILE` works on, and what its run has to do it with.

use serde_json::{Map, Value};

use crate::api::parse_jobs::Source;
use crate::cli::GlobalArgs;
use crate::domain::Tier;
use crate::output::Output;
use crate::parse::kind::Kind;
use crate::parse::once;
use crate::parse::save::Saving;
use crate::session::Session;

/// The document being parsed, and what its run has to do it with.
pub(super) struct Document<'a> {
    pub(super) key: &'a str,
    pub(super) kind: Kind,
    pub(super) timeout: std::time::Duration,
    /// Cancel the job when it has not ended by `timeout`.
    pub(super) cancel: bool,
    pub(super) shared: &'a once::Shared,
    pub(super) session: &'a Session,
    pub(super) output: &'a Output,
    /// To print the job's record (`Kind::Job`) with.
    pub(super) global: &'a GlobalArgs,
    /// What is saved beside the document (`Kind::Full`).
    pub(super) saving: &'a Saving,
    /// The document, as the user named it.
    pub(super) name: &'a str,
    /// Where the document is written (or would be, on stdout), to name its files after.
    pub(super) target: std::path::PathBuf,
    /// `--escalate TIER`, and what its job is made with: the document, the run's configuration
    /// (the first job's), and `--force`.
    pub(super) escalate: Option<Tier>,
    pub(super) source: &'a Source,
    pub(super) configuration: &'a Map<String, Value>,
    pub(super) force: bool,
}
