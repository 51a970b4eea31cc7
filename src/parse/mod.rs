//! The parse engine: one document's lifecycle from "found" to "written", shared by `parse` and
//! `parsing create`, one document or many, for real or as a dry run.
//!
//! A `plan` is resolved once from the arguments (session, configuration, tier and format rules,
//! output); then for each document: its key (`key`) → what OUT and the store already know →
//! its claim → its job (`once`: an intent on disk, one create, a lost answer found by its
//! token) → the wait (`job`, `wait`; or the bulk poller) → the fetch (`fetch`) → the write.
//! What differs between a single parse (`single`), a bulk run and a dry run (`bulk`) is only
//! who waits and who writes.

pub(crate) mod bulk;
pub(crate) mod claim;
pub(crate) mod create;
pub(crate) mod escalate;
pub(crate) mod fetch;
pub(crate) mod job;
pub(crate) mod key;
pub(crate) mod kind;
pub(crate) mod known;
pub(crate) mod once;
pub(crate) mod open;
pub(crate) mod pdf;
pub(crate) mod plan;
pub(crate) mod request;
pub(crate) mod save;
pub(crate) mod single;
pub(crate) mod spend;
pub(crate) mod stdin;
pub(crate) mod token;
pub(crate) mod version;
pub(crate) mod wait;
pub(crate) mod window;
