//! The page windows of a document in a dry run: those the real run would parse it in, each
//! looked up by its own result key as the real run looks it up, nothing written.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::parse::bulk::sources::Document;
use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::parse::window::{Long, Window};
use crate::session::Session;

/// What a document's windows are found and looked up with.
pub(super) struct Windows<'a> {
    pub session: &'a Session,
    pub shared: &'a Shared,
    /// The document's configuration (each window's is it with the window's pages).
    pub configuration: &'a Map<String, Value>,
    pub kind: Kind,
    /// `--window-pages` (0: no windows).
    pub window_pages: u64,
    pub force: bool,
}

/// One page window of a document's line.
#[derive(Serialize)]
pub(super) struct PlannedWindow {
    /// As `page_ranges.target_pages` has them (`101-200`).
    pages: String,
    /// `parse` (it would be paid for), `cached` (its result, or its completed job, is known)
    /// or `running` (its job is waited for).
    status: &'static str,
    /// How many pages it has.
    #[serde(skip)]
    count: u64,
}

/// The windows as a document's line says them: `: 3 windows: 1-100 cached, 101-200 parse, …`.
pub(super) fn said(windows: &[PlannedWindow]) -> String {
    let each: Vec<String> = windows
        .iter()
        .map(|w| format!("{} {}", w.pages, w.status))
        .collect();
    format!(": {} windows: {}", windows.len(), each.join(", "))
}

/// Whether any of the windows would be paid for.
pub(super) fn any_paid(windows: &[PlannedWindow]) -> bool {
    windows.iter().any(|w| w.status == "parse")
}

/// The pages of the windows that would be paid for.
pub(super) fn to_pay(windows: &[PlannedWindow]) -> u64 {
    windows
        .iter()
        .filter(|w| w.status == "parse")
        .map(|w| w.count)
        .sum()
}

impl Windows<'_> {
    /// The page windows the real run would parse the document in (a local PDF longer than
    /// `--window-pages`), each with what the store and OUT know of its own key.
    pub(super) fn of(&self, document: &Document, key: &str) -> Result<Option<Vec<PlannedWindow>>, Error> {
        let name = document.name();
        let Some((_, windows)) = self.long(document, &name).windows(self.shared, key, self.kind) else {
            return Ok(None);
        };
        windows
            .iter()
            .map(|window| {
                Ok(PlannedWindow {
                    pages: window.target_pages(),
                    status: self.status(document, window)?,
                    count: window.pages(),
                })
            })
            .collect::<Result<Vec<_>, Error>>()
            .map(Some)
    }

    /// The document as the real run would window it.
    fn long<'d>(&'d self, document: &'d Document, name: &'d str) -> Long<'d> {
        Long {
            name,
            source: &document.source,
            configuration: self.configuration,
            window_pages: self.window_pages,
            force: self.force,
            parallel: 1,
            stored: self.kind.of_window(),
        }
    }

    /// What would become of one window: its result as the real run looks it up (its own key,
    /// the JSON result), nothing written.
    fn status(&self, document: &Document, window: &Window) -> Result<&'static str, Error> {
        if !self.shared.records() && self.shared.remote.is_none() {
            // Nothing is known without a store or a manifest: every window is paid for.
            return Ok("parse");
        }
        let name = document.name();
        let long = self.long(document, &name);
        let key = long.key_of(self.shared, self.session, window, false)?;
        Ok(match long.known(self.shared, &key) {
            Known::Stored { .. } | Known::Completed(_) => "cached",
            Known::Running(_) => "running",
            Known::Unanswered(_) | Known::Ended(_) | Known::Nothing => "parse",
        })
    }
}
