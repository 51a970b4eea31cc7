//! Where a decoded document goes and what decoding tells besides its text: the [`Pages`] sink,
//! the pages the API could not parse, and why decoding stopped.

use std::io;

use struson::reader::ReaderError;

use crate::api::document::read::reading_failed;
use crate::api::error::Error;
use crate::api::models::Part;

/// Where a document's text goes, page by page.
pub trait Pages {
    /// A page's text (or the whole document's) begins.
    fn begin(&mut self) -> io::Result<()>;
    /// The next piece of that text.
    fn write(&mut self, text: &[u8]) -> io::Result<()>;
    /// That text has ended.
    fn end(&mut self) -> io::Result<()>;
    /// A page the API could not parse, at its place among the others (after the whole
    /// document's text when that came first).
    fn failed(&mut self, page: &FailedPage) -> io::Result<()>;
}

/// A page the API could not parse: as the document marks it, the run reports it, and the store
/// and the output directory's manifest record it (as `{"page", "error"}`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FailedPage {
    #[serde(rename = "page")]
    pub page_number: String,
    pub error: String,
}

/// What decoding learned besides the text it handed over.
#[derive(Debug, Default)]
pub struct Decoded {
    /// Pages the API could not parse.
    pub failed: Vec<FailedPage>,
    /// Page numbers that came after a higher one.
    pub out_of_order: Vec<String>,
}

/// Why there is no content: what the job said of itself.
#[derive(Debug)]
pub struct MissingContent {
    pub part: Part,
    pub status: Option<String>,
    /// The job's tier: the fast tier makes text only.
    pub tier: Option<String>,
}

/// Why decoding a document stopped.
#[derive(Debug)]
pub enum DecodeError {
    /// The response could not be read, or is not a job.
    Read(Error),
    /// The sink failed (kept apart, so that a closed pipe stays a closed pipe).
    Write(io::Error),
    /// The response has no such content.
    Missing(MissingContent),
}

impl From<ReaderError> for DecodeError {
    fn from(err: ReaderError) -> Self {
        DecodeError::Read(reading_failed(err))
    }
}
