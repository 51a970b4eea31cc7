//! End-to-end tests: the real binary, run in a cleared environment against httpmock or the
//! bundled fake server on loopback.

mod errors;
mod fake_server;
mod harness;
mod output;
mod pagination;
mod query;
