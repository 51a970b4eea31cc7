//! `batches list`, `batches get` and `batches cancel`.

pub mod cancel;
pub mod get;
pub mod list;
