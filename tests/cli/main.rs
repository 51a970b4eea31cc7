//! End-to-end tests: the real binary, run in a cleared environment against httpmock or the
//! bundled fake server on loopback.

mod ecosystem;
mod errors;
mod every_command;
mod fake_server;
mod harness;
mod hostile;
mod human;
mod imports;
mod output;
mod output_file;
mod pagination;
mod query;
mod retries;
mod scripted;
mod wait;
