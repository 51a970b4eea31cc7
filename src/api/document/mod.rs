//! Streaming decoders of a job response (`GET /api/v2/parse/{id}` with content expanded), with
//! struson: a document's pages are handed to a [`Pages`] sink as they are read (`decoder`, into
//! the types of `pages`), and a summary keeps only counts (`summary`), so memory stays flat
//! whatever the size of a page or of the document.
//!
//! The whole-document string (`markdown_full`, `text_full`) is handed over only when no pages
//! come before it, and then pages after it are not handed over again; when pages come first it
//! is skipped unread.

mod decoder;
mod pages;
mod read;
mod summary;

pub use decoder::decode;
pub use pages::{DecodeError, Decoded, FailedPage, MissingContent, Pages};
pub use read::{connection_failed, reading_failed};
pub use summary::{Extent, Summary, summarize};
