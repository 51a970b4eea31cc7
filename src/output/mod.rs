//! Output: where it goes (`destination`), which printer writes it (`style`), one printer per
//! format behind the `printer` traits, and the pieces they share. Nothing here knows about
//! HTTP beyond the shapes of the API's documents.

pub mod batch;
pub mod destination;
pub mod document;
pub mod job;
pub mod jq;
pub mod json;
pub mod look;
pub mod printer;
pub mod progress;
pub mod resource;
pub mod style;
pub mod table;
pub mod tsv;
pub mod yaml;

mod chosen;
pub use chosen::Output;
