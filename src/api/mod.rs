//! Talking to the LlamaCloud API: the client, its errors, the endpoints and paging.

pub mod client;
pub mod endpoints;
pub mod error;
pub mod page;
pub mod paginate;
pub mod query;
pub mod retry;
pub use error::Error;
