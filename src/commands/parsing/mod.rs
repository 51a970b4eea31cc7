//! `parsing list`, `parsing get`, `parsing versions`, `parsing cancel` and `parsing delete`.

pub mod cancel;
pub mod create;
pub mod delete;
pub mod download;
pub mod get;
pub mod list;
pub mod versions;
