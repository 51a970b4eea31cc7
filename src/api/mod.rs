//! Talking to the LlamaCloud API. One typed function per call, by resource (`parse_jobs`,
//! `batches`, `files`); the models they answer with (`models`) and the streaming decoders of a job
//! response (`document`); beneath them the client (`client`: the send and retry core, with
//! `upload`, `trace`, `body`, `throttle`, `retry`), paths (`endpoints`), queries (`query`) and
//! paging (`page`, `paginate`). Nothing here knows the command line: errors carry what
//! happened, and the commands say what to change.

pub mod batches;
mod body;
pub mod client;
pub mod configuration;
pub mod document;
pub mod endpoints;
pub mod error;
pub mod files;
pub mod models;
pub mod page;
pub mod paginate;
pub mod parse_jobs;
mod proxy;
pub mod query;
pub mod retry;
mod socket;
pub mod throttle;
mod trace;
pub mod upload;

pub use body::Reply;
pub use error::Error;
pub use query::Scope;
