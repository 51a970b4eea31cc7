//! One module per command. A command builds its request from its arguments, asks the API (or
//! the parse engine, `crate::parse`) for pages or a document, and hands them to the printer its
//! `Output` chose. Commands get their streams, environment and clock from the `Context`, never
//! from the process, and never import each other.

pub mod auth;
pub mod batch_processing;
pub mod batches;
pub mod cache;
pub mod completions;
pub mod config;
pub mod generate_docs;
pub mod man;
pub mod parse;
pub mod parsing;
