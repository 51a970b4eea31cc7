//! What `parse` and `parsing create` ask for, in one form whichever command asked.

use std::time::Duration;

use crate::api::parse_jobs::Source;
use crate::cli::{BulkArgs, JobOptions, ParseArgs, ParsingCreateArgs, ScopeArgs, SpendArgs, StoreArgs};
use crate::parse::save::Saving;

/// What `parse` and `parsing create` ask for, in one form whichever command asked: the documents
/// (each with the name the user gave it) and the flags every parse takes.
pub(crate) struct Request<'a> {
    pub(crate) sources: Vec<(Source, String)>,
    pub(crate) job: &'a JobOptions,
    pub(crate) scope: &'a ScopeArgs,
    pub(crate) store: &'a StoreArgs,
    pub(crate) bulk: &'a BulkArgs,
    /// How long to wait for each job, and whether to cancel one that has not ended by then.
    pub(crate) wait_timeout: Duration,
    pub(crate) cancel_on_timeout: bool,
    /// One document (no bulk option): written to stdout or `-o`.
    pub(crate) single: bool,
    /// `--window-pages`: a longer document is parsed in windows of this many pages (0: never;
    /// `parsing create` makes one job a document).
    pub(crate) window_pages: u64,
    /// What `parse --save` keeps beside each document, and `--page-markers`.
    pub(crate) saving: Saving,
    /// `parse --max-credits`, `--assume-pages`, `--escalate`.
    pub(crate) spend: &'a SpendArgs,
}

impl<'a> Request<'a> {
    /// `parse FILE|URL|-…`.
    pub(crate) fn of_parse(args: &'a ParseArgs) -> Self {
        Request {
            sources: args
                .sources
                .iter()
                .map(|s| (args.source_of(s), s.clone()))
                .collect(),
            job: &args.job,
            scope: &args.scope,
            store: &args.store,
            bulk: &args.bulk,
            wait_timeout: args.wait_timeout,
            cancel_on_timeout: args.cancel_on_timeout,
            single: !args.is_bulk(),
            window_pages: args.window_pages,
            saving: Saving::new(&args.save, args.page_markers),
            spend: &args.spend,
        }
    }

    /// `parsing create FILE…|--source-url URL|--file-id ID`.
    pub(crate) fn of_create(args: &'a ParsingCreateArgs) -> Self {
        let mut sources: Vec<(Source, String)> = args
            .files
            .iter()
            .map(|f| (Source::File(f.clone()), f.display().to_string()))
            .collect();
        if let Some(url) = &args.source_url {
            sources.push((Source::Url(url.clone()), url.clone()));
        }
        if let Some(id) = &args.file_id {
            sources.push((Source::FileId(id.clone()), id.clone()));
        }
        Request {
            sources,
            job: &args.job,
            scope: &args.scope,
            store: &args.store,
            bulk: &args.bulk,
            wait_timeout: args.waiting.wait_timeout,
            cancel_on_timeout: args.waiting.cancel_on_timeout,
            single: !args.is_bulk(),
            window_pages: 0,
            saving: Saving::default(),
            spend: &SpendArgs::NONE,
        }
    }
}
