//! What a document's result is written as, and what the store keeps of it.

use crate::api::models::Part;

/// What a result is written as, and the store's name for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Part(Part),
    /// The job response with markdown and text, as JSON.
    Json,
    /// The job response alone, as the formats that print the job's record take it.
    Job,
    /// The whole job response (`parse --save`, `--page-markers`): every part, the items, the
    /// pages' metadata and the links to its images and spreadsheet, kept with the files those
    /// links lead to; the document written from it as `Some(part)`, or (`None`) as JSON.
    Full(Option<Part>),
}

impl Kind {
    /// The store's name for the kind.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Full(_) => "full",
            kind => kind.extension(),
        }
    }

    /// The extension of the output the kind is written as.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Part(Part::Markdown) | Kind::Full(Some(Part::Markdown)) => "md",
            Kind::Part(Part::Text) | Kind::Full(Some(Part::Text)) => "txt",
            Kind::Json | Kind::Full(None) => "json",
            Kind::Job => "job",
        }
    }

    /// The kind that keeps the whole response when `full`, else this one.
    pub(crate) fn full_if(self, full: bool) -> Kind {
        match self {
            Kind::Part(part) if full => Kind::Full(Some(part)),
            Kind::Json if full => Kind::Full(None),
            kind => kind,
        }
    }

    /// What a window of a long document keeps: its response, whole when the document is.
    pub(crate) fn of_window(self) -> Kind {
        match self {
            Kind::Full(_) => Kind::Full(None),
            _ => Kind::Json,
        }
    }
}
