//! What a dry run says of `--save`: what each document would save, and whether asking for it
//! needs a new job (images, screenshots and spreadsheets are asked of the API when the job is
//! made: a document parsed before without them is parsed again, once).

use serde_json::{Map, Value};

use crate::parse::bulk::sources::Document;
use crate::parse::kind::Kind;
use crate::parse::once::{Known, Shared};
use crate::parse::save::Saving;
use crate::session::Session;

/// What a run's `--save` asks of each document.
pub(super) struct Saves<'a> {
    pub saving: &'a Saving,
    /// The configuration as it would be without `--save` (when `--save` changes it).
    pub plain: Option<Map<String, Value>>,
}

impl<'a> Saves<'a> {
    /// `unsaved`: the run's configuration before `--save` asked for more of it.
    pub(super) fn new(
        saving: &'a Saving,
        unsaved: Map<String, Value>,
        configuration: &Map<String, Value>,
    ) -> Self {
        Saves {
            saving,
            plain: (&unsaved != configuration).then_some(unsaved),
        }
    }

    /// What the document would save, as its line names it.
    pub(super) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .saving
            .what
            .iter()
            .map(|what| format!("{what:?}").to_lowercase())
            .collect();
        if self.saving.page_markers {
            names.push("page markers".into());
        }
        names
    }

    /// Why the document would be a new job although it was parsed before: its result without
    /// what `--save` asks the API for is known.
    pub(super) fn new_job(&self, session: &Session, shared: &Shared, document: &Document) -> Option<String> {
        let plain = self.plain.as_ref()?;
        let keys = shared
            .key_through_stat_cache(session, &document.source, plain, false)
            .ok()?;
        let known = shared.known(&keys.key, Kind::Json);
        matches!(known, Known::Stored { .. } | Known::Completed(_)).then(|| {
            "a new job: it was parsed before without the images or tables --save asks the API for".to_string()
        })
    }
}
